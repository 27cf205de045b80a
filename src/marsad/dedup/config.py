"""Thresholds and weights of cross-report event merging, as one frozen value."""

from __future__ import annotations

from dataclasses import dataclass

from marsad.errors import InputError


@dataclass(frozen=True, slots=True)
class DedupConfig:
    """How hard two mentions must agree before they become one event.

    The score is a weighted sum of five factors in [0, 1] (type, date, place,
    actors, fatalities); a factor may also veto the pair outright (different
    event families, precise dates more than ``max_day_gap`` apart, points
    farther apart than the precision radius, different governorates).
    """

    threshold: float = 0.75
    ambiguity_margin: float = 0.05  # two events scoring this close: the mention joins neither
    w_type: float = 0.25
    w_date: float = 0.30
    w_place: float = 0.25
    w_actors: float = 0.12
    w_fatalities: float = 0.08
    # Date agreement levels: same day > one day apart with the same toll > overlapping
    # windows > no date in one report > one day apart with different tolls (two precise
    # dates a day apart are usually two incidents: the same town is shelled day after day).
    date_exact: float = 1.0
    date_adjacent: float = 0.5
    date_adjacent_uncorroborated: float = 0.2
    date_overlap: float = 0.45
    date_null: float = 0.4
    date_near: float = 0.1
    max_day_gap: int = 3
    # Place: radius in km by ACLED geo_precision (1 town, 2 near/part of region, 3 region).
    radius_km: tuple[float, float, float] = (10.0, 30.0, 80.0)
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

    def radius_for(self, precision: int | None) -> float:
        """Return the matching radius in km for an ACLED ``geo_precision`` (unknown counts as 3)."""
        index = min(max((precision or 3), 1), 3) - 1
        return self.radius_km[index]
