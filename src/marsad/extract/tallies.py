"""Cumulative and period tolls ("since 24 March 2019 ... 1,339 killed"): Tally records, never incidents.

Every casualty figure of a tally sentence becomes a tally, the sub-counts too ("من بينهم 145",
"ويضمن هذا العدد 127") and the other side's count of the same period ("مقتل 754 عنصرا من
داعش"). The period starts at the "since" date of the sentence or, failing that, of its paragraph.
"""

from __future__ import annotations

import logging

from marsad.document import Decision, Span, Tally
from marsad.extract.background import ClauseInfo
from marsad.extract.context import DocContext
from marsad.extract.tolls import clause_tolls

log = logging.getLogger(__name__)


_OPEN_STATUSES = frozenset({"incident", "background", "quote", "trend"})


def build_tallies(ctx: DocContext, infos: list[ClauseInfo]) -> list[Tally]:
    """Return the tallies of the report's tally sentences and record each decision."""
    tallies: list[Tally] = []
    seen: set[int] = set()
    for sentence_index in sorted({c.sentence for c in infos if c.status == "tally"}):
        sent = ctx.sentences[sentence_index]
        for toll in clause_tolls(ctx, sent.start, sent.end, relaxed=True):
            if toll.span.start in seen or toll.figure is None or toll.not_death:
                continue
            seen.add(toll.span.start)
            tally = Tally(
                count=int(toll.figure), what=toll.kind, whose=toll.side,
                period_start=_period_start(ctx, sent.start, sent.end, sent.para),
                source=_source_near(ctx, sent.start, sent.end, sent.para),
                article_id=ctx.doc.id,
                evidence=[s for s in (toll.span, toll.cue, toll.side_span) if s is not None],
            )
            tallies.append(tally)
            _record(ctx, toll.span, tally)
    return tallies


def promote_period_tolls(ctx: DocContext, infos: list[ClauseInfo]) -> None:
    """Mark as tallies the clauses that count the dead of many incidents over a period: a period
    ("منذ مساء الجمعة", "since ... August 27", "خلال شباط الماضي"), aggregation evidence and a death figure.
    The period may open the sentence before the clause ("ومنذ مطلع العام، قتل 40 في هجمات ...")."""
    for info in infos:
        if info.status not in _OPEN_STATUSES:
            continue
        lo, hi = ctx.token_range(info.seg.start, info.seg.end)
        wave = next((ctx.tokens[i].start for i in range(lo, hi) if ctx.is_word(i, "wave")), None)
        tolls = clause_tolls(ctx, info.seg.start, info.seg.end, relaxed=True)
        deaths = [t for t in tolls if t.kind == "killed" and not t.not_death]
        counted_by_wave = wave is not None and any(t.span.start > wave for t in deaths)  # "موجة عنف أودت بحياة 1500"
        if not (_past_span(ctx, lo, hi) or counted_by_wave or _aggregates(ctx, lo, hi) and _period_before(ctx, info)):
            continue
        if deaths:
            info.status, info.reason = "tally", "a death toll of many incidents over a period"


def _period_before(ctx: DocContext, info: ClauseInfo) -> bool:
    """True when a period opens the clause or the part of its sentence before it."""
    opening = ctx.sentences[info.sentence].start
    head, _ = ctx.token_range(opening, info.seg.end)
    return _has_period(ctx, opening, info.seg.end, head)


def _has_period(ctx: DocContext, start: int, end: int, lo: int) -> bool:
    """True when the clause opens a period: a "since" date, "since" before a date, "during" + a month."""
    for span in ctx.spans_in("date", start, end):
        value = span.value if isinstance(span.value, dict) else {}
        kind = str(value.get("kind") or span.label)
        index = ctx.token_at(span.start)
        before = range(max(lo, index - ctx.config.period_reach), index + 1)
        if kind == "since" or any(ctx.is_word(i, "since") for i in before):
            return True
        if kind == "month" and any(ctx.word_in(i, ctx.words("period_during")) for i in range(max(lo, index - 2), index)):
            return True
    return False


def _past_span(ctx: DocContext, lo: int, hi: int) -> bool:
    """True for "خلال الـ24 ساعة الماضية", "over the past 48 hours", "in the last three days": a span of
    time running up to the report counts what happened in it, however many incidents."""
    if not any(ctx.norm_is(i, "past") for i in range(lo, hi)):
        return False
    for i in range(lo, hi):
        if not ctx.word_in(i, ctx.words("period_during")):
            continue
        ahead = [j for j in range(i + 1, min(hi, i + ctx.config.past_reach)) if ctx.tokens[j].norm[:1].isalnum()]
        unit = next((k for k, j in enumerate(ahead) if _bare_word(ctx, j) in ctx.words("time_units")), None)
        if unit is not None and any(ctx.norm_is(j, "past") for j in ahead[:unit + 2]):
            return True
    return False


def _bare_word(ctx: DocContext, index: int) -> str:
    """The token without a leading "ال"/"الـ"."""
    norm = ctx.tokens[index].norm
    return norm[2:] if norm.startswith("ال") else norm


def _aggregates(ctx: DocContext, lo: int, hi: int) -> bool:
    """True when the clause documents a count or has a plural incident noun as subject."""
    return any(ctx.word_in(i, ctx.words("documenting")) or ctx.word_in(i, ctx.words("aggregate")) for i in range(lo, hi))


def _record(ctx: DocContext, span: Span, tally: Tally) -> None:
    """File the toll span and the decision that it is a tally."""
    toll_span = ctx.doc.add_span("toll", span.start, span.end, "tally", tally.count)
    ctx.doc.decisions.append(Decision(toll_span, True, f"tally: {tally.count} {tally.what}"
                                      f"{' of ' + tally.whose if tally.whose else ''} over a period, not one incident"))


def _period_start(ctx: DocContext, start: int, end: int, para: int) -> str | None:
    """Return the ISO start of the counted period (a "since" date in the sentence or paragraph)."""
    candidates = ctx.spans_in("date", start, end) or ctx.spans_in("date", *_para_range(ctx, para))
    for span in candidates:
        value = (span.value or {}).get("value") if isinstance(span.value, dict) else None
        if isinstance(value, str) and value[:1].isdigit():
            return value
    return None


def _para_range(ctx: DocContext, para: int) -> tuple[int, int]:
    """Return the offsets of paragraph number ``para``."""
    found = ctx.numbered(para)
    return (found[0].start, found[0].end) if found else (0, 0)


def _source_near(ctx: DocContext, start: int, end: int, para: int) -> str | None:
    """Return the source named in the sentence, else in its paragraph."""
    for lo, hi in ((start, end), _para_range(ctx, para)):
        for span in ctx.spans_in("source", lo, hi):
            name = (span.value or {}).get("name")
            if name and name != "correspondent":
                return name
    return None
