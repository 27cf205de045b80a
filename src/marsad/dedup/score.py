"""Scoring whether two event mentions from different reports describe one incident.

Each factor returns its weight of evidence in nats (a log-likelihood ratio: +
for one incident, - for two, 0 when a report is silent) and a short reason, or
``None`` with a reason when the pair cannot be one incident (a veto). The score
is the posterior probability of the prior log-odds plus the factors' sum; the
weights and their rationale are in ``DedupConfig``.
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

# Event families that reports of one incident may code differently, and the config weight
# of the disagreement: outlets disagree whether the dead were civilians or fighters, whether a
# protest turned into a riot (disputed); a battle, a civilian attack and a bombing are told
# apart more reliably (weak).
_FAMILY_WEIGHTS: dict[frozenset[str], str] = {
    frozenset({"Violence against civilians", "Battles"}): "type_disputed_family",
    frozenset({"Protests", "Riots"}): "type_disputed_family",
    frozenset({"Battles", "Explosions/Remote violence"}): "type_weak_family",
    frozenset({"Violence against civilians", "Explosions/Remote violence"}): "type_weak_family",
}
# Sub-types reports of one incident confuse (a missile strike called shelling, a suicide
# bomber's device called an IED); other sub-types of one type are different incidents.
_CLOSE_SUBTYPES: tuple[frozenset[str], ...] = (
    frozenset({"Air/drone strike", "Shelling/artillery/missile attack"}),
    frozenset({"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"}),
    frozenset({"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}),
    frozenset({"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}),
    frozenset({"Violent demonstration", "Mob violence"}),
)
# Transliterated Arabic articles ("As Sukhnah", "Ar Raqqah", "Deir ez-Zor"): not part of a place's name.
_ARTICLES = frozenset({"al", "el", "as", "ash", "ar", "at", "ath", "ad", "adh", "az", "an", "ed", "es", "er",
                       "et", "ez", "en"})
# Actors that name nobody in particular: compatible with any named actor in the other report.
_VAGUE_ACTORS = frozenset({"Unidentified Armed Group", "Civilians", "Protesters"})

Factor = tuple[float | None, str]


def compatible_types(event_type: str | None) -> tuple[str, ...] | None:
    """Event types a mention of ``event_type`` may merge with (None: any)."""
    if not event_type:
        return None
    weak = {t for pair in _FAMILY_WEIGHTS if event_type in pair for t in pair}
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
    """The score of a pair (posterior probability), the reasons behind it, and the veto if any."""

    score: float
    reasons: tuple[str, ...]
    veto: str | None = None
    log_odds: float | None = None

    @property
    def reason(self) -> str:
        """The reasons, each with its weight, as one line for ``mentions.merge_reason``."""
        if self.veto:
            return self.veto
        total = f"log-odds {self.log_odds:+.2f}, p={self.score:.2f}" if self.log_odds is not None else ""
        return "; ".join([*self.reasons, total] if total else self.reasons)


def type_factor(a: Event, b: Event, config: DedupConfig) -> Factor:
    """Same sub-type > same type > confusable sub-types > disputed families > other sub-types."""
    if not a.event_type or not b.event_type:
        return 0.0, "type unknown"
    if a.event_type == b.event_type:
        if a.sub_event_type == b.sub_event_type:
            return config.type_same, f"same type {a.sub_event_type or a.event_type}"
        if not a.sub_event_type or not b.sub_event_type:
            return config.type_same_partial, f"same type {a.event_type}"
        pair = frozenset({a.sub_event_type, b.sub_event_type})
        if any(pair <= group for group in _CLOSE_SUBTYPES):
            return config.type_close_subtypes, f"same type {a.event_type}, sub-types close"
        return config.type_far_subtypes, f"sub-types differ ({a.sub_event_type} / {b.sub_event_type})"
    weight = _FAMILY_WEIGHTS.get(frozenset({a.event_type, b.event_type}))
    if weight is None:
        return None, f"types differ ({a.event_type} / {b.event_type})"
    return getattr(config, weight), f"types {a.event_type} / {b.event_type} compatible"


def date_factor(a: Mention, b: Mention, config: DedupConfig) -> Factor:
    """Same day > overlapping windows > no date > a day apart > days apart; farther vetoes."""
    wa, wb = a.window, b.window
    if wa is None or wb is None or "implied" in (wa.kind, wb.kind):
        if wa is not None and wb is not None and not wa.overlaps(wb, slack=config.max_day_gap):
            return None, "report dates too far from the event date"
        return 0.0, "date unknown in one report"
    gap = wa.gap_days(wb)
    if gap > config.max_day_gap:
        return None, f"dates {gap} days apart"
    days = "dates" if _one_day(wa) and _one_day(wb) else "date windows"
    if gap == 0:
        return (config.date_same_day, "same date") if days == "dates" else (config.date_overlap, f"{days} overlap")
    if gap == 1:
        return config.date_adjacent, f"{days} one day apart"
    return config.date_near, f"{days} {gap} days apart"


def _one_day(window: DateWindow) -> bool:
    """The window is a single day (a precise date, or a day and month read with the report's year)."""
    return window.lo == window.hi


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


@functools.lru_cache(maxsize=4096)
def _place_words(name: str | None) -> str:
    """The folded place name as space-separated words (punctuation dropped), padded by spaces."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in place_key(name)).split() if w not in _ARTICLES]
    return f" {' '.join(words)} " if words else ""


def name_relation(a: str | None, b: str | None) -> str | None:
    """"same" for one place name, "contained" when one name's words lie in the other's
    ("Sukhnah" in "Sukhnah - Deir ez-Zor road", "Mayadin" in "Mayadin desert"), else None."""
    ka, kb = _place_words(a), _place_words(b)
    if not ka or not kb:
        return None
    if ka == kb:
        return "same"
    return "contained" if ka in kb or kb in ka else None


def place_factor(a: Event, b: Event, config: DedupConfig) -> Factor:
    """The same place or near within the coarser side's radius; far apart or another governorate vetoes."""
    related = name_relation(a.location, b.location)
    if _has_point(a) and _has_point(b):
        return _point_factor(a, b, related, config)
    if related == "same":
        return config.place_same, f"same place {a.location}"
    if a.admin1 and b.admin1:
        if place_key(a.admin1) != place_key(b.admin1):
            return None, f"governorates differ ({a.admin1} / {b.admin1})"
        if related == "contained":
            return config.place_contained, f"places {a.location} / {b.location} related"
        return config.place_governorate_only, f"same governorate {a.admin1}, no point in one report"
    return 0.0, "place unknown in one report"


def _point_factor(a: Event, b: Event, related: str | None, config: DedupConfig) -> Factor:
    """Two points: distance against the coarser side's radius, or the place name when it says more."""
    km = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]
    radius = max(config.radius_for(a.geo_precision, a.where_prec), config.radius_for(b.geo_precision, b.where_prec))
    if km > config.veto_radii * radius:
        return None, f"{km:.0f} km apart (radius {radius:.0f} km)"
    near = config.place_near * (1.0 - (km / radius) ** 2)
    if related == "same" and config.place_same >= near:
        return config.place_same, f"same place {a.location}"
    if related == "contained" and config.place_contained >= near:
        return config.place_contained, f"places {a.location} / {b.location} related, {km:.0f} km apart"
    return near, f"{km:.0f} km apart (radius {radius:.0f} km)"


