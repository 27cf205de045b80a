"""Typed loaders for the extraction knowledge files and the phrase matcher built over them.

Files (under ``marsad/data``): ``actors.yaml``, ``sources.yaml``, ``{ar,en}/triggers.tsv`` and
``{ar,en}/cues.yaml``. ``Knowledge.load()`` reads them once; a ``Pipeline`` keeps the object
and passes it to its stages, so nothing lives in module globals.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from marsad.errors import DataFileError
from marsad.extract.config import ExtractConfig
from marsad.extract.kinds import KindTaxonomy, load_kinds
from marsad.extract.weights import RoleWeights, load_role_weights
from marsad.extract.matcher import AR_SUFFIXES, Match, PhraseMatcher, squeeze
from marsad.extract.outside import CountryTable
from marsad.text.lexicon import read_tsv, read_yaml
from marsad.text.normalize import NormalizedText, normalize_key

log = logging.getLogger(__name__)

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon", "Air/drone strike", "Suicide bomb",
        "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ),
}
TRIGGER_FLAGS = frozenset({"weak", "support", "optional", "verb"})
ACTOR_KINDS = frozenset({"state", "external", "rebel", "militia", "unidentified", "civilians", "protesters"})
CUE_KEYS: tuple[str, ...] = (
    "new_incident", "detail", "background", "trend", "tally", "subcount", "since", "summary", "quote",
    "quote_continue", "related", "denial", "not_death", "reporting", "today", "killed", "injured",
    "person_nouns", "not_people", "dual_nouns", "singular_victims", "kin", "agent", "launch", "target",
    "target_filler", "victim", "not_trigger", "same_time", "protest_object", "another_site",
    # words the grouping, role, toll and place rules read
    "reference", "during", "until", "complementizer", "pluperfect", "qad", "in_opener", "carry_out", "charge",
    "quantity", "aircraft", "patron_marker", "between", "victim_marker", "skip_words", "passive_aux",
    "clause_opener", "group_nouns", "member_marker", "period_during", "time_units", "past", "documenting",
    "aggregate", "versus", "connectors", "rise", "toll_words", "to", "cause", "of_words", "one_of",
    "one_of_them", "attackers", "towards", "on_words", "site_nouns", "axes", "movement", "from_words", "near",
    "targeted_killing", "irrealis", "comparison", "previously", "dangling", "claim", "preliminary", "update", "former",
    "city_words", "site_anaphor", "reaction", "proximity", "retaliation", "wave", "border", "name_list", "addition",
    "result", "subcount_of_victims", "relative",
    # places outside the gazetteer, as written (outside.py)
    "outside_before", "outside_nouns", "outside_settlements", "outside_provinces", "outside_skip", "outside_not_names",
    # contexts that take incident words away (nonevents.py)
    "accident", "crime", "attribution", "diplomacy", "setting",
)
LANGUAGES: tuple[str, ...] = ("ar", "en")


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor: its vocabulary name, ACLED inter code and kind."""

    name: str
    inter: int
    kind: str
    country: str | None = None
    both_sides: bool = False  # its clashes are among its own kind (tribes): actor1 and actor2 alike


