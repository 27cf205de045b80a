"""GET /api/articles/{id} (text + evidence spans, escaped HTML) and GET /api/tallies, /api/stats."""

from __future__ import annotations

from demo_store import SCRIPT_REPORT_ID


def test_articles_text_with_field_spans(client) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/api/articles/ar-mayadin-landmine").json()
    assert body["language"] == "ar" and body["outlet"] == "SOHR" and body["published"] == "2024-03-02"
    spans = {(s["field"], body["text"][s["start"]:s["end"]]) for s in body["spans"]}
    assert ("fatalities", "مقتل سبعة مدنيين") in spans
    assert ("location", "بادية الميادين") in spans
    assert ("tally", "65 شخصاً") in spans
    assert all(s["text"] == body["text"][s["start"]:s["end"]] for s in body["spans"])
    assert {s["event_id"] for s in body["spans"] if s["field"] != "tally"} != {None}


def test_articles_html_is_escaped_with_marks(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"/api/articles/{SCRIPT_REPORT_ID}", params={"format": "html"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    html = response.text
    assert "<script>" not in html and "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "<img" not in html and "&lt;img" in html
    assert '<mark data-field="actor1">التركية</mark>' in html
    assert 'dir="rtl"' in html


def test_articles_unknown_is_404(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/articles/no-such-report")
    assert response.status_code == 404 and "no-such-report" in response.json()["detail"]


def test_articles_bad_format_is_422(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/api/articles/ar-mayadin-landmine", params={"format": "pdf"}).status_code == 422


def test_tallies_list_and_by_article(client) -> None:  # type: ignore[no-untyped-def]
    tallies = client.get("/api/tallies").json()["tallies"]
    assert [(t["count"], t["whose"], t["period_start"]) for t in tallies] == [(65, "Civilians", "2024-01-01")]
    assert tallies[0]["evidence"][0]["label"] == "tally"
    assert client.get("/api/tallies", params={"article_id": "ar-qamishli-drone"}).json()["tallies"] == []
    assert client.get("/api/tallies", params={"limit": 0}).status_code == 422


def test_stats_totals_and_groups(client) -> None:  # type: ignore[no-untyped-def]
    stats = client.get("/api/stats").json()
    assert stats["total_events"] == 9 and stats["total_fatalities"] == 20 and stats["bucket"] == "week"
    assert {r["key"]: r["events"] for r in stats["by_type"]}["Explosions/Remote violence"] == 5
    assert {r["key"]: r["fatalities"] for r in stats["by_admin1"]}["Deir ez-Zor"] == 9
    actors = {r["key"]: r["events"] for r in stats["by_actor"]}
    assert actors["Military Forces of Turkey"] == 2 and actors["Civilians"] == 2
    assert {r["key"] for r in stats["by_source"]} >= {"SANA", "Syrian Observatory for Human Rights"}
    weeks = {r["period"]: r["events"] for r in stats["by_period"]}
    assert weeks["2024-02-19"] == 2  # 20 and 25 February share the week starting Monday 19 February
    assert sum(weeks.values()) == 9


def test_stats_filters_and_day_bucket(client) -> None:  # type: ignore[no-untyped-def]
    stats = client.get("/api/stats", params={"admin1": "Deir ez-Zor", "bucket": "day"}).json()
    assert stats["total_events"] == 2 and stats["bucket"] == "day"
    assert [r["period"] for r in stats["by_period"]] == ["2024-02-25", "2024-03-02"]
    auto = client.get("/api/stats", params={"bucket": "auto"}).json()
    assert auto["bucket"] == "day"  # under 180 days of events
    months = client.get("/api/stats", params={"bucket": "month"}).json()
    assert months["bucket"] == "month" and all(r["period"].endswith("-01") for r in months["by_period"])
    by_type = months["by_period_type"]
    assert sum(r["events"] for r in by_type) == sum(r["events"] for r in months["by_period"])
    assert client.get("/api/stats", params={"bucket": "year"}).status_code == 422
    assert client.get("/api/stats", params={"date_from": "March"}).status_code == 400


def test_dashboard_and_vendor_files_served(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/")
    assert page.status_code == 200 and "marsad" in page.text and "vendor/leaflet/leaflet.js" in page.text
    assert client.get("/vendor/leaflet/leaflet.js").status_code == 200
    assert client.get("/vendor/markercluster/leaflet.markercluster.js").status_code == 200
    assert client.get("/basemap/adm1.geojson").json()["type"] == "FeatureCollection"
    assert client.get("/api/config").json() == {"tiles": None, "require_token_for_read": False}
    assert "/api/events" in client.get("/openapi.json").json()["paths"]
    assert client.get("/docs").status_code == 200


def test_stats_parts_and_facets_follow_the_other_filters(client) -> None:  # type: ignore[no-untyped-def]
    timeline = client.get("/api/stats", params=[("part", "by_period"), ("part", "by_period_type")]).json()
    assert set(timeline) == {"total_events", "total_fatalities", "bucket", "by_period", "by_period_type"}
    assert client.get("/api/stats", params={"part": "by_nothing"}).status_code == 422
    facets = client.get("/api/facets", params=[("event_type", "Battles"), ("admin1", "Deir ez-Zor")]).json()
    types = {r["key"]: r["events"] for r in facets["event_type"]}
    assert len(types) > 1  # the type facet leaves its own filter out (counts under admin1 alone)
    assert sum(r["events"] for r in facets["admin1"]) == client.get(
        "/api/events", params={"event_type": "Battles"}).json()["total"]
    both = client.get("/api/events", params=[("event_type", "Battles"), ("event_type", "Protests")]).json()["total"]
    assert both == sum(client.get("/api/events", params={"event_type": t}).json()["total"] for t in ("Battles", "Protests"))
    places = client.get("/api/places", params={"bbox": "40,35,41,36", "limit": 5}).json()["places"]
    assert 0 < len(places) <= 5 and all(40 <= p["longitude"] <= 41 for p in places)
