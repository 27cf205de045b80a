"""Thresholds and weights of cross-report event merging, as one frozen value."""

from __future__ import annotations

import math
from dataclasses import dataclass

from marsad.errors import InputError


@dataclass(frozen=True, slots=True)
class DedupConfig:
    """How hard two mentions must agree before they become one event.

    The score is a log-likelihood-ratio sum: every factor (type, date, place,
    actors, fatalities) adds a weight of evidence in nats (natural-log odds;
    + for "one incident", - for "two incidents", 0 for "says nothing", e.g. a
    field missing in one report) to the ``prior`` log-odds that a candidate pair
    (same type family, dates within ``max_day_gap``, place in range) is one
    incident. The score is the posterior probability ``1 / (1 + exp(-log_odds))``
    and a pair merges when it reaches ``threshold``. Only plain impossibilities
    veto: incompatible event families, dates more than ``max_day_gap`` apart,
    points farther apart than ``veto_radii`` times the coarser side's radius,
    different governorates without points. Weights (nats) and why:

    - type: same sub-type +1.5; same type, one sub-type missing +1.0; sub-types
      reports confuse (shelling / air strike) +0.3; other sub-types of one type
      (an IED / an air strike) -3.0; families outlets disagree on (civilians or
      fighters killed: Violence against civilians / Battles; Protests / Riots)
      -0.5; Battles or civilian attacks / Explosions -1.0; unknown 0.
    - date: both precise and the same day +2.0; one day apart -2.0 (night
      events and "yesterday" shift a day, but the same town is often hit on
      consecutive days: the toll has to corroborate); 2 to ``max_day_gap`` days
      -3.0; overlapping week/month windows +0.5; no date in one report 0.
    - place: the same place name +2.0 (a name contained in the other, "Sukhnah"
      in "Sukhnah - Deir ez-Zor road", +1.0); points: ``place_near`` *
      (1 - (d / R)^2), R the coarser side's radius (``radius_km`` by ACLED
      geo_precision, the region radius for a UCDP where_prec of 3 or more:
      deserts, districts, long roads); no point but the same governorate -0.5
      (the place that would have told them apart is missing).
    - actors (ACLED names; Unidentified Armed Group, Civilians and Protesters are
      vague and compatible with anyone, a missing actor is neutral): +0.6 per
      shared named actor, +0.2 per shared vague one, -1.5 per named actor of one
      report that the other report's actors cannot account for.
    - fatalities (weak; outlets disagree and tolls rise): same +0.4, close +0.1,
      differ -0.3, contradict -1.0. For dates one day apart the toll decides: a
      later day with the same or a higher toll (a rising toll) +1.0, a lower
      one -1.0.
    """

    threshold: float = 0.6
    ambiguity_margin: float = 0.05  # two events scoring this close: the mention joins neither
    # Every member of the event must find one incident at least this likely (no chaining: a
    # mention matching one report of an event well and another badly joins neither).
    member_floor: float = 0.5
    prior: float = -2.0  # log-odds that a candidate pair is one incident before any evidence
    # Type (nats).
    type_same: float = 1.5
    type_same_partial: float = 1.0
    type_close_subtypes: float = 0.3
    type_far_subtypes: float = -3.0
    type_disputed_family: float = -0.5
    type_weak_family: float = -1.0
    # Date (nats).
    date_same_day: float = 2.0
    date_adjacent: float = -2.0
    date_near: float = -3.0
    date_overlap: float = 0.5
    max_day_gap: int = 3
    # Place (nats); radius in km by ACLED geo_precision (1 town, 2 near/part of region, 3 region).
    place_same: float = 2.0
    place_contained: float = 1.0
    place_near: float = 1.8
    place_governorate_only: float = 0.0
    radius_km: tuple[float, float, float] = (10.0, 30.0, 80.0)
    veto_radii: float = 2.5
    # Actors (nats).
    actor_shared: float = 0.6
    actor_shared_vague: float = 0.2
    actor_conflict: float = -1.5
    # Fatalities (nats).
    toll_same: float = 0.4
    toll_close: float = 0.1
    toll_differ: float = -0.3
    toll_contradict: float = -1.0
    toll_rising_next_day: float = 1.0
    toll_falling_next_day: float = -1.0
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
        return (a, b, c)

    def probability(self, log_odds: float) -> float:
        """The posterior probability of one incident for the prior plus ``log_odds`` of evidence."""
        value = self.prior + log_odds
        return 1.0 / (1.0 + math.exp(-value)) if value > -30 else 0.0
