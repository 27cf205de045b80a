"""Date expressions in Arabic and English news, resolved against the publication date.

``find_dates(text, published)`` returns a ``DateMention`` per date phrase:
absolute dates ("14 تشرين الأول/أكتوبر 2017", "الخامس من آذار 2020",
"12 August 2021", "15/3/2023", "23 شعبان 1444 هـ"), dates whose year comes from
context ("16 آذار الماضي", "12 آب الجاري", "14 تشرين الأول من العام الماضي",
"16 الشهر الماضي"), day words ("أمس", "فجر اليوم", "مساء أمس الثلاثاء",
"yesterday"), weekdays ("يوم الجمعة", "الخميس الماضي", "ليلة السبت إلى الأحد",
"on Wednesday"), periods ("الأسبوع الماضي", "last month"), "ago" phrases
("قبل يومين", "three days ago"), years ("عام 2019") and period starts/ends
("منذ 24 آذار 2019" -> kind "since"). Day ranges ("5 و6 آذار") and weekday
spans are dated by their first day.

A bare weekday is the publication day itself when that is its weekday (reports,
Arabic and English, name the day they file by its weekday: "يوم الاثنين", "early
Wednesday"), else the latest such day before publication.

``value`` is ISO "YYYY-MM-DD", "--MM-DD" (no year can be fixed), "YYYY-MM",
"YYYY", or None; ``precision`` is ACLED's time_precision (1 day, 2 week or a
few days, 3 month or longer). Without a publication date, phrases relative to
it resolve to None: a date is never invented. ``note`` says, in English, how
the value was reached.

Written years outside ``WRITTEN_YEARS`` are not read as dates, and a publication
date outside that range is not used to resolve anything, so no arithmetic runs
near the calendar's ends (years 1 and 9999); a phrase that would still leave the
calendar resolves to None with a note saying so.
"""

from __future__ import annotations

import calendar
import logging
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from hijridate import Gregorian, Hijri

from marsad.text.date_lexicon import DIGIT_PATTERNS, DateLexicon, default_date_lexicon
from marsad.text.intervals import Intervals
from marsad.text.normalize import NormalizedText

log = logging.getLogger(__name__)

