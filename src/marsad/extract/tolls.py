"""Casualty figures: which numbers count the dead or wounded, and on whose side.

A figure is a toll when a killing or wounding word stands next to it ("مقتل 4 عناصر",
"5 قتلى", "three were killed") or when it follows such a figure in the same clause
("25 ... مقابل 13 ..."). Its side is the actor named right after it ("من قوات النظام").
"قتلى أو جرحى" (killed or wounded) is never a death toll. ``combine`` applies ACLED's rules:
the lowest of conflicting figures for one side, sides added up, injuries apart.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from marsad.document import Span
from marsad.extract.context import DocContext

log = logging.getLogger(__name__)

LOOK_BEFORE = 6
_STOPS = frozenset({"،", ",", ".", "؛", ";", ":"})
LOOK_AFTER_AR = 2
LOOK_AFTER_EN = 9
LOOK_AFTER_EN_RELAXED = 12
CHAIN_GAP = 16
VICTIM_REACH_VAC = 10
VICTIM_REACH_EN = 6
KIN_REACH = 8
_YEAR_RANGE = range(1950, 2101)
_VERSUS = frozenset({"مقابل", "versus", "against"})
SIDE_LOOKAHEAD = 8
_CONNECTORS = frozenset({"و", "مقابل", "بينهم", "منهم", "اضافه", "بالاضافه", "and", "plus", "including", "while"})


@dataclass
class Toll:
    """One casualty figure in the text."""

    kind: str  # "killed" | "injured"
    value: int | None
    low: int | None
    high: int | None
    span: Span
    side: str | None = None
    side_span: Span | None = None
    cue: Span | None = None
    not_death: bool = False
    subset: bool = False  # "بينهم 5": part of the figure before it
    qualifier: str = "exact"
    sources: list[str] = field(default_factory=list)

    @property
    def figure(self) -> int | None:
        """The figure ACLED would code (the value, else the low bound)."""
        return self.value if self.value is not None else self.low


def find_tolls(ctx: DocContext, start: int, end: int, *, relaxed: bool = False) -> list[Toll]:
    """Return the casualty figures inside ``[start, end)``.

    ``relaxed`` (for tally sentences) also takes people-counting figures with no casualty word
    of their own, as the sub-counts of a toll ("بالإضافة لـ 145 من المليشيات").
    """
    lo, hi = ctx.token_range(start, end)
    tolls: list[Toll] = []
    for span in ctx.spans_in("number", start, end):
        toll = _toll_of(ctx, span, lo, hi, tolls, relaxed)
        if toll is not None:
            tolls.append(toll)
    tolls.extend(_dual_tolls(ctx, lo, hi, tolls))
    if not relaxed and not any(t.kind == "killed" for t in tolls):
        tolls.extend(_singular_victims(ctx, lo, hi))
    elif not relaxed:
        _add_named_victim(ctx, tolls)
    _mark_not_death(ctx, tolls, start, end)
    return tolls


def _dual_tolls(ctx: DocContext, lo: int, hi: int, found: list[Toll]) -> list[Toll]:
    """Dual nouns the number reader leaves out ("ارتقاء شهيدين", "جثتي"): two people, after a casualty word."""
    out: list[Toll] = []
    for i in ctx.positions("dual_nouns", lo, hi):
        if _is_number_token(ctx, i):
            continue
        kind = next((k for k in (_casualty_at(ctx, j) for j in range(max(lo, i - 2), i + 1)) if k), None)
        if kind is None:
            continue
        token = ctx.tokens[i]
        span = Span(token.start, token.end, "number", {"value": 2})
        toll = Toll(kind, 2, 2, 2, span, qualifier="dual noun")
        toll.side, toll.side_span = _side_of(ctx, i + 1, hi)
        out.append(toll)
    return out


def _add_named_victim(ctx: DocContext, tolls: list[Toll]) -> None:
    """"بمقتل ضابط برتبة نقيب وثلاثة جنود": a named victim before "و" + figure adds one to it."""
    for toll in tolls:
        if toll.kind != "killed" or toll.cue is None or toll.value is None or toll.cue.start > toll.span.start:
            continue
        ci = ctx.token_at(toll.cue.start)
        ti = ctx.token_at(toll.span.start)
        victims = [j for j in range(ci + 1, ti + 1) if ctx.is_word(j, "singular_victims")]
        joined = ctx.doc.text[toll.span.start - 1:toll.span.start] == "و" or any(
            ctx.tokens[j].norm.startswith("و") for j in range((victims or [ti])[0] + 1, ti + 1))
        if victims and victims[0] < ti and joined:
            toll.value += 1
            toll.low = (toll.low or 0) + 1
            toll.high = (toll.high or toll.value - 1) + 1
            toll.qualifier = "named victim plus figure"


def _singular_victims(ctx: DocContext, lo: int, hi: int) -> list[Toll]:
    """"مقتل شاب", "اغتال ... مختار البلدة ونجله": one victim named without a figure (plus relatives)."""
    for i in ctx.positions("killed", lo, hi):
        reach = VICTIM_REACH_VAC if ctx.tokens[i].norm.startswith(("اغتال", "اغتيال", "اعدام", "اعدم")) \
            else VICTIM_REACH_EN if ctx.lang == "en" else 2
        for j in _next_words(ctx, i + 1, reach, hi):
            if _is_number_token(ctx, j) or ctx.is_word(j, "dual_nouns"):
                return []
            if ctx.is_word(j, "singular_victims") or _bare(ctx, j) & ctx.knowledge.words(ctx.lang, "singular_victims"):
                if any(_is_number_token(ctx, k) and ctx.tokens[k].norm.startswith("و")
                       for k in _next_words(ctx, j + 1, 2, hi)):
                    return []  # "ضابط واثنين من المنتسبين": the figure after it counts them
                return [_victim_toll(ctx, j, hi)]
    return []


def _next_words(ctx: DocContext, start: int, count: int, hi: int) -> list[int]:
    """Word-token indexes from ``start`` on (punctuation skipped), at most ``count``."""
    out = []
    i = start
    while i < hi and len(out) < count:
        if ctx.tokens[i].norm[:1].isalnum():
            out.append(i)
        i += 1
    return out


def _bare(ctx: DocContext, index: int) -> set[str]:
    """Clitic bases of a token without a final accusative alef ("قياديا" -> "قيادي")."""
    return {b[:-1] for b in ctx.bases[index] if b.endswith("ا") and len(b) > 3}


def _victim_toll(ctx: DocContext, index: int, hi: int) -> Toll:
    """A toll of one victim (and each relative joined to him: "ونجله")."""
    token = ctx.tokens[index]
    kin = [j for j in _next_words(ctx, index + 1, KIN_REACH, hi) if ctx.is_word(j, "kin")]
    span = Span(token.start, token.end, "number", {"value": 1 + len(kin)})
    toll = Toll("killed", 1 + len(kin), 1 + len(kin), 1 + len(kin), span, qualifier="named victims")
    toll.side, toll.side_span = _side_of(ctx, index + 1, hi)
    return toll


def _toll_of(ctx: DocContext, span: Span, lo: int, hi: int, previous: list[Toll], relaxed: bool) -> Toll | None:
    """Read one number span as a toll, or return None."""
    value = span.value or {}
    if (value.get("value") is None and value.get("low") is None) or _overlaps_date(ctx, span):
        return None
    ti, tj = ctx.token_range(span.start, span.end)
    tj = max(tj, ti + 1)
    if ctx.is_word(tj, "not_people") or _is_year(ctx, span, ti):
        return None
    vague = value.get("value") is None
    kind, cue = _casualty_near(ctx, ti, tj, lo, hi, relaxed and not vague)
    if kind is None:
        if vague:
            return None  # "dozens of strikes": a vague amount counts people only beside a casualty word
        kind = _chained_kind(ctx, ti, previous, relaxed)
    if kind is None or not _counts_people(ctx, ti, tj, hi, kind, relaxed):
        return None
    toll = Toll(kind, value.get("value"), value.get("low"), value.get("high"), span, cue=cue,
                qualifier=str(value.get("qualifier") or "exact"))
    toll.side, toll.side_span = _side_of(ctx, tj, hi)
    toll.subset = bool(previous) and any(ctx.is_word(i, "subcount") for i in range(max(lo, ti - 3), ti))
    if toll.side is None and previous and previous[-1].side and _versus_before(ctx, ti, previous[-1]):
        toll.side = f"opponent of {previous[-1].side}"
    return toll


def _versus_before(ctx: DocContext, ti: int, last: Toll) -> bool:
    """True when "مقابل" (versus) joins this figure to the previous one: the other side's dead."""
    last_end = ctx.token_range(last.span.start, last.span.end)[1]
    return any(ctx.word_in(i, _VERSUS) for i in range(last_end, ti))


