"""Checks on the deduplication test set in src/marsad/samples/dedup/ (stdlib only)."""
import datetime
import json
import math
import re
from collections import Counter
from pathlib import Path

import pytest

DEDUP_DIR = Path(__file__).resolve().parents[2] / "src" / "marsad" / "samples" / "dedup"
REPORTS_PATH = DEDUP_DIR / "reports.jsonl"
INCIDENTS_PATH = DEDUP_DIR / "incidents.json"

SUB_EVENT_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {
        "Chemical weapon", "Air/drone strike", "Suicide bomb",
        "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    },
}
CANONICAL_ACTORS = {
    "Military Forces of Syria", "Police Forces of Syria", "Military Forces of Russia",
    "Islamic Revolutionary Guard Corps", "Military Forces of Iran", "Military Forces of Turkey",
    "Military Forces of Israel", "Military Forces of the United States",
    "Global Coalition Against Daesh", "Military Forces of Iraq", "Police Forces of Iraq",
    "Popular Mobilization Forces", "Peshmerga", "NDF: National Defence Forces", "Hezbollah",
    "Kataib Hezbollah", "Harakat Hezbollah al-Nujaba", "Fatemiyoun Brigade", "Zainabiyoun Brigade",
    "Liwa al-Quds", "Fifth Assault Corps", "Usud al-Sharqiya", "Village Guards", "Qaterji Militia",
    "Iran-backed militias", "Pro-government militias", "Islamic State",
    "SDF: Syrian Democratic Forces", "Asayish", "Hayat Tahrir al-Sham", "Syrian National Army",
    "Unidentified Armed Group", "Civilians", "Protesters",
}
ADMIN1 = {
    "Damascus", "Rural Damascus", "Aleppo", "Homs", "Hama", "Latakia", "Tartus", "Idlib", "Raqqa",
    "Deir ez-Zor", "Hasakah", "Daraa", "As-Suwayda", "Quneitra",
    "Baghdad", "Anbar", "Nineveh", "Salah al-Din", "Diyala", "Kirkuk", "Erbil", "Duhok",
    "Sulaymaniyah", "Babil", "Karbala", "Najaf", "Wasit", "Qadisiyah", "Muthanna", "Dhi Qar",
    "Maysan", "Basra", "Halabja",
}
ARABIC_LETTER = re.compile("[\u0600-\u06ff]")


def load_reports():
    with REPORTS_PATH.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_gold():
    with INCIDENTS_PATH.open(encoding="utf-8") as f:
        return json.load(f)


