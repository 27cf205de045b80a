"""GET /api/events: filters, full-text search, sorting, cursors, formats and bad input."""

from __future__ import annotations

import csv
import io

import pytest

from demo_store import SPECS

TOTAL = 9  # ten reports; the two about the Sukhnah attack merge into one event


def _ids(client, **params) -> list[str]:  # type: ignore[no-untyped-def]
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return [e["location"] for e in response.json()["events"]]


def test_events_list_default_newest_first(client) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/api/events").json()
    assert body["total"] == TOTAL and body["next_cursor"] is None
    dates = [e["event_date"] for e in body["events"]]
    assert dates == sorted(dates, reverse=True)
    first = body["events"][0]
    assert first["location"] == "Jisr al-Shughur" and first["geo_precision"] == 1 and first["status"] == "auto"


@pytest.mark.parametrize("params, expected", [
    ({"date_from": "2024-03-01", "date_to": "2024-03-20"}, {"Al-Mayadin", "Al-Sukhnah", "Manbij"}),
    ({"bbox": "38,34,42,38"}, {"Al-Sukhnah", "Qamishli", "Al-Mayadin", "Al-Busayrah"}),
    ({"admin1": "Deir ez-Zor"}, {"Al-Mayadin", "Al-Busayrah"}),
    ({"admin1": "deir ez-zor", "admin2": "Al Mayadin"}, {"Al-Mayadin"}),
    ({"event_type": "Battles"}, {"Al-Sukhnah", "Al-Busayrah"}),
    ({"sub_event_type": "Remote explosive/landmine/IED"}, {"Al-Mayadin", "Hawija"}),
    ({"actor": "Military Forces of Turkey"}, {"Qamishli", "Manbij"}),
    ({"actor": "Civilians"}, {"Al-Mayadin", "Jisr al-Shughur"}),
    ({"source": "SANA"}, {"Al-Sukhnah"}),
    ({"source": "Syrian Observatory for Human Rights"}, {"Al-Sukhnah", "Al-Mayadin", "Al-Busayrah", "Jisr al-Shughur"}),
    ({"min_fatalities": 4}, {"Al-Mayadin", "Jisr al-Shughur"}),
    ({"status": "reviewed"}, set()),
    ({"article_id": "ar-sukhnah-sana"}, {"Al-Sukhnah"}),
    ({"event_type": "Explosions/Remote violence", "admin1": "Aleppo"}, {"Manbij"}),
])
def test_events_filters_select_matching(client, params, expected) -> None:  # type: ignore[no-untyped-def]
    assert set(_ids(client, **params)) == expected


@pytest.mark.parametrize("q, expected", [
    ("السخنة", {"Al-Sukhnah"}),  # as written
    ("السخنه", {"Al-Sukhnah"}),  # ta marbuta folded
    ("ادلب", {"Jisr al-Shughur"}),  # hamza folded (text has إدلب)
    ("إدلب", {"Jisr al-Shughur"}),  # as written
    ("لغم أرضي", {"Al-Mayadin"}),  # every word must occur
    ("checkpoint", {"Al-Busayrah"}),  # English
    ("Turkey", {"Qamishli", "Manbij"}),  # canonical actor names are indexed too
    ("الناصرية تظاهر", {"Nasiriyah"}),
    ("كلمةغيرموجودة", set()),
])
def test_events_fulltext_arabic_and_english(client, q, expected) -> None:  # type: ignore[no-untyped-def]
    assert set(_ids(client, q=q)) == expected


def test_events_sort_by_fatalities_ascending(client) -> None:  # type: ignore[no-untyped-def]
    events = client.get("/api/events", params={"sort": "fatalities"}).json()["events"]
    fatalities = [e["fatalities"] for e in events]
    assert fatalities == sorted(fatalities)


@pytest.mark.parametrize("sort", ["-event_date", "event_date", "fatalities", "-fatalities", "admin1", "-id",
                                  "number_of_sources", "-last_updated", "event_type", "first_reported"])