def _is_year(ctx: DocContext, span: Span, ti: int) -> bool:
    """True for a four-digit year ("منذ مطلع العام 2023") read as a number."""
    value = (span.value or {}).get("value")
    text = ctx.doc.text[span.start:span.end].strip()
    return value in _YEAR_RANGE and len(text) == 4 and text.isdigit()


def _overlaps_date(ctx: DocContext, span: Span) -> bool:
    """True when a number is part of a date ("24 مارس 2019")."""
    return any(d.start <= span.start < d.end or span.start <= d.start < span.end
               for d in ctx.spans_in("date", span.start - 80, span.end + 80))


def _casualty_at(ctx: DocContext, index: int) -> str | None:
    """Return "killed"/"injured" when token ``index`` is a casualty word."""
    if ctx.is_word(index, "killed"):
        return "killed"
    if ctx.is_word(index, "injured"):
        return "injured"
    return None


def _casualty_near(ctx: DocContext, ti: int, tj: int, lo: int, hi: int,
                   relaxed: bool = False) -> tuple[str | None, Span | None]:
    """Find the casualty word closest to the number tokens ``[ti, tj)``."""
    best: tuple[int, str, int] | None = None
    for dist in range(1, LOOK_BEFORE + 1):
        i = ti - dist
        if i < lo or _is_number_token(ctx, i) or ctx.tokens[i].text in _STOPS or _other_event_word(ctx, i):
            break
        kind = _casualty_at(ctx, i)
        if kind:
            best = (dist, kind, i)
            break
    after = (LOOK_AFTER_EN_RELAXED if relaxed else LOOK_AFTER_EN) if ctx.lang == "en" else LOOK_AFTER_AR
    for j in range(tj - 1, min(hi, tj + after)):
        kind = _casualty_at(ctx, j)
        if kind and (best is None or j - tj + 1 < best[0]):
            best = (j - tj + 1, kind, j)
            break
    if best is None:
        return None, None
    token = ctx.tokens[best[2]]
    return best[1], Span(token.start, token.end, "cue", best[1])


