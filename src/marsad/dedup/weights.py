"""The fitted weights of evidence of event merging (``data/dedup/weights.yaml``).

Every factor of a pair (type, date, place, actors, toll, trend, wording, roles) takes one
level ("same_day", "within_3km", ...); each level has a weight in nats, fitted by
``scripts/fit_dedup_weights.py`` (a logistic regression over labelled report pairs) and shipped as
data. A pair's log-odds is the intercept plus the weights of its levels.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from marsad.errors import DataFileError
from marsad.text.lexicon import read_yaml

RELPATH = "dedup/weights.yaml"

# Every level of every factor; the weights file must give each one a weight.
LEVELS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "type": ("same_subtype", "same_type", "close_subtypes", "far_subtypes", "disputed_family", "weak_family",
             "unknown"),
    "date": ("same_day", "adjacent_day", "near_days", "windows_overlap", "same_month_day", "adjacent_month_day",
             "same_weekday", "adjacent_weekday", "implied_one", "implied_both", "undated_one", "undated_both"),
    "place": ("same_place", "same_town_area", "related_names", "within_3km", "within_10km", "within_20km", "coarse",
              "unknown"),
    "actors": ("same_pair", "shared_named", "shared_vague", "compatible", "conflict", "unknown"),
    "toll": ("same", "same_zero", "close", "differ", "contradict", "unknown"),
    "trend": ("rising_next_day", "falling_next_day", "none"),
    "wording": ("high", "mid", "low", "none", "unknown"),
    "roles": ("main_main", "main_other", "other_other"),
})
# Levels that may never speak for a merge (weight clipped to <= 0): a governorate or a region.
NEVER_POSITIVE = frozenset({("place", "coarse")})


@dataclass(frozen=True, slots=True)
class Weights:
    """The intercept (prior log-odds of a candidate pair), the weight of every level, the merge
    threshold and the member floor (chosen with the weights on the development reports)."""

    intercept: float
    levels: Mapping[str, Mapping[str, float]]
    threshold: float
    about: Mapping[str, Any]
    member_floor: float = 0.5

    def weight(self, factor: str, level: str) -> float:
        """The weight of ``level`` of ``factor`` in nats."""
        return self.levels[factor][level]


def parse_weights(data: Any, label: str = RELPATH) -> Weights:
    """Check and build ``Weights`` from the parsed YAML; ``DataFileError`` names what is wrong."""
    if not isinstance(data, dict) or not isinstance(data.get("factors"), dict):
        raise DataFileError(f"data/{label}: expected a mapping with 'intercept', 'threshold' and 'factors'")
    levels: dict[str, Mapping[str, float]] = {}
    for factor, names in LEVELS.items():
        given = data["factors"].get(factor)
        if not isinstance(given, dict):
            raise DataFileError(f"data/{label}: factor {factor!r} is missing")
        missing = [n for n in names if not isinstance(given.get(n), (int, float))]
        if missing:
            raise DataFileError(f"data/{label}: factor {factor!r} has no weight for {', '.join(missing)}")
        levels[factor] = MappingProxyType({n: _clip(factor, n, float(given[n])) for n in names})
    try:
        intercept, threshold = float(data["intercept"]), float(data["threshold"])
        floor = float(data.get("member_floor", 0.5))
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"data/{label}: 'intercept', 'threshold' and 'member_floor' must be numbers") from exc
    return Weights(intercept, MappingProxyType(levels), threshold, MappingProxyType(dict(data.get("about") or {})),
                   floor)


def _clip(factor: str, level: str, value: float) -> float:
    return min(value, 0.0) if (factor, level) in NEVER_POSITIVE else value


@functools.cache
def default_weights() -> Weights:
    """The shipped weights (read once)."""
    return parse_weights(read_yaml(RELPATH))
