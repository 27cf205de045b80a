"""Scoring whether two event mentions from different reports describe one incident.

Each factor puts the pair on one of its levels (``Level``) or vetoes it (a plain impossibility:
two types no outlet confuses, dates days apart, towns far apart). The log-odds is the intercept
plus the fitted weight of each level (``DedupConfig.weights``), the score its probability. A pair
whose dates do not agree (undated on one or both sides) also needs incident-specific
corroboration before it may carry a merge.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from datetime import date

from marsad.dedup.compatible import default_compatible
from marsad.dedup.config import DedupConfig
from marsad.dedup.dates import DateWindow, date_window
from marsad.dedup.wording import similarity
from marsad.document import Event
from marsad.text.normalize import normalize_key, strip_al

# Date levels at which the two dates agree; any other level (undated, dated only by publication)
# needs corroboration.
DATED_LEVELS = frozenset({"same_day", "adjacent_day", "near_days", "windows_overlap", "same_month_day",
                          "adjacent_month_day", "same_weekday", "adjacent_weekday"})
# Levels that corroborate an undated pair, by factor.
CORROBORATING = {"place": frozenset({"same_place", "same_town_area", "related_names", "within_3km", "within_10km"}),
                 "toll": frozenset({"same"}), "actors": frozenset({"same_pair", "shared_named"}),
                 "wording": frozenset({"high", "mid"})}
# ... and the incident-specific disagreements that cancel one of them: other named actors, tolls
# far apart, no incident wording in common.
CONTRADICTING = {"actors": frozenset({"conflict"}), "toll": frozenset({"contradict"}),
                 "wording": frozenset({"none"})}
WORDING_BINS = ((0.4, "high"), (0.2, "mid"), (0.08, "low"))
# Days one apart: the same town is often hit on consecutive days, so the toll has to corroborate.
ADJACENT_LEVELS = frozenset({"adjacent_day", "adjacent_month_day", "adjacent_weekday"})


@dataclass(frozen=True, slots=True)
class Level:
    """One factor's verdict on a pair: its level (None for a veto) and why, in words."""

    factor: str
    level: str | None
    why: str


def compatible_types(event_type: str | None) -> tuple[str, ...] | None:
    """Event types a mention of ``event_type`` may merge with (None: any)."""
    if not event_type:
        return None
    weak = {t for pair in default_compatible().families if event_type in pair for t in pair}
    return tuple(sorted(weak | {event_type}))


@dataclass(frozen=True, slots=True)
class Mention:
    """One event as extracted from one report, with what merging needs to know.

    ``role``: "main" (the incident the report is about), "background" (a recap: never merged
    across reports) or "other"; ``weekday`` (0 Monday) when the report names the day but no date;
    ``words``: the stems of its incident wording (``marsad.dedup.wording``).
    """

    id: str
    article_id: str
    event: Event
    outlet: str | None = None
    published: date | None = None
    role: str | None = None
    weekday: int | None = None
    words: frozenset[str] = frozenset()

    @property
    def window(self) -> DateWindow | None:
        """The days this mention's date can mean."""
        return date_window(self.event.event_date, self.event.time_precision, self.published)

    @property
    def month_day(self) -> tuple[int, int] | None:
        """(month, day) of a single-day date, with or without its year."""
        value = self.event.event_date or ""
        if value.startswith("--") and len(value) >= 7 and value[2:4].isdigit() and value[5:7].isdigit():
            return int(value[2:4]), int(value[5:7])
        window = self.window
        if window is not None and window.kind != "implied" and window.lo == window.hi:
            return window.lo.month, window.lo.day
        return None

    @property
    def day_of_week(self) -> int | None:
        """The weekday the report gives, or that of its single-day date."""
        if self.weekday is not None:
            return self.weekday
        window = self.window
        if window is not None and window.kind != "implied" and window.lo == window.hi:
            return window.lo.weekday()
        return None