def test_events_cursor_pages_cover_all_once(client, sort) -> None:  # type: ignore[no-untyped-def]
    full = [e["id"] for e in client.get("/api/events", params={"sort": sort, "limit": 100}).json()["events"]]
    seen, cursor = [], None
    while True:
        params = {"sort": sort, "limit": 2, **({"cursor": cursor} if cursor else {})}
        body = client.get("/api/events", params=params).json()
        seen += [e["id"] for e in body["events"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert seen == full and len(seen) == TOTAL


@pytest.mark.parametrize("params, words", [
    ({"sort": "-nope"}, "sort"),
    ({"sort": "event_date; DROP TABLE events"}, "sort"),
    ({"date_from": "2024-13-01"}, "date_from"),
    ({"date_to": "yesterday"}, "date_to"),
    ({"bbox": "1,2,3"}, "bbox"),
    ({"bbox": "50,40,30,20"}, "bbox"),
    ({"bbox": "a,b,c,d"}, "bbox"),
    ({"cursor": "not-a-cursor"}, "cursor"),
    ({"q": "!!! ???"}, "q"),
])
def test_events_bad_input_is_400_with_message(client, params, words) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/events", params=params)
    assert response.status_code == 400
    assert words in response.json()["detail"]


def test_events_cursor_of_other_sort_rejected(client) -> None:  # type: ignore[no-untyped-def]
    cursor = client.get("/api/events", params={"limit": 2}).json()["next_cursor"]
    response = client.get("/api/events", params={"limit": 2, "sort": "fatalities", "cursor": cursor})
    assert response.status_code == 400 and "cursor" in response.json()["detail"]


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 10**6}, {"min_fatalities": -1}, {"format": "xml"},
                                    {"status": "deleted"}])
def test_events_out_of_range_is_422(client, params) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/api/events", params=params).status_code == 422


@pytest.mark.parametrize("field", ["admin1", "admin2", "event_type", "sub_event_type", "actor", "source",
                                   "article_id", "q"])
@pytest.mark.parametrize("attack", ["' OR '1'='1", "x'); DROP TABLE events; --", '" OR 1=1 --', "%' --",
                                    "Homs' UNION SELECT * FROM tokens --"])
def test_events_sql_injection_is_inert(client, field, attack) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/events", params={field: attack})
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert response.json()["total"] == 0
    assert client.get("/api/events").json()["total"] == TOTAL


def test_events_csv_matches_filter(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/events", params={"admin1": "Deir ez-Zor", "format": "csv", "sort": "event_date"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))
    assert [r["location"] for r in rows] == ["Al-Busayrah", "Al-Mayadin"]
    assert rows[0]["event_type"] == "Battles" and rows[1]["fatalities"] == "7"
    assert list(rows[0])[:3] == ["event_id_cnty", "event_date", "year"]


def test_events_geojson_points(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/events", params={"event_type": "Battles", "format": "geojson"})
    assert response.status_code == 200 and "geo+json" in response.headers["content-type"]
    data = response.json()
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 2
    coords = sorted(f["geometry"]["coordinates"] for f in data["features"])
    assert coords == [[38.873, 34.886], [40.429, 35.156]]


def test_events_detail_has_evidence_claims_and_history(client) -> None:  # type: ignore[no-untyped-def]
    event_id = client.get("/api/events", params={"admin1": "Homs"}).json()["events"][0]["id"]
    event = client.get(f"/api/events/{event_id}").json()
    assert event["id"] == event_id and event["number_of_sources"] >= 2
    assert sorted(event["article_ids"]) == ["ar-sukhnah-attack", "ar-sukhnah-sana"]
    by_field = {(e["article_id"], e["field"]): e["text"] for e in event["evidence"]}
    assert by_field[("ar-sukhnah-attack", "fatalities")] == "قتل خمسة"
    assert by_field[("ar-sukhnah-sana", "fatalities")] == "ثلاثة جنود استشهدوا"
    assert {c["source"]: c["fatalities"] for c in event["sources"]} == {
        "Syrian Observatory for Human Rights": 5, "SANA": 3}
    assert len(event["mentions"]) == 2 and event["mentions"][1]["merge_reason"]
    assert {h["kind"] for h in event["history"]} >= {"created"}
    assert {a["id"] for a in event["articles"]} == set(event["article_ids"])


def test_events_detail_unknown_is_404(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/events/NOPE")
    assert response.status_code == 404 and "NOPE" in response.json()["detail"]


def test_events_every_spec_is_listed(client) -> None:  # type: ignore[no-untyped-def]
    locations = set(_ids(client, limit=100))
    assert locations == {s.event["location"] for s in SPECS}
