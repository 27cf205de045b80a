"""The API probed as an attacker would (issue 15): replacing is explicit, versioned and undoable;
tokens have scopes and expiry; bodies are limited before auth; 422s echo nothing; every response
carries the security headers; errors show no file path; corrections use the ACLED vocabulary."""

from __future__ import annotations

import asyncio
from marsad.store.connection import connect

import pytest

from demo_store import event_id_where
from marsad.api import create_app
from marsad.store.auth import create_token, revoke_tokens

REPORT = "قتل ثلاثة مدنيين بقصف مدفعي لقوات النظام على بلدة كفرنبل في ريف إدلب الجنوبي يوم الأحد."
REWRITE = "قتل تسعة مدنيين بقصف جوي روسي على بلدة معرة النعمان في ريف إدلب الجنوبي يوم الاثنين."


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _admin(write_env) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return _bearer(create_token(write_env["store"].path, "admin-1", scopes=["admin"]))


def _audit(write_env, target: str) -> list[tuple]:  # type: ignore[no-untyped-def]
    conn = connect(write_env["store"].path)
    try:
        return [tuple(r) for r in conn.execute("SELECT who, action FROM audit_log WHERE target = ? ORDER BY id",
                                               (target,))]
    finally:
        conn.close()


# --- replacing a report -----------------------------------------------------------------------

def test_hardening_post_cannot_silently_overwrite_a_report(write_env) -> None:  # type: ignore[no-untyped-def]
    client, auth = write_env["client"], write_env["auth"]
    body = {"id": "posted-1", "text": REPORT, "published": "2024-05-05"}
    assert client.post("/api/articles", json=body, headers=auth).status_code == 201
    events_before = client.get("/api/events", params={"article_id": "posted-1"}).json()["events"]
    response = client.post("/api/articles", json={**body, "text": REWRITE}, headers=auth)
    assert response.status_code == 409 and "replace" in response.json()["detail"]
    assert client.get("/api/articles/posted-1").json()["text"] == REPORT
    assert client.get("/api/events", params={"article_id": "posted-1"}).json()["events"] == events_before
    forbidden = client.post("/api/articles", json={**body, "text": REWRITE, "replace": True}, headers=auth)
    assert forbidden.status_code == 403 and "admin" in forbidden.json()["detail"]
    assert _audit(write_env, "posted-1") == [("reviewer-1", "ingest")]


def test_hardening_replace_is_versioned_audited_and_undoable(write_env) -> None:  # type: ignore[no-untyped-def]
    client, auth = write_env["client"], write_env["auth"]
    admin = _admin(write_env)
    body = {"id": "posted-2", "text": REPORT, "published": "2024-05-05"}
    first = client.post("/api/articles", json=body, headers=auth).json()
    replaced = client.post("/api/articles", json={**body, "text": REWRITE, "replace": True}, headers=admin)
    assert replaced.status_code == 200 and replaced.json()["result"]["status"] == "updated"
    versions = client.get("/api/articles/posted-2/versions").json()["versions"]
    assert [(v["version"], v["replaced_by"], v["current"]) for v in versions] == [(1, "admin-1", False),
                                                                                  (2, None, True)]
    assert client.get("/api/articles/posted-2/versions/1").json()["text"] == REPORT
    assert _audit(write_env, "posted-2") == [("reviewer-1", "ingest"), ("admin-1", "replace")]
    for event_id in replaced.json()["result"]["event_ids"]:
        history = client.get(f"/api/events/{event_id}").json()["history"]
        assert history and all(h["who"] == "admin-1" for h in history), history
    for event_id in first["result"]["event_ids"]:  # the replaced report's events keep their history
        assert client.get(f"/api/events/{event_id}").status_code in (200, 404)
    assert client.post("/api/articles/posted-2/versions/1/restore", headers=auth).status_code == 403
    restored = client.post("/api/articles/posted-2/versions/1/restore", headers=admin)
    assert restored.status_code == 200, restored.text
    assert client.get("/api/articles/posted-2").json()["text"] == REPORT
    assert [v["version"] for v in restored.json()["versions"]] == [1, 2, 3]
    assert _audit(write_env, "posted-2")[-1] == ("admin-1", "restore")
    audit = client.get("/api/audit", params={"target": "posted-2"}, headers=admin).json()["entries"]
    assert [e["action"] for e in audit] == ["restore", "replace", "ingest"]
    assert client.get("/api/audit", headers=auth).status_code == 403


