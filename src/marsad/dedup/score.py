"""Scoring whether two event mentions from different reports describe one incident.

Each factor returns a value in [0, 1] and a short reason, or ``None`` with a
reason when the pair cannot be one incident (a veto). The score is the
weighted sum of the factors with the weights of ``DedupConfig``.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from datetime import date

from marsad.dedup.config import DedupConfig
from marsad.dedup.dates import DateWindow, date_window
from marsad.document import Event
from marsad.text.normalize import normalize_key, strip_al

# Event families that reports of one incident may code differently (weakly).
_WEAK_TYPES: frozenset[frozenset[str]] = frozenset({
    frozenset({"Battles", "Explosions/Remote violence"}),
    frozenset({"Violence against civilians", "Explosions/Remote violence"}),
    frozenset({"Violence against civilians", "Battles"}),
    frozenset({"Protests", "Riots"}),
})
_WEAK_TYPE_SCORE = 0.2
# Sub-types reports of one incident confuse (a missile strike called shelling, a suicide
# bomber's device called an IED); other sub-types of one type are different incidents.
_CLOSE_SUBTYPES: tuple[frozenset[str], ...] = (
    frozenset({"Air/drone strike", "Shelling/artillery/missile attack"}),
    frozenset({"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"}),
    frozenset({"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}),
    frozenset({"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}),
    frozenset({"Violent demonstration", "Mob violence"}),
)
_CLOSE_SUBTYPE_SCORE = 0.6
_FAR_SUBTYPE_SCORE = 0.2
_VAGUE_ACTORS = frozenset({"Unidentified Armed Group", "Civilians", "Protesters"})

Factor = tuple[float | None, str]


def compatible_types(event_type: str | None) -> tuple[str, ...] | None:
    """Event types a mention of ``event_type`` may merge with (None: any)."""
    if not event_type:
        return None
    weak = {t for pair in _WEAK_TYPES if event_type in pair for t in pair}
    return tuple(sorted(weak | {event_type}))


@dataclass(frozen=True, slots=True)
class Mention:
    """One event as extracted from one report, with what merging needs to know."""

    id: str
    article_id: str
    event: Event
    outlet: str | None = None
    published: date | None = None

    @property
    def window(self) -> DateWindow | None:
        """The days this mention's date can mean."""
        return date_window(self.event.event_date, self.event.time_precision, self.published)


@dataclass(frozen=True, slots=True)
class MatchScore:
    """The score of a pair, the reasons behind it, and the veto if any."""

    score: float
    reasons: tuple[str, ...]
    veto: str | None = None

    @property
    def reason(self) -> str:
        """The reasons as one line for ``mentions.merge_reason``."""
        return self.veto or "; ".join(self.reasons)


def type_factor(a: Event, b: Event) -> Factor:
    """Same type and sub-type > same type > weakly compatible families; else veto."""
    if not a.event_type or not b.event_type:
        return 0.5, "type unknown"
    if a.event_type == b.event_type:
        if a.sub_event_type == b.sub_event_type:
            return 1.0, f"same type {a.sub_event_type or a.event_type}"
        if not a.sub_event_type or not b.sub_event_type:
            return 0.85, f"same type {a.event_type}"
        pair = frozenset({a.sub_event_type, b.sub_event_type})
        if any(pair <= group for group in _CLOSE_SUBTYPES):
            return _CLOSE_SUBTYPE_SCORE, f"same type {a.event_type}, sub-types close"
        return _FAR_SUBTYPE_SCORE, f"sub-types differ ({a.sub_event_type} / {b.sub_event_type})"
    if frozenset({a.event_type, b.event_type}) in _WEAK_TYPES:
        return _WEAK_TYPE_SCORE, f"types {a.event_type} / {b.event_type} weakly compatible"
    return None, f"types differ ({a.event_type} / {b.event_type})"


def date_factor(a: Mention, b: Mention, config: DedupConfig) -> Factor:
    """Exact day > one day apart > overlapping windows > no date; far apart vetoes."""
    wa, wb = a.window, b.window
    if wa is None or wb is None or "implied" in (wa.kind, wb.kind):
        if wa is not None and wb is not None and not wa.overlaps(wb, slack=config.max_day_gap):
            return None, "report dates too far from the event date"
        return config.date_null, "date unknown in one report"
    gap = wa.gap_days(wb)
    if wa.kind == wb.kind == "exact":
        return _exact_dates(gap, _same_toll(a.event, b.event), config)
    if gap == 0:
        return config.date_overlap, "date windows overlap"
    if gap <= 1:
        return config.date_near, f"date windows {gap} day apart"
    return None, f"date windows {gap} days apart"


