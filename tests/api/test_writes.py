"""Writes need a token; every change is audited with the token's name; corrections survive re-extraction."""

from __future__ import annotations

import json
from marsad.store.connection import connect

import pytest

from demo_store import SPECS, build_document, event_id_where


def _audit(store) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    conn = connect(store.path)
    try:
        return [tuple(r) for r in conn.execute("SELECT who, action, target FROM audit_log ORDER BY id")]
    finally:
        conn.close()


@pytest.mark.parametrize("method, path, body", [
    ("post", "/api/events/{id}/review", {"status": "reviewed"}),
    ("patch", "/api/events/{id}", {"field": "fatalities", "value": 9}),
    ("post", "/api/events/{id}/split", {}),
    ("post", "/api/articles", {"text": "نص تقرير قصير عن قصف."}),
])
@pytest.mark.parametrize("header", [None, "Bearer wrong-token", "Basic abc", "Bearer "])
def test_writes_without_valid_token_are_401(write_env, method, path, body, header) -> None:  # type: ignore[no-untyped-def]
    client = write_env["client"]
    event_id = event_id_where(client, admin1="Homs")
    headers = {"Authorization": header} if header else {}
    before = _audit(write_env["store"])  # making the token is audited; nothing after it may be
    response = client.request(method.upper(), path.format(id=event_id), json=body, headers=headers)
    assert response.status_code == 401, response.text
    assert "token" in response.json()["detail"]
    assert _audit(write_env["store"]) == before


def test_writes_review_sets_status_and_audits(write_env) -> None:  # type: ignore[no-untyped-def]
    client, auth = write_env["client"], write_env["auth"]
    event_id = event_id_where(client, admin1="Idlib")
    response = client.post(f"/api/events/{event_id}/review", json={"status": "rejected"}, headers=auth)
    assert response.status_code == 200 and response.json()["status"] == "rejected"
    assert event_id_where(client, status="rejected") == event_id
    assert ("reviewer-1", "set_status", event_id) in _audit(write_env["store"])
    history = client.get(f"/api/events/{event_id}").json()["history"]
    assert history[-1]["who"] == "reviewer-1"


def test_writes_review_bad_status_is_422(write_env) -> None:  # type: ignore[no-untyped-def]
    client, auth = write_env["client"], write_env["auth"]
    event_id = event_id_where(client, admin1="Idlib")
    assert client.post(f"/api/events/{event_id}/review", json={"status": "maybe"}, headers=auth).status_code == 422
    assert client.post("/api/events/NOPE/review", json={"status": "reviewed"}, headers=auth).status_code == 404


def test_writes_correction_survives_reextraction(write_env) -> None:  # type: ignore[no-untyped-def]
    client, auth, store = write_env["client"], write_env["auth"], write_env["store"]
    event_id = event_id_where(client, admin1="Hasakah")
    response = client.patch(f"/api/events/{event_id}", json={"field": "fatalities", "value": 9}, headers=auth)
    assert response.status_code == 200 and response.json()["fatalities"] == 9
    spec = next(s for s in SPECS if s.id == "ar-qamishli-drone")
    doc = build_document(spec)
    doc.text += " وتحدثت مصادر أخرى عن إصابة ثالث."  # changed text: the report is re-extracted and re-merged
    assert store.add_document(doc).status == "updated"
    assert client.get(f"/api/events/{event_id}").json()["fatalities"] == 9
    assert ("reviewer-1", "correct_field", event_id) in _audit(store)


@pytest.mark.parametrize("body, status", [
    ({"field": "id", "value": "x"}, 400),
    ({"field": "evidence", "value": None}, 400),
    ({"field": "fatalities", "value": "abc"}, 400),
    ({"field": "fatalities", "value": -4}, 400),
    ({"field": "fatalities", "value": 2.5}, 400),
    ({"field": "latitude", "value": "x"}, 400),
    ({"field": "longitude", "value": 999}, 400),
    ({"field": "geo_precision", "value": 4}, 400),
    ({"field": "event_date", "value": "yesterday"}, 400),
    ({"field": "event_date", "value": 5}, 400),
    ({"field": "admin1", "value": 7}, 400),
    ({"field": "location", "value": "  "}, 400),
    ({"field": "fatalities"}, 422),
    ({"field": "fatalities", "value": 1, "extra": 2}, 422),
    ({"field": "fatalities", "value": [1, 2]}, 422),
])
def test_writes_bad_correction_rejected(write_env, body, status) -> None:  # type: ignore[no-untyped-def]
    client, auth = write_env["client"], write_env["auth"]
    event_id = event_id_where(client, admin1="Hasakah")
    before = client.get(f"/api/events/{event_id}").json()
    response = client.patch(f"/api/events/{event_id}", json=body, headers=auth)
    assert response.status_code == status and response.json()["detail"]
    assert client.get(f"/api/events/{event_id}").json() == before


def test_writes_split_undoes_merge(write_env) -> None:  # type: ignore[no-untyped-def]
    client, auth = write_env["client"], write_env["auth"]
    event_id = event_id_where(client, admin1="Homs")
    response = client.post(f"/api/events/{event_id}/split", json={}, headers=auth)
    assert response.status_code == 200, response.text
    new_id = response.json()["new_event_id"]
    assert new_id != event_id
    homs = client.get("/api/events", params={"admin1": "Homs"}).json()["events"]
    assert {e["id"] for e in homs} == {event_id, new_id}
    assert client.get(f"/api/events/{new_id}").json()["article_ids"] == ["ar-sukhnah-sana"]
    assert ("reviewer-1", "split_event", event_id) in _audit(write_env["store"])
    again = client.post(f"/api/events/{event_id}/split", json={}, headers=auth)
    assert again.status_code == 400 and "split" in again.json()["detail"]


