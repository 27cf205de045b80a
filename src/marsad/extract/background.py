"""What each clause of a report is: a new incident, its details, or something that is not one.

Titles sum up, "related news" lines belong to other reports, analysts' and reports' quotes are
opinions, "وكانت ... قد" and old dates tell history, "خلال الأشهر الأخيرة" tells a trend, a
clause with "منذ <date>" or "حصيلة" a cumulative tally, "هجوم مماثل" a sum of incidents told
elsewhere, and "نفى" a denial. A cue marks its clause and the rest of its sentence.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from marsad.document import Span
from marsad.extract.context import DocContext
from marsad.extract.places import own_places
from marsad.extract.segments import Segment, is_list_item

log = logging.getLogger(__name__)

_CUT_KINDS = ("new_incident", "summary", "denial", "retaliation")  # cue kinds that cut a clause in two
_STICKY = ("quote", "denial", "summary", "trend", "background")
INCIDENT = "incident"
NOT_INCIDENT = frozenset({"title", "related", "quote", "denial", "summary", "trend", "background", "tally"})


@dataclass
class ClauseInfo:
    """One clause and how the report uses it."""

    index: int
    seg: Segment
    sentence: int
    status: str = INCIDENT
    reason: str = ""
    cue: Span | None = None
    new_incident: bool = False
    same_time: bool = False
    today: bool = False
    cues: dict[str, list[Span]] = field(default_factory=dict)
    whole: Segment | None = None  # the clause a part was split off (its figures are read over the whole)

    @property
    def para(self) -> int:
        return self.seg.para

    @property
    def is_incident(self) -> bool:
        return self.status == INCIDENT


def classify(ctx: DocContext) -> list[ClauseInfo]:
    """Return a ``ClauseInfo`` per clause, in text order."""
    infos: list[ClauseInfo] = []
    quote_paras = _quote_paragraphs(ctx)
    for index, seg in enumerate(_split_at_new_cues(ctx, ctx.clauses)):
        sent = ctx.segment_of(ctx.sentences, seg.start)
        info = ClauseInfo(index, seg, sent, cues=ctx.cues_in(seg.start, seg.end))
        _classify_one(ctx, info, quote_paras)
        infos.append(info)
    _spread_in_sentences(ctx, infos)
    return infos


def _split_at_new_cues(ctx: DocContext, segments: list[Segment]) -> list[Segment]:
    """Cut a clause where a cue opens a second part inside it ("بالتزامن مع", "، حيث جاء ذلك بعد مرور")."""
    out: list[Segment] = []
    for seg in segments:
        cues = ctx.cues_in(seg.start, seg.end)
        cuts = {_cut_point(ctx, seg, c.start) for kind in _CUT_KINDS for c in cues.get(kind, [])
                if ctx.spans_in("trigger", seg.start, c.start)}
        if _may_trail(ctx, seg):
            since = [d.start for d in ctx.spans_in("date", seg.start, seg.end)
                     if _since_word_at(ctx, ctx.token_at(d.start)) and _is_period_start(ctx, d)]
            trailing = cues.get("tally", []) + cues.get("background", []) + cues.get("comparison", [])
            cuts |= _comparison_cuts(ctx, seg, [c.start for c in trailing] + since)
        cuts = sorted(cuts)
        start = seg.start
        for cut in cuts:
            out.append(Segment(start, cut, seg.para, seg.kind))
            start = cut
        out.append(Segment(start, seg.end, seg.para, seg.kind))
    return out


def _since_word_at(ctx: DocContext, i: int) -> bool:
    """True when token ``i`` (a date's first) or the one before it is "since"."""
    return ctx.is_word(i - 1, "since") or ctx.is_word(i, "since")


def _may_trail(ctx: DocContext, seg: Segment) -> bool:
    """True when a clause has a comma and a trigger: it may end on a period phrase to cut off."""
    text = ctx.doc.text[seg.start:seg.end]
    return ("،" in text or "," in text) and bool(ctx.spans_in("trigger", seg.start, seg.end))


def _comparison_cuts(ctx: DocContext, seg: Segment, cue_starts: list[int]) -> set[int]:
    """Cut off a trailing ", <tally cue or since-date> ..." phrase that counts nothing ("، في أول حادثة
    منذ انطلاق الاحتجاجات", "، ضمن الاحتجاجات المتواصلة منذ 17 آب"): it sets the incident in a period,
    so it must not make the incident itself a tally or a trend."""
    cuts: set[int] = set()
    for cue_start in cue_starts:
        point = _cut_point(ctx, seg, cue_start)
        after_comma = point != cue_start and ctx.doc.text[point - 1] in ",،"
        tail = Segment(point, seg.end, seg.para, seg.kind)
        if after_comma and ctx.spans_in("trigger", seg.start, point) and not _holds_figure(ctx, tail):
            cuts.add(point)
    return cuts


def _cut_point(ctx: DocContext, seg: Segment, cue_start: int) -> int:
    """Cut at the comma shortly before a cue when there is one, else at the cue."""
    comma = max(ctx.doc.text.rfind("،", seg.start, cue_start), ctx.doc.text.rfind(",", seg.start, cue_start))
    return comma + 1 if comma > seg.start and cue_start - comma <= ctx.config.cut_comma_chars else cue_start


def _classify_one(ctx: DocContext, info: ClauseInfo, quote_paras: set[int]) -> None:
    """Set the status of one clause from its paragraph and its own cues."""
    cues = info.cues
    info.new_incident = any(c.start - info.seg.start <= ctx.config.new_cue_chars and not ctx.spans_in("trigger", info.seg.start, c.start)
                            for c in cues.get("new_incident", []))
    info.new_incident = info.new_incident or _opens_with_place(ctx, info.seg) or _opens_list_item(ctx, info.seg)
    info.today = bool(cues.get("today"))
    info.same_time = any(c.start - info.seg.start <= ctx.config.new_cue_chars for c in cues.get("same_time", []))
    if info.seg.kind in ("title", "related"):
        _set(info, info.seg.kind, f"{info.seg.kind} line, not the report's own account")
    elif cues.get("tally"):
        _set(info, "tally", "a cumulative or period toll", _first(cues, "tally"))
    elif info.para in quote_paras:
        _set(info, "quote", "an analyst's or a report's quote", _first(cues, "quote"))
    elif _since_date(ctx, info.seg) and info.para not in quote_paras:
        if _has_casualty_word(ctx, info.seg):
            _set(info, "tally", "a toll counted since a date")
        else:
            _set(info, "trend", "an ongoing activity since a date")
    else:
        for kind in _STICKY:
            if cues.get(kind) and kind != "quote":
                _set(info, kind, f"{kind} cue", cues[kind][0])
                break
        retaliation = [c for c in cues.get("retaliation", []) if c.start - info.seg.start <= ctx.config.new_cue_chars]
        if info.is_incident and retaliation:
            _set(info, "background", "the earlier incident this one answers ('رداً على ...')", retaliation[0])
        if info.is_incident and cues.get("comparison") and not _holds_figure(ctx, info.seg):
            _set(info, "background", "a comparison or record, not an incident of its own", cues["comparison"][0])
        if info.is_incident:
            _old_date(ctx, info)
        if info.is_incident:
            _many_governorates(ctx, info)


def _has_casualty_word(ctx: DocContext, seg: Segment) -> bool:
    """True when the clause has a killing or wounding word."""
    lo, hi = ctx.token_range(seg.start, seg.end)
    return any(ctx.is_word(i, "killed") or ctx.is_word(i, "injured") for i in range(lo, hi))


def _opens_list_item(ctx: DocContext, seg: Segment) -> bool:
    """Each item of a list of incidents ("- مقتل شاب ...") is an incident of its own."""
    para = next(iter(ctx.numbered(seg.para)), None)
    return para is not None and seg.start - para.start <= _leading_mark(ctx, para) and \
        is_list_item(ctx.doc.text[para.start:para.end])


def _leading_mark(ctx: DocContext, para: Segment) -> int:
    """Length of the list mark and blanks that open a paragraph."""
    text = ctx.doc.text[para.start:para.end]
    return len(text) - len(text.lstrip("-\u2022*\u25aa\u25cf\u2013 \t"))


def _opens_with_place(ctx: DocContext, seg: Segment) -> bool:
    """"وفي ريف درعا الشرقي، ..." / "In Deir ez-Zor, ...": a clause that opens on a place moves to a new incident."""
    lo, hi = ctx.token_range(seg.start, seg.end)
    if lo >= hi or not ctx.norm_is(lo, "in_opener"):
        return False
    nxt = ctx.tokens[lo + 1].start if lo + 1 < hi else seg.end
    return any(p.end > nxt and p.start - nxt <= ctx.config.place_opener_chars for p in ctx.spans_in("place", seg.start, seg.end))


def _set(info: ClauseInfo, status: str, reason: str, cue: Span | None = None) -> None:
    info.status, info.reason, info.cue = status, reason, cue


def _first(cues: dict[str, list[Span]], kind: str) -> Span | None:
    spans = cues.get(kind)
    return spans[0] if spans else None


def _quote_paragraphs(ctx: DocContext) -> set[int]:
    """Paragraphs quoting analysts or reports, and the ones that continue such a quote."""
    out: set[int] = set()
    previous_quote = False
    for para in ctx.paragraphs:
        cues = ctx.cues_in(para.start, para.end)
        lo, _hi = ctx.token_range(para.start, para.end)
        continues = previous_quote and any(ctx.is_word(i, "quote_continue") for i in range(lo, min(lo + 2, len(ctx.tokens))))
        is_quote = bool(cues.get("quote")) or continues
        if is_quote:
            out.add(para.para)
        previous_quote = is_quote if para.kind == "body" else previous_quote
    return out


def _since_date(ctx: DocContext, seg: Segment) -> bool:
    """True when the clause counts "since <date>" over a period (not "since yesterday evening")."""
    return any(_after_since(ctx, span) for span in ctx.spans_in("date", seg.start, seg.end))


def _after_since(ctx: DocContext, span: Span) -> bool:
    """True for a date that opens a period after "since" ("منذ 17 آب")."""
    i = ctx.token_at(span.start)
    after_since = ctx.is_word(i - 1, "since") or ctx.is_word(i, "since") \
        or any(ctx.phrase_at(j, "since", span=4) for j in range(max(0, i - 4), i))
    return bool(after_since) and _is_period_start(ctx, span)


def _is_period_start(ctx: DocContext, span: Span) -> bool:
    """A "since" date opens a period when it is vague (week/month/year) or a week or more back."""
    value = span.value if isinstance(span.value, dict) else {}
    if str(value.get("precision") or "1") not in ("day", "1"):
        return True
    day = _as_date(value.get("value"))
    published = ctx.doc.published
    if day is None:
        return str(value.get("kind") or "") == "absolute"
    return published is None or (published - day).days >= ctx.config.period_days


def _old_date(ctx: DocContext, info: ClauseInfo) -> None:
    """Mark a clause dated well before publication (or only by month/year) as background."""
    dates = [d for d in ctx.spans_in("date", info.seg.start, info.seg.end) if isinstance(d.value, dict)]
    if not dates:
        return
    published = ctx.doc.published
    for span in dates:
        value = span.value.get("value")
        precision = str(span.value.get("precision") or "")
        if precision in ("month", "year", "3", "4") and not _has_day(dates):
            _set(info, "background", f"dated only by {precision} ({ctx.doc.text[span.start:span.end]})", span)
            return
        day = _as_date(value)
        if day and published and day < published - timedelta(days=ctx.config.old_date_days):
            _set(info, "background", f"dated {day.isoformat()}, long before publication", span)
            return


def _many_governorates(ctx: DocContext, info: ClauseInfo) -> None:
    """A clause spread over three governorates or more ("في بوادي حماة وحمص والرقة") sums up incidents,
    when it opens on a wide area or lists kinds of violence ("هجمات وتفجيرات وكمائن")."""
    places = sorted(own_places(ctx, info.seg.start, info.seg.end), key=lambda p: p.start)  # no datelines, names
    admin1 = {(p.value or {}).get("admin1") for p in places}
    admin1.discard(None)
    first_is_wide = bool(places) and int((places[0].value or {}).get("where_prec") or 1) >= 4
    kinds = {t.label for t in ctx.spans_in("trigger", info.seg.start, info.seg.end)}
    # a protest names what it denounces ("protest against the Turkish bombardment of X and Y"): no list of kinds
    many_kinds = len(kinds) >= 2 and not kinds & set(ctx.kinds.group("protest"))
    if len(admin1) >= ctx.config.aggregate_governorates and (first_is_wide or many_kinds):
        _set(info, "summary", f"spread over {len(admin1)} governorates: a summary, not one incident")


def _has_day(dates: list[Span]) -> bool:
    """True when one of the date spans is precise to the day."""
    return any(str(d.value.get("precision") or "") in ("day", "1") and d.value.get("value") for d in dates)


def _as_date(value: object) -> date | None:
    """Parse an ISO date value (None for partial or missing ones)."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _spread_in_sentences(ctx: DocContext, infos: list[ClauseInfo]) -> None:
    """A cue marks the rest of its sentence; a tally or pluperfect marks the whole sentence."""
    by_sentence: dict[int, list[ClauseInfo]] = {}
    for info in infos:
        by_sentence.setdefault(info.sentence, []).append(info)
    for group in by_sentence.values():
        _spread_group(ctx, group)


def _spread_group(ctx: DocContext, group: list[ClauseInfo]) -> None:
    """Apply sentence-wide statuses to the clauses of one sentence."""
    tally = next((c for c in group if c.status == "tally" and _holds_figure(ctx, c.seg)), None)
    if tally is not None:
        for info in group:
            if info.status == INCIDENT:
                _set(info, "tally", tally.reason, tally.cue)
        return
    if _pluperfect(ctx, group[0].seg) and not _recently_dated(ctx, group):
        for info in group:
            if info.status == INCIDENT:
                _set(info, "background", "pluperfect (kana ... qad): an earlier event told as history")
    for before, after in zip(group, group[1:]):
        after.same_time = after.same_time or before.same_time  # "وبعد ساعات من التفجير، قصفت ..."
        if not ctx.spans_in("trigger", before.seg.start, before.seg.end):
            after.new_incident = after.new_incident or before.new_incident
    sticky: ClauseInfo | None = None
    for info in group:
        if sticky is not None and info.status == INCIDENT and not info.new_incident:
            _set(info, sticky.status, sticky.reason, sticky.cue)
        elif info.status in _STICKY:
            sticky = info


def _holds_figure(ctx: DocContext, seg: Segment) -> bool:
    """True when a clause gives a number or a casualty word: a tally cue in a clause without one
    ("في أول حادثة من نوعها منذ انطلاق ...") compares, it does not count the sentence's dead."""
    dates = ctx.spans_in("date", seg.start, seg.end)
    numbers = [n for n in ctx.spans_in("number", seg.start, seg.end)
               if not any(d.start <= n.start < d.end for d in dates)]
    return bool(numbers) or _has_casualty_word(ctx, seg)


def _recently_dated(ctx: DocContext, group: list[ClauseInfo]) -> bool:
    """True when a sentence gives its own day within a week of publication ("وكانت ... قد استهدفت مساء أمس")."""
    published = ctx.doc.published
    if published is None:
        return False
    for info in group:
        for span in ctx.spans_in("date", info.seg.start, info.seg.end):
            day = _as_date((span.value or {}).get("value") if isinstance(span.value, dict) else None)
            if day is not None and 0 <= (published - day).days <= ctx.config.period_days:
                return True
    return False


def _pluperfect(ctx: DocContext, seg: Segment) -> bool:
    """True for "وكانت القوات قد ..." or "وسبق أن <verb>" at the start of a sentence."""
    lo, hi = ctx.token_range(seg.start, seg.end)
    words = [t for t in ctx.tokens[lo:min(hi, lo + 12)] if t.norm[:1].isalnum()]
    if words and words[0].norm in ctx.words("previously"):
        first = ctx.token_at(words[min(2, len(words) - 1)].start)
        return len(words) > 2 and not ctx.is_word(first, "reporting")  # "وسبق أن قال" reports, it tells no history
    if not words or words[0].norm not in ctx.words("pluperfect"):
        return False
    return any(t.norm in ctx.words("qad") for t in words[1:9])