EARLIEST_YEAR = 2011  # first year considered when a weekday has to fix a missing year
FUTURE_SLACK_DAYS = 2  # a day-month more than this after publication is taken as last year's
FEW_DAYS = 3  # "منذ أيام" / "days ago": this many days back, at week precision
WRITTEN_YEARS = (1900, 2199)  # years a written date (or a usable publication date) may have
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date phrase ``text[start:end]`` and what it resolves to."""

    start: int
    end: int
    text: str
    value: str | None
    precision: int
    kind: str  # absolute | relative | weekday | month | year | since | until
    note: str
    year_inferred: bool = False
    offset: int | None = None  # days from an unknown publication date ("أمس": -1), when there is none
    weekday: int | None = None  # the weekday an unresolved phrase names ("مساء الأربعاء": 2), 0 = Monday


@dataclass(frozen=True, slots=True)
class _Context:
    """What resolution may use: the publication date and the latest plausible year."""

    published: date | None
    latest_year: int


@dataclass(frozen=True, slots=True)
class _Resolved:
    """A resolution before it becomes a mention."""

    value: str | None
    precision: int
    kind: str
    note: str
    year_inferred: bool = False
    offset: int | None = None
    weekday: int | None = None


def find_dates(
    text: str | NormalizedText,
    published: date | None = None,
    *,
    latest_year: int | None = None,
    lexicon: DateLexicon | None = None,
) -> list[DateMention]:
    """Return the date phrases of ``text`` in order, resolved against ``published``.

    Args:
        latest_year: the last year a weekday may pick when no year is written
            (default: the publication year, else the current year).
    """
    nt = text if isinstance(text, NormalizedText) else NormalizedText(text)
    lex = lexicon or default_date_lexicon()
    published = published if published is None or usable_year(published.year) else None
    last = latest_year or (published.year if published else date.today().year)
    ctx = _Context(published, last)
    mentions = []
    for name, match in _pick(_candidates(nt, lex)):
        resolved = _resolve(name, match, lex, ctx)
        if resolved is None:
            continue
        start, end = _content_span(match)
        start, resolved = _mid_month(nt.norm, start, resolved, lex)
        start, resolved = _since_until(nt.norm, start, resolved, lex, name)
        a, b = nt.to_text(start, end)
        mentions.append(DateMention(a, b, nt.text[a:b], resolved.value, resolved.precision,
                                    resolved.kind, resolved.note, resolved.year_inferred, resolved.offset,
                                    resolved.weekday))
    return mentions


def usable_year(year: int) -> bool:
    """True for a year a written date or a publication date may have (``WRITTEN_YEARS``)."""
    return WRITTEN_YEARS[0] <= year <= WRITTEN_YEARS[1]


# The kind a phrase has when its value cannot be computed.
_KIND_OF = {"numeric": "absolute", "day_month": "absolute", "day_of_month_period": "absolute",
            "month_day": "absolute", "month_year": "month", "month_alone": "month", "day_word": "relative",
            "period": "relative", "ago": "relative", "year": "year"}
_VALUE_YEAR = re.compile(r"^(\d+)(?:-|$)")


def _resolve(name: str, match: re.Match[str], lex: DateLexicon, ctx: _Context) -> _Resolved | None:
    """Run the resolver of ``name``; a value past the calendar's ends stays unresolved (value None)."""
    try:
        resolved = _RESOLVERS[name](match, lex, ctx)
    except (OverflowError, ValueError) as exc:  # date(...) / timedelta past year 1 or 9999
        log.debug("date %r left unresolved: %s", match.group(0), exc)
        return _Resolved(None, 3, _KIND_OF[name], f"outside the calendar ({exc})")
    if resolved is None or resolved.value is None:
        return resolved
    year = _VALUE_YEAR.match(resolved.value)
    if year and not usable_year(int(year.group(1))):
        return _Resolved(None, resolved.precision, resolved.kind, f"year outside {WRITTEN_YEARS[0]}-"
                         f"{WRITTEN_YEARS[1]}: {resolved.note}")
    return resolved


def _candidates(nt: NormalizedText, lex: DateLexicon) -> list[tuple[str, re.Match[str]]]:
    """Try the patterns only where a date word or a digit run starts (no full-text regex pass)."""
    norm = nt.norm
    starts: dict[int, set[str]] = {}
    for pos, names in lex.index.starts(nt):
        starts.setdefault(pos, set()).update(names)
    for start, end in nt.digit_runs():
        pos = start - 2 if norm.startswith("ال", max(0, start - 2)) and start >= 2 else start
        starts.setdefault(pos, set()).update(DIGIT_PATTERNS)
        if end - start == 4:
            _add_year_preposition(norm, start, lex, starts)
    found = []
    for pos in sorted(starts):
        for name in sorted(starts[pos]):
            match = lex.patterns[name].match(norm, pos)
            if match is not None and match.end() > match.start():
                found.append((name, match))
    return found


def _add_year_preposition(norm: str, start: int, lex: DateLexicon, starts: dict[int, set[str]]) -> None:
    """Try the year pattern from a preposition right before a four-digit run ("في 2019", "since 2011")."""
    before = norm[max(0, start - 12):start]
    words = before.split()
    if words and before.endswith((" ", "\n", "\t")) and words[-1] in lex.year_prepositions:
        starts.setdefault(start - len(before) + before.rindex(words[-1]), set()).add("year")