def _other_event_word(ctx: DocContext, index: int) -> bool:
    """True for an arrest or abduction word ("واعتقال شخصين"): the figure after it is not a toll."""
    token = ctx.tokens[index]
    return any(t.label in ("arrest", "raid", "kidnap") for t in ctx.spans_in("trigger", token.start, token.end + 1))


def _is_number_token(ctx: DocContext, index: int) -> bool:
    """True when token ``index`` is inside a number span."""
    token = ctx.tokens[index]
    return any(s.start < token.end and token.start < s.end for s in ctx.spans_in("number", token.start - 20, token.end + 20))


def _chained_kind(ctx: DocContext, ti: int, previous: list[Toll], relaxed: bool) -> str | None:
    """Inherit the kind of the previous toll when the figure is joined to it ("و", "مقابل")."""
    if not previous:
        return "killed" if relaxed else None
    last = previous[-1]
    last_end = ctx.token_range(last.span.start, last.span.end)[1]
    if ti - last_end > CHAIN_GAP:
        return "killed" if relaxed else None
    token = ctx.tokens[ti]
    joined = ctx.doc.text[max(0, token.start - 1):token.start] == "و" or ctx.word_in(ti - 1, _CONNECTORS) \
        or any(ctx.word_in(i, _CONNECTORS) for i in range(max(last_end, ti - 3), ti))
    return last.kind if joined or relaxed else None


def _counts_people(ctx: DocContext, ti: int, tj: int, hi: int, kind: str, relaxed: bool) -> bool:
    """True when the figure counts people (a person noun, an actor or a casualty noun near it)."""
    window = range(ti, min(hi, tj + 3))
    if any(ctx.is_word(i, "person_nouns") or ctx.is_word(i, "killed") or ctx.is_word(i, "injured") for i in window):
        return True
    if any(ctx.is_word(i, "dual_nouns") for i in range(ti, tj)):
        return True
    end = ctx.tokens[min(hi, tj + 3) - 1].end if hi > ti else ctx.tokens[ti].end
    if ctx.spans_in("actor", ctx.tokens[ti].start, end):
        return True
    return relaxed


