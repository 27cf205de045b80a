"""What reports of one incident may code differently (``data/dedup/compatible.yaml``): type
families and close sub-types, vague actors, actors of one side, place-name articles.

Every type, sub-type and actor named there must be in ``data/vocabulary.yaml``; a misspelt name
would silently never match, so loading it is a ``DataFileError`` naming the file and the name.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from marsad.errors import DataFileError
from marsad.text.lexicon import read_yaml

RELPATH = "dedup/compatible.yaml"
FAMILY_LEVELS = ("disputed_family", "weak_family")


@dataclass(frozen=True, slots=True)
class Compatible:
    """``families``: {pair of event types: level}; ``close_subtypes``: groups of sub-types;
    ``vague_actors``; ``side``: actor -> the name of its side (one name per group of ``one_side``);
    ``place_articles``: words dropped from place names."""

    families: Mapping[frozenset[str], str]
    close_subtypes: tuple[frozenset[str], ...]
    vague_actors: frozenset[str]
    side: Mapping[str, str]
    place_articles: frozenset[str]

    def same_side(self, actor: str) -> str:
        """The name that stands for ``actor``'s side (itself when it has none)."""
        return self.side.get(actor, actor)


def parse_compatible(data: Any, vocabulary: Any, label: str = RELPATH) -> Compatible:
    """Check and build ``Compatible``; ``DataFileError`` names the file and what is wrong."""
    if not isinstance(data, dict):
        raise DataFileError(f"data/{label}: expected a mapping")
    types = set(vocabulary["event_types"])
    subtypes = {s for subs in vocabulary["event_types"].values() for s in subs}
    actors = set(vocabulary["actors"])
    families: dict[frozenset[str], str] = {}
    for level, pairs in (data.get("families") or {}).items():
        if level not in FAMILY_LEVELS:
            raise DataFileError(f"data/{label}: unknown family level {level!r} (known: {', '.join(FAMILY_LEVELS)})")
        for pair in pairs:
            families[frozenset(_known(pair, types, label, "event type"))] = level
    close = tuple(frozenset(_known(g, subtypes, label, "sub-event type")) for g in data.get("close_subtypes") or [])
    side = {}
    for group in data.get("one_side") or []:
        names = _known(group, actors, label, "actor")
        side.update({name: names[0] for name in names})
    return Compatible(MappingProxyType(families), close, frozenset(_known(data.get("vague_actors") or [], actors,
                      label, "actor")), MappingProxyType(side), frozenset(data.get("place_articles") or []))


def _known(names: Iterable[str], known: set[str], label: str, what: str) -> list[str]:
    names = list(names)
    for name in names:
        if name not in known:
            raise DataFileError(f"data/{label}: {name!r} is not a {what} of data/vocabulary.yaml")
    return names


@functools.cache
def default_compatible() -> Compatible:
    """The shipped table (read once)."""
    return parse_compatible(read_yaml(RELPATH), read_yaml("vocabulary.yaml"))