def _pick(found: list[tuple[str, re.Match[str]]]) -> list[tuple[str, re.Match[str]]]:
    """Keep the longest of overlapping matches (the first found on ties), in text order."""
    ranked = sorted(
        enumerate(found), key=lambda x: (-(x[1][1].end() - x[1][1].start()), x[1][1].start(), x[0])
    )
    taken: list[tuple[str, re.Match[str]]] = []
    kept = Intervals()
    for _, (name, match) in ranked:
        if match.end() > match.start() and not kept.overlaps(match.start(), match.end()):
            taken.append((name, match))
            kept.add(match.start(), match.end())
        elif match.end() == match.start() and all(match.end() <= m.start() or match.start() >= m.end()
                                                  for _, m in taken):
            taken.append((name, match))  # an empty match (none expected): the plain test
    return sorted(taken, key=lambda x: x[1].start())


def _content_span(match: re.Match[str]) -> tuple[int, int]:
    """The span of a match without a leading clitic ("ويوم" -> "يوم") or preposition ("in 2019" -> "2019")."""
    groups = match.re.groupindex
    if "cl" in groups and match.group("cl"):
        return match.end("cl"), match.end()
    if "yp" in groups and match.group("yp"):
        return match.start("year"), match.end()
    return match.start(), match.end()


def _since_until(
    norm: str, start: int, res: _Resolved, lex: DateLexicon, name: str
) -> tuple[int, _Resolved]:
    """Widen over a leading "منذ"/"since" or "حتى"/"until" and mark the period edge."""
    if name == "ago":
        return start, res
    window = max(0, start - 20)
    for kind, pattern in (("since", lex.since_re), ("until", lex.until_re)):
        match = pattern.search(norm, window, start)
        if match is not None:
            note = f"start of a period ({res.note})" if kind == "since" else f"end of a period ({res.note})"
            return match.start("w"), replace(res, kind=kind, note=note)
    return start, res


def _mid_month(norm: str, start: int, res: _Resolved, lex: DateLexicon) -> tuple[int, _Resolved]:
    """Widen a month over a leading "منتصف"/"mid-": its 15th, at week precision."""
    if res.kind != "month" or not res.value or len(res.value) != 7:
        return start, res
    match = lex.mid_re.search(norm, max(0, start - 20), start)
    if match is None:
        return start, res
    return match.start("w"), replace(res, value=f"{res.value}-15", precision=2, note=f"middle of the month ({res.note})")


# ---- helpers shared by the resolvers ----

def _key(match: re.Match[str], group: str) -> str | None:
    """The folded text of a group with whitespace collapsed, or None."""
    text = match.group(group) if group in match.re.groupindex else None
    return _SPACE_RE.sub(" ", text) if text else None


def _iso(day: date) -> str:
    return day.isoformat()


