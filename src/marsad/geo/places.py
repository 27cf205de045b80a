"""The values the geocoder returns: ``Place`` (a gazetteer row) and ``PlaceMention`` (a place in a text)."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from typing import Any, Literal

log = logging.getLogger(__name__)

Relation = Literal[
    "in", "countryside", "desert", "outskirts", "near", "between", "offset", "road", "admin", "partial",
]

# What a mention is in its sentence (see marsad.geo.roles): a place where something can happen, a place
# used only to locate another one (a direction or distance anchor), or a word inside a name.
Role = Literal["site", "reference", "name"]

EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer place: ACLED-style English name, Arabic name, feature, admin names, point."""

    id: str
    name: str  # English ACLED-style location name, e.g. "Al Mayadin"
    name_ar: str | None
    feature: str  # admin1/admin2/admin3/city/town/village/neighbourhood/camp/oil_field/desert/road/...
    admin1: str | None
    admin2: str | None
    admin3: str | None
    country: str  # "Syria" / "Iraq"
    iso: int  # 760 / 368
    latitude: float
    longitude: float
    population: int = 0
    approx: bool = False  # the point is approximate (curated supplement, see its note)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "name_ar": self.name_ar, "feature": self.feature,
            "admin1": self.admin1, "admin2": self.admin2, "admin3": self.admin3,
            "country": self.country, "iso": self.iso, "latitude": self.latitude,
            "longitude": self.longitude, "population": self.population, "approx": self.approx,
        }


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in a text: the words, the chosen place, the others it could be, its role, and why."""

    start: int
    end: int
    text: str
    relation: Relation
    place: Place
    candidates: list[Place] = field(default_factory=list)
    latitude: float = 0.0
    longitude: float = 0.0
    geo_precision: int = 1  # ACLED: 1 town, 2 near / part of a region, 3 larger region
    where_prec: int = 1  # UCDP: 1 exact ... 4 admin1, 5 region, 6 country
    reason: str = ""
    role: Role = "site"  # "site", "reference" (locates another place), "name" (a word inside a name)

    def to_dict(self) -> dict[str, Any]:
        """Flat JSON form: the chosen place's fields, the mention's fields and the candidates."""
        data = self.place.to_dict()
        data["place_id"] = data.pop("id")
        data.update({
            "text": self.text, "start": self.start, "end": self.end, "relation": self.relation,
            "latitude": self.latitude, "longitude": self.longitude,
            "geo_precision": self.geo_precision, "where_prec": self.where_prec, "reason": self.reason,
            "role": self.role, "candidates": [c.to_dict() for c in self.candidates],
        })
        return data


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def offset_point(lat: float, lon: float, km: float, bearing_deg: float) -> tuple[float, float]:
    """The point ``km`` kilometres from (lat, lon) along ``bearing_deg`` (0 = north, 90 = east)."""
    d = km / EARTH_RADIUS_KM
    b = math.radians(bearing_deg)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return round(math.degrees(p2), 5), round(math.degrees(l2), 5)


def midpoint(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    """Midpoint of two nearby points (plain average is fine at these distances)."""
    return round((a[0] + b[0]) / 2, 5), round((a[1] + b[1]) / 2, 5)