def test_hardening_unknown_version_is_404(write_env) -> None:  # type: ignore[no-untyped-def]
    client = write_env["client"]
    assert client.get("/api/articles/ar-hawija-ied/versions/7").status_code == 404
    assert client.get("/api/articles/nope/versions").status_code == 404
    assert client.post("/api/articles/ar-hawija-ied/versions/7/restore", headers=_admin(write_env)).status_code == 404


# --- tokens -----------------------------------------------------------------------------------

def test_hardening_token_scopes(write_env) -> None:  # type: ignore[no-untyped-def]
    client, store = write_env["client"], write_env["store"]
    ingest_only = _bearer(create_token(store.path, "feed-bot", scopes=["ingest"]))
    review_only = _bearer(create_token(store.path, "reader-2", scopes=["review"]))
    event_id = event_id_where(client, admin1="Baghdad")
    review = {"status": "reviewed"}
    assert client.post(f"/api/events/{event_id}/review", json=review, headers=ingest_only).status_code == 403
    assert client.post(f"/api/events/{event_id}/review", json=review, headers=review_only).status_code == 200
    post = {"id": "posted-3", "text": REPORT, "published": "2024-05-05"}
    assert client.post("/api/articles", json=post, headers=review_only).status_code == 403
    assert client.post("/api/articles", json=post, headers=ingest_only).status_code == 201
    assert client.get("/api/me", headers=ingest_only).json() == {"name": "feed-bot", "scopes": ["ingest"]}


def test_hardening_expired_and_revoked_tokens_are_refused(write_env) -> None:  # type: ignore[no-untyped-def]
    client, store = write_env["client"], write_env["store"]
    token = create_token(store.path, "temp-1", expires="1h")
    assert client.get("/api/me", headers=_bearer(token)).status_code == 200
    conn = connect(store.path)
    with conn:
        conn.execute("UPDATE tokens SET expires_at = '2020-01-01T00:00:00+00:00' WHERE name = 'temp-1'")
    conn.close()
    response = client.get("/api/me", headers=_bearer(token))
    assert response.status_code == 401 and "expired" in response.json()["detail"]
    other = create_token(store.path, "temp-2")
    assert revoke_tokens(store.path, "temp-2") == 1
    assert client.get("/api/me", headers=_bearer(other)).status_code == 401


# --- request bodies ---------------------------------------------------------------------------

def _call(app, method: str, path: str, headers: list[tuple[bytes, bytes]], chunks: list[bytes]):  # type: ignore[no-untyped-def]
    """Run one request through the ASGI app; return (status, body, how many body chunks it read)."""
    read = {"chunks": 0}
    sent: list[dict] = []

    async def receive() -> dict:
        read["chunks"] += 1
        index = read["chunks"] - 1
        if index < len(chunks):
            return {"type": "http.request", "body": chunks[index], "more_body": index < len(chunks) - 1}
        return {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "path": path,
             "raw_path": path.encode(), "query_string": b"", "headers": headers, "scheme": "http",
             "server": ("127.0.0.1", 8000), "client": ("127.0.0.1", 5000), "root_path": ""}
    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], body, read["chunks"], dict(start["headers"])


def test_hardening_body_limit_before_auth_and_before_reading(write_env) -> None:  # type: ignore[no-untyped-def]
    app = create_app(write_env["store"], max_body_bytes=1000)
    headers = [(b"content-type", b"application/json"), (b"content-length", b"5000000")]
    status, body, chunks, response_headers = _call(app, "POST", "/api/articles", headers, [b"{" * 10])
    assert (status, chunks) == (413, 0)  # no token sent: refused before auth, the body never read
    assert b"limit" in body and response_headers[b"x-content-type-options"] == b"nosniff"


def test_hardening_body_limit_counts_a_streamed_body(write_env) -> None:  # type: ignore[no-untyped-def]
    app = create_app(write_env["store"], max_body_bytes=1000)
    headers = [(b"content-type", b"application/json"), (b"authorization", write_env["auth"]["Authorization"].encode())]
    status, body, chunks, _ = _call(app, "POST", "/api/articles", headers, [b" " * 600] * 10)  # no length given
    assert status == 413 and chunks == 2