def _month_shift(year: int, month: int, delta: int) -> tuple[int, int]:
    """Add ``delta`` months to (year, month)."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _valid_day(month: int, day: int, year: int | None) -> bool:
    """True when ``day`` exists in ``month`` (of ``year``, or of a leap year when unknown)."""
    days = calendar.monthrange(year or 2000, month)[1]
    return 1 <= day <= days


def _weekday_note(day: date, weekday: int | None) -> str:
    """Say whether a written weekday agrees with the date."""
    if weekday is None:
        return ""
    if day.weekday() == weekday:
        return "; weekday agrees"
    return f"; WARNING: text says {_WEEKDAY_NAMES[weekday]} but {_iso(day)} is a {_WEEKDAY_NAMES[day.weekday()]}"


def _year_for_month(month: int, mod: int, published: date) -> int:
    """Year of a month named with last/this/next ("آذار الماضي") relative to publication."""
    if mod < 0:
        return published.year if month < published.month else published.year - 1
    if mod > 0:
        return published.year if month > published.month else published.year + 1
    return published.year


def _years_with_weekday(month: int, day: int, weekday: int, ctx: _Context) -> list[int]:
    """Years from EARLIEST_YEAR to the latest year where day-month falls on ``weekday``."""
    return [
        y for y in range(EARLIEST_YEAR, ctx.latest_year + 1)
        if _valid_day(month, day, y) and date(y, month, day).weekday() == weekday
    ]


def _day_of(match: re.Match[str], lex: DateLexicon) -> int:
    """The day of the month, written in digits or as an ordinal ("الخامس عشر")."""
    if match.group("day"):
        return int(match.group("day"))
    return lex.ordinal_days[_key(match, "dayw") or ""]


def _weekday_of(match: re.Match[str], lex: DateLexicon, *groups: str) -> int | None:
    """The weekday number of the first weekday group present."""
    for group in groups:
        key = _key(match, group)
        if key is not None:
            return lex.weekdays[key]
    return None


# ---- resolvers: one per pattern ----

def _resolve_numeric(match: re.Match[str], lex: DateLexicon, ctx: _Context) -> _Resolved | None:
    """"15/3/2023", "15-03-23" (day first) or ISO "2023-03-15"."""
    if match.group("iy"):
        y, m, d = int(match.group("iy")), int(match.group("im")), int(match.group("id"))
        order = "year-first"
    else:
        y, m, d = int(match.group("ny")), int(match.group("nm")), int(match.group("nd"))
        y, order = (y + 2000 if y < 100 else y), "day-first"
    if not 1 <= m <= 12 or not _valid_day(m, d, y):
        return None
    return _Resolved(_iso(date(y, m, d)), 1, "absolute", f"numeric date read {order} as {y:04d}-{m:02d}-{d:02d}")


def _resolve_day_month(match: re.Match[str], lex: DateLexicon, ctx: _Context) -> _Resolved | None:
    """A day and a month name, with a year, a year modifier, a month modifier, or none."""
    month = lex.months[_key(match, "month") or ""]
    day = _day_of(match, lex)
    note = _second_month_note(match, lex, month.number)
    if month.calendar == "hijri":
        return _resolve_hijri(match, day, month.number, ctx, note)
    if not 1 <= month.number <= 12 or not _valid_day(month.number, day, None):
        return None
    weekday = _weekday_of(match, lex, "wd")
    year, how, inferred = _gregorian_year(match, lex, ctx, month.number, day, weekday)
    resolved = _finish_day_month(match, lex, ctx, (year, month.number, day), weekday, how + note, inferred)
    return _widen_to_last_day(match, resolved, day)


def _widen_to_last_day(match: re.Match[str], resolved: _Resolved | None, first: int) -> _Resolved | None:
    """"5 و6 آذار" / "5-7 March": dated by the first day, at a few-days precision."""
    last = match.group("day2")
    if resolved is None or last is None or not first < int(last) <= 31:
        return resolved
    note = f"days {first}-{int(last)}, dated by the first day; {resolved.note}"
    return replace(resolved, precision=2 if int(last) - first <= 6 else 3, note=note)


def _second_month_note(match: re.Match[str], lex: DateLexicon, number: int) -> str:
    """Note when a paired month name ("تشرين الأول/أكتوبر") names a different month."""
    second = _key(match, "month2")
    if second is None or lex.months[second].number == number:
        return ""
    return f"; WARNING: paired month names disagree ({number} vs {lex.months[second].number})"


def _gregorian_year(
    match: re.Match[str], lex: DateLexicon, ctx: _Context, month: int, day: int, weekday: int | None
) -> tuple[int | None, str, bool]:
    """Fix the year of a day-month: written, by modifier, from publication, or by weekday."""
    written = match.group("year")
    if written and int(written) >= 1900:
        return int(written), "year as written", False
    ymod, mmod = _key(match, "ymod"), _key(match, "mmod")
    if ctx.published is not None and ymod is not None:
        offset = lex.modifiers[ymod]
        return ctx.published.year + offset, f"year = publication year {ctx.published.year} {offset:+d}", False
    if ctx.published is not None and mmod is not None:
        year = _year_for_month(month, lex.modifiers[mmod], ctx.published)
        return year, f"'{mmod}' month relative to publication {_iso(ctx.published)}", False
    if ctx.published is not None:
        return _year_from_publication(month, day, weekday, ctx)
    return _year_from_weekday(month, day, weekday, ctx)


def _year_from_publication(
    month: int, day: int, weekday: int | None, ctx: _Context
) -> tuple[int | None, str, bool]:
    """The latest year that puts day-month on or before publication (with slack), checked by weekday."""
    assert ctx.published is not None
    year = ctx.published.year
    if _valid_day(month, day, year) and date(year, month, day) > ctx.published + timedelta(FUTURE_SLACK_DAYS):
        year -= 1
    if not _valid_day(month, day, year):
        return None, "no year fits", False
    if weekday is not None and date(year, month, day).weekday() != weekday:
        found, how, inferred = _year_from_weekday(month, day, weekday, ctx)
        if found is not None:
            return found, how + " (the publication year's date falls on another weekday)", inferred
    return year, f"year inferred from publication date {_iso(ctx.published)}", True


def _year_from_weekday(
    month: int, day: int, weekday: int | None, ctx: _Context
) -> tuple[int | None, str, bool]:
    """The one year in EARLIEST_YEAR..latest_year where day-month falls on the weekday, if unique."""
    if weekday is None:
        return None, "no year written and no publication date", False
    years = _years_with_weekday(month, day, weekday, ctx)
    if len(years) == 1:
        return years[0], (
            f"year inferred: {years[0]} is the only year in {EARLIEST_YEAR}-{ctx.latest_year} "
            f"where {day:02d}-{month:02d} is a {_WEEKDAY_NAMES[weekday]}"
        ), True
    return None, f"weekday fits {len(years)} years in {EARLIEST_YEAR}-{ctx.latest_year}: year left open", False


def _finish_day_month(
    match: re.Match[str], lex: DateLexicon, ctx: _Context,
    ymd: tuple[int | None, int, int], weekday: int | None, how: str, inferred: bool,
) -> _Resolved | None:
    """Build the value of a day-month date and check the weekday and day word written with it."""
    year, month, day = ymd
    if year is None:
        return _Resolved(f"--{month:02d}-{day:02d}", 1, "absolute", how, False)
    if not _valid_day(month, day, year):
        return None
    when = date(year, month, day)
    note = f"{_iso(when)}: {how}{_weekday_note(when, weekday)}{_relative_check(match, lex, ctx, when)}"
    return _Resolved(_iso(when), 1, "absolute", note, inferred)


def _relative_check(match: re.Match[str], lex: DateLexicon, ctx: _Context, when: date) -> str:
    """Note whether a day word written with a date ("أمس 15 آذار") agrees with it."""
    rel = _key(match, "rel")
    if rel is None or ctx.published is None:
        return ""
    expected = ctx.published + timedelta(lex.relative_days[rel])
    if expected == when:
        return f"; '{rel}' agrees"
    return f"; WARNING: '{rel}' would be {_iso(expected)}"


def _resolve_hijri(
    match: re.Match[str], day: int, month: int, ctx: _Context, note: str
) -> _Resolved | None:
    """Convert a Hijri day-month(-year) to Gregorian (year from publication when not written)."""
    written = match.group("year")
    inferred = False
    if written and int(written) < 1900:
        year = int(written)
    elif ctx.published is not None and _hijri_year(ctx.published) is not None:
        year, inferred = _hijri_year(ctx.published) or 0, True
    else:
        return _Resolved(None, 1, "absolute", f"Hijri {day}/{month} without a year or publication date")
    try:
        when = date(*Hijri(year, month, day).to_gregorian().datetuple())
    except (ValueError, OverflowError) as exc:
        log.debug("hijri date %s/%s/%s rejected: %s", year, month, day, exc)
        return None
    how = f"Hijri {year}-{month:02d}-{day:02d} converted to {_iso(when)}"
    how += " (Hijri year of publication)" if inferred else ""
    return _Resolved(_iso(when), 1, "absolute", how + note, inferred)


def _hijri_year(day: date) -> int | None:
    """The Hijri year of a Gregorian date, or None outside the converter's range."""
    try:
        return int(Gregorian.fromdate(day).to_hijri().year)
    except (ValueError, OverflowError):
        return None


