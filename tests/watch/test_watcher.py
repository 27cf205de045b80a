"""The watch loop end to end on loopback: new reports become events, nothing is coded twice,
changed pages update their events, faults stay with their source, restarts carry on."""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from marsad.store import Store
from marsad.store.watch import WatchState
from marsad.watch import Watcher, add_source, source_status
from newsite import REPORTS, NewsSite


class Counting:
    """The real pipeline, counting how often each report URL is coded, and by which thread."""

    def __init__(self, pipeline: Any, *, pause: float = 0.0) -> None:
        self.pipeline = pipeline
        self.pause = pause
        self.coded: Counter[str] = Counter()
        self.threads: Counter[str] = Counter()
        self.lock = threading.Lock()

    def __call__(self, doc: Any) -> Any:
        with self.lock:
            self.coded[doc.url] += 1
            self.threads[threading.current_thread().name] += 1
        time.sleep(self.pause)  # slow coding down so two watchers overlap
        return self.pipeline(doc)


@pytest.fixture
def store(tmp_path):  # type: ignore[no-untyped-def]
    with Store(tmp_path / "watch.sqlite") as opened:
        yield opened


def run_once(store, config, pipeline, **kwargs):  # type: ignore[no-untyped-def]
    return Watcher(store, config=config, pipeline=pipeline, **kwargs).run(once=True)


def page_hits(site: NewsSite) -> int:
    return sum(1 for h in site.hits if h.path.endswith(".html"))


def test_watch_new_reports_become_events(store, site, config, pipeline) -> None:  # type: ignore[no-untyped-def]
    for slug in ("mayadin", "ariha", "qamishli", "mosul"):
        site.publish(slug)
    add_source(store, site.url("/feed.xml"), outlet="شبكة الرصد", lang="ar", every="1s")
    summary = run_once(store, config, pipeline)
    assert summary.coded == 4 and summary.events == 4 and summary.item_faults == 0
    events = {e.location: e for e in store.iter_events()}
    assert events["Mayadin desert"].fatalities == 12 and events["Mayadin desert"].actor1 == "Islamic State"
    assert events["Ariha"].admin1 == "Idlib" and events["Ariha"].event_date == "2026-05-05"
    article = store.get_article(next(iter(events["Ariha"].article_ids)))
    assert article.url == site.url("/news/ariha.html") and article.outlet == "شبكة الرصد"
    assert article.published_from == "feed" and "مجموعة" not in article.text
    status = source_status(store)[0]
    assert (status.new_reports, status.errors, status.failures, status.state) == (4, 0, 0, "ok")


def test_watch_codes_nothing_twice_and_asks_conditionally(store, site, config, pipeline) -> None:  # type: ignore[no-untyped-def]
    for slug in ("mayadin", "ariha"):
        site.publish(slug)
    add_source(store, site.url("/feed.xml"), outlet="شبكة الرصد", every="1s")
    counting = Counting(pipeline)
    run_once(store, config, counting)
    hits = page_hits(site)
    second = run_once(store, config, counting)
    assert second.coded == 0 and page_hits(site) == hits  # no report asked for again
    assert site.hits[-1].path == "/feed.xml" and site.hits[-1].status == 304  # the feed itself: a 304
    site.publish("daraa")
    third = run_once(store, config, counting)
    assert third.coded == 1 and page_hits(site) == hits + 1
    assert set(counting.coded.values()) == {1} and len(counting.coded) == 3
    assert store.counts()["articles"] == 3


def test_watch_same_report_in_three_listings_is_coded_once(store, site, config, pipeline) -> None:  # type: ignore[no-untyped-def]
    for slug in ("mayadin", "ariha", "bukamal"):
        site.publish(slug)
    for path in ("/feed.xml", "/sitemap-index.xml", "/news/"):
        add_source(store, site.url(path), outlet="شبكة الرصد", every="1s")
    counting = Counting(pipeline)
    run_once(store, config, counting)
    assert len(counting.coded) == 3 and set(counting.coded.values()) == {1}
    assert [s.failures for s in source_status(store)] == [0, 0, 0]


def test_watch_changed_page_updates_its_event_once(store, site, config, pipeline) -> None:  # type: ignore[no-untyped-def]
    site.publish("ariha")
    add_source(store, site.url("/sitemap.xml"), outlet="شبكة الرصد", every="1s")
    run_once(store, config, pipeline)
    (event,) = store.iter_events()
    assert event.fatalities == 5
    site.change("ariha", REPORTS["ariha"][1].replace("خمسة مدنيين", "تسعة مدنيين"))
    summary = run_once(store, config, pipeline)
    assert summary.coded == 1
    (updated,) = store.iter_events()
    assert updated.id == event.id and updated.fatalities == 9
    assert store.counts()["articles"] == 1
    assert run_once(store, config, pipeline).coded == 0