def test_writes_split_unknown_mention_is_400(write_env) -> None:  # type: ignore[no-untyped-def]
    client, auth = write_env["client"], write_env["auth"]
    event_id = event_id_where(client, admin1="Homs")
    response = client.post(f"/api/events/{event_id}/split", json={"mention_ids": ["nope#0"]}, headers=auth)
    assert response.status_code == 400 and "nope#0" in response.json()["detail"]


def test_writes_me_names_the_token(write_env) -> None:  # type: ignore[no-untyped-def]
    client, auth = write_env["client"], write_env["auth"]
    assert client.get("/api/me", headers=auth).json() == {"name": "reviewer-1", "scopes": ["ingest", "review"]}
    assert client.get("/api/me").status_code == 401


def test_writes_post_article_validation(write_env) -> None:  # type: ignore[no-untyped-def]
    client, auth = write_env["client"], write_env["auth"]
    for body in ({}, {"text": "a", "html": "<p>a</p>"}, {"text": "a", "id": "bad id with spaces"},
                 {"text": "a", "unknown": 1}):
        response = client.post("/api/articles", json=body, headers=auth)
        assert response.status_code == 422, body
    response = client.post("/api/articles", json={"text": "   "}, headers=auth)
    assert response.status_code == 400 and "empty" in response.json()["detail"]


def test_writes_token_stored_as_hash_only(write_env) -> None:  # type: ignore[no-untyped-def]
    conn = connect(write_env["store"].path)
    stored = [r[0] for r in conn.execute("SELECT token_hash FROM tokens")]
    conn.close()
    assert write_env["token"] not in stored and len(stored[0]) == 64


def test_reads_can_require_token(write_env) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from marsad.api import create_app

    app = create_app(write_env["store"], require_token_for_read=True)
    with TestClient(app) as closed:
        for path in ("/api/events", "/api/stats", "/api/tallies", "/api/articles/ar-hawija-ied"):
            assert closed.get(path).status_code == 401, path
            assert closed.get(path, headers=write_env["auth"]).status_code == 200, path
        assert closed.get("/api/config").json()["require_token_for_read"] is True


def test_writes_audit_detail_is_json(write_env) -> None:  # type: ignore[no-untyped-def]
    client, auth = write_env["client"], write_env["auth"]
    event_id = event_id_where(client, admin1="Baghdad")
    client.post(f"/api/events/{event_id}/review", json={"status": "reviewed"}, headers=auth)
    conn = connect(write_env["store"].path)
    at, detail = conn.execute("SELECT at, detail_json FROM audit_log WHERE action = 'set_status'").fetchone()
    conn.close()
    assert at[:4] >= "2024" and json.loads(detail)["to"] == "reviewed"


def test_writes_post_article_runs_pipeline_and_stores(write_env) -> None:  # type: ignore[no-untyped-def]
    client, auth, store = write_env["client"], write_env["auth"], write_env["store"]
    text = "قتل ثلاثة مدنيين بقصف مدفعي لقوات النظام على بلدة كفرنبل في ريف إدلب الجنوبي يوم الأحد."
    body = {"id": "posted-kafrnabl", "text": text, "published": "2024-05-05", "outlet": "Test Outlet"}
    response = client.post("/api/articles", json=body, headers=auth)
    assert response.status_code == 201, response.text
    result = response.json()
    assert result["id"] == "posted-kafrnabl" and result["events"] >= 1
    assert result["result"]["status"] == "added" and result["result"]["event_ids"]
    article = client.get("/api/articles/posted-kafrnabl").json()
    assert article["text"] == text and article["outlet"] == "Test Outlet"
    assert any(s["field"] == "fatalities" for s in article["spans"])
    listed = client.get("/api/events", params={"article_id": "posted-kafrnabl"}).json()["events"]
    assert {e["id"] for e in listed} == set(result["result"]["event_ids"])
    assert ("reviewer-1", "ingest", "posted-kafrnabl") in _audit(store)
    again = client.post("/api/articles", json=body, headers=auth)
    assert again.status_code == 200 and again.json()["result"]["status"] == "unchanged"


def test_writes_post_html_article(write_env) -> None:  # type: ignore[no-untyped-def]
    client, auth = write_env["client"], write_env["auth"]
    html = ("<html><head><title>قصف على ريف حلب</title></head><body><article><p>قتل طفلان بقصف مدفعي على قرية "
            "في ريف حلب الغربي يوم الاثنين، بحسب مصادر محلية.</p></article></body></html>")
    response = client.post("/api/articles", json={"id": "posted-html", "html": html, "published": "2024-05-06"},
                           headers=auth)
    assert response.status_code == 201, response.text
    text = client.get("/api/articles/posted-html").json()["text"]
    assert "قتل طفلان" in text and "<p>" not in text


@pytest.mark.parametrize("field, value, stored", [
    ("event_date", "2024-02-21", "2024-02-21"), ("latitude", 37, 37.0), ("location", " Amuda ", "Amuda"),
    ("notes", None, None), ("geo_precision", 3, 3), ("injured", 4.0, 4),
])
def test_writes_good_correction_values(write_env, field, value, stored) -> None:  # type: ignore[no-untyped-def]
    client, auth = write_env["client"], write_env["auth"]
    event_id = event_id_where(client, admin1="Hasakah")
    response = client.patch(f"/api/events/{event_id}", json={"field": field, "value": value}, headers=auth)
    assert response.status_code == 200, response.text
    assert response.json()[field] == stored