def _resolve_day_of_month_period(match: re.Match[str], lex: DateLexicon, ctx: _Context) -> _Resolved | None:
    """"16 الشهر الماضي" / "الـ15 من الشهر الجاري": a day of the month before or of publication."""
    if lex.periods[_key(match, "period") or ""] != "month":
        return None
    day = _day_of(match, lex)
    if ctx.published is None:
        return _Resolved(None, 1, "absolute", f"day {day} of a month named relative to an unknown publication date")
    offset = lex.modifiers[_key(match, "mod") or ""]
    year, month = _month_shift(ctx.published.year, ctx.published.month, offset)
    if not _valid_day(month, day, year):
        return None
    when = date(year, month, day)
    how = f"day {day} of the month {offset:+d} from publication {_iso(ctx.published)}"
    note = f"{_iso(when)}: {how}{_weekday_note(when, _weekday_of(match, lex, 'wd'))}"
    return _Resolved(_iso(when), 1, "absolute", note)


def _resolve_month_day(match: re.Match[str], lex: DateLexicon, ctx: _Context) -> _Resolved | None:
    """English order: "August 12, 2021", "Aug. 12", "Wednesday, August 12"."""
    month = lex.months[_key(match, "month") or ""]
    day = _day_of(match, lex)
    if month.calendar != "gregorian" or not _valid_day(month.number, day, None):
        return None
    weekday = _weekday_of(match, lex, "wd")
    year, how, inferred = _gregorian_year(match, lex, ctx, month.number, day, weekday)
    return _finish_day_month(match, lex, ctx, (year, month.number, day), weekday, how, inferred)


