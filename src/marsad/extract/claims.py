"""Sources and claims: who reported each incident, which figures they gave, who denied it.

The ACLED ``source`` column joins the sources named in the incident's sentences and paragraphs
("وأفاد المرصد السوري ..."); "مراسلنا" and reports naming nobody fall back to the outlet
(the masthead of the title or dateline lines, or ``doc.outlet``). A source's own figure that
differs from the coded one is a "figure" claim; a denial ("نفى مصدر عسكري وقوع أي هجمات")
is a "denial" claim on the incident told before it.
"""

from __future__ import annotations

import logging

from marsad.document import Claim, Event, Span
from marsad.extract.assemble import Draft
from marsad.extract.background import ClauseInfo
from marsad.extract.context import DocContext
from marsad.extract.segments import is_list_item
from marsad.text.normalize import NormalizedText

log = logging.getLogger(__name__)

_SCALE_ORDER = ("Local", "Subnational", "National", "Regional", "International", "New media", "Other")


def outlet_of(ctx: DocContext) -> tuple[str, str, Span | None] | None:
    """Return (name, scale, span) of the outlet that published the report."""
    for para in ctx.paragraphs:
        if para.kind != "title":
            continue
        for span in ctx.spans_in("source", para.start, para.end):
            value = span.value or {}
            if value.get("name") not in (None, "correspondent"):
                return value["name"], value.get("scale") or "Other", span
    if ctx.doc.outlet:
        return _canonical_outlet(ctx, ctx.doc.outlet)
    return None


def _canonical_outlet(ctx: DocContext, outlet: str) -> tuple[str, str, Span | None]:
    """Map the outlet named in the report's metadata onto sources.yaml ("صدى الشرقية" -> Sada al-Sharqiya)."""
    lang = "en" if outlet.isascii() else "ar"
    for match in ctx.knowledge.source_matchers[lang].find(NormalizedText(outlet)):
        source = match.value
        if source.name != "correspondent":
            return source.name, source.scale, None
    return outlet, "Other", None


def attach_sources(ctx: DocContext, event: Event, draft: Draft) -> None:
    """Fill ``event.source``, ``source_scale`` and one "report" claim per source, with spans."""
    found: dict[str, tuple[str, list[Span]]] = {}
    outlet = outlet_of(ctx)
    for mention in draft.mentions:
        for span in _source_spans(ctx, mention.clause):
            name, scale = _name_scale(span, outlet)
            if name:
                found.setdefault(name, (scale, []))[1].append(span)
    if not found and outlet is not None:
        found[outlet[0]] = (outlet[1], [outlet[2]] if outlet[2] else [])
    for name, (scale, spans) in found.items():
        event.sources.append(Claim(source=name, kind="report", article_id=ctx.doc.id, evidence=spans))
        for span in spans:
            event.add_evidence("source", span)
    event.source = "; ".join(found) or None
    scales = sorted({s for s, _ in found.values()}, key=lambda s: _SCALE_ORDER.index(s) if s in _SCALE_ORDER else 9)
    event.source_scale = "-".join(scales) or None
    _figure_claims(ctx, event, draft)


def _source_spans(ctx: DocContext, clause: ClauseInfo) -> list[Span]:
    """Source spans of the clause's sentence, else of its paragraph."""
    sent = ctx.sentences[clause.sentence] if clause.sentence >= 0 else clause.seg
    spans = ctx.spans_in("source", sent.start, sent.end)
    if spans:
        return spans
    before = ctx.paragraphs_upto(clause.para)
    for para in reversed(before):
        spans = ctx.spans_in("source", para.start, para.end)
        if spans or not (para.para == clause.para or is_list_item(ctx.doc.text[para.start:para.end])):
            return spans  # list items are reported by the paragraph that introduces the list
    return []


def _name_scale(span: Span, outlet: tuple[str, str, Span | None] | None) -> tuple[str | None, str]:
    """Return the source name of a span ("our correspondent" is the outlet)."""
    value = span.value or {}
    if value.get("name") == "correspondent":
        return (outlet[0], outlet[1]) if outlet else (None, "Other")
    return value.get("name"), value.get("scale") or "Other"


def _figure_claims(ctx: DocContext, event: Event, draft: Draft) -> None:
    """Add a "figure" claim for each source whose death figure differs from the coded one."""
    tolls = [t for m in draft.mentions for t in m.tolls] + draft.extra_tolls
    seen: set[int] = set()
    for toll in tolls:
        if toll.kind != "killed" or toll.figure is None or toll.figure == event.fatalities or toll.span.start in seen:
            continue
        seen.add(toll.span.start)
        spans = _sentence_sources(ctx, toll.span.start)
        source = (spans[0].value or {}).get("name") if spans else None
        event.sources.append(Claim(source=source or "unnamed", kind="figure", fatalities=int(toll.figure),
                                   article_id=ctx.doc.id, evidence=[toll.span],
                                   note="a figure for one side or a conflicting report"))


def _sentence_sources(ctx: DocContext, offset: int) -> list[Span]:
    """Source spans of the sentence holding ``offset``."""
    index = ctx.segment_of(ctx.sentences, offset)
    if index < 0:
        return []
    sent = ctx.sentences[index]
    return ctx.spans_in("source", sent.start, sent.end)


def attach_denials(ctx: DocContext, events: list[tuple[Event, Draft]], infos: list[ClauseInfo]) -> None:
    """Keep each denial as a "denial" claim on the incident told before it."""
    for info in infos:
        if info.status != "denial" or info.cue is None:
            continue
        owner = next((e for e, d in reversed(events) if d.first.clause.seg.start < info.seg.start), None)
        if owner is None:
            continue
        spans = ctx.spans_in("source", info.seg.start, info.seg.end)
        source = (spans[0].value or {}).get("name") if spans else "unnamed"
        evidence = [info.cue] + spans
        owner.sources.append(Claim(source=source or "unnamed", kind="denial", article_id=ctx.doc.id,
                                   evidence=evidence, note=ctx.doc.text[info.seg.start:info.seg.end][:200]))