@dataclass(frozen=True, slots=True)
class MatchScore:
    """A pair's score (posterior probability), its levels and their weights, and the veto if any.

    ``corroborated`` is False for a pair whose dates do not agree and that too little
    incident-specific evidence backs: it may not carry a merge, whatever its score.
    """

    score: float
    reasons: tuple[str, ...]
    veto: str | None = None
    log_odds: float | None = None
    corroborated: bool = True
    levels: tuple[tuple[str, str, float], ...] = ()

    @property
    def mergeable(self) -> bool:
        """No veto and enough corroboration to carry a merge."""
        return self.veto is None and self.corroborated

    @property
    def reason(self) -> str:
        """The reasons, each with its weight, as one line for ``mentions.merge_reason``."""
        if self.veto:
            return self.veto
        parts = list(self.reasons)
        if self.log_odds is not None:
            parts.append(f"log-odds {self.log_odds:+.2f}, p={self.score:.2f}")
        if not self.corroborated:
            parts.append("dates do not agree and too little corroborates")
        return "; ".join(parts)


# --- type ------------------------------------------------------------------------------------

def type_level(a: Event, b: Event) -> Level:
    """Same sub-type > same type > confusable sub-types > disputed families > other sub-types."""
    if not a.event_type or not b.event_type:
        return Level("type", "unknown", "type unknown")
    if a.event_type == b.event_type:
        if a.sub_event_type == b.sub_event_type:
            return Level("type", "same_subtype", f"same type {a.sub_event_type or a.event_type}")
        if not a.sub_event_type or not b.sub_event_type:
            return Level("type", "same_type", f"same type {a.event_type}")
        pair = frozenset({a.sub_event_type, b.sub_event_type})
        if any(pair <= group for group in default_compatible().close_subtypes):
            return Level("type", "close_subtypes", f"same type {a.event_type}, sub-types close")
        return Level("type", "far_subtypes", f"sub-types differ ({a.sub_event_type} / {b.sub_event_type})")
    level = default_compatible().families.get(frozenset({a.event_type, b.event_type}))
    if level is None:
        return Level("type", None, f"types differ ({a.event_type} / {b.event_type})")
    return Level("type", level, f"types {a.event_type} / {b.event_type} compatible")


# --- date ------------------------------------------------------------------------------------

def _real(window: DateWindow | None) -> DateWindow | None:
    return window if window is not None and window.kind != "implied" else None


def date_level(a: Mention, b: Mention, config: DedupConfig) -> Level:
    """Dates first, then month-days (year unknown), then weekdays, then publication days; a side
    with nothing to date it makes the pair "undated" (which weighs against and needs corroboration)."""
    ra, rb = _real(a.window), _real(b.window)
    if ra is not None and rb is not None:
        return _windows_level(ra, rb, config)
    mda, mdb = a.month_day, b.month_day
    if mda is not None and mdb is not None:
        return _month_day_level(mda, mdb)
    wda, wdb = a.day_of_week, b.day_of_week
    if wda is not None and wdb is not None:
        return _weekday_level(wda, wdb)
    return _undated_level(a, b, config)


def _windows_level(wa: DateWindow, wb: DateWindow, config: DedupConfig) -> Level:
    gap = wa.gap_days(wb)
    single = wa.lo == wa.hi and wb.lo == wb.hi
    if single:
        if gap == 0:
            return Level("date", "same_day", "same date")
        if gap == 1:
            return Level("date", "adjacent_day", "dates one day apart")
        return Level("date", None, f"dates {gap} days apart")
    if gap > config.max_day_gap:
        return Level("date", None, f"date windows {gap} days apart")
    if gap == 0:
        return Level("date", "windows_overlap", "date windows overlap")
    return Level("date", "near_days", f"date windows {gap} days apart")


def _month_day_level(a: tuple[int, int], b: tuple[int, int]) -> Level:
    days = _calendar_gap(a, b)
    if days == 0:
        return Level("date", "same_month_day", f"same day and month {a[1]:02d}-{a[0]:02d} (year unknown)")
    if days == 1:
        return Level("date", "adjacent_month_day", "days one apart (year unknown)")
    return Level("date", None, f"days {days} apart (year unknown)")


