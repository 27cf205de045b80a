"""/api/stream (server-sent events as events are stored) and /api/health (the watcher's state)."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from marsad.api import create_app
from marsad.store import Store
from marsad.store.watch import Listed, WatchState, new_owner


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(tmp_path) -> Iterator[tuple[str, Store]]:  # type: ignore[no-untyped-def]
    """A real uvicorn server (the stream never ends: TestClient cannot read it) over a file store."""
    import uvicorn

    store = Store(tmp_path / "live.sqlite")
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


def _messages(response: httpx.Response, wanted: int, timeout: float = 10.0) -> list[tuple[str, str, dict]]:
    """Read server-sent messages (event, id, data) until ``wanted`` have come."""
    out: list[tuple[str, str, dict]] = []
    fields: dict[str, str] = {}
    deadline = time.monotonic() + timeout
    for line in response.iter_lines():
        if time.monotonic() > deadline:
            break
        if not line.strip():
            if "data" in fields:
                out.append((fields.get("event", "message"), fields.get("id", ""), json.loads(fields["data"])))
                if len(out) >= wanted:
                    break
            fields = {}
        elif not line.startswith(":"):
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return out


def test_stream_sends_new_events_as_they_are_stored(served, ariha_doc) -> None:  # type: ignore[no-untyped-def]
    url, store = served
    with httpx.Client(timeout=20) as client, client.stream("GET", f"{url}/api/stream") as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        threading.Timer(0.5, lambda: store.add_document(ariha_doc)).start()
        hello, change = _messages(response, 2)
    assert hello[0] == "hello" and hello[2] == {"seq": 0}
    kind, seq, data = change
    assert kind == "event" and data["kind"] == "new" and seq == str(data["seq"])
    assert data["event"]["location"] == "Ariha" and data["event"]["fatalities"] == 5


def test_stream_resumes_after_the_last_event_id(served, ariha_doc, make_report, make_event) -> None:  # type: ignore[no-untyped-def]
    url, store = served
    (first,) = store.add_document(ariha_doc).event_ids
    second_doc = make_report("other", "قتل مدني في سراقب.", make_event(location="Saraqab", admin1="Idlib",
                                                                         latitude=35.86, longitude=36.8,
                                                                         event_date="2024-04-01"))
    (second,) = store.add_document(second_doc).event_ids
    with httpx.Client(timeout=20) as client:
        with client.stream("GET", f"{url}/api/stream?since=0") as response:
            replay = _messages(response, 3)
        assert [d["event_id"] for _, _, d in replay[1:]] == [first, second]
        with client.stream("GET", f"{url}/api/stream", headers={"Last-Event-ID": replay[1][1]}) as response:
            resumed = _messages(response, 2)
    assert [d["event_id"] for _, _, d in resumed[1:]] == [second]


def test_health_idle_down_ok_and_degraded(served) -> None:  # type: ignore[no-untyped-def]
    url, store = served
    assert httpx.get(f"{url}/api/health").json()["status"] == "idle"
    state = WatchState(store)
    source = state.add_source(url="http://127.0.0.1:9/feed.xml", outlet="x", lang="ar", kind="auto", every_s=600)
    down = httpx.get(f"{url}/api/health")
    assert down.status_code == 503 and down.json()["status"] == "down"
    owner = new_owner()
    state.register(owner)
    now = time.time()
    state.finish_poll(source.id, None, [Listed("http://127.0.0.1:9/a.html", "127.0.0.1:9", "s", {})],  # type: ignore[arg-type]
                      now=now - 30, next_at=now + 570, etag=None, last_modified=None)
    ok = httpx.get(f"{url}/api/health").json()
    assert ok["status"] == "ok" and ok["watchers"][0]["alive"]
    (row,) = ok["sources"]
    assert row["state"] == "ok" and 29 <= row["lag_s"] <= 60 and row["queued"] == 1 and row["backlog_age_s"] >= 29
    state.fail_poll(source.id, None, now=now, next_at=now + 600, kind="http-503", reason="HTTP 503")  # type: ignore[arg-type]
    degraded = httpx.get(f"{url}/api/health").json()
    assert degraded["status"] == "degraded" and degraded["sources"][0]["state"] == "failing"
    assert degraded["sources"][0]["faults_by_kind"] == {"http-503": 1}
