"""Every entry of actors.yaml, sources.yaml, {ar,en}/triggers.tsv and {ar,en}/cues.yaml loads,
names only vocabulary actors, has one owner, and is found by the extractor in a sentence ("used")."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from marsad.document import Document
from marsad.extract.context import DocContext
from marsad.extract.knowledge import (
    CUE_KEYS, EVENT_TYPES, Knowledge, load_actors, load_cues, load_sources, load_triggers,
)
from marsad.extract.mentions import actor_stage, cue_stage, source_stage, trigger_stage
from marsad.text.lexicon import read_yaml
from marsad.text.normalize import normalize_key

VOCABULARY_MD = Path(__file__).resolve().parents[2].parent / "shared" / "spec" / "vocabulary.md"
KNOWLEDGE = Knowledge.load()
ACTORS, ALIASES = load_actors()
TRIGGERS = load_triggers()
SOURCES = load_sources()
PHRASE_CUES = ("new_incident", "same_time", "detail", "background", "trend", "tally", "subcount", "summary", "quote",
               "related", "denial", "not_death", "today", "not_trigger")


def _doc(text: str, language: str) -> Document:
    return Document(id="kb", text=text, language=language)


def _ids(pairs):
    return [f"{lang}:{alias}" for lang, alias, _ in pairs]


ALIAS_CASES = [(lang, alias, meaning) for lang in ("ar", "en") for alias, meaning in ALIASES[lang]]
TRIGGER_CASES = [(lang, pattern, trig) for lang in ("ar", "en") for pattern, trig in TRIGGERS[lang]]
SOURCE_CASES = [(lang, alias, src) for lang in ("ar", "en") for alias, src in SOURCES[lang]]
CUE_CASES = [(lang, key, word) for lang in ("ar", "en") for key, words in load_cues(lang).items() for word in words]


def test_knowledge_vocabulary_file_matches_shared_spec():
    names = read_yaml("vocabulary.yaml")["actors"]
    assert len(names) == len(set(names))
    if not VOCABULARY_MD.is_file():
        pytest.skip("shared/spec/vocabulary.md is not beside the project")
    text = VOCABULARY_MD.read_text(encoding="utf-8")
    for name in names:
        assert name.split(":")[0] in text, name


def test_knowledge_actor_names_are_in_the_vocabulary():
    vocabulary = set(read_yaml("vocabulary.yaml")["actors"])
    # Actors that real reports name but the shared vocabulary lacks are marked `vocabulary: false`.
    extra = {a["name"] for a in read_yaml("actors.yaml")["actors"] if a.get("vocabulary") is False}
    assert set(ACTORS) - extra <= vocabulary, sorted(set(ACTORS) - extra - vocabulary)
    # "*" is a template for countries outside Syria and Iraq ("Military Forces of {country}"), not a name
    mapped = {v for raw in read_yaml("actors.yaml")["generic"] for k, v in raw["by_country"].items() if k != "*"}
    assert mapped <= vocabulary


def test_knowledge_no_alias_has_two_owners():
    owners: dict[str, set[str]] = defaultdict(set)
    for lang in ("ar", "en"):
        for alias, meaning in ALIASES[lang]:
            owner = meaning.actor.name if meaning.actor else f"generic:{dict(meaning.by_country)}"
            owners[normalize_key(alias) if lang == "ar" else alias.lower()].add(owner)
    shared = {alias: names for alias, names in owners.items() if len(names) > 1}
    assert not shared, shared


def test_knowledge_no_trigger_pattern_has_two_meanings():
    meanings: dict[tuple[str, str], set[tuple[str, str, str]]] = defaultdict(set)
    for lang, pattern, trig in TRIGGER_CASES:
        meanings[(lang, normalize_key(pattern))].add((trig.event_type, trig.sub_event_type, trig.kind))
    assert not {k: v for k, v in meanings.items() if len(v) > 1}


def test_knowledge_no_source_alias_has_two_owners():
    owners: dict[str, set[str]] = defaultdict(set)
    for lang, alias, src in SOURCE_CASES:
        owners[normalize_key(alias)].add(src.name)
    assert not {k: v for k, v in owners.items() if len(v) > 1}


def test_knowledge_trigger_types_are_acled_types():
    for _lang, _pattern, trig in TRIGGER_CASES:
        assert trig.sub_event_type in EVENT_TYPES[trig.event_type]


def test_knowledge_every_cue_list_is_present():
    for lang in ("ar", "en"):
        assert set(load_cues(lang)) == set(CUE_KEYS)


@pytest.mark.parametrize("lang, alias, meaning", ALIAS_CASES, ids=_ids(ALIAS_CASES))
def test_knowledge_actor_alias_is_used(lang, alias, meaning):
    text = f"قالت المصادر إن {alias} وصلت أمس." if lang == "ar" else f"Sources said {alias} arrived."
    doc = actor_stage(KNOWLEDGE)(_doc(text, lang))
    found = [s for s in doc.spans.get("actor", []) if normalize_key(alias) in normalize_key(doc.text[s.start:s.end])]
    assert found, f"{alias!r} not found in {text!r}"
    span = found[0]
    assert span.label == meaning.role
    if meaning.actor is not None:
        assert span.value["name"] == meaning.actor.name
    else:
        assert span.value["by_country"] == dict(meaning.by_country)


@pytest.mark.parametrize("lang, pattern, trig", TRIGGER_CASES, ids=_ids(TRIGGER_CASES))
def test_knowledge_trigger_is_used(lang, pattern, trig):
    word = pattern.rstrip("*")
    text = f"قالت المصادر إن {word} وقع أمس." if lang == "ar" else f"Sources said the {word} happened."
    doc = trigger_stage(KNOWLEDGE)(_doc(text, lang))
    kinds = {s.label for s in doc.spans.get("trigger", []) if normalize_key(word) in normalize_key(doc.text[s.start:s.end])}
    assert trig.kind in kinds, f"{pattern!r} not found as {trig.kind} in {text!r}"


@pytest.mark.parametrize("lang, alias, src", SOURCE_CASES, ids=_ids(SOURCE_CASES))
def test_knowledge_source_alias_is_used(lang, alias, src):
    text = f"وأفاد {alias} بأن الهجوم وقع أمس." if lang == "ar" else f"The attack happened, {alias} reported."
    doc = source_stage(KNOWLEDGE)(_doc(text, lang))
    names = {s.value["name"] for s in doc.spans.get("source", [])}
    assert src.name in names


@pytest.mark.parametrize("lang, key, word", CUE_CASES, ids=[f"{l}:{k}:{w}" for l, k, w in CUE_CASES])
def test_knowledge_cue_is_used(lang, key, word):
    text = f"قالت المصادر {word} أمس." if lang == "ar" else f"Sources said {word} yesterday."
    doc = _doc(text, lang)
    if key in PHRASE_CUES:
        doc = cue_stage(KNOWLEDGE)(doc)
        assert key in {s.label for s in doc.spans.get("cue", [])}
        return
    ctx = DocContext.build(doc, KNOWLEDGE)
    assert any(ctx.is_word(i, key) for i in range(len(ctx.tokens))), f"{word!r} ({key}) not recognised"
