"""Stages that find mentions in a report and file them as spans.

Each stage is ``Document -> Document``: it reads ``doc.text`` and adds spans to one group
(``number``, ``date``, ``place``, ``actor``, ``source``, ``trigger``, ``cue``). The span's
``value`` is a plain dict, so ``doc.to_dict()`` stays JSON.
"""

from __future__ import annotations

import bisect
import itertools
import logging
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from datetime import date
from typing import Any

from marsad.document import Document
from marsad.extract.knowledge import ActorAlias, Knowledge, Source, Trigger
from marsad.text.normalize import normalize_key
from marsad.extract.nonevents import blocked_by_context, context_blocks

log = logging.getLogger(__name__)

Stage = Callable[[Document], Document]


def number_stage() -> Stage:
    """Return the stage filing ``number`` spans from ``marsad.text.numbers.find_numbers``."""
    from marsad.text.numbers import find_numbers

    def stage(doc: Document) -> Document:
        for mention in find_numbers(doc.text):
            value = {
                "value": mention.value, "low": getattr(mention, "low", None),
                "high": getattr(mention, "high", None), "qualifier": getattr(mention, "qualifier", None),
            }
            doc.add_span("number", mention.start, mention.end, "number", value)
        return doc

    return stage


def date_stage() -> Stage:
    """Return the stage filing ``date`` spans from ``marsad.text.dates.find_dates``."""
    from marsad.text.dates import find_dates

    def stage(doc: Document) -> Document:
        for mention in find_dates(doc.text, doc.published):
            doc.add_span("date", mention.start, mention.end, str(getattr(mention, "kind", "date")),
                         _date_value(mention))
        return doc

    return stage


def _date_value(mention: Any) -> dict[str, Any]:
    """Return a JSON dict of a date mention (ISO value, precision, note)."""
    value = mention.value
    if isinstance(value, date):
        value = value.isoformat()
    return {
        "value": value, "precision": getattr(mention, "precision", None),
        "kind": getattr(mention, "kind", None), "note": getattr(mention, "note", None),
        "year_inferred": getattr(mention, "year_inferred", None),
        "offset": getattr(mention, "offset", None), "weekday": getattr(mention, "weekday", None),
    }


def place_stage(geocoder: Any, knowledge: Knowledge | None = None) -> Stage:
    """Return the stage filing ``place`` spans from ``geocoder.find_places``."""

    def stage(doc: Document) -> Document:
        city_words = knowledge.words(_lang(doc), "city_words") if knowledge else frozenset()
        if geocoder is None:
            return doc
        for mention in geocoder.find_places(doc.text):
            value = mention.to_dict() if hasattr(mention, "to_dict") else asdict(mention) if is_dataclass(mention) else {}
            candidates = value.pop("candidates", None) or []
            # "في الحسكة": the city or its governorate; only "مدينة الحسكة" says which
            value["also_governorate"] = value.get("feature") in ("city", "town") and value.get("geo_precision") == 1 and \
                any(c.get("feature") == "admin1" for c in candidates) and \
                not _word_before(doc.text, mention.start, city_words)
            doc.add_span("place", mention.start, mention.end, str(value.get("relation") or "in"), value)
        return doc

    return stage


def _word_before(text: str, start: int, words: frozenset[str]) -> bool:
    """True when the word right before ``start`` is (a clitic form of) one of ``words``."""
    before = text[max(0, start - 20):start].split()
    return bool(before) and normalize_key(before[-1]).lstrip("وفب") in words


def actor_stage(knowledge: Knowledge) -> Stage:
    """Return the stage filing ``actor`` spans (canonical name, role of the alias, inter code)."""

    def stage(doc: Document) -> Document:
        nt, squeezed = knowledge.folded(doc.text)
        seen: set[tuple[int, int]] = set()
        for match in knowledge.actor_matchers[_lang(doc)].find(nt, squeezed_text=squeezed):
            if (match.start, match.end) in seen:
                continue  # two aliases of one name ("متظاهر" + suffix, "متظاهرين") match the same words
            seen.add((match.start, match.end))
            alias: ActorAlias = match.value
            doc.add_span("actor", match.start, match.end, alias.role, _alias_value(alias))
        return doc

    return stage


def _alias_value(alias: ActorAlias) -> dict[str, Any]:
    """Return the JSON value of an actor span."""
    actor = alias.actor
    return {
        "name": actor.name if actor else None,
        "inter": actor.inter if actor else None,
        "kind": actor.kind if actor else None,
        "by_country": dict(alias.by_country) or None,
    }


