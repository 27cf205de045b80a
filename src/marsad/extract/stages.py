"""The extraction pipeline's stages, wired with knowledge loaded once per pipeline.

``build_stages()`` returns ``[(name, stage), ...]``: segments, numbers, dates, places, actors,
sources, triggers, cues, then ``events`` (tallies, mentions, grouping, coding, claims).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from marsad.document import Decision, Document, Event, Span
from marsad.extract.assemble import build_mentions, group_mentions
from marsad.extract.background import classify
from marsad.extract.claims import attach_denials, attach_sources
from marsad.extract.code import code_draft
from marsad.extract.config import ExtractConfig
from marsad.extract.context import DocContext
from marsad.extract.knowledge import Knowledge
from marsad.extract.mentions import (
    actor_stage, cue_stage, date_stage, number_stage, place_stage, source_stage, trigger_stage,
)
from marsad.extract.segments import segment_stage
from marsad.extract.tallies import build_tallies

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


def event_stage(knowledge: Knowledge) -> Stage:
    """Return the stage that turns a report's mentions into tallies and events."""
    types = _kind_types(knowledge)

    def stage(doc: Document) -> Document:
        ctx = DocContext.build(doc, knowledge)
        infos = classify(ctx)
        for info in infos:
            doc.add_span("status", info.seg.start, info.seg.end, info.status, info.reason or None)
        doc.tallies.extend(build_tallies(ctx, infos))
        mentions, toll_only = build_mentions(ctx, infos)
        drafts = group_mentions(ctx, mentions, toll_only)
        coded = []
        for draft in drafts:
            event = code_draft(ctx, draft, types, len(coded) + 1, _own_place(coded[-1][0]) if coded else None)
            if event is None or event.location is None:
                _record_dropped(ctx, draft, "no codable type" if event is None else "no place for it anywhere in the report")
                continue
            attach_sources(ctx, event, draft)
            coded.append((event, draft))
            _record_kept(ctx, event, draft)
        attach_denials(ctx, coded, infos)
        doc.events.extend(event for event, _ in coded)
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
        ("places", place_stage(geocoder)),
        ("actors", actor_stage(knowledge)),
        ("sources", source_stage(knowledge)),
        ("triggers", trigger_stage(knowledge)),
        ("cues", cue_stage(knowledge)),
        ("events", event_stage(knowledge)),
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