@dataclass(frozen=True, slots=True)
class ActorAlias:
    """What one alias means: an actor, a patron phrase, a vague name, a reference or a country-bound term."""

    actor: Actor | None
    role: str = "name"  # "name" | "patron" | "weak" | "ref" | "generic" | "object"
    by_country: tuple[tuple[str, str], ...] = ()
    alias: str = ""


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger word: the ACLED type it signals and how it behaves."""

    pattern: str
    event_type: str
    sub_event_type: str
    kind: str
    flags: frozenset[str]
    lang: str

    def has(self, flag: str) -> bool:
        return flag in self.flags


@dataclass(frozen=True, slots=True)
class Source:
    """A news source or reporter as written in the ACLED ``source`` column."""

    name: str
    scale: str
    kind: str
    alias: str = ""


@dataclass
class Knowledge:
    """Every knowledge file, loaded and compiled into matchers (one per language)."""

    actors: dict[str, Actor]
    actor_matchers: dict[str, PhraseMatcher]
    trigger_matchers: dict[str, PhraseMatcher]
    source_matchers: dict[str, PhraseMatcher]
    cue_matchers: dict[str, PhraseMatcher]
    kinds: KindTaxonomy
    role_weights: RoleWeights
    config: ExtractConfig = field(default_factory=ExtractConfig)
    cues: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)
    token_cache: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)
    multiword: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = field(default_factory=dict)
    _by_last: dict[tuple[str, str], dict[str, list[tuple[str, ...]]]] = field(default_factory=dict)
    _folded: tuple[str, Any] | None = None
    countries: CountryTable = field(default_factory=CountryTable.load)  # names of countries (outside.py)

    def folded(self, text: str) -> tuple[NormalizedText, tuple[str, list[int]]]:
        """Fold ``text`` once for all matchers (the last text is remembered: stages run one report at a time)."""
        if self._folded is None or self._folded[0] is not text:
            nt = NormalizedText(text)
            self._folded = (text, (nt, squeeze(nt.norm)))
        return self._folded[1]

    @classmethod
    def load(cls, *, config: ExtractConfig | None = None) -> "Knowledge":
        """Read and compile the shipped files; raise ``DataFileError`` naming a bad entry."""
        actors, actor_entries = load_actors()
        kinds = load_kinds()
        triggers = load_triggers(kinds.names)
        sources = load_sources()
        cues = {lang: load_cues(lang) for lang in LANGUAGES}
        return cls(
            actors=actors,
            actor_matchers={lang: _build(actor_entries[lang]) for lang in LANGUAGES},
            trigger_matchers={lang: _build(triggers[lang], suffixes=AR_SUFFIXES, definite=True) for lang in LANGUAGES},
            source_matchers={lang: _build(sources[lang]) for lang in LANGUAGES},
            cue_matchers={lang: _build(_cue_entries(cues[lang]), suffixes=frozenset({""})) for lang in LANGUAGES},
            kinds=kinds,
            role_weights=load_role_weights(),
            config=config or ExtractConfig(),
            cues={lang: {k: frozenset(normalize_key(w) for w in v) for k, v in cues[lang].items()}
                  for lang in LANGUAGES},
            multiword={lang: {k: tuple(tuple(normalize_key(w).split()) for w in v if " " in normalize_key(w))
                              for k, v in cues[lang].items()} for lang in LANGUAGES},
        )

    def actor(self, name: str) -> Actor:
        """Return the actor named ``name``; raise ``DataFileError`` when it is not in actors.yaml."""
        try:
            return self.actors[name]
        except KeyError:
            raise DataFileError(f"data/actors.yaml: no actor named {name!r}") from None

    def phrases(self, lang: str, key: str) -> tuple[tuple[str, ...], ...]:
        """Return the multi-word cue entries of ``key`` as tuples of folded words."""
        return self.multiword[lang if lang in self.multiword else "ar"].get(key, ())

    def phrases_ending(self, lang: str, key: str, last: str) -> list[tuple[str, ...]]:
        """Return the multi-word cue entries of ``key`` whose last word is ``last``."""
        index = self._by_last.get((lang, key))
        if index is None:
            index = {}
            for phrase in self.phrases(lang, key):
                index.setdefault(phrase[-1], []).append(phrase)
            self._by_last[(lang, key)] = index
        return index.get(last, [])

    def words(self, lang: str, key: str) -> frozenset[str]:
        """Return the folded cue words of ``key`` for ``lang``."""
        return self.cues[lang if lang in self.cues else "ar"].get(key, frozenset())


def _build(entries: list[tuple[str, Any]], *, suffixes: frozenset[str] | None = None,
           definite: bool = False) -> PhraseMatcher:
    """Compile (phrase, value) pairs into a matcher (``suffixes``: endings allowed after a phrase;
    ``definite``: also match Arabic noun phrases in their definite form)."""
    matcher = PhraseMatcher(definite=definite) if suffixes is None else PhraseMatcher(suffixes=suffixes, definite=definite)
    for phrase, value in entries:
        matcher.add(phrase, value)
    matcher.build()
    return matcher


def _lang_of(phrase: str) -> str:
    """Return "ar" for a phrase with Arabic letters, else "en"."""
    return "ar" if any("\u0600" <= ch <= "\u06ff" for ch in phrase) else "en"


def _require(entry: dict[str, Any], key: str, where: str) -> Any:
    """Return ``entry[key]`` or raise ``DataFileError`` naming the entry."""
    if key not in entry or entry[key] in (None, ""):
        raise DataFileError(f"{where}: entry {entry.get('name', entry)!r} has no {key!r}")
    return entry[key]


def load_actors() -> tuple[dict[str, Actor], dict[str, list[tuple[str, ActorAlias]]]]:
    """Return canonical actors and per-language (alias, ActorAlias) pairs from actors.yaml."""
    data = read_yaml("actors.yaml") or {}
    actors: dict[str, Actor] = {}
    entries: dict[str, list[tuple[str, ActorAlias]]] = {lang: [] for lang in LANGUAGES}
    for raw in data.get("actors") or []:
        actor = _actor_of(raw)
        actors[actor.name] = actor
        for key, role in (("ar", "name"), ("en", "name"), ("patron", "patron"), ("weak", "weak"), ("refs", "ref")):
            for alias in raw.get(key) or []:
                entries[_lang_of(str(alias))].append((str(alias), ActorAlias(actor, role, alias=str(alias))))
    for raw in data.get("generic") or []:
        mapping = tuple(sorted((str(k), str(v)) for k, v in (raw.get("by_country") or {}).items()))
        _check_template(raw, mapping, actors)
        role = "object" if raw.get("object") else "generic"  # a thing of theirs that was hit, never an agent
        for alias in (raw.get("ar") or []) + (raw.get("en") or []):
            entries[_lang_of(str(alias))].append((str(alias), ActorAlias(None, role, mapping, str(alias))))
    return actors, entries


def _check_template(raw: dict[str, Any], mapping: tuple[tuple[str, str], ...], actors: dict[str, Actor]) -> None:
    """A generic entry's "*" template ("Military Forces of {country}") names its actors in other countries;
    they take the inter code and kind of the entry's first mapped actor."""
    template = dict(mapping).get("*")
    if template is None:
        return
    known = [actors[name] for code, name in mapping if code != "*" and name in actors]
    if "{country}" not in template or not known:
        raise DataFileError(f"data/actors.yaml: generic {raw.get('en')!r}: template {template!r} needs "
                            "'{country}' and a mapped actor")


