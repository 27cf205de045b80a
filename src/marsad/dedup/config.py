"""Thresholds and weights of cross-report event merging, as one frozen value."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from marsad.dedup.weights import Weights, default_weights
from marsad.errors import InputError


def _threshold() -> float:
    return default_weights().threshold


def _member_floor() -> float:
    return default_weights().member_floor


@dataclass(frozen=True, slots=True)
class DedupConfig:
    """How hard two mentions must agree before they become one event.

    The score of a pair is a log-likelihood-ratio sum: each factor (type, date, place, actors,
    toll, next-day trend, wording, roles) takes a level and adds that level's weight of evidence
    in nats to the intercept (``weights``, fitted on labelled report pairs and shipped in
    ``data/dedup/weights.yaml``). The score is the posterior probability and a pair merges when it
    reaches ``threshold``. Rules that no weight overrides:

    - vetoes: incompatible event families; two single days two or more days apart, or windows
      more than ``max_day_gap`` apart (month-days and weekdays likewise when the year is unknown);
      town-level places more than ``fine_veto_km`` apart, coarse ones beyond ``veto_radii`` times
      their radius, different governorates without points;
    - a pair whose dates do not agree (one or both undated) merges only with ``corroboration``
      incident-specific agreements: a town-level place, the same toll, a shared named actor, or
      overlapping incident wording; days one apart only with a toll that held or rose;
    - coarse places (a governorate, a region, a district's countryside) never speak for a merge.
    """

    threshold: float = field(default_factory=_threshold)
    ambiguity_margin: float = 0.05  # two events scoring this close: the mention joins neither
    # Every member of the event must find one incident at least this likely (no chaining).
    member_floor: float = field(default_factory=_member_floor)
    weights: Weights = field(default_factory=default_weights)
    max_day_gap: int = 3  # windows (weeks, months, publication) farther apart than this veto
    corroboration: int = 1  # incident-specific agreements an undated pair needs
    # Radius in km by ACLED geo_precision (1 town, 2 near/part of region, 3 region).
    radius_km: tuple[float, float, float] = (10.0, 30.0, 80.0)
    veto_radii: float = 2.5
    fine_veto_km: float = 20.0  # two town-level places farther apart (two town radii) are two incidents
    same_town_km: float = 3.0  # one town's name placed at it and around it: its points this close
    # Near-duplicate reports (reprints).
    reprint_jaccard: float = 0.8
    # A short report with a new dateline and a reworded sentence falls below 0.8 on 5-shingles:
    # it is still a reprint when half its paragraph words are in paragraphs copied word for word.
    reprint_weak_jaccard: float = 0.6
    reprint_paragraph_share: float = 0.5
    num_perm: int = 128
    shingle_words: int = 5
    min_paragraph_words: int = 8
    # Merged ACLED fatalities: "latest_lowest" = the lowest figure of the latest reporting day
    # (a later toll supersedes); "lowest" = the lowest figure any report gave.
    fatality_rule: str = "latest_lowest"
    mention_cache: int = 5_000  # decoded mentions a store keeps in memory between reports (LRU; ~20 KB each)

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise InputError(f"dedup threshold {self.threshold} is outside (0, 1]")
        if not 0.0 < self.reprint_jaccard <= 1.0:
            raise InputError(f"reprint Jaccard threshold {self.reprint_jaccard} is outside (0, 1]")
        if self.fatality_rule not in ("latest_lowest", "lowest"):
            raise InputError(f"fatality rule {self.fatality_rule!r}: expected 'latest_lowest' or 'lowest'")
        if self.num_perm < 16 or self.shingle_words < 1:
            raise InputError(f"dedup num_perm {self.num_perm} / shingle_words {self.shingle_words} too small")
        if self.veto_radii < 1.0 or min(self.radius_km) <= 0:
            raise InputError(f"dedup radii {self.radius_km} x {self.veto_radii}: must be positive, veto >= 1 radius")

    @property
    def prior(self) -> float:
        """The intercept: log-odds that a candidate pair is one incident before any evidence."""
        return self.weights.intercept

    def radius_for(self, precision: int | None, where_prec: int | None = None) -> float:
        """The matching radius in km for an ACLED ``geo_precision`` (unknown counts as 3); a UCDP
        ``where_prec`` of 3 or more (district, desert, long road) widens it to the region radius."""
        index = min(max((precision or 3), 1), 3) - 1
        if where_prec is not None and where_prec >= 3:
            index = 2
        return self.radius_km[index]

    def search_radii(self) -> tuple[float, float, float]:
        """Radii for the candidate search: as far as a pair can be without a place veto."""
        a, b, c = (r * self.veto_radii for r in self.radius_km)
        return (max(a, self.fine_veto_km), b, c)

    def probability(self, log_odds: float) -> float:
        """The posterior probability of one incident for the intercept plus ``log_odds`` of evidence."""
        value = self.prior + log_odds
        return 1.0 / (1.0 + math.exp(-value)) if value > -30 else 0.0
