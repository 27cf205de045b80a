"""The dashboard in real headless Chromium against a live server over demo events."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from demo_store import SCRIPT_REPORT_ID

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = pytest.mark.e2e


def _markers_on_map(page) -> int:  # type: ignore[no-untyped-def]
    """Events drawn on the map: single markers plus the counts inside clusters."""
    singles = page.locator(".ev-marker").count()
    clustered = sum(int(t) for t in page.locator(".marker-cluster span").all_inner_texts())
    return singles + clustered


def _wait_reload(page, action) -> None:  # type: ignore[no-untyped-def]
    """Run ``action`` and wait until the dashboard has loaded the new data."""
    before = page.get_attribute("body", "data-loaded")
    action()
    page.wait_for_function("b => document.body.dataset.loaded !== b", arg=before, timeout=10000)


def _api_total(page, live, query: str = "") -> int:  # type: ignore[no-untyped-def]
    return page.request.get(f"{live['url']}/api/events?{query}").json()["total"]


def _only(page, facet: str, value: str) -> None:  # type: ignore[no-untyped-def]
    """Filter on one value of a multi-select facet (clearing the others), and wait for the reload."""
    chosen = [box.get_attribute("value") for box in page.locator(f".facet[data-facet={facet}] input:checked").all()]
    for name in chosen:  # by value: a ":checked" locator finds nothing once the list is drawn again
        _wait_reload(page, page.locator(f".facet[data-facet={facet}] input[value='{name}']").uncheck)
    details = page.locator(f".facet[data-facet={facet}] details")
    if details.get_attribute("open") is None:
        page.locator(f".facet[data-facet={facet}] summary").click()
    _wait_reload(page, lambda: page.locator(f".facet[data-facet={facet}] input[value='{value}']").check())


def test_dashboard_map_shows_every_event(page, live) -> None:  # type: ignore[no-untyped-def]
    total = _api_total(page, live)
    assert total >= 8
    assert _markers_on_map(page) == total
    assert page.locator("#feed li[data-event-id]").count() == total
    assert page.locator(".leaflet-overlay-pane path").count() > 100  # governorate + district boundaries
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#feed li[data-event-id]").first.click()
    page.wait_for_selector("#report mark")
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"))
    assert not page.js_errors


def test_dashboard_filter_narrows_feed_and_map(page, live) -> None:  # type: ignore[no-untyped-def]
    _only(page, "event_type", "Protests")
    assert page.locator("#feed li[data-event-id]").count() == 1
    assert _markers_on_map(page) == 1
    _only(page, "event_type", "Explosions/Remote violence")
    expected = _api_total(page, live, "event_type=Explosions/Remote%20violence")
    assert expected >= 3
    assert page.locator("#feed li[data-event-id]").count() == expected
    assert _markers_on_map(page) == expected


def test_dashboard_event_panel_highlights_arabic_evidence(page) -> None:  # type: ignore[no-untyped-def]
    _only(page, "admin1", "Hasakah")
    page.locator("#feed li[data-event-id]").first.click()
    page.wait_for_selector("#report mark")
    report = page.locator("#report")
    assert report.get_attribute("dir") == "rtl"
    marks = {m.get_attribute("data-field"): m.inner_text() for m in page.locator("#report mark").all()}
    assert marks.get("fatalities") == "مقتل شخصين"
    assert marks.get("location") == "القامشلي"
    assert "North Press" in page.locator("#sources-list").inner_text()  # the claim, under its canonical name


def test_dashboard_csv_download_matches_filter(page, live) -> None:  # type: ignore[no-untyped-def]
    _only(page, "admin1", "Deir ez-Zor")
    shown = page.locator("#feed li[data-event-id]").count()
    assert shown == 2
    with page.expect_download() as info:
        page.click("#csv-link")
    rows = list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8-sig").read())))
    assert len(rows) == shown
    assert {r["admin1"] for r in rows} == {"Deir ez-Zor"}


def test_dashboard_script_in_report_is_text(page) -> None:  # type: ignore[no-untyped-def]
    _only(page, "admin1", "Aleppo")
    page.locator("#feed li[data-event-id]").first.click()
    page.wait_for_selector(f"#report[data-article-id='{SCRIPT_REPORT_ID}']")
    page.wait_for_timeout(300)
    assert "<script>window.__pwned = 1</script>" in page.locator("#report").inner_text()
    assert page.locator("#report script, #report img").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_dashboard_arabic_interface_is_rtl(page) -> None:  # type: ignore[no-untyped-def]
    page.click("#lang-toggle")
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.locator("[data-i18n=events]").inner_text() == "الأحداث"
    page.click("#lang-toggle")
    assert page.get_attribute("html", "dir") == "ltr"


def test_dashboard_timeline_brush_filters_map(page, live) -> None:  # type: ignore[no-untyped-def]
    box = page.locator("#timeline").bounding_box()
    assert box and page.locator("#timeline rect.bar").count() > 0
    y = box["y"] + box["height"] / 2
    _wait_reload(page, lambda: (page.mouse.move(box["x"] + box["width"] * 0.5, y), page.mouse.down(),
                                page.mouse.move(box["x"] + box["width"] * 0.98, y, steps=5), page.mouse.up()))
    chosen = page.locator("#timeline-range").inner_text()
    start, end = [s.strip() for s in chosen.split("→")]
    expected = _api_total(page, live, f"date_from={start}&date_to={end}")
    shown = page.locator("#feed li[data-event-id]").count()
    assert 0 < shown == expected < _api_total(page, live)
    assert _markers_on_map(page) == expected


def test_dashboard_signed_in_review(page, live) -> None:  # type: ignore[no-untyped-def]
    page.fill("#token-input", live["token"])
    page.click("#signin-btn")
    page.wait_for_selector("#whoami:not([hidden])")
    assert "e2e-reviewer" in page.locator("#whoami").inner_text()
    _only(page, "admin1", "Idlib")
    page.locator("#feed li[data-event-id]").first.click()
    page.wait_for_selector("#btn-reviewed")
    page.click("#btn-reviewed")
    page.wait_for_selector("#panel-body .badge.reviewed")


def test_dashboard_corrected_field_with_html_stays_text(page, live) -> None:  # type: ignore[no-untyped-def]
    evil = '<img src=x onerror="window.__pwned = 3">'
    event_id = page.request.get(f"{live['url']}/api/events?admin1=Dhi%20Qar").json()["events"][0]["id"]
    response = page.request.patch(f"{live['url']}/api/events/{event_id}", data={"field": "location", "value": evil},
                                  headers={"Authorization": f"Bearer {live['token']}"})
    assert response.ok
    page.reload()
    page.wait_for_selector("body[data-loaded]")
    _only(page, "admin1", "Dhi Qar")
    assert evil in page.locator("#feed").inner_text()
    page.locator(".ev-marker").first.hover()
    page.wait_for_selector(".leaflet-tooltip")
    assert evil in page.locator(".leaflet-tooltip").last.inner_text()
    page.locator("#feed li[data-event-id]").first.click()
    page.wait_for_selector("#report mark")
    assert page.locator("img[src=x]").count() == 0
    assert page.evaluate("window.__pwned") is None