def _calendar_gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Days between two month-days in any year (a leap year, so 29 February counts)."""
    da, db = date(2024, *a).timetuple().tm_yday, date(2024, *b).timetuple().tm_yday
    return min(abs(da - db), 366 - abs(da - db))


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _weekday_level(a: int, b: int) -> Level:
    days = min((a - b) % 7, (b - a) % 7)
    if days == 0:
        return Level("date", "same_weekday", f"same weekday ({_WEEKDAYS[a]}; no date)")
    if days == 1:
        return Level("date", "adjacent_weekday", f"weekdays one apart ({_WEEKDAYS[a]} / {_WEEKDAYS[b]})")
    return Level("date", None, f"weekdays differ ({_WEEKDAYS[a]} / {_WEEKDAYS[b]})")


def _undated_level(a: Mention, b: Mention, config: DedupConfig) -> Level:
    """At least one side has no date of its own: its publication day, if known, bounds it."""
    wa, wb = a.window, b.window
    if wa is not None and wb is not None:
        if not wa.overlaps(wb, slack=config.max_day_gap):
            return Level("date", None, "report dates too far from the event date")
        both = wa.kind == "implied" and wb.kind == "implied"
        return Level("date", "implied_both" if both else "implied_one",
                     "no date in either report, published days apart" if both
                     else "date only from the other report's publication day")
    if wa is not None or wb is not None:  # a weekday or a month-day on one side only compares with nothing
        return Level("date", "undated_one", "no date in one report")
    return Level("date", "undated_both", "no date in either report")


# --- place -----------------------------------------------------------------------------------

def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@functools.lru_cache(maxsize=4096)
def place_key(name: str | None) -> str:
    """A place name folded for comparison ("al-Sukhnah" and "Sukhnah" agree); pure, so cached."""
    return strip_al(normalize_key(name), every_word=True) if name else ""


@functools.lru_cache(maxsize=4096)
def _place_words(name: str | None) -> str:
    """The folded place name as space-separated words (punctuation dropped), padded by spaces."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in place_key(name)).split() if w not in default_compatible().place_articles]
    return f" {' '.join(words)} " if words else ""


def name_relation(a: str | None, b: str | None) -> str | None:
    """"same" for one place name, "contained" when one name's words lie in the other's
    ("Sukhnah" in "Sukhnah - Deir ez-Zor road", "Mayadin" in "Mayadin desert"), else None."""
    ka, kb = _place_words(a), _place_words(b)
    if not ka or not kb:
        return None
    if ka == kb:
        return "same"
    return "contained" if ka in kb or kb in ka else None


def is_fine(event: Event) -> bool:
    """A town-level place or finer: a point placed at a town, a quarter or a site (ACLED
    geo_precision 1, UCDP where_prec 1-2 when given); not a governorate, a district, a region, a
    desert or a long road (geo_precision 2-3)."""
    if event.latitude is None or event.longitude is None or event.geo_precision != 1:
        return False
    return event.where_prec is None or event.where_prec <= 2


def is_town_area(event: Event) -> bool:
    """A place named after one town, at it or around it ("near X", "the outskirts of X", "the
    countryside of X": UCDP where_prec 3 or finer); not a governorate or a region."""
    if event.geo_precision is None or event.geo_precision > 2:
        return False
    return event.where_prec is None or event.where_prec <= 3


def place_level(a: Event, b: Event, config: DedupConfig) -> Level:
    """Town-level places agree by name or distance; coarse ones (a governorate, a region) are
    only compatible; far apart or another governorate vetoes."""
    related = name_relation(a.location, b.location)
    if _has_point(a) and _has_point(b):
        km = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]
        if is_fine(a) and is_fine(b):
            return _fine_level(a, b, km, related, config)
        radius = max(config.radius_for(e.geo_precision, e.where_prec) for e in (a, b) if not is_fine(e))
        if km > config.veto_radii * radius:
            return Level("place", None, f"{km:.0f} km apart (coarse place, radius {radius:.0f} km)")
        if related == "same" and km <= config.same_town_km and is_town_area(a) and is_town_area(b):
            return Level("place", "same_town_area", f"same town {a.location}, placed around it in one report")
        return Level("place", "coarse", f"coarse place ({_coarse_name(a, b)}), {km:.0f} km apart")
    written = _written_level(a, b, related) if not (_has_point(a) or _has_point(b)) else None
    if written is not None:
        return written
    if a.admin1 and b.admin1 and place_key(a.admin1) != place_key(b.admin1):
        return Level("place", None, f"governorates differ ({a.admin1} / {b.admin1})")
    if related == "same" and a.geo_precision == 1 and b.geo_precision == 1:
        return Level("place", "same_place", f"same place {a.location}")
    if a.admin1 and b.admin1:
        return Level("place", "coarse", f"same governorate {a.admin1}, no point in one report")
    return Level("place", "unknown", "place unknown in one report")


