"""The geocoder's word lists (place cues, relations, directions, stoplist), loaded from geo_lexicon.yaml."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from marsad.errors import DataFileError
from marsad.text.lexicon import load_yaml
from marsad.text.normalize import normalize_key, strip_al
from marsad.text.numbers import default_number_lexicon

log = logging.getLogger(__name__)

PROCLITICS = frozenset("وفبلك")
BEARINGS = {"north": 0.0, "east": 90.0, "south": 180.0, "west": 270.0}
_REQUIRED = ("place_cues", "countryside", "desert", "outskirts", "near", "between", "road",
             "directions", "distance_units", "countries", "qualifiers", "name_heads", "locative", "after", "min_letters", "never", "stoplist", "roles",
             "list_cues")
_ROLE_LISTS = ("locator_links", "outlet_words", "name_words", "person_words", "kunya_words", "given_names",
               "capitals", "government_nouns", "government_verbs")


@dataclass(frozen=True, slots=True)
class RoleWords:
    """Word lists that tell a site from a reference point or a word inside a name (``marsad.geo.roles``).

    Every list holds words in the form ``stop_form`` gives (normalised, no leading "ال")."""

    locator_links: frozenset[str]
    outlet_words: frozenset[str]
    name_words: frozenset[str]
    person_words: frozenset[str]
    kunya_words: frozenset[str]
    given_names: frozenset[str]
    capitals: frozenset[str]
    government_nouns: frozenset[str]
    government_verbs: frozenset[str]


@dataclass(frozen=True, slots=True)
class GeoLexicon:
    """Normalised word lists the geocoder reads around names."""

    place_cues: dict[str, str]  # word -> feature hint
    relations: dict[str, str]  # word -> countryside/desert/outskirts/near/between/road
    directions: dict[str, str]  # word -> east/west/north/south
    distance_units: dict[str, float]  # unit -> kilometres
    countries: dict[str, str]  # word -> country
    qualifiers: frozenset[str]
    name_heads: frozenset[str]  # generic first words a report may leave out ("تل", "خربة")
    locative: frozenset[str]  # "في", "الى", "قرب" ...: words that put a place after them
    after: dict[str, str]  # word after a name -> relation or feature hint ("countryside", "admin1")
    min_letters: int
    never: frozenset[str]  # never a place, even after a cue (normalised, leading "ال" stripped)
    stoplist: frozenset[str]  # a place only after a cue (normalised, leading "ال" stripped)
    list_cues: frozenset[str] = frozenset()  # plural cues that open a list ("أحياء X وY وZ")
    numbers: frozenset[str] = frozenset()  # number words: a place only after its own cue ("منطقة الأربعين")
    roles: RoleWords | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> "GeoLexicon":
        """Read the YAML file (the shipped one by default); raise DataFileError when malformed."""
        path = path or Path(str(resources.files("marsad") / "data" / "geo_lexicon.yaml"))
        try:
            data = load_yaml(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise DataFileError(f"{path}: cannot read the geo lexicon: {exc}") from exc
        missing = _missing(data)
        if missing:
            raise DataFileError(f"{path}: missing sections {', '.join(missing)}")
        return cls._from_data(data, numbers=default_number_lexicon().words)

    @classmethod
    def _from_data(cls, data: dict, numbers: Iterable[str] = ()) -> "GeoLexicon":
        relations = {normalize_key(w): rel for rel in ("countryside", "desert", "outskirts", "near",
                                                      "between", "road") for w in data[rel]}
        return cls(
            place_cues={normalize_key(k): v for k, v in data["place_cues"].items()},
            relations=relations,
            directions={normalize_key(w): d for d, words in data["directions"].items() for w in words},
            distance_units={normalize_key(k): float(v) for k, v in data["distance_units"].items()},
            countries={normalize_key(w): c for c, words in data["countries"].items() for w in words},
            qualifiers=frozenset(normalize_key(q) for q in data["qualifiers"]),
            name_heads=frozenset(normalize_key(h) for h in data["name_heads"]),
            locative=frozenset(normalize_key(w) for w in data["locative"]),
            after={normalize_key(k): v for k, v in data["after"].items()},
            min_letters=int(data["min_letters"]),
            never=frozenset(stop_form(w) for w in _never_words(data)),
            stoplist=frozenset(stop_form(w) for w in data["stoplist"]),
            list_cues=frozenset(normalize_key(w) for w in data["list_cues"]),
            numbers=frozenset(stop_form(w) for w in numbers),
            roles=RoleWords(**{key: frozenset(stop_form(w) for w in data["roles"][key]) for key in _ROLE_LISTS}),
        )

    def is_stopword(self, key: str) -> bool:
        """True when a normalised name (a match key) is a common word that needs a place cue."""
        form = strip_al(key)
        return form in self.stoplist or form in self.never

    def is_number(self, key: str) -> bool:
        """True when a normalised name is a number word ("أربعة", "الأربعين")."""
        return strip_al(key) in self.numbers

    def is_never(self, key: str) -> bool:
        """True when a normalised name (a match key) is a word that never names a place here."""
        return strip_al(key) in self.never

    def too_short(self, key: str) -> bool:
        """True when a normalised name has fewer letters than ``min_letters`` (without "ال")."""
        return sum(ch.isalnum() for ch in strip_al(key)) < self.min_letters


def _missing(data: object) -> list[str]:
    """The sections (and role lists) a lexicon file lacks."""
    if not isinstance(data, dict):
        return list(_REQUIRED)
    missing = [key for key in _REQUIRED if key not in data]
    roles = data.get("roles")
    if isinstance(roles, dict):
        missing += [f"roles.{key}" for key in _ROLE_LISTS if not isinstance(roles.get(key), list)]
    elif "roles" not in missing:
        missing.append("roles")
    return missing


def _never_words(data: dict) -> list[str]:
    """The never list plus every cue, relation, direction and unit word."""
    words = list(data["never"]) + list(data["place_cues"]) + list(data["distance_units"]) + list(data["after"])
    for section in ("countryside", "desert", "outskirts", "near", "between", "road"):
        words += data[section]
    words += [w for ws in data["directions"].values() for w in ws]
    return words


def stop_form(word: str) -> str:
    """The form stoplist entries are compared in: normalised, without a leading "ال"."""
    return strip_al(normalize_key(word))


def proclitic_forms(word: str) -> list[str]:
    """The word and the words left after dropping one or two leading proclitics (و ف ب ل ك)."""
    forms = [word]
    for _ in range(2):
        if len(word) > 2 and word[0] in PROCLITICS:
            word = word[1:]
            forms.append(word)
    return forms
