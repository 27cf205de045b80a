"""The watcher's tables: leases are exclusive, a lost lease drops the work, dead watchers' leases
are taken over, and the event feed records every change to events."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from marsad.errors import InputError, LeaseLost, NotFoundError
from marsad.store import Store
from marsad.store.alerts import AlertStore, Draft, feed_rows, last_seq
from marsad.store.watch import FETCHED, QUEUED, Listed, WatchState


@pytest.fixture
def state(tmp_path):  # type: ignore[no-untyped-def]
    with Store(tmp_path / "w.sqlite") as store:
        watch = WatchState(store)
        source = watch.add_source(url="http://127.0.0.1:9/feed.xml", outlet="x", lang="ar", kind="auto", every_s=60)
        watch.finish_poll(source.id, "nobody", [Listed(f"http://127.0.0.1:9/{n}.html", "127.0.0.1:9", "s", {})
                                                for n in range(3)], now=time.time(), next_at=0, etag=None,
                          last_modified=None)
        yield watch


def _fetch(state: WatchState, item, owner: str) -> None:  # type: ignore[no-untyped-def]
    state.save_fetched(item, owner, body=b"<p>x</p>", body_hash="h", content_type="text/html",
                       final_url=item.url, etag=None, last_modified=None, now=time.time())


def test_watch_state_queues_each_url_once(state) -> None:  # type: ignore[no-untyped-def]
    again = [Listed("http://127.0.0.1:9/0.html", "127.0.0.1:9", "s", {})]
    assert state.finish_poll(1, "nobody", again, now=time.time(), next_at=0, etag=None, last_modified=None) == 0
    changed = [Listed("http://127.0.0.1:9/0.html", "127.0.0.1:9", "s2", {})]
    assert state.finish_poll(1, "nobody", changed, now=time.time(), next_at=0, etag=None, last_modified=None) == 0
    assert len(state.ready_items(QUEUED, time.time(), limit=10)) == 3  # still waiting: nothing queued twice


def test_watch_state_lease_is_exclusive(state) -> None:  # type: ignore[no-untyped-def]
    urls = [i.url for i in state.ready_items(QUEUED, time.time(), limit=10)]
    first = state.claim_items(urls, QUEUED, "a:1:x", time.time(), 60)
    second = state.claim_items(urls, QUEUED, "b:2:y", time.time(), 60)
    assert len(first) == 3 and second == []


def test_watch_state_expired_lease_is_taken_over_and_the_old_owner_loses(state) -> None:  # type: ignore[no-untyped-def]
    url = state.ready_items(QUEUED, time.time(), limit=1)[0].url
    (mine,) = state.claim_items([url], QUEUED, "a:1:x", time.time(), 0.01)
    time.sleep(0.05)
    (theirs,) = state.claim_items([url], QUEUED, "b:2:y", time.time(), 60)
    with pytest.raises(LeaseLost):
        _fetch(state, mine, "a:1:x")
    _fetch(state, theirs, "b:2:y")
    assert state.item(url).state == FETCHED


def test_watch_state_lost_lease_rolls_the_report_back(state, ariha_doc) -> None:  # type: ignore[no-untyped-def]
    url = state.ready_items(QUEUED, time.time(), limit=1)[0].url
    (item,) = state.claim_items([url], QUEUED, "a:1:x", time.time(), 60)
    _fetch(state, item, "a:1:x")
    (mine,) = state.claim_items([url], FETCHED, "a:1:x", time.time(), 0.01)
    time.sleep(0.05)
    state.claim_items([url], FETCHED, "b:2:y", time.time(), 60)
    with pytest.raises(LeaseLost):
        state.store.add_document(ariha_doc, also=lambda conn, r: state.mark_coded(
            conn, mine, "a:1:x", article_id=ariha_doc.id, changed=True, now=time.time()))
    assert state.store.counts()["articles"] == 0 and state.item(url).state == FETCHED


def test_watch_state_takes_over_a_dead_watchers_leases(state) -> None:  # type: ignore[no-untyped-def]
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    owner = f"{__import__('socket').gethostname()}:{dead.pid}:dead"
    state.register(owner)
    urls = [i.url for i in state.ready_items(QUEUED, time.time(), limit=10)]
    assert len(state.claim_items(urls, QUEUED, owner, time.time(), 3600)) == 3
    assert state.ready_items(QUEUED, time.time(), limit=10) == []
    assert state.reclaim(now=time.time(), stale_s=3600) == [owner]
    assert len(state.ready_items(QUEUED, time.time(), limit=10)) == 3


def test_watch_state_duplicate_source_and_unknown_source(state) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="already watched"):
        state.add_source(url="http://127.0.0.1:9/feed.xml", outlet="y", lang=None, kind="auto", every_s=60)
    with pytest.raises(NotFoundError, match="no watched source"):
        state.source(99)


def test_watch_state_remove_source_drops_its_queue(state) -> None:  # type: ignore[no-untyped-def]
    state.remove_source(1)
    assert state.sources() == [] and state.ready_items(QUEUED, time.time(), limit=10) == []


def test_event_feed_records_new_updated_and_deleted(store, ariha_doc) -> None:  # type: ignore[no-untyped-def]
    start = last_seq(store.conn)
    result = store.add_document(ariha_doc)
    (event_id,) = result.event_ids
    rows = feed_rows(store.conn, start)
    assert [(r["event_id"], r["kind"]) for r in rows] == [(event_id, "new")]
    assert rows[0]["event"]["location"] == "Ariha"
    after_new = last_seq(store.conn)
    store.set_status(event_id, "reviewed", who="tester")
    assert [r["kind"] for r in feed_rows(store.conn, after_new)] == ["updated"]
    store.conn.execute("DELETE FROM mentions WHERE event_id = ?", (event_id,))  # as a merge that empties it
    store.conn.execute("DELETE FROM events WHERE id = ?", (event_id,))
    assert feed_rows(store.conn, after_new)[-1]["kind"] == "deleted"


def test_alert_store_records_each_version_once(store, ariha_doc) -> None:  # type: ignore[no-untyped-def]
    (event_id,) = store.add_document(ariha_doc).event_ids
    alerts = AlertStore(store)
    draft = Draft("r", event_id, "v1", {"rule": "r"}, None, "/tmp/x.jsonl")
    assert alerts.record([draft, draft], {}) == 1
    assert alerts.record([draft], {}) == 0
    assert alerts.record([Draft("r", event_id, "v2", {"rule": "r"}, None, None)], {}) == 1
    kinds = [a.kind for a in reversed(alerts.alerts())]
    assert kinds == ["new", "updated"]


def test_watch_state_prunes_old_faults_and_feed_rows(state, ariha_doc) -> None:  # type: ignore[no-untyped-def]
    state.add_fault(1, None, "http-500", "HTTP 500")
    state.store.add_document(ariha_doc)
    old = time.time() + 40 * 86400  # forty days on
    assert state.prune(now=time.time()) == 0
    assert state.prune(now=old) == 2
    assert state.faults() == [] and feed_rows(state.conn, 0) == []