def source_stage(knowledge: Knowledge) -> Stage:
    """Return the stage filing ``source`` spans (canonical source name and scale)."""

    def stage(doc: Document) -> Document:
        nt, squeezed = knowledge.folded(doc.text)
        for match in knowledge.source_matchers[_lang(doc)].find(nt, squeezed_text=squeezed):
            source: Source = match.value
            doc.add_span("source", match.start, match.end, source.kind,
                         {"name": source.name, "scale": source.scale})
        return doc

    return stage


def trigger_stage(knowledge: Knowledge) -> Stage:
    """Return the stage filing ``trigger`` spans (ACLED type, sub-type, kind, flags)."""

    def stage(doc: Document) -> Document:
        nt, squeezed = knowledge.folded(doc.text)
        lang = _lang(doc)
        cues = knowledge.cue_matchers[lang].find_all(nt, squeezed_text=squeezed)
        blocked = _ranges([(m.start, m.end) for m in cues if m.value == "not_trigger"])
        contexts = context_blocks(doc, cues)
        for match in knowledge.trigger_matchers[lang].find(nt, squeezed_text=squeezed):
            trigger: Trigger = match.value
            if _inside(blocked, match.start):
                continue
            if contexts and blocked_by_context(doc, knowledge, match.start, trigger.kind, contexts):
                continue
            doc.add_span("trigger", match.start, match.end, trigger.kind, {
                "event_type": trigger.event_type, "sub_event_type": trigger.sub_event_type,
                "kind": trigger.kind, "flags": sorted(trigger.flags), "pattern": trigger.pattern,
            })
        _mark_settings(doc, knowledge, lang)
        return doc

    return stage


def _mark_settings(doc: Document, knowledge: Knowledge, lang: str) -> None:
    """A fight named as the setting of another incident in its sentence ("a grenade exploded amid clashes"):
    a kind of ``setting_kinds`` right after a setting word (cue list ``setting``) only supports it."""
    triggers = doc.spans.get("trigger", [])
    for trigger in triggers:
        if not knowledge.kinds.is_in(trigger.label, "setting_kinds") or not _after_setting(doc, knowledge, lang, trigger):
            continue
        sentence = next((s for s in doc.spans.get("sentence", []) if s.start <= trigger.start < s.end), None)
        others = [t for t in triggers if t is not trigger and sentence is not None
                  and sentence.start <= t.start < sentence.end and not knowledge.kinds.is_in(t.label, "setting_kinds")
                  and not ({"weak", "support"} & set(t.value["flags"]))]
        if others:
            trigger.value["flags"] = sorted(set(trigger.value["flags"]) | {"support"})


def _after_setting(doc: Document, knowledge: Knowledge, lang: str, trigger: Any) -> bool:
    """True when a setting word ("amid", "during") stands right before the trigger (an article or adjective between)."""
    before = [w.lower() for w in doc.text[max(0, trigger.start - 30):trigger.start].split()][-3:]
    while before and before[-1] in ("the", "a", "heavy", "fierce", "armed", "ongoing"):
        before.pop()
    return bool(before) and before[-1] in knowledge.words(lang, "setting")


def cue_stage(knowledge: Knowledge) -> Stage:
    """Return the stage filing ``cue`` spans (new incident, background, tally, quote ...)."""

    def stage(doc: Document) -> Document:
        nt, squeezed = knowledge.folded(doc.text)
        for match in knowledge.cue_matchers[_lang(doc)].find_all(nt, squeezed_text=squeezed):
            doc.add_span("cue", match.start, match.end, str(match.value), match.key)
        return doc

    return stage


def _lang(doc: Document) -> str:
    """Return the knowledge language for ``doc`` ("ar" unless the report is English)."""
    return "en" if (doc.language or "ar").startswith("en") else "ar"


_Ranges = tuple[list[int], list[int]]  # starts in order, and the furthest end reached by each


def _inside(ranges: _Ranges, offset: int) -> bool:
    """True when ``offset`` lies in one of the ranges (start <= offset < end)."""
    i = bisect.bisect_right(ranges[0], offset)
    return i > 0 and ranges[1][i - 1] > offset


def _ranges(pairs: list[tuple[int, int]]) -> _Ranges:
    """Ranges sorted by start, with the furthest end reached so far (so a look-up is a bisection)."""
    ordered = sorted(pairs)
    return [s for s, _ in ordered], list(itertools.accumulate((e for _, e in ordered), max))