def _written_level(a: Event, b: Event, related: str | None) -> Level | None:
    """Two places outside the gazetteer, as written (no point, no precision): another country or another
    name vetoes, the same name agrees; None when one of them has no name."""
    if a.country and b.country and place_key(a.country) != place_key(b.country):
        return Level("place", None, f"countries differ ({a.country} / {b.country})")
    if not (a.location and b.location) or a.geo_precision is not None or b.geo_precision is not None:
        return None
    if related == "same":
        return Level("place", "same_place", f"same place as written, {a.location}")
    if related is None:
        return Level("place", None, f"places as written differ ({a.location} / {b.location})")
    return Level("place", "related_names", f"places as written {a.location} / {b.location} related")


def _fine_level(a: Event, b: Event, km: float, related: str | None, config: DedupConfig) -> Level:
    if km > config.fine_veto_km:
        return Level("place", None, f"{a.location} / {b.location}: {km:.0f} km apart")
    if related == "same":
        return Level("place", "same_place", f"same place {a.location}")
    if related == "contained":
        return Level("place", "related_names", f"places {a.location} / {b.location} related, {km:.0f} km apart")
    for limit, level in ((3, "within_3km"), (10, "within_10km")):
        if km <= limit:
            return Level("place", level, f"{a.location} / {b.location} {km:.1f} km apart")
    return Level("place", "within_20km", f"{a.location} / {b.location} {km:.0f} km apart")


def _coarse_name(a: Event, b: Event) -> str:
    coarse = [e.location or e.admin1 or "?" for e in (a, b) if not is_fine(e)]
    return " / ".join(coarse)


def _has_point(event: Event) -> bool:
    return event.latitude is not None and event.longitude is not None


# --- actors, toll, trend, wording, roles ------------------------------------------------------

def actors_level(a: Event, b: Event) -> Level:
    """The same named pair > a shared named actor > a shared vague one > nothing shared; a named
    actor the other report cannot account for is a conflict (vague or missing actors account for anyone)."""
    sa, sb = _actors(a), _actors(b)
    if not sa or not sb:
        return Level("actors", "unknown", "actors unknown in one report")
    shared = sa & sb
    named = shared - default_compatible().vague_actors
    if _conflicts(sa, sb, shared):
        return Level("actors", "conflict", f"actors differ ({' / '.join(sorted(sa))} vs {' / '.join(sorted(sb))})")
    if named and sa == sb and len(sa) == 2:
        return Level("actors", "same_pair", f"same actors {' / '.join(sorted(sa))}")
    if named:
        return Level("actors", "shared_named", f"shared {' / '.join(sorted(named))}")
    if shared:
        return Level("actors", "shared_vague", f"shared {' / '.join(sorted(shared))}")
    return Level("actors", "compatible", "actors compatible")


def _conflicts(sa: frozenset[str], sb: frozenset[str], shared: frozenset[str]) -> bool:
    vague = default_compatible().vague_actors
    only_a, only_b = (sa - shared) - vague, (sb - shared) - vague
    free_a = 2 - len(sa) + len((sa - shared) & vague)
    free_b = 2 - len(sb) + len((sb - shared) & vague)
    if max(len(only_a) - free_b, len(only_b) - free_a) > 0:
        return True
    return bool(only_a and only_b and not shared and not (sa | sb) & vague)


def _actors(event: Event) -> frozenset[str]:
    """The event's actors, each as its side (the coalition and American forces are one)."""
    side = default_compatible().same_side
    return frozenset(side(x) for x in (event.actor1, event.actor2) if x)


def toll_level(a: Event, b: Event) -> Level:
    """Same toll > close > different > contradicting (outlets disagree and tolls rise)."""
    fa, fb = a.fatalities, b.fatalities
    if fa is None or fb is None:
        return Level("toll", "unknown", "toll unknown in one report")
    lo, hi = min(fa, fb), max(fa, fb)
    if lo == hi:
        return Level("toll", "same" if lo else "same_zero", f"same toll {lo}")
    if hi <= 2 * lo + 3:
        return Level("toll", "close", f"tolls {fa} / {fb} close")
    if hi <= 4 * lo + 10:
        return Level("toll", "differ", f"tolls {fa} / {fb} differ")
    return Level("toll", "contradict", f"tolls {fa} / {fb} contradict")