def _resolve_month_year(match: re.Match[str], lex: DateLexicon, ctx: _Context) -> _Resolved | None:
    """"آذار/مارس 2023", "March 2023": a month, precision 3."""
    month = lex.months[_key(match, "month") or ""]
    year = int(match.group("year"))
    if month.calendar == "hijri":
        if year >= 1900:
            return None
        try:
            first = date(*Hijri(year, month.number, 1).to_gregorian().datetuple())
        except (ValueError, OverflowError):
            return None
        note = f"Hijri month {year}-{month.number:02d} begins {_iso(first)}"
        return _Resolved(f"{first.year:04d}-{first.month:02d}", 3, "month", note)
    if year < 1900:
        return None
    note = f"month as written{_second_month_note(match, lex, month.number)}"
    return _Resolved(f"{year:04d}-{month.number:02d}", 3, "month", note)


def _resolve_month_alone(match: re.Match[str], lex: DateLexicon, ctx: _Context) -> _Resolved | None:
    """"شهر آذار الماضي", "آب الجاري", "last March": a month whose year comes from publication."""
    key = _key(match, "month_b") or _key(match, "month_w") or _key(match, "month") or ""
    month = lex.months[key]
    if month.calendar != "gregorian":
        return None
    mod_key = _key(match, "bmod") or _key(match, "mmod_w") or _key(match, "mmod")
    if ctx.published is None:
        return _Resolved(None, 3, "month", f"month {month.number} without a year or publication date")
    ymod = _key(match, "ymod")
    if ymod is not None:
        year = ctx.published.year + lex.modifiers[ymod]
        how = f"month {month.number} of the year {lex.modifiers[ymod]:+d} from publication {_iso(ctx.published)}"
    elif mod_key is None:
        year = ctx.published.year if month.number <= ctx.published.month else ctx.published.year - 1
        how = f"latest month {month.number} on or before publication {_iso(ctx.published)}"
    else:
        year = _year_for_month(month.number, lex.modifiers[mod_key], ctx.published)
        how = f"'{mod_key}' month relative to publication {_iso(ctx.published)}"
    return _Resolved(f"{year:04d}-{month.number:02d}", 3, "month", how, mod_key is None and ymod is None)