def _side_of(ctx: DocContext, tj: int, hi: int) -> tuple[str | None, Span | None]:
    """Return the actor whose dead a figure counts: the first actor named right after it."""
    if tj >= len(ctx.tokens):
        return None, None
    start = ctx.tokens[min(tj, len(ctx.tokens) - 1)].start
    stop_index = min(hi, tj + SIDE_LOOKAHEAD) - 1
    if stop_index < tj:
        return None, None
    stop = ctx.tokens[stop_index].end
    for span in sorted(ctx.spans_in("actor", start, stop), key=lambda s: s.start):
        if span.label == "patron":
            continue
        if _number_between(ctx, start, span.start, skip_injured=True):
            break
        name = ctx.resolve_actor(span)
        if name:
            return name, span
    return None, None


def _number_between(ctx: DocContext, start: int, end: int, *, skip_injured: bool = False) -> bool:
    """True when a number span starts in ``[start, end)`` (one counting the wounded may be skipped:
    "مقتل 4 عناصر وإصابة اثنين آخرين من الميليشيات" names one side for both)."""
    for span in ctx.doc.spans.get("number", []):
        if start <= span.start < end:
            index = ctx.token_at(span.start)
            if not (skip_injured and ctx.is_word(index - 1, "injured")):
                return True
    return False


def _mark_not_death(ctx: DocContext, tolls: list[Toll], start: int, end: int) -> None:
    """Flag figures followed by "قتلى أو جرحى" / "killed or wounded": not death tolls."""
    for cue in ctx.cues_in(start, end).get("not_death", []):
        for toll in tolls:
            right_after = toll.span.end <= cue.start <= toll.span.end + 2
            if right_after or (toll.span.start <= cue.start <= toll.span.end + 40 and _is_either(ctx, cue)):
                toll.not_death = True


def _is_either(ctx: DocContext, cue: Span) -> bool:
    """True when the not-death cue is an "or" phrase ("قتلى أو جرحى", "killed or wounded")."""
    text = ctx.doc.text[cue.start:cue.end]
    return " أو " in text or " او " in text or " or " in text.lower() or "بين" in text


@dataclass
class Combined:
    """An event's casualty figures after ACLED's rules."""

    fatalities: int | None = None
    low: int | None = None
    best: int | None = None
    high: int | None = None
    injured: int | None = None
    evidence: list[Span] = field(default_factory=list)
    injured_evidence: list[Span] = field(default_factory=list)


def combine(tolls: list[Toll]) -> Combined:
    """Combine an event's tolls: per side the lowest figure, sides summed; unsided figures bound the total."""
    out = Combined()
    deaths = [t for t in tolls if t.kind == "killed" and not t.not_death and not t.subset and t.figure is not None]
    injuries = [t for t in tolls if t.kind == "injured" and not t.subset and t.figure is not None]
    if deaths:
        out.low, out.high, out.evidence = _total(deaths)
        out.fatalities = out.low
        out.best = out.low
    if injuries:
        out.injured, _, out.injured_evidence = _total(injuries)
    return out


def _total(tolls: list[Toll]) -> tuple[int, int, list[Span]]:
    """Return (low, high, evidence) over sides: sum of per-side minima and maxima."""
    sides: dict[str, list[Toll]] = {}
    unsided: list[Toll] = []
    for toll in tolls:
        (sides.setdefault(toll.side, []) if toll.side else unsided).append(toll)
    for toll in list(unsided):
        same = next((g for g in sides.values() if any(t.figure == toll.figure for t in g)), None)
        if same is not None:  # a repeated figure ("25" in the lead and in the detail) counts once
            same.append(toll)
            unsided.remove(toll)
    low = sum(min(t.figure for t in group) for group in sides.values())  # type: ignore[type-var]
    high = sum(max(t.high or t.figure for t in group) for group in sides.values())  # type: ignore[type-var]
    if unsided:
        u_low = min(t.figure for t in unsided)  # type: ignore[type-var]
        u_high = max(t.high or t.figure for t in unsided)  # type: ignore[type-var]
        low = min(low, u_low) if sides else u_low
        high = max(high, u_high)
    evidence = [t.span for t in tolls]
    return int(low), int(high), evidence