def test_watch_unchanged_page_with_a_new_listing_stamp_costs_a_304(store, site, config, pipeline) -> None:  # type: ignore[no-untyped-def]
    report = site.publish("ariha")
    add_source(store, site.url("/feed.xml"), outlet="شبكة الرصد", every="1s")
    run_once(store, config, pipeline)
    report.updated += timedelta(minutes=5)  # the feed says the item changed; the page did not
    summary = run_once(store, config, pipeline)
    assert summary.coded == 0 and summary.unchanged == 1
    assert site.hits[-1].path == "/news/ariha.html" and site.hits[-1].status == 304


def test_watch_faults_stay_with_their_source(store, config, pipeline) -> None:  # type: ignore[no-untyped-def]
    with NewsSite() as good, NewsSite() as down, NewsSite() as broken:
        for slug in ("mayadin", "ariha"):
            good.publish(slug)
        down.fault("/feed.xml", status=500)
        broken.fault("/feed.xml", body=b"<?xml version='1.0'?><rss><channel><item><title>x</ti",
                     content_type="application/rss+xml")
        ids = [add_source(store, s.url("/feed.xml"), outlet=name, every="1s").id
               for s, name in ((good, "good"), (down, "down"), (broken, "broken"))]
        started = time.time()
        summary = run_once(store, config, pipeline)
    assert summary.coded == 2 and summary.poll_faults == 2
    status = {s.id: s for s in source_status(store)}
    assert status[ids[0]].state == "ok" and status[ids[0]].new_reports == 2
    assert status[ids[1]].state == "failing" and status[ids[1]].faults_by_kind == {"http-500": 1}
    assert "HTTP 500" in status[ids[1]].last_error
    assert status[ids[2]].faults_by_kind == {"malformed": 1} and "malformed feed" in status[ids[2]].last_error
    assert status[ids[1]].next_poll_at >= started + 0.8  # backed off, not hammered


def test_watch_failing_source_backs_off_exponentially(store, site, config, pipeline) -> None:  # type: ignore[no-untyped-def]
    site.fault("/feed.xml", status=503)
    source = add_source(store, site.url("/feed.xml"), outlet="x", every="10s")
    waits = []
    for _ in range(3):
        WatchState(store).conn.execute("UPDATE watch_sources SET next_poll_at = 0 WHERE id = ?", (source.id,))
        started = time.time()
        run_once(store, config, pipeline)
        waits.append(source_status(store)[0].next_poll_at - started)
    assert 8 <= waits[0] <= 12 and 17 <= waits[1] <= 23 and 35 <= waits[2] <= 45
    assert source_status(store)[0].failures == 3


def test_watch_retry_after_sets_the_next_poll(store, site, config, pipeline) -> None:  # type: ignore[no-untyped-def]
    site.fault("/feed.xml", status=429, retry_after="600")
    add_source(store, site.url("/feed.xml"), outlet="x", every="1s")
    started = time.time()
    run_once(store, config, pipeline)
    assert source_status(store)[0].next_poll_at >= started + 599


def test_watch_bad_report_pages_are_skipped_and_counted(store, site, config, pipeline) -> None:  # type: ignore[no-untyped-def]
    for slug in ("mayadin", "ariha", "daraa", "mosul", "afrin", "ramadi"):
        site.publish(slug)
    site.fault("/news/ariha.html", huge=20_000_000)
    site.fault("/news/daraa.html", redirect="/news/daraa.html?again")
    site.fault("/news/mosul.html", body=b"\x89PNG\r\n\x1a\n....", content_type="image/png")
    site.fault("/news/afrin.html", body=b"<html><body><nav>menu</nav></body></html>", content_type="text/html")
    site.fault("/news/ramadi.html", delay=2.5)
    add_source(store, site.url("/feed.xml"), outlet="x", every="1s")
    summary = run_once(store, replace(config, item_retry_wait=60.0), pipeline)
    assert summary.coded == 2  # mayadin, and afrin from its feed item's text: the page has none
    afrin = store.get_article(WatchState(store).item(site.url("/news/afrin.html")).article_id)
    assert afrin.text.startswith(REPORTS["afrin"][1][:60])
    faults = source_status(store)[0].faults_by_kind
    assert faults == {"too-large": 1, "redirect-loop": 1, "not-a-report": 1, "timeout": 1}
    state = WatchState(store)
    assert state.item(site.url("/news/ramadi.html")).state == "queued"  # a timeout is tried again later
    assert state.item(site.url("/news/ariha.html")).state == "skipped"