def _has_point(event: Event) -> bool:
    return event.latitude is not None and event.longitude is not None


def actors_factor(a: Event, b: Event, config: DedupConfig) -> Factor:
    """Shared actors count for, named actors the other report cannot account for against;
    a vague actor (unidentified gunmen, civilians) or a missing one accounts for anyone."""
    sa, sb = _actors(a), _actors(b)
    if not sa or not sb:
        return 0.0, "actors unknown in one report"
    shared = sa & sb
    named, vague = shared - _VAGUE_ACTORS, shared & _VAGUE_ACTORS
    only_a, only_b = (sa - shared) - _VAGUE_ACTORS, (sb - shared) - _VAGUE_ACTORS
    free_a = 2 - len(sa) + len((sa - shared) & _VAGUE_ACTORS)
    free_b = 2 - len(sb) + len((sb - shared) & _VAGUE_ACTORS)
    conflicts = max(len(only_a) - free_b, len(only_b) - free_a, 0)
    if only_a and only_b and not shared and not (sa | sb) & _VAGUE_ACTORS:
        conflicts = max(conflicts, 1)  # each names someone else, they agree on nobody, nobody is vague
    value = (config.actor_shared * len(named) + config.actor_shared_vague * len(vague)
             + config.actor_conflict * conflicts)
    return value, _actors_reason(named | vague, conflicts)


