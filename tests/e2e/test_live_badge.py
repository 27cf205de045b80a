"""Live updates in headless Chromium: a report the watcher codes while the dashboard is open
appears in the feed with a "new" badge (server-sent events), without a reload."""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "watch"))

from newsite import NewsSite  # noqa: E402

from marsad.store import Store  # noqa: E402

pytestmark = pytest.mark.e2e
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def dashboard(tmp_path, ariha_doc) -> Iterator[tuple[str, Store]]:  # type: ignore[no-untyped-def]
    """uvicorn serving the app over a store with one event already in it."""
    import uvicorn

    from marsad.api import create_app

    store = Store(tmp_path / "live.sqlite")
    store.add_document(ariha_doc)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning",
                                           timeout_graceful_shutdown=1))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", store
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


def test_live_new_event_gets_a_badge(browser, dashboard) -> None:  # type: ignore[no-untyped-def]
    from marsad.pipeline import Pipeline
    from marsad.watch import Watcher, WatchConfig, add_source

    url, store = dashboard
    (old_id,) = [e.id for e in store.iter_events()]
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url + "/")
    page.wait_for_selector("body[data-loaded]", timeout=15000)
    page.wait_for_selector("body[data-live=on]", timeout=15000)
    assert page.locator("#feed li[data-event-id]").count() == 1

    with NewsSite() as site:  # a report published now, picked up by the watcher, streamed to the page
        site.publish("mayadin")
        add_source(store, site.url("/feed.xml"), outlet="شبكة الرصد", lang="ar", every="1m")
        config = WatchConfig(host_interval=0.0, max_age_days=None, tick=0.05)
        assert Watcher(store, config=config, pipeline=Pipeline.default()).run(once=True).coded == 1
    (new_id,) = [e.id for e in store.iter_events() if e.id != old_id]

    badge = page.locator(f'#feed li[data-event-id="{new_id}"] .new-badge')
    badge.wait_for(timeout=15000)
    assert badge.inner_text() == "new"
    assert page.locator(f'#feed li[data-event-id="{old_id}"] .new-badge').count() == 0
    assert page.locator("#feed li[data-event-id]").count() == 2
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#feed").screenshot(path=str(ARTIFACTS / "live-badge.png"))
    page.click("#lang-toggle")  # the feed is drawn again, in Arabic: the badge follows
    page.wait_for_function("() => document.querySelector('.new-badge')?.textContent === 'جديد'", timeout=5000)
    page.locator(f'#feed li[data-event-id="{new_id}"]').click()  # opened: no longer new
    page.wait_for_function("() => !document.querySelector('.new-badge')", timeout=5000)
    assert page.get_attribute("body", "data-new-events") == "0"
    assert not errors
    context.close()