def test_watch_timeout_then_recovery_codes_the_report(store, site, config, pipeline) -> None:  # type: ignore[no-untyped-def]
    site.publish("ramadi")
    site.fault("/news/ramadi.html", delay=2.5, times=3)  # one attempt's three tries time out
    add_source(store, site.url("/feed.xml"), outlet="x", every="1s")
    assert run_once(store, config, pipeline).coded == 0
    time.sleep(0.2)
    assert run_once(store, config, pipeline).coded == 1
    assert source_status(store)[0].faults_by_kind == {"timeout": 1}


def test_watch_reads_windows_1256_pages(store, site, config, pipeline) -> None:  # type: ignore[no-untyped-def]
    site.publish("ariha", encoding="cp1256")  # declared in the header and the page
    site.publish("qamishli", encoding="cp1256", declare_charset=False)  # declared nowhere
    add_source(store, site.url("/feed.xml"), outlet="x", every="1s")
    assert run_once(store, config, pipeline).coded == 2
    assert {e.location for e in store.iter_events()} == {"Ariha", "Al Qamishli"}


def test_watch_obeys_robots_for_report_pages(store, site, config, pipeline) -> None:  # type: ignore[no-untyped-def]
    site.publish("ariha")
    site.publish("daraa")
    site.reports["daraa"].slug = "daraa"
    site.extra_links = ["/private/secret-report.html"]
    add_source(store, site.url("/news/"), outlet="x", every="1s")
    run_once(store, config, pipeline)
    assert site.count("/private/secret-report.html") == 0
    assert source_status(store)[0].faults_by_kind.get("robots") == 1


def test_watch_restart_codes_what_was_fetched_without_fetching_again(tmp_path, site, config, pipeline) -> None:  # type: ignore[no-untyped-def]
    class FetchOnly(Watcher):
        def _code_batch(self, once: bool = False) -> int:  # a watcher that dies before coding anything
            return 0

    for slug in ("mayadin", "ariha", "mosul"):
        site.publish(slug)
    path = tmp_path / "restart.sqlite"
    with Store(path) as first:
        add_source(first, site.url("/feed.xml"), outlet="x", every="1h")
        FetchOnly(first, config=config, pipeline=pipeline).run(once=True)
        assert {WatchState(first).item(site.url(f"/news/{s}.html")).state for s in ("mayadin", "ariha")} == {"fetched"}
    hits = page_hits(site)
    with Store(path) as second:
        summary = Watcher(second, config=config, pipeline=pipeline).run(once=True)
        assert summary.coded == 3 and page_hits(site) == hits and second.counts()["events"] == 3


def test_watch_store_failure_rolls_the_report_back(store, site, config, pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    site.publish("ariha")
    add_source(store, site.url("/feed.xml"), outlet="x", every="1s")
    original = WatchState.mark_coded

    def crash(self, conn, item, owner, **kwargs):  # type: ignore[no-untyped-def]
        original(self, conn, item, owner, **kwargs)
        raise RuntimeError("disk full")  # after the queue row is written, before the commit

    monkeypatch.setattr(WatchState, "mark_coded", crash)
    assert run_once(store, config, pipeline).coded == 0
    assert store.counts()["articles"] == 0 and WatchState(store).item(site.url("/news/ariha.html")).state == "fetched"
    monkeypatch.setattr(WatchState, "mark_coded", original)
    time.sleep(0.1)
    assert run_once(store, config, pipeline).coded == 1 and store.counts()["articles"] == 1


def test_two_watchers_on_one_database_never_code_a_report_twice(tmp_path, config, pipeline) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "shared.sqlite"
    counting = Counting(pipeline, pause=0.05)
    with NewsSite() as a, NewsSite() as b:
        for site in (a, b):
            for slug in REPORTS:
                site.publish(slug)
        with Store(path) as setup:
            for site in (a, b):
                for listing in ("/feed.xml", "/sitemap.xml"):
                    add_source(setup, site.url(listing), outlet="x", every="1h")
        stores = [Store(path), Store(path)]
        threads = [threading.Thread(target=lambda s=s: Watcher(s, config=config, pipeline=counting).run(once=True),
                                    name=f"watcher-{n}") for n, s in enumerate(stores)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        for s in stores:
            s.close()
    assert len(counting.coded) == 2 * len(REPORTS) and set(counting.coded.values()) == {1}
    assert set(counting.threads) == {"watcher-0", "watcher-1"}  # both did part of the work
    with Store(path) as check:
        assert check.counts()["articles"] == 2 * len(REPORTS)