def _resolve_day_word(match: re.Match[str], lex: DateLexicon, ctx: _Context) -> _Resolved | None:
    """"أمس", "فجر اليوم", "مساء أمس الثلاثاء", "يوم الجمعة", "الخميس الماضي", "last Wednesday"."""
    rel = _key(match, "rel")
    part = _key(match, "tod")
    prefix = f"{lex.day_parts[part]} of " if part and lex.day_parts[part] != "day" else ""
    if rel is not None:
        return _resolve_relative_day(rel, _weekday_of(match, lex, "wd"), prefix, lex, ctx)
    weekday = _weekday_of(match, lex, "wd2", "wd3")
    assert weekday is not None
    mod_key = _key(match, "bmod") or _key(match, "mod")
    if _key(match, "wd4"):
        prefix += f"a span ending {_WEEKDAY_NAMES[lex.weekdays[_key(match, 'wd4') or '']]}, dated by its first day "
    # Reports name the publication day itself by its weekday, in English ("early Wednesday") and in
    # Arabic alike ("أفاد مصدر، يوم الاثنين، بمقتل ..." in a Monday report): a bare weekday that is the
    # publication's weekday is that day; an earlier week needs "الماضي" / "last".
    same_day = mod_key is None
    return _resolve_weekday(weekday, lex.modifiers[mod_key] if mod_key else -1, prefix, ctx, same_day=same_day)


def _resolve_relative_day(
    rel: str, weekday: int | None, prefix: str, lex: DateLexicon, ctx: _Context
) -> _Resolved:
    """A day word relative to publication, checked against a weekday written with it."""
    offset = lex.relative_days[rel]
    if ctx.published is None:
        return _Resolved(None, 1, "relative", f"{prefix}'{rel}' ({offset:+d} day) but no publication date",
                         offset=offset, weekday=weekday)
    when = ctx.published + timedelta(offset)
    note = f"{prefix}'{rel}' = publication {_iso(ctx.published)} {offset:+d} day{_weekday_note(when, weekday)}"
    return _Resolved(_iso(when), 1, "relative", note)


def _resolve_weekday(
    weekday: int, mod: int, prefix: str, ctx: _Context, *, same_day: bool = False
) -> _Resolved:
    """A weekday: the latest one before publication (or the next one for "next"/"المقبل").

    With ``same_day`` the publication day itself counts when it is that weekday.
    """
    name = _WEEKDAY_NAMES[weekday]
    if ctx.published is None:
        past = weekday if mod <= 0 else None  # "الاثنين المقبل" (next Monday) is no incident's day
        return _Resolved(None, 1, "weekday", f"{prefix}{name} but no publication date", weekday=past)
    if same_day and ctx.published.weekday() == weekday:
        note = f"{prefix}{name}: the publication day {_iso(ctx.published)}"
        return _Resolved(_iso(ctx.published), 1, "weekday", note)
    if mod > 0:
        when = ctx.published + timedelta((weekday - ctx.published.weekday() - 1) % 7 + 1)
        how = "the next one after"
    else:
        when = ctx.published - timedelta((ctx.published.weekday() - weekday - 1) % 7 + 1)
        how = "the latest one before"
    return _Resolved(_iso(when), 1, "weekday", f"{prefix}{name}: {how} publication {_iso(ctx.published)}")


