"""Weights of the scores extraction sums over features (``data/weights/*.yaml``).

A role feature ("after an agent phrase", "the side of a casualty figure") adds its initiator and
target weights to an actor's scores. The weights are data: hand-set first, then fitted on the
development part of the real reports by ``scripts/fit_role_weights.py``, which rewrites the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from marsad.errors import DataFileError
from marsad.text.lexicon import read_yaml

WHERE = "data/weights/roles.yaml"


@dataclass(frozen=True, slots=True)
class FeatureWeight:
    """What one role feature adds to the initiator (a1) and target (a2) scores, and what it says."""

    name: str
    a1: float
    a2: float
    says: str


@dataclass(frozen=True, slots=True)
class RoleWeights:
    """Every role feature's weights, the vague-name factor and how they were obtained."""

    features: dict[str, FeatureWeight]
    weak_factor: float
    fitted: dict[str, Any] | None = None

    def feature(self, name: str) -> FeatureWeight:
        """The weights of ``name``; an unknown feature is a programming error naming the file."""
        try:
            return self.features[name]
        except KeyError:
            raise DataFileError(f"{WHERE}: no feature {name!r}") from None


def load_role_weights(relpath: str = "weights/roles.yaml") -> RoleWeights:
    """Read the role weights; raise ``DataFileError`` naming a bad entry."""
    data = read_yaml(relpath) or {}
    features = {}
    for name, raw in (data.get("features") or {}).items():
        try:
            features[str(name)] = FeatureWeight(str(name), float(raw.get("a1", 0)), float(raw.get("a2", 0)),
                                                str(raw.get("says") or name))
        except (AttributeError, TypeError, ValueError) as exc:
            raise DataFileError(f"{WHERE}: feature {name!r}: {exc}") from exc
    if not features:
        raise DataFileError(f"{WHERE}: no features")
    return RoleWeights(features, float(data.get("weak_factor", 0.5)), data.get("fitted"))