def _actor_of(raw: dict[str, Any]) -> Actor:
    """Build an ``Actor`` from one actors.yaml entry, checking its fields."""
    where = "data/actors.yaml"
    name = str(_require(raw, "name", where))
    inter = int(_require(raw, "inter", where))
    kind = str(_require(raw, "kind", where))
    if not 1 <= inter <= 8 or kind not in ACTOR_KINDS:
        raise DataFileError(f"{where}: actor {name!r} has inter {inter} / kind {kind!r} outside the ACLED codes")
    return Actor(name, inter, kind, raw.get("country"), bool(raw.get("both_sides")))


def load_triggers(kinds: frozenset[str] | None = None) -> dict[str, list[tuple[str, Trigger]]]:
    """Return per-language (pattern, Trigger) pairs from ``{ar,en}/triggers.tsv`` (kinds from kinds.yaml)."""
    kinds = kinds if kinds is not None else load_kinds().names
    out: dict[str, list[tuple[str, Trigger]]] = {}
    for lang in LANGUAGES:
        rows = []
        for line_no, fields in read_tsv(f"{lang}/triggers.tsv", 4):
            trigger = _trigger_of(fields, lang, f"data/{lang}/triggers.tsv: line {line_no}", kinds)
            rows.append((trigger.pattern, trigger))
        out[lang] = rows
    return out


def _trigger_of(fields: list[str], lang: str, where: str, kinds: frozenset[str]) -> Trigger:
    """Build a ``Trigger`` from one TSV row, checking type, sub-type, kind and flags."""
    pattern, event_type, sub_type, kind = fields[:4]
    flags = frozenset(f for f in (fields[4] if len(fields) > 4 else "-").split(",") if f and f != "-")
    if sub_type not in EVENT_TYPES.get(event_type, ()):
        raise DataFileError(f"{where}: {event_type!r} / {sub_type!r} is not an ACLED type")
    if kind not in kinds or not flags <= TRIGGER_FLAGS:
        raise DataFileError(f"{where}: unknown kind {kind!r} or flags {sorted(flags)}")
    return Trigger(pattern, event_type, sub_type, kind, flags, lang)


def load_sources() -> dict[str, list[tuple[str, Any]]]:
    """Return per-language (alias, Source or "correspondent") pairs from sources.yaml."""
    data = read_yaml("sources.yaml") or {}
    entries: dict[str, list[tuple[str, Any]]] = {lang: [] for lang in LANGUAGES}
    for raw in data.get("sources") or []:
        where = "data/sources.yaml"
        name, scale = str(_require(raw, "name", where)), str(_require(raw, "scale", where))
        kind = str(raw.get("kind") or "outlet")
        for alias in (raw.get("ar") or []) + (raw.get("en") or []):
            entries[_lang_of(str(alias))].append((str(alias), Source(name, scale, kind, str(alias))))
    for lang in LANGUAGES:
        for alias in (data.get("correspondent") or {}).get(lang) or []:
            entries[lang].append((str(alias), Source("correspondent", "Other", "correspondent", str(alias))))
    return entries


def load_cues(lang: str) -> dict[str, list[str]]:
    """Return the cue lists of ``{lang}/cues.yaml``; every key of ``CUE_KEYS`` must be there."""
    data = read_yaml(f"{lang}/cues.yaml") or {}
    missing = [k for k in CUE_KEYS if k not in data]
    if missing:
        raise DataFileError(f"data/{lang}/cues.yaml: missing cue lists {missing}")
    unknown = sorted(set(data) - set(CUE_KEYS))
    if unknown:
        raise DataFileError(f"data/{lang}/cues.yaml: unknown cue lists {unknown}")
    return {k: [str(w) for w in data[k] or []] for k in CUE_KEYS}


def _cue_entries(cues: dict[str, list[str]]) -> list[tuple[str, str]]:
    """Return (phrase, cue kind) pairs for the phrase-level cue lists."""
    phrase_keys = ("new_incident", "detail", "background", "trend", "tally", "subcount", "summary",
                   "quote", "related", "denial", "not_death", "today", "not_trigger", "same_time", "comparison",
                   "preliminary", "update", "retaliation", "accident", "crime", "attribution",
                   "diplomacy")
    return [(w, key) for key in phrase_keys for w in cues[key]]


__all__ = [
    "Actor", "ActorAlias", "Knowledge", "Match", "Source", "Trigger", "EVENT_TYPES",
    "load_actors", "load_cues", "load_sources", "load_triggers",
]