def parse_date(value):
    return datetime.date.fromisoformat(value)


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km."""
    p = math.radians
    a = (math.sin(p(lat2 - lat1) / 2) ** 2
         + math.cos(p(lat1)) * math.cos(p(lat2)) * math.sin(p(lon2 - lon1) / 2) ** 2)
    return 2 * 6371 * math.asin(math.sqrt(a))


REPORTS = load_reports()
GOLD = load_gold()
INCIDENTS = GOLD["incidents"]
BY_ID = {r["id"]: r for r in REPORTS}
INC_BY_ID = {i["id"]: i for i in INCIDENTS}
MAIN_OF = {rid: inc["id"] for inc in INCIDENTS for rid in inc["reports"]}


def test_dedup_every_line_parses_with_fields():
    with REPORTS_PATH.open(encoding="utf-8") as f:
        lines = [line for line in f if line.strip()]
    for n, line in enumerate(lines, 1):
        row = json.loads(line)
        assert set(row) >= {"id", "text", "url", "published", "outlet"}, n
        for key in ("id", "text", "url", "outlet"):
            assert isinstance(row[key], str) and row[key].strip(), (n, key)
        assert isinstance(row["published"], str), n  # "" for a report without a publication date
        assert re.fullmatch(r"dd-\d{3}", row["id"]), row["id"]
        assert row["url"].startswith("https://"), row["id"]


def test_dedup_report_ids_unique():
    ids = [r["id"] for r in REPORTS]
    assert len(ids) == len(set(ids))


def test_dedup_counts():
    assert len(REPORTS) >= 40
    assert len(INCIDENTS) >= 15
    assert sum(1 for i in INCIDENTS if len(i["reports"]) >= 2) >= 8


def test_dedup_languages():
    arabic = sum(1 for r in REPORTS if ARABIC_LETTER.search(r["text"]))
    assert arabic >= 36
    assert len(REPORTS) - arabic >= 4


@pytest.mark.parametrize("report", REPORTS, ids=lambda r: r["id"])
def test_dedup_report_length(report):
    assert 80 <= len(report["text"].split()) <= 300


def test_dedup_every_report_has_exactly_one_main_incident():
    counts = Counter(rid for inc in INCIDENTS for rid in inc["reports"])
    assert set(counts) == set(BY_ID), set(counts) ^ set(BY_ID)
    assert all(n == 1 for n in counts.values()), [k for k, n in counts.items() if n > 1]


def test_dedup_incident_ids_unique():
    ids = [i["id"] for i in INCIDENTS]
    assert len(ids) == len(set(ids))


def test_dedup_also_in_refers_to_other_reports():
    for inc in INCIDENTS:
        for rid in inc.get("also_in", []):
            assert rid in BY_ID, rid
            assert MAIN_OF[rid] != inc["id"], (inc["id"], rid)


@pytest.mark.parametrize("incident", INCIDENTS, ids=lambda i: i["id"])
def test_dedup_incident_fields(incident):
    assert incident["sub_event_type"] in SUB_EVENT_TYPES[incident["event_type"]]
    assert incident["admin1"] in ADMIN1
    assert incident["actor1"] in CANONICAL_ACTORS
    assert incident["actor2"] == "" or incident["actor2"] in CANONICAL_ACTORS
    assert 29 <= incident["lat"] <= 38 and 35 <= incident["lon"] <= 49
    assert 0 <= incident["fatalities_low"] <= incident["fatalities_high"]
    assert incident["location"] and incident["reports"]


@pytest.mark.parametrize("incident", INCIDENTS, ids=lambda i: i["id"])
def test_dedup_dates_valid_and_published_not_before_incident(incident):
    day = parse_date(incident["date"])
    assert datetime.date(2022, 1, 1) <= day <= datetime.date(2024, 12, 31)
    for rid in incident["reports"] + incident.get("also_in", []):
        published = BY_ID[rid]["published"]
        assert not published or parse_date(published) >= day, rid


def test_dedup_hard_shapes_are_present():
    """Undated reports, and the same town (and type) in another year."""
    assert sum(1 for r in REPORTS if not r["published"]) >= 4
    assert len(GOLD["lookalikes_other_years"]) >= 2
    for first, second, why in GOLD["lookalikes_other_years"]:
        a, b = INC_BY_ID[first], INC_BY_ID[second]
        assert why.strip() and a["location"] == b["location"] and a["event_type"] == b["event_type"]
        assert parse_date(a["date"]).year != parse_date(b["date"]).year


def test_dedup_lookalike_pairs_refer_to_distinct_incidents():
    assert len(GOLD["lookalike_pairs"]) >= 3
    for first, second, why in GOLD["lookalike_pairs"]:
        assert first in INC_BY_ID and second in INC_BY_ID and first != second
        assert why.strip()
        a, b = INC_BY_ID[first], INC_BY_ID[second]
        assert a["admin1"] == b["admin1"]
        assert abs((parse_date(a["date"]) - parse_date(b["date"])).days) <= 1
        assert haversine_km(a["lat"], a["lon"], b["lat"], b["lon"]) <= 60


def test_dedup_reprints_share_an_incident():
    assert len(GOLD["reprints"]) >= 2
    for first, second in GOLD["reprints"]:
        assert MAIN_OF[first] == MAIN_OF[second]
        assert BY_ID[first]["outlet"] != BY_ID[second]["outlet"]


def test_dedup_shared_background_pairs_are_different_incidents():
    for first, second in GOLD.get("shared_background", []):
        assert MAIN_OF[first] != MAIN_OF[second]
        paras = {p.strip() for p in BY_ID[first]["text"].split("\n") if len(p.split()) >= 20}
        assert paras & {p.strip() for p in BY_ID[second]["text"].split("\n")}, (first, second)
