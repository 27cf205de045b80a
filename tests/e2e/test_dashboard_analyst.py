"""The analyst's dashboard in headless Chromium, desktop 1400x900 and phone 390x844, as a user works it.

Screenshots go to test-artifacts/ (desktop and phone, English and Arabic, drawer and panel).
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from demo_store import build_demo_store
from marsad.document import Claim, Document, Event

_spec = importlib.util.spec_from_file_location("e2e_live_server", Path(__file__).with_name("conftest.py"))
_live_server = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_live_server)  # type: ignore[union-attr]
CHROMIUM, Server, _free_port = _live_server.CHROMIUM, _live_server.Server, _live_server._free_port

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}
TYPE_COLORS = {"rgb(215, 48, 31)", "rgb(242, 142, 43)", "rgb(123, 50, 148)", "rgb(43, 131, 186)", "rgb(212, 178, 0)",
               "rgb(26, 150, 65)"}
SPOT = (35.336, 40.141)  # two different incidents reported at the same point (Deir ez-Zor city)

pytestmark = pytest.mark.e2e


def _same_spot_reports() -> list[Document]:
    """A protest and, a week later, arrests at the very same coordinates: two events, one spot."""
    docs = []
    for doc_id, day, kind, sub, actor, text in (
            ("spot-protest", "2024-04-01", "Protests", "Peaceful protest", "Protesters",
             "تظاهر العشرات وسط مدينة دير الزور للمطالبة بالإفراج عن المعتقلين."),
            ("spot-arrests", "2024-04-08", "Strategic developments", "Arrests", "Military Forces of Syria",
             "اعتقلت قوات النظام خمسة شبان وسط مدينة دير الزور.")):
        doc = Document(id=doc_id, text=text, outlet="Deir ez-Zor 24", published=date.fromisoformat(day))
        event = Event(event_date=day, year=2024, time_precision=1, event_type=kind, sub_event_type=sub, actor1=actor,
                      country="Syria", iso=760, admin1="Deir ez-Zor", admin2="Deir-ez-Zor", location="Deir ez-Zor",
                      latitude=SPOT[0], longitude=SPOT[1], geo_precision=1, fatalities=0,
                      sources=[Claim(source="Deir ez-Zor 24", article_id=doc_id)])
        event.add_evidence("location", doc.make_span(text.index("دير الزور"), text.index("دير الزور") + 9, "place"))
        doc.events.append(event)
        docs.append(doc)
    return docs


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """The demo store plus two events at one spot, served live; a write token."""
    from marsad.api import create_app
    from marsad.store.auth import create_token

    path = tmp_path_factory.mktemp("analyst") / "demo.sqlite"
    store = build_demo_store(path)
    for doc in _same_spot_reports():
        store.add_document(doc)
    token = create_token(path, "huda")
    with Server(create_app(store), _free_port()) as server:
        yield {"url": server.url, "token": token, "store": store}


def _open(browser, url: str, viewport: dict, path: str = "/"):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.js_errors = []
    page.on("pageerror", lambda exc: page.js_errors.append(str(exc)))
    page.goto(url + path)
    page.wait_for_selector("body[data-loaded]", timeout=20000)
    page.wait_for_selector("body[data-basemap=ready]", timeout=20000)
    return page


@pytest.fixture()
def desk(browser, live):  # type: ignore[no-untyped-def]
    page = _open(browser, live["url"], DESKTOP)
    yield page
    assert not page.js_errors
    page.context.close()


@pytest.fixture()
def phone(browser, live):  # type: ignore[no-untyped-def]
    page = _open(browser, live["url"], PHONE)
    yield page
    assert not page.js_errors
    page.context.close()


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


def _reload_after(page, action) -> None:  # type: ignore[no-untyped-def]
    before = page.get_attribute("body", "data-loaded")
    action()
    page.wait_for_function("b => document.body.dataset.loaded !== b", arg=before, timeout=15000)


def _facet(page, facet: str):  # type: ignore[no-untyped-def]
    box = page.locator(f".facet[data-facet='{facet}']")
    if box.locator("details").get_attribute("open") is None:
        box.locator("summary").click()
    return box


def _check(page, facet: str, value: str, on: bool = True) -> None:  # type: ignore[no-untyped-def]
    box = _facet(page, facet).locator(f"input[value='{value}']")
    _reload_after(page, box.check if on else box.uncheck)


def _feed_count(page) -> int:  # type: ignore[no-untyped-def]
    return page.locator("#feed li[data-event-id]").count()


def _total(page, live, query: str = "") -> int:  # type: ignore[no-untyped-def]
    return page.request.get(f"{live['url']}/api/events?{query}").json()["total"]


def _zoom(page) -> float:  # type: ignore[no-untyped-def]
    page.wait_for_selector("body[data-zoom]", state="attached")
    return float(page.get_attribute("body", "data-zoom"))


def _inside(box: dict, width: int, height: int | None = None) -> bool:
    ok = box["x"] >= -0.5 and box["x"] + box["width"] <= width + 0.5
    return ok and (height is None or (box["y"] >= -0.5 and box["y"] + box["height"] <= height + 0.5))


# ---------------------------------------------------------------- phone


def test_phone_feed_visible_filters_in_a_drawer_nothing_off_screen(phone, live):
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    first = phone.locator("#feed li[data-event-id]").first.bounding_box()
    assert first and first["y"] + 40 < PHONE["height"], "the feed starts below the first screen"
    buttons = [phone.locator(s).bounding_box() for s in ("#filters-toggle", "#signin-toggle", "#lang-toggle")]
    assert all(b and _inside(b, PHONE["width"]) for b in buttons)
    for a, b in zip(buttons, buttons[1:]):
        assert a["x"] + a["width"] <= b["x"] + 0.5 or b["x"] + b["width"] <= a["x"] + 0.5, "topbar buttons overlap"
    drawer = phone.locator("#filters").bounding_box()
    assert drawer["x"] + drawer["width"] <= 0.5, "the filters are not tucked away in a drawer"
    _shot(phone, "phone.png")

    phone.click("#filters-toggle")
    phone.wait_for_function("() => document.querySelector('#filters').getBoundingClientRect().x >= 0")
    phone.wait_for_timeout(300)
    assert _inside(phone.locator("#filters").bounding_box(), PHONE["width"], PHONE["height"])
    _shot(phone, "phone-drawer.png")
    _check(phone, "event_type", "Battles")
    phone.click("#drawer-apply")
    phone.wait_for_function("() => document.querySelector('#filters').getBoundingClientRect().right <= 1")
    assert _feed_count(phone) == _total(phone, live, "event_type=Battles") >= 2
    assert phone.locator("#filters-badge").inner_text() == "1"

    phone.locator("#feed li[data-event-id]").first.click()
    phone.wait_for_selector("#report mark")
    panel = phone.locator("#panel").bounding_box()
    assert _inside(panel, PHONE["width"], PHONE["height"]) and panel["width"] >= PHONE["width"] - 1
    assert _inside(phone.locator("#panel-close").bounding_box(), PHONE["width"], PHONE["height"])
    _shot(phone, "phone-panel.png")
    phone.click("#panel-close")
    assert phone.locator("#panel").is_hidden()


def test_phone_arabic_drawer_opens_from_the_right(browser, live):
    page = _open(browser, live["url"], PHONE, "/?lang=ar")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    drawer = page.locator("#filters").bounding_box()
    assert drawer["x"] >= PHONE["width"] - 0.5
    page.click("#filters-toggle")
    page.wait_for_function("() => document.querySelector('#filters').getBoundingClientRect().right <= innerWidth + 1")
    page.wait_for_timeout(300)
    assert _inside(page.locator("#filters").bounding_box(), PHONE["width"], PHONE["height"])
    _shot(page, "phone-ar-drawer.png")
    assert not page.js_errors
    page.context.close()


# ---------------------------------------------------------------- map


def test_map_select_zooms_sensibly_reset_and_fit_restore(desk, live):
    start = _zoom(desk)
    assert start <= 7
    desk.locator("#feed li[data-event-id]").first.click()
    desk.wait_for_selector("#report mark")
    desk.wait_for_selector("body[data-selected-shown]")
    assert 10 <= _zoom(desk) <= 11, "a selected event is shown at town zoom, not the whole way in"
    assert desk.locator(".ev-marker.selected").count() == 1
    desk.click("#map-reset")
    desk.wait_for_timeout(400)
    assert abs(_zoom(desk) - start) < 0.01
    _reload_after(desk, lambda: _check(desk, "admin1", "Idlib"))
    desk.click("#map-fit")
    desk.wait_for_timeout(400)
    assert _zoom(desk) >= 9  # one Idlib event: fitted close, capped at town zoom
    assert desk.locator(".ev-marker").count() == _total(desk, live, "admin1=Idlib")


def test_map_same_spot_events_spiderfy_clusters_are_not_type_coloured(desk, live):
    protest = desk.request.get(f"{live['url']}/api/events?article_id=spot-protest").json()["events"][0]["id"]
    desk.locator(f"#feed li[data-event-id='{protest}']").click()
    desk.wait_for_selector("body[data-selected-shown]")
    desk.wait_for_timeout(500)
    markers = desk.locator(".ev-marker[data-event-id]")
    spots = [m.bounding_box() for m in markers.all() if m.is_visible()]
    near = [b for b in spots if b]
    assert len(near) >= 2, "both events at the spot are shown, spread apart"
    centres = {(round(b["x"] + b["width"] / 2), round(b["y"] + b["height"] / 2)) for b in near}
    assert len(centres) == len(near), "events at one spot stack on each other"
    desk.click("#map-reset")
    desk.wait_for_timeout(400)
    colour = desk.wait_for_function("() => { const n = document.querySelector('.leaflet-marker-pane .ev-cluster'); "
                                    "return n && n.isConnected && getComputedStyle(n).backgroundColor; }",
                                    timeout=10000).json_value()
    assert colour not in TYPE_COLORS
    assert "rgb(38, 50, 56)" == colour
    _shot(desk, "desktop-map.png")


def test_map_place_labels_at_town_zoom_and_neighbours_as_land(desk):
    assert desk.locator(".place-label").count() == 0
    assert desk.locator("path[fill='#ebe7dc']").count() >= 6  # Turkey, Iran, Jordan, Saudi Arabia, Lebanon...
    desk.locator("#feed li[data-event-id]").filter(has_text="Deir ez-Zor").first.click()
    desk.wait_for_selector("body[data-selected-shown]")
    desk.wait_for_function("() => Number(document.body.dataset.labels || 0) > 0", timeout=10000)
    labels = desk.locator(".place-label").all_inner_texts()
    assert labels and all(labels)
    _shot(desk, "desktop-labels.png")


# ---------------------------------------------------------------- filters and permalinks


def test_filters_multi_select_counts_follow_and_url_has_back_button(desk, live):
    _check(desk, "event_type", "Battles")
    _check(desk, "event_type", "Protests")
    both = _total(desk, live, "event_type=Battles&event_type=Protests")
    assert _feed_count(desk) == both >= 3
    query = parse_qs(urlparse(desk.url).query)
    assert sorted(query["event_type"]) == ["Battles", "Protests"]
    counts = {r.get_attribute("data-value"): int(r.locator(".count").inner_text())
              for r in _facet(desk, "admin1").locator(".option").all()}
    assert sum(counts.values()) == both, "governorate counts follow the type filter"
    type_counts = {r.get_attribute("data-value"): int(r.locator(".count").inner_text())
                   for r in _facet(desk, "event_type").locator(".option").all()}
    assert type_counts["Battles"] == _total(desk, live, "event_type=Battles")  # a facet's own filter left out
    _check(desk, "admin1", "Deir ez-Zor")
    assert _feed_count(desk) == _total(desk, live, "event_type=Battles&event_type=Protests&admin1=Deir%20ez-Zor")
    _reload_after(desk, desk.go_back)
    assert _feed_count(desk) == both
    assert not _facet(desk, "admin1").locator("input[value='Deir ez-Zor']").is_checked()
    desk.locator("#feed li[data-event-id]").first.click()
    desk.wait_for_selector("#report mark")
    permalink = desk.url
    event_id = parse_qs(urlparse(permalink).query)["event"][0]
    other = desk.context.new_page()
    other.goto(permalink)
    other.wait_for_selector(f"body[data-panel='{event_id}']", timeout=15000)
    assert other.locator(f"#feed li.selected[data-event-id='{event_id}']").count() == 1
    assert _facet(other, "event_type").locator("input:checked").count() == 2
    other.close()


def test_filters_date_range_and_bad_date_named(desk, live):
    desk.fill("#f-from", "2024-03-01")
    _reload_after(desk, lambda: desk.locator("#f-from").press("Enter"))
    assert _feed_count(desk) == _total(desk, live, "date_from=2024-03-01")
    assert parse_qs(urlparse(desk.url).query)["date_from"] == ["2024-03-01"]
    desk.fill("#f-to", "March 5")
    desk.locator("#f-to").press("Enter")
    desk.wait_for_selector("#date-error:not([hidden])")
    assert "YYYY-MM-DD" in desk.locator("#date-error").inner_text()


# ---------------------------------------------------------------- timeline


def test_timeline_axes_legend_and_buckets_by_type(desk):
    axis = desk.locator("#timeline .axis")
    assert axis.locator("text.x-date").count() >= 3 and axis.locator("text.y-events").count() == 3
    assert axis.locator("text.y-fat").count() == 3
    legend = desk.locator("#timeline-legend .item").all_inner_texts()
    types = set(desk.locator("#timeline rect.bar").evaluate_all("rs => rs.map(r => r.dataset.type)"))
    assert len(types) >= 4 and types <= set(legend) and "Fatalities" in legend
    for bucket in ("day", "week", "month"):
        desk.select_option("#bucket", bucket)
        desk.wait_for_selector(f"body[data-bucket={bucket}]")
        assert desk.locator("#timeline rect.bar").count() > 0
    assert parse_qs(urlparse(desk.url).query)["bucket"] == ["month"]
    months = desk.locator("#timeline text.x-date").evaluate_all("ns => ns.map(n => n.textContent)")
    assert all(re.match(r"\d{4}-\d{2}-\d{2}$", m) for m in months)
    _shot(desk, "desktop-timeline-month.png")


# ---------------------------------------------------------------- Arabic


def test_arabic_interface_complete_plurals_and_isolated_names(browser, live):
    page = _open(browser, live["url"], DESKTOP, "/?lang=ar")
    assert page.get_attribute("html", "dir") == "rtl"
    latin = re.compile(r"[A-Za-z]")
    for facet in ("event_type", "sub_event_type", "actor", "admin1"):
        for label in _facet(page, facet).locator(".option bdi").all_inner_texts():
            assert not latin.search(label), f"{facet}: {label!r} not in Arabic"
    for node in page.locator("[data-i18n]").all():
        if node.is_visible():
            assert not latin.search(node.inner_text().replace("CSV", "").replace("OCHA", "").replace("COD-AB", "")
                                    .replace("CC BY-IGO", "").replace("Natural Earth", "")), node.inner_text()
    assert page.get_attribute("#f-from", "placeholder") == "سنة-شهر-يوم"
    deaths = page.locator("#feed .fat").all_inner_texts()
    assert "4 قتلى" in deaths and "قتيلان" in deaths  # 4 and 2 killed, Arabic plural forms
    assert re.search(r"\d+ حدثاً|\d+ أحداث|\d+ حدث", page.locator("#feed-count").inner_text())
    page.locator("#feed li[data-event-id]").first.click()
    page.wait_for_selector("#report mark")
    headers = page.locator("#panel-body table.fields th").all_inner_texts()
    assert headers and not any(latin.search(h) for h in headers)
    cells = page.locator("#panel-body table.fields td")
    assert cells.count() == page.locator("#panel-body table.fields td > bdi").count(), "a value not isolated"
    for row in page.locator("#panel-body table.fields tr").all()[:6]:
        th, td = row.locator("th").bounding_box(), row.locator("td").bounding_box()
        assert td["x"] + td["width"] <= th["x"] + 1, "label runs into its value"
    _shot(page, "desktop-ar-panel.png")
    assert not page.js_errors
    page.context.close()


# ---------------------------------------------------------------- sources, review, history, tallies


def test_sources_listed_once_disagreement_only_for_different_totals(desk, live):
    _check(desk, "admin1", "Homs")
    desk.locator("#feed li[data-event-id]").first.click()
    desk.wait_for_selector("#sources-list .source-entry")
    names = desk.locator("#sources-list .source-entry").evaluate_all("ns => ns.map(n => n.dataset.source)")
    assert len(names) == len(set(names)) >= 2
    assert desk.locator("#source-count").inner_text() == f"{len(names)} sources"
    event_id = parse_qs(urlparse(desk.url).query)["event"][0]
    api = desk.request.get(f"{live['url']}/api/events?admin1=Homs").json()["events"][0]
    assert api["number_of_sources"] == len(names)  # the list, the panel and `marsad events` agree
    assert desk.locator("#disagree").count() == 1  # SOHR 5 and SANA 3 killed, the same day
    figures = desk.locator("#sources-list .figure").all_inner_texts()
    assert sorted(figures) == ["3 killed", "5 killed"]
    assert event_id


def test_review_correction_updates_range_and_readable_history(desk, live):
    desk.click("#signin-toggle") if desk.locator("#signin-toggle").is_visible() else None
    desk.fill("#token-input", live["token"])
    desk.click("#signin-btn")
    desk.wait_for_selector("#whoami:not([hidden])")
    _check(desk, "admin1", "Kirkuk")
    desk.locator("#feed li[data-event-id]").first.click()
    desk.wait_for_selector("#correct-field")
    desk.select_option("#correct-field", "fatalities")
    desk.fill("#correct-value", "6")
    desk.click(".correct button[type=submit]")
    desk.wait_for_selector("#history li[data-kind=corrected]")
    values = {r.get_attribute("data-field"): r.locator("td").inner_text()
              for r in desk.locator("#panel-body table.fields tr").all()}
    assert (values["fatalities"], values["fatalities_best"], values["fatalities_high"], values["fatalities_low"]) == \
        ("6", "6", "6", "2")
    line = desk.locator("#history li[data-kind=corrected]").first.inner_text()
    assert "fatalities: 2 → 6" in line and "huda" in line
    assert "T" not in desk.locator("#history li[data-kind=corrected] time").inner_text()  # local time, not ISO
    assert re.search(r"\d{4}", desk.locator("#history li[data-kind=corrected] time").inner_text())
    _shot(desk, "desktop-review.png")


def test_tallies_explain_themselves(desk):
    _check(desk, "admin1", "Deir ez-Zor")
    desk.locator("#feed li[data-event-id]").filter(has_text="Remote explosive").first.click()
    desk.wait_for_selector("#tallies li")
    assert "never counted as this event's deaths" in desk.locator("#panel-body .help").first.inner_text()
    assert "65 killed" in desk.locator("#tallies").inner_text()
    desk.locator("#feed li[data-event-id]").filter(has_text="Armed clash").first.click()
    desk.wait_for_selector("#tallies li.muted")
    assert desk.locator("#tallies").inner_text() == "These reports give no cumulative tolls."


def test_empty_database_explains_itself(browser, tmp_path):
    from marsad.api import create_app
    from marsad.store import Store

    with Store(tmp_path / "empty.sqlite") as store, Server(create_app(store), _free_port()) as server:
        for viewport, name in ((DESKTOP, "desktop-empty.png"), (PHONE, "phone-empty.png")):
            page = _open(browser, server.url, viewport)
            assert page.get_attribute("body", "data-empty") == "database"
            text = page.locator("#empty").inner_text()
            assert "No events stored yet" in text and "marsad ingest" in text
            assert page.locator("#empty").is_visible()
            _shot(page, name)
            assert not page.js_errors
            page.context.close()


def test_chromium_is_debian(browser):
    assert Path(CHROMIUM).exists() and browser.version
