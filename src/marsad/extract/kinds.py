"""The trigger-kind taxonomy (``data/kinds.yaml``): families of violence and the orders coding reads.

A trigger word has a kind ("clash", "airstrike", "ied" ...). Kinds group into families: two
mentions can tell one incident when their families are the same or listed as compatible. Coding
picks the kind that types an incident by the orders given here (territory, ground fight, remote
weapon, the rest).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from marsad.errors import DataFileError
from marsad.text.lexicon import read_yaml

log = logging.getLogger(__name__)

WHERE = "data/kinds.yaml"
_GROUPS = ("protest", "protest_words", "force_on_protesters", "territory", "ground_order", "remote_order",
           "vac", "other_order", "unnamed_perpetrator", "no_default_initiator", "civilian_default_target",
           "object_genitive", "not_toll_before", "lead_order", "lead_unless_hit", "lone_needs_actor",
           "protest_violence", "setting_kinds", "agent_nouns", "ground_fight")


@dataclass(frozen=True, slots=True)
class KindTaxonomy:
    """Every trigger kind, its family and the kind groups of ``data/kinds.yaml``."""

    family_of: dict[str, str | None]
    generic: frozenset[str]
    compatible: frozenset[frozenset[str]]
    detail_compatible: frozenset[frozenset[str]]
    retold_compatible: frozenset[frozenset[str]]
    groups: dict[str, tuple[str, ...]]
    default_types: dict[str, tuple[str, str]]
    disorder: dict[str, str]
    combos: tuple[tuple[frozenset[str], frozenset[str], str], ...] = ()  # (all, none, kind)
    context_kinds: dict[str, frozenset[str]] = field(default_factory=dict)  # context -> kinds it takes away

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self.family_of)

    def group(self, name: str) -> tuple[str, ...]:
        """The kinds listed under ``name`` (an order or a set, as the file gives it)."""
        return self.groups[name]

    def is_in(self, kind: str | None, name: str) -> bool:
        return kind in self.groups[name]

    def family(self, kind: str | None) -> str | None:
        return self.family_of.get(kind or "")

    def families(self, kinds: set[str]) -> set[str]:
        """Families of the specific (not generic) kinds among ``kinds``."""
        return {f for k in kinds - self.generic if (f := self.family_of.get(k))}

    def combined(self, kinds: set[str], every: set[str], around: frozenset[str] = frozenset()) -> set[str]:
        """``kinds`` plus the kinds that parts among ``every`` kind of a clause's triggers make together
        ("set up" + "military base": a base); a kind to avoid may be anywhere in the incident (``around``)."""
        made = {kind for need, avoid, kind in self.combos if need <= every and not avoid & (every | around)}
        return kinds | made

    def blocks(self, context: str, kind: str) -> bool:
        """True when a sentence's ``context`` (accident, crime, attribution) takes trigger ``kind`` away."""
        taken = self.context_kinds.get(context, frozenset())
        return "*" in taken or kind in taken

    def leading(self, kinds: set[str], *, hit: bool) -> str | None:
        """The kind that types an incident before every order (``lead_order``), if any."""
        for kind in self.groups["lead_order"]:
            if kind in kinds and not (hit and kind in self.groups["lead_unless_hit"]):
                return kind
        return None

    def fit(self, kinds_a: set[str], kinds_b: set[str], *, detail: bool = False, retold: bool = False) -> bool:
        """True when two sets of kinds can tell one incident (a detail may add an arrest to a raid; a
        definite retelling may call a strike by another weapon word)."""
        fam_a, fam_b = self.families(kinds_a), self.families(kinds_b)
        if not fam_a or not fam_b or fam_a & fam_b:
            return True
        allowed = self.compatible | (self.detail_compatible if detail else frozenset()) | \
            (self.retold_compatible if retold else frozenset())
        return any(frozenset({a, b}) in allowed for a in fam_a for b in fam_b)


def load_kinds(relpath: str = "kinds.yaml") -> KindTaxonomy:
    """Read the taxonomy; raise ``DataFileError`` naming a bad entry."""
    data = read_yaml(relpath) or {}
    raw = data.get("kinds") or {}
    if not raw:
        raise DataFileError(f"{WHERE}: no kinds")
    family_of = {str(k): (str(v["family"]) if (v or {}).get("family") else None) for k, v in raw.items()}
    generic = frozenset(str(k) for k, v in raw.items() if (v or {}).get("generic"))
    families = {f for f in family_of.values() if f}
    compatible = _pairs(data.get("compatible"), families, "compatible")
    detail = _pairs(data.get("detail_compatible"), families, "detail_compatible")
    retold = _pairs(data.get("retold_compatible"), families, "retold_compatible")
    groups = {name: _kind_list(data.get(name), family_of, name) for name in _GROUPS}
    defaults = {str(k): (str(v[0]), str(v[1])) for k, v in (data.get("default_types") or {}).items()}
    for kind in defaults:
        _check_kind(kind, family_of, "default_types")
    disorder = {str(k): str(v) for k, v in (data.get("disorder") or {}).items()}
    combos = tuple(_combo(raw, family_of) for raw in data.get("combine") or [])
    contexts = {str(k): frozenset(str(x) for x in (v or [])) for k, v in (data.get("context_blocks") or {}).items()}
    for name, taken in contexts.items():
        for kind in taken - {"*"}:
            _check_kind(kind, family_of, f"context_blocks: {name}")
    return KindTaxonomy(family_of, generic, compatible, detail, retold, groups, defaults, disorder, combos, contexts)


def _combo(raw: Any, family_of: dict[str, str | None]) -> tuple[frozenset[str], frozenset[str], str]:
    """Read one ``combine`` rule ({all, none, kind}), checking its kinds."""
    if not isinstance(raw, dict) or not raw.get("all") or not raw.get("kind"):
        raise DataFileError(f"{WHERE}: combine: {raw!r} needs 'all' and 'kind'")
    need, avoid = _kind_list(raw["all"], family_of, "combine"), _kind_list(raw.get("none") or [], family_of, "combine")
    _check_kind(raw["kind"], family_of, "combine")
    return frozenset(need), frozenset(avoid), str(raw["kind"])


def _pairs(raw: Any, families: set[str], name: str) -> frozenset[frozenset[str]]:
    """Read a list of family pairs, checking each family exists."""
    out = set()
    for pair in raw or []:
        if len(pair) != 2 or not set(pair) <= families:
            raise DataFileError(f"{WHERE}: {name}: {pair!r} is not a pair of known families")
        out.add(frozenset(str(p) for p in pair))
    return frozenset(out)


def _kind_list(raw: Any, family_of: dict[str, str | None], name: str) -> tuple[str, ...]:
    """Read a list of kinds, checking each is a known kind."""
    if raw is None:
        raise DataFileError(f"{WHERE}: missing list {name!r}")
    for kind in raw:
        _check_kind(kind, family_of, name)
    return tuple(str(k) for k in raw)


def _check_kind(kind: Any, family_of: dict[str, str | None], name: str) -> None:
    if str(kind) not in family_of:
        raise DataFileError(f"{WHERE}: {name}: unknown kind {kind!r}")
