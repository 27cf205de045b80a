"""The extraction pipeline's stages, wired with knowledge loaded once per pipeline.

``build_stages()`` returns ``[(name, stage), ...]``. The first stages find mentions and file them
as spans (segments, numbers, dates, places, actors, sources, triggers, cues); ``tokens`` analyses the
words once; then each extraction stage reads what the ones before it wrote and adds its own span
group: ``status`` (what each clause is), ``tallies``, ``tolls`` (``figure`` spans), ``roles``
(``role`` spans), ``mentions``, ``grouping`` (``incident`` spans), ``coding`` (events) and
``claims`` (sources, figures and denials). Their shared working state is ``doc.analysis``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from marsad.document import Decision, Document, Event, Span
from marsad.extract.assemble import build_mentions, clause_roles, group_mentions
from marsad.extract.background import classify
from marsad.extract.claims import attach_denials, attach_sources
from marsad.extract.code import code_draft, cut_off_in
from marsad.extract.config import ExtractConfig
from marsad.extract.context import DocContext, analyse_tokens
from marsad.extract.knowledge import Knowledge
from marsad.extract.lone import lone_drafts
from marsad.extract.mentions import (
    actor_stage, cue_stage, date_stage, number_stage, place_stage, source_stage, trigger_stage,
)
from marsad.extract.segments import segment_stage
from marsad.extract.tallies import build_tallies, promote_period_tolls
from marsad.extract.tolls import clause_tolls

log = logging.getLogger(__name__)

Stage = Callable[[Document], Document]


def language_stage(config: ExtractConfig) -> Stage:
    """Return the stage that sets ``doc.language`` to "en" for a report written mostly in Latin letters."""

    def stage(doc: Document) -> Document:
        letters = [c for c in doc.text[:4000] if c.isalpha()]
        if letters:
            arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff") / len(letters)
            doc.language = "ar" if arabic >= config.arabic_share else "en"
        return doc

    return stage


def token_stage(knowledge: Knowledge) -> Stage:
    """Return the stage that tokenizes the report once (words, folded forms, clitic bases) into ``doc.tokens``."""

    def stage(doc: Document) -> Document:
        doc.tokens = analyse_tokens(doc, knowledge)
        return doc

    return stage


def status_stage(knowledge: Knowledge) -> Stage:
    """Return the stage that reads what each clause is (an incident, its detail, background, a tally ...):
    ``status`` spans, one per clause, labelled with the status and valued with the reason."""

    def stage(doc: Document) -> Document:
        ctx = DocContext.of(doc, knowledge)
        ctx.infos = classify(ctx)
        promote_period_tolls(ctx, ctx.infos)
        for info in ctx.infos:
            ctx.file("status", info.seg.start, info.seg.end, info.status, info.reason or None)
        return doc

    return stage


def tally_stage(knowledge: Knowledge) -> Stage:
    """Return the stage that turns the figures of tally clauses into ``doc.tallies``."""

    def stage(doc: Document) -> Document:
        ctx = DocContext.of(doc, knowledge)
        doc.tallies.extend(build_tallies(ctx, ctx.infos))
        return doc

    return stage


def toll_stage(knowledge: Knowledge) -> Stage:
    """Return the stage that reads the casualty figures of every incident clause: ``figure`` spans
    (killed or injured, the figure, its bounds, whose dead, and whether it is a part or a total)."""

    def stage(doc: Document) -> Document:
        ctx = DocContext.of(doc, knowledge)
        for info in ctx.infos:
            if info.is_incident:
                for toll in clause_tolls(ctx, info.seg.start, info.seg.end):
                    ctx.file("figure", toll.span.start, toll.span.end, toll.kind, toll.summary())
        return doc

    return stage


def role_stage(knowledge: Knowledge) -> Stage:
    """Return the stage that scores every actor of an incident clause as initiator and target:
    ``role`` spans with the two scores and the features behind them."""

    def stage(doc: Document) -> Document:
        ctx = DocContext.of(doc, knowledge)
        for info in ctx.infos:
            if info.is_incident:
                for role in clause_roles(ctx, info.seg.start, info.seg.end):
                    ctx.file("role", role.span.start, role.span.end, role.name, role.summary())
        return doc

    return stage


def mention_stage(knowledge: Knowledge) -> Stage:
    """Return the stage that turns incident clauses into mentions: ``mention`` spans (kinds, place, date)."""

    def stage(doc: Document) -> Document:
        ctx = DocContext.of(doc, knowledge)
        ctx.mentions, ctx.toll_only = build_mentions(ctx, ctx.infos)
        for mention in ctx.mentions:
            seg = mention.clause.seg
            ctx.file("mention", seg.start, seg.end, "mention", mention.summary(ctx))
        return doc

    return stage


def grouping_stage(knowledge: Knowledge) -> Stage:
    """Return the stage that groups mentions into incidents: ``incident`` spans over their clauses."""

    def stage(doc: Document) -> Document:
        ctx = DocContext.of(doc, knowledge)
        ctx.drafts = group_mentions(ctx, ctx.mentions, ctx.toll_only)
        for number, draft in enumerate(ctx.drafts, start=1):
            first, last = draft.mentions[0].clause.seg, draft.mentions[-1].clause.seg
            ctx.file("incident", first.start, max(last.end, first.end), "incident", draft.summary(number))
        return doc

    return stage


def coding_stage(knowledge: Knowledge) -> Stage:
    """Return the stage that codes each incident as an ACLED event (type, actors, place, date, tolls)."""
    types = _kind_types(knowledge)

    def stage(doc: Document) -> Document:
        ctx = DocContext.of(doc, knowledge)
        ctx.coded = []
        _code_drafts(ctx, ctx.drafts, types)
        if not ctx.coded:
            _code_drafts(ctx, lone_drafts(ctx), types)  # nothing else told: what was set aside is the news
        return doc

    return stage


def _code_drafts(ctx: DocContext, drafts: list[Any], types: dict[str, tuple[str, str]]) -> None:
    """Code each draft as an event (``ctx.coded``), recording the ones with no codable type."""
    for draft in drafts:
        previous = _own_place(ctx.coded[-1][0]) if ctx.coded else None
        if draft.place() is None and cut_off_in(ctx, draft):
            _record_dropped(ctx, draft, "the report is cut off before the incident's place")
            continue
        event = code_draft(ctx, draft, types, len(ctx.coded) + 1, previous)
        if event is None:
            _record_dropped(ctx, draft, "no codable type")
            continue
        ctx.coded.append((event, draft))


def claim_stage(knowledge: Knowledge) -> Stage:
    """Return the stage that attaches sources, their figures and denials, then files the events."""

    def stage(doc: Document) -> Document:
        ctx = DocContext.of(doc, knowledge)
        for event, draft in ctx.coded:
            attach_sources(ctx, event, draft)
            _record_kept(ctx, event, draft)
        attach_denials(ctx, ctx.coded, ctx.infos)
        doc.events.extend(event for event, _ in ctx.coded)
        return doc

    return stage


def _own_place(event: Event) -> Span | None:
    """The place an event took from its own clauses (None when it was itself a fallback)."""
    spans = event.evidence.get("location") or []
    return spans[0] if spans and event.tags == "place: own clause" else None


def _kind_types(knowledge: Knowledge) -> dict[str, tuple[str, str]]:
    """Map each trigger kind to its default ACLED type (from the first trigger of that kind)."""
    types: dict[str, tuple[str, str]] = {}
    for matcher in knowledge.trigger_matchers.values():
        for trigger in matcher.values():
            types.setdefault(trigger.kind, (trigger.event_type, trigger.sub_event_type))
    types.update(knowledge.kinds.default_types)
    return types


def _record_kept(ctx: DocContext, event: Any, draft: Any) -> None:
    """Record the kept triggers and tolls of an event (``marsad explain``)."""
    for mention in draft.mentions:
        for span in mention.triggers:
            ctx.doc.decisions.append(Decision(span, True, f"trigger coded as {event.event_type} / "
                                              f"{event.sub_event_type} in event {event.id}"))
    for span in event.evidence.get("fatalities", []):
        toll = ctx.doc.add_span("toll", span.start, span.end, "killed", event.fatalities)
        ctx.doc.decisions.append(Decision(toll, True, f"death toll of event {event.id}: "
                                          f"fatalities {event.fatalities} (low {event.fatalities_low}, "
                                          f"high {event.fatalities_high})"))


def _record_dropped(ctx: DocContext, draft: Any, reason: str) -> None:
    """Record why a grouped incident was not coded."""
    for mention in draft.mentions:
        for span in mention.triggers:
            ctx.doc.decisions.append(Decision(span, False, f"incident not coded: {reason}"))


def build_stages(*, knowledge: Knowledge | None = None, geocoder: Any = None,
                 geocode: bool = True) -> list[tuple[str, Stage]]:
    """Return the default extraction stages, loading the shipped knowledge and gazetteer once."""
    knowledge = knowledge or Knowledge.load()
    if geocoder is None and geocode:
        from marsad.geo import Geocoder

        geocoder = Geocoder.default()
    stages: list[tuple[str, Stage]] = [
        ("language", language_stage(knowledge.config)),
        ("segments", segment_stage(knowledge)),
        ("numbers", number_stage()),
        ("dates", _optional(date_stage, "marsad.text.dates")),
        ("places", place_stage(geocoder, knowledge)),
        ("actors", actor_stage(knowledge)),
        ("sources", source_stage(knowledge)),
        ("triggers", trigger_stage(knowledge)),
        ("cues", cue_stage(knowledge)),
        ("tokens", token_stage(knowledge)),
        ("status", status_stage(knowledge)),
        ("tallies", tally_stage(knowledge)),
        ("tolls", toll_stage(knowledge)),
        ("roles", role_stage(knowledge)),
        ("mentions", mention_stage(knowledge)),
        ("grouping", grouping_stage(knowledge)),
        ("coding", coding_stage(knowledge)),
        ("claims", claim_stage(knowledge)),
    ]
    return stages


def _optional(factory: Callable[[], Stage], module: str) -> Stage:
    """Build a stage whose text-layer module may not be installed yet; without it, pass documents through."""
    try:
        return factory()
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        log.warning("%s is not available: its stage is skipped", module)
        return lambda doc: doc