def _resolve_period(match: re.Match[str], lex: DateLexicon, ctx: _Context) -> _Resolved | None:
    """"الأسبوع الماضي", "الشهر الجاري", "العام الماضي", "مطلع العام", "last month"."""
    period = lex.periods[_key(match, "period") or _key(match, "period2") or _key(match, "period3") or ""]
    mod_key = _key(match, "mod") or _key(match, "bmod")
    offset = lex.modifiers[mod_key] if mod_key else 0
    edge_key = _key(match, "edge") or _key(match, "edge2")
    edge = f"{lex.edges[edge_key]} of " if edge_key else ""
    kind = {"week": "relative", "month": "month", "year": "year"}[period]
    if ctx.published is None:
        return _Resolved(None, {"week": 2}.get(period, 3), kind, f"{edge}{period} {offset:+d} but no publication date")
    return _period_value(period, offset, edge, kind, ctx.published)


def _period_value(period: str, offset: int, edge: str, kind: str, published: date) -> _Resolved:
    """Value of a week, month or year ``offset`` periods from publication."""
    how = f"{edge}the {period} {offset:+d} from publication {_iso(published)}"
    if period == "week":
        return _Resolved(_iso(published + timedelta(7 * offset)), 2, kind, how)
    if period == "month":
        year, month = _month_shift(published.year, published.month, offset)
        return _Resolved(f"{year:04d}-{month:02d}", 3, kind, how)
    return _Resolved(f"{published.year + offset:04d}", 3, kind, how)


def _resolve_ago(match: re.Match[str], lex: DateLexicon, ctx: _Context) -> _Resolved | None:
    """"قبل يومين", "منذ ثلاثة أيام", "منذ أيام", "two days ago", "a week ago"."""
    unit_key = _key(match, "unit") or _key(match, "unit2") or ""
    unit, count = lex.durations[unit_key]
    number = _key(match, "n") or _key(match, "n2")
    if number is not None:
        count = int(number) if number.isdigit() else lex.count_words[number]
    precision = {"day": 1, "week": 2, "month": 3}[unit] if count is not None else {"day": 2}.get(unit, 3)
    if ctx.published is None:
        note = f"{count or 'a few'} {unit}(s) before an unknown publication date"
        return _Resolved(None, precision, "relative", note)
    return _ago_value(unit, count, precision, ctx.published)


def _ago_value(unit: str, count: int | None, precision: int, published: date) -> _Resolved:
    """Go back ``count`` units (a few days when no count is written) from publication."""
    how = f"{count if count is not None else 'a few'} {unit}(s) before publication {_iso(published)}"
    if unit == "month":
        year, month = _month_shift(published.year, published.month, -(count or 1))
        return _Resolved(f"{year:04d}-{month:02d}", 3, "relative", how)
    days = (count if count is not None else FEW_DAYS) * (7 if unit == "week" else 1)
    return _Resolved(_iso(published - timedelta(days)), precision, "relative", how)


def _resolve_year(match: re.Match[str], lex: DateLexicon, ctx: _Context) -> _Resolved | None:
    """"عام 2019", "in 2019": a year, precision 3 (Hijri years are left unresolved)."""
    year = int(match.group("year"))
    marker = _key(match, "ym")
    if year < 1900 or (marker and lex.year_markers[marker] == "hijri"):
        return _Resolved(None, 3, "year", f"Hijri year {year} not converted")
    edge = _key(match, "edge")
    how = f"{lex.edges[edge]} of the year as written" if edge else "year as written"
    return _Resolved(f"{year:04d}", 3, "year", how)


_RESOLVERS = {
    "numeric": _resolve_numeric,
    "day_month": _resolve_day_month,
    "day_of_month_period": _resolve_day_of_month_period,
    "month_day": _resolve_month_day,
    "month_year": _resolve_month_year,
    "month_alone": _resolve_month_alone,
    "day_word": _resolve_day_word,
    "period": _resolve_period,
    "ago": _resolve_ago,
    "year": _resolve_year,
}