def _exact_dates(gap: int, same_toll: bool, config: DedupConfig) -> Factor:
    """Score two precise dates ``gap`` days apart; a one-day gap needs the same toll."""
    if gap == 0:
        return config.date_exact, "same date"
    if gap == 1:
        if same_toll:
            return config.date_adjacent, "dates one day apart, same toll"
        return config.date_adjacent_uncorroborated, "dates one day apart"
    if gap <= config.max_day_gap:
        return config.date_near, f"dates {gap} days apart"
    return None, f"dates {gap} days apart"


def _same_toll(a: Event, b: Event) -> bool:
    """Both reports give the same death figure."""
    return a.fatalities is not None and a.fatalities == b.fatalities


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@functools.lru_cache(maxsize=4096)
def place_key(name: str | None) -> str:
    """A place name folded for comparison ("al-Sukhnah" and "Sukhnah" agree); pure, so cached."""
    return strip_al(normalize_key(name), every_word=True) if name else ""


def place_factor(a: Event, b: Event, config: DedupConfig) -> Factor:
    """Same place or within the precision radius; farther apart or another governorate vetoes."""
    if _has_point(a) and _has_point(b):
        km = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]
        radius = max(config.radius_for(a.geo_precision), config.radius_for(b.geo_precision))
        if km > radius:
            return None, f"{km:.0f} km apart (radius {radius:.0f} km)"
        if place_key(a.location) and place_key(a.location) == place_key(b.location):
            return 1.0, f"same place {a.location}"
        return 1.0 - 0.5 * km / radius, f"{km:.0f} km apart"
    if place_key(a.location) and place_key(a.location) == place_key(b.location):
        return 1.0, f"same place {a.location}"
    if a.admin1 and b.admin1:
        if place_key(a.admin1) != place_key(b.admin1):
            return None, f"governorates differ ({a.admin1} / {b.admin1})"
        return 0.4, f"same governorate {a.admin1}"
    return 0.2, "place unknown in one report"


def _has_point(event: Event) -> bool:
    return event.latitude is not None and event.longitude is not None


def actors_factor(a: Event, b: Event) -> Factor:
    """Same actors (either side) > one shared > vague or unknown > different."""
    sa, sb = _actors(a), _actors(b)
    if not sa or not sb:
        return 0.6, "actors unknown in one report"
    shared = sa & sb
    if shared and (shared == sa or shared == sb):
        return 1.0, "same actors " + " / ".join(sorted(shared))
    if shared - _VAGUE_ACTORS:
        return 0.7, "shared actor " + " / ".join(sorted(shared))
    if (sa | sb) & _VAGUE_ACTORS and (sa <= _VAGUE_ACTORS or sb <= _VAGUE_ACTORS):
        return 0.5, "actors compatible (unidentified)"
    if shared:
        return 0.4, "shared actor " + " / ".join(sorted(shared))
    return 0.1, "actors differ"


def _actors(event: Event) -> frozenset[str]:
    return frozenset(x for x in (event.actor1, event.actor2) if x)


def fatalities_factor(a: Event, b: Event) -> Factor:
    """Same toll > a toll that could have risen > different > wildly different."""
    fa, fb = a.fatalities, b.fatalities
    if fa is None or fb is None:
        return 0.6, "toll unknown in one report"
    lo, hi = min(fa, fb), max(fa, fb)
    if lo == hi:
        return 1.0, f"same toll {lo}"
    if hi <= 2 * lo + 3:
        return 0.8, f"tolls {fa} / {fb} close"
    if hi <= 4 * lo + 10:
        return 0.4, f"tolls {fa} / {fb} differ"
    return 0.0, f"tolls {fa} / {fb} contradict"


def score_pair(a: Mention, b: Mention, config: DedupConfig, *, same_report_ok: bool = False) -> MatchScore:
    """Score whether mentions ``a`` and ``b`` describe one incident (never two of one report)."""
    if a.article_id == b.article_id and not same_report_ok:
        return MatchScore(0.0, (), "same report (the extractor kept them apart)")
    factors = (
        (config.w_type, type_factor(a.event, b.event)),
        (config.w_date, date_factor(a, b, config)),
        (config.w_place, place_factor(a.event, b.event, config)),
        (config.w_actors, actors_factor(a.event, b.event)),
        (config.w_fatalities, fatalities_factor(a.event, b.event)),
    )
    total = 0.0
    for weight, (value, why) in factors:
        if value is None:
            return MatchScore(0.0, (), why)
        total += weight * value
    return MatchScore(round(total, 4), tuple(why for _, (_, why) in factors))