def trend_level(a: Mention, b: Mention, date: Level) -> Level:
    """For days one apart: a later day's toll as high or higher (a rising toll) or lower."""
    order = _later(a, b, date.level)
    if order is None:
        return Level("trend", "none", "")
    first, second = order
    rising = (second.event.fatalities or 0) >= (first.event.fatalities or 0)
    return Level("trend", "rising_next_day" if rising else "falling_next_day",
                 "toll rising next day" if rising else "toll falling next day")


def _later(a: Mention, b: Mention, level: str | None) -> tuple[Mention, Mention] | None:
    """(earlier, later) mention for days one apart with both tolls known."""
    if a.event.fatalities is None or b.event.fatalities is None:
        return None
    if level == "adjacent_day":
        wa, wb = a.window, b.window
        return (a, b) if wa is not None and wb is not None and wa.lo < wb.lo else (b, a)
    if level == "adjacent_weekday" and a.day_of_week is not None and b.day_of_week is not None:
        return (a, b) if (b.day_of_week - a.day_of_week) % 7 == 1 else (b, a)
    if level == "adjacent_month_day" and a.month_day and b.month_day:
        ya, yb = (date(2024, *m).timetuple().tm_yday for m in (a.month_day, b.month_day))
        return (a, b) if (yb - ya) % 366 == 1 else (b, a)
    return None


def wording_level(a: Mention, b: Mention) -> Level:
    """How much of the incident's rare wording the two reports share."""
    value = similarity(a.words, b.words)
    if value is None:
        return Level("wording", "unknown", "wording unknown")
    level = next((name for limit, name in WORDING_BINS if value >= limit), "none")
    return Level("wording", level, f"wording overlap {value:.2f}")


def roles_level(a: Mention, b: Mention) -> Level:
    """Two reports' main incidents, one main and one other, or two others (a mention whose role
    nobody said, an imported coded event, counts as its record's main incident)."""
    mains = sum(m.role in ("main", None) for m in (a, b))
    level = ("other_other", "main_other", "main_main")[mains]
    return Level("roles", level, level.replace("_", " / "))


# --- the pair ---------------------------------------------------------------------------------

def pair_levels(a: Mention, b: Mention, config: DedupConfig) -> list[Level]:
    """Every factor's level for the pair; stops at the first veto (returned last)."""
    levels: list[Level] = []
    for level in (type_level(a.event, b.event), date_level(a, b, config), place_level(a.event, b.event, config)):
        levels.append(level)
        if level.level is None:
            return levels
    levels += [actors_level(a.event, b.event), toll_level(a.event, b.event), trend_level(a, b, levels[1]),
               wording_level(a, b), roles_level(a, b)]
    return levels


def corroborated(levels: list[Level], config: DedupConfig) -> bool:
    """Days one apart need a toll that rose (or held); other dated pairs nothing more; undated
    ones ``config.corroboration`` incident-specific agreements more than disagreements."""
    by_factor = {lv.factor: lv.level for lv in levels}
    if by_factor.get("date") in ADJACENT_LEVELS:
        return by_factor.get("trend") == "rising_next_day"
    if by_factor.get("date") in DATED_LEVELS:
        return True
    found = sum(by_factor.get(f) in allowed for f, allowed in CORROBORATING.items())
    against = sum(by_factor.get(f) in denied for f, denied in CONTRADICTING.items())
    return found - against >= config.corroboration


def score_pair(a: Mention, b: Mention, config: DedupConfig, *, same_report_ok: bool = False) -> MatchScore:
    """Score whether mentions ``a`` and ``b`` describe one incident (never two of one report)."""
    if a.article_id == b.article_id and not same_report_ok:
        return MatchScore(0.0, (), "same report (the extractor kept them apart)")
    levels = pair_levels(a, b, config)
    if levels[-1].level is None:
        return MatchScore(0.0, (), levels[-1].why)
    weighted = [(lv.factor, lv.level or "", config.weights.weight(lv.factor, lv.level or "")) for lv in levels]
    log_odds = sum(w for _, _, w in weighted)
    reasons = tuple(f"{lv.why or lv.level} ({w:+.1f})" for lv, (_, _, w) in zip(levels, weighted, strict=True)
                    if lv.why or w)
    total = config.prior + log_odds
    return MatchScore(round(config.probability(log_odds), 4), reasons, log_odds=round(total, 3),
                      corroborated=corroborated(levels, config), levels=tuple(weighted))
