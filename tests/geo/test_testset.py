"""Accuracy on our own geocoding test set and on the place names of the shared gold annotations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.geo import Geocoder, PlaceMention, distance_km
from marsad.text.normalize import normalize_key

TESTSET = Path(__file__).parent / "data" / "geocode_testset.jsonl"
SHARED = Path(__file__).resolve().parents[3] / "shared"
SYRIA = {"Damascus", "Rural Damascus", "Aleppo", "Homs", "Hama", "Latakia", "Tartus", "Idlib", "Raqqa",
         "Deir ez-Zor", "Hasakah", "Daraa", "As-Suwayda", "Quneitra"}
IRAQ_IN_THE_NEWS = {"Anbar", "Nineveh", "Salah al-Din", "Diyala", "Kirkuk", "Baghdad", "Erbil"}


def load_testset() -> list[dict]:
    return [json.loads(line) for line in TESTSET.read_text(encoding="utf-8").splitlines() if line.strip()]


def mention_at(mentions: list[PlaceMention], text: str, surface: str) -> PlaceMention | None:
    """The mention overlapping the first occurrence of ``surface`` in ``text``."""
    start = text.find(surface)
    end = start + len(surface)
    return next((m for m in mentions if m.start < end and m.end > start), None)


def test_testset_covers_governorates() -> None:
    places = [p for rec in load_testset() for p in rec["places"] if "admin1" in p]
    assert len(places) >= 220
    assert {p["admin1"] for p in places} >= SYRIA | IRAQ_IN_THE_NEWS


def test_testset_covers_roles() -> None:
    roles = [p.get("role", "absent" if p.get("absent") else None) for rec in load_testset() for p in rec["places"]]
    assert all(roles.count(role) >= 5 for role in ("site", "reference", "name", "absent"))


def test_testset_accuracy(geocoder: Geocoder) -> None:
    total = near = right_admin1 = 0
    misses = []
    for rec in load_testset():
        mentions = geocoder.find_places(rec["text"])
        for expected in rec["places"]:
            if "admin1" not in expected:
                continue  # a role or absence check only (test_testset_roles)
            total += 1
            found = mention_at(mentions, rec["text"], expected["mention"])
            if found is None:
                misses.append((rec["id"], expected["mention"], "not found"))
                continue
            km = distance_km(found.latitude, found.longitude, expected["lat"], expected["lon"])
            near += km <= 10
            right_admin1 += found.place.admin1 == expected["admin1"]
            if km > 10 or found.place.admin1 != expected["admin1"]:
                misses.append((rec["id"], expected["mention"], f"{found.place.name} {km:.0f} km"))
    print(f"\ngeocoding test set: {total} mentions, {near / total:.1%} within 10 km, "
          f"{right_admin1 / total:.1%} right governorate; misses: {misses}")
    assert near / total >= 0.95
    assert right_admin1 / total >= 0.98


def test_testset_roles(geocoder: Geocoder) -> None:
    """Every mention the set gives a role has it; a mention marked absent is not found at all."""
    checked, misses = 0, []
    for rec in load_testset():
        mentions = geocoder.find_places(rec["text"])
        for expected in rec["places"]:
            if "role" not in expected and not expected.get("absent"):
                continue
            checked += 1
            found = mention_at(mentions, rec["text"], expected["mention"])
            if expected.get("absent") and found is not None:
                misses.append((rec["id"], expected["mention"], f"found as {found.place.name}"))
            elif not expected.get("absent") and (found is None or found.role != expected["role"]):
                misses.append((rec["id"], expected["mention"], found.role if found else "not found"))
    print(f"\ngeocoding test set roles: {checked} checks, misses: {misses}")
    assert checked >= 40 and not misses


def _gold_cases() -> list[tuple[str, dict, str, str]]:
    """(seed text, gold event, name, seed id) for every gold place name that the seed contains."""
    cases = []
    for gold_file in sorted((SHARED / "gold").glob("*.json")):
        seed = SHARED / "seeds" / f"{gold_file.stem}.txt"
        if not seed.exists():
            continue
        text = seed.read_text(encoding="utf-8")
        for event in json.loads(gold_file.read_text(encoding="utf-8"))["events"]:
            cases += [(text, event, name, gold_file.stem) for name in event["location"]["names"] if name in text]
    return cases


@pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="../shared/gold not present")
def test_testset_gold_place_names_resolve(geocoder: Geocoder) -> None:
    cases = _gold_cases()
    assert cases
    failures = []
    for text, event, name, seed_id in cases:
        loc, key = event["location"], normalize_key(name)
        hits = [m for m in geocoder.find_places(text) if key in normalize_key(m.text)]
        if not hits:
            failures.append((seed_id, name, "not found"))
        for m in hits:
            km = distance_km(m.latitude, m.longitude, loc["lat"], loc["lon"]) if loc["lat"] else None
            if not ((km is not None and km <= loc["tolerance_km"]) or m.place.admin1 in event["admin1"]):
                failures.append((seed_id, name, m.place.name, m.place.admin1, km))
    assert not failures