def _actors_reason(shared: frozenset[str], conflicts: int) -> str:
    parts = ["shared " + " / ".join(sorted(shared))] if shared else []
    if conflicts:
        parts.append(f"{conflicts} actor(s) differ")
    return "actors " + (", ".join(parts) if parts else "compatible")


def _actors(event: Event) -> frozenset[str]:
    return frozenset(x for x in (event.actor1, event.actor2) if x)


def fatalities_factor(a: Mention, b: Mention, config: DedupConfig) -> Factor:
    """Same toll > close > different > contradicting (all weak); for dates a day apart, a rising
    or unchanged toll corroborates one incident and a falling one speaks against it."""
    fa, fb = a.event.fatalities, b.event.fatalities
    if fa is None or fb is None:
        return 0.0, "toll unknown in one report"
    value, why = _toll_agreement(fa, fb, config)
    trend = _next_day_trend(a, b)
    if trend is not None:
        rising = trend[1] >= trend[0]
        value += config.toll_rising_next_day if rising else config.toll_falling_next_day
        why += ", rising next day" if rising else ", falling next day"
    return value, why


def _toll_agreement(fa: int, fb: int, config: DedupConfig) -> tuple[float, str]:
    lo, hi = min(fa, fb), max(fa, fb)
    if lo == hi:
        return config.toll_same, f"same toll {lo}"
    if hi <= 2 * lo + 3:
        return config.toll_close, f"tolls {fa} / {fb} close"
    if hi <= 4 * lo + 10:
        return config.toll_differ, f"tolls {fa} / {fb} differ"
    return config.toll_contradict, f"tolls {fa} / {fb} contradict"


def _next_day_trend(a: Mention, b: Mention) -> tuple[int, int] | None:
    """(earlier day's toll, later day's toll) when both mentions date single days one day apart."""
    wa, wb = a.window, b.window
    if wa is None or wb is None or "implied" in (wa.kind, wb.kind) or not (_one_day(wa) and _one_day(wb)):
        return None
    if abs((wa.lo - wb.lo).days) != 1:
        return None
    first, second = (a, b) if wa.lo < wb.lo else (b, a)
    return first.event.fatalities or 0, second.event.fatalities or 0


def score_pair(a: Mention, b: Mention, config: DedupConfig, *, same_report_ok: bool = False) -> MatchScore:
    """Score whether mentions ``a`` and ``b`` describe one incident (never two of one report)."""
    if a.article_id == b.article_id and not same_report_ok:
        return MatchScore(0.0, (), "same report (the extractor kept them apart)")
    factors = (
        type_factor(a.event, b.event, config),
        date_factor(a, b, config),
        place_factor(a.event, b.event, config),
        actors_factor(a.event, b.event, config),
        fatalities_factor(a, b, config),
    )
    log_odds, reasons = 0.0, []
    for value, why in factors:
        if value is None:
            return MatchScore(0.0, (), why)
        log_odds += value
        reasons.append(f"{why} ({value:+.1f})")
    total = config.prior + log_odds
    return MatchScore(round(config.probability(log_odds), 4), tuple(reasons), log_odds=round(total, 3))