def test_hardening_body_limit_default_over_http(write_env) -> None:  # type: ignore[no-untyped-def]
    client = write_env["client"]
    response = client.post("/api/articles", content=b"x" * 16_000_001, headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_hardening_validation_error_does_not_echo_the_body(write_env) -> None:  # type: ignore[no-untyped-def]
    client, auth = write_env["client"], write_env["auth"]
    secret = "<script>alert('SECRET-PAYLOAD')</script>"
    for body in ({"text": REPORT, "bogus": secret}, {"text": secret, "html": secret}, {"id": secret, "text": "x"},
                 {"text": REPORT, "published": secret * 10}):
        response = client.post("/api/articles", json=body, headers=auth)
        assert response.status_code == 422, response.text
        assert "SECRET" not in response.text and "<script>" not in response.text
        assert all({"loc", "msg", "type"} == set(e) for e in response.json()["detail"])
    broken = client.post("/api/articles", content=b'{"text": "SECRET-PAYLOAD', headers={**auth, "content-type":
                                                                                      "application/json"})
    assert broken.status_code == 422 and "SECRET" not in broken.text


def test_hardening_deeply_nested_json_body_is_not_a_server_error(write_env) -> None:  # type: ignore[no-untyped-def]
    client, auth = write_env["client"], write_env["auth"]
    deep = b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    response = client.post("/api/articles", content=deep, headers={**auth, "content-type": "application/json"})
    assert 400 <= response.status_code < 500


def test_hardening_calendar_edge_publication_date_is_a_warning(write_env) -> None:  # type: ignore[no-untyped-def]
    client, auth = write_env["client"], write_env["auth"]
    for n, published in enumerate(("0001-01-01", "9999-12-31")):
        body = {"id": f"edge-{n}", "text": REPORT.replace("ثلاثة", "أربعة" if n else "خمسة"), "published": published}
        response = client.post("/api/articles", json=body, headers=auth)
        assert response.status_code == 201, response.text
        assert "implausible" in response.json()["warnings"][0]
        assert client.get(f"/api/articles/edge-{n}").json()["published"] is None


# --- headers and errors -----------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/index.html", "/app.js", "/api/events", "/api/stats", "/docs",
                                  "/api/events/NOPE", "/api/me", "/nothing-here"])
def test_hardening_security_headers_everywhere(client, path: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get(path)
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"


def test_hardening_csp_allows_the_configured_tile_host(read_store) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    app = create_app(read_store, tiles="https://tiles.example.org/{z}/{x}/{y}.png")
    with TestClient(app) as client:
        csp = client.get("/").headers["content-security-policy"]
    assert "img-src 'self' data: blob: https://tiles.example.org" in csp


def test_hardening_errors_show_no_file_path(write_env, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from marsad.errors import StoreError

    client, store = write_env["client"], write_env["store"]
    folder, name = str(store.path).rsplit("/", 1)
    missing = client.get("/api/events/NOPE")
    assert missing.status_code == 404 and name not in missing.text and folder not in missing.text

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise StoreError(f"{store.path}: query failed: disk I/O error")

    monkeypatch.setattr(type(client.app.state.ctx.queries), "list_events", broken)
    response = client.get("/api/events")
    assert response.status_code == 500
    assert name not in response.text and folder not in response.text and "disk" not in response.text


# --- corrections ------------------------------------------------------------------------------

@pytest.mark.parametrize("field, value", [
    ("event_type", "Bombing"), ("sub_event_type", "Airstrike"), ("disorder_type", "War"),
    ("civilian_targeting", "yes"), ("event_type", None),
    ("event_type", "Battles"),  # the event is an air/drone strike: a Battles type would contradict it
])
def test_hardening_corrections_must_use_the_vocabulary(write_env, field, value) -> None:  # type: ignore[no-untyped-def]
    client, auth = write_env["client"], write_env["auth"]
    event_id = event_id_where(client, admin1="Hasakah")
    before = client.get(f"/api/events/{event_id}").json()
    response = client.patch(f"/api/events/{event_id}", json={"field": field, "value": value}, headers=auth)
    assert response.status_code == 400 and field in response.json()["detail"]
    after = client.get(f"/api/events/{event_id}").json()
    assert (after["event_type"], after["sub_event_type"]) == (before["event_type"], before["sub_event_type"])


def test_hardening_sub_event_type_brings_its_event_type(write_env) -> None:  # type: ignore[no-untyped-def]
    client, auth = write_env["client"], write_env["auth"]
    event_id = event_id_where(client, admin1="Hasakah")
    response = client.patch(f"/api/events/{event_id}", json={"field": "sub_event_type", "value": "armed clash"},
                            headers=auth)
    assert response.status_code == 200, response.text
    assert (response.json()["event_type"], response.json()["sub_event_type"]) == ("Battles", "Armed clash")
    kinds = [(h["kind"], h["detail"].get("field")) for h in response.json()["history"] if h["kind"] == "corrected"]
    assert kinds == [("corrected", "event_type"), ("corrected", "sub_event_type")]
