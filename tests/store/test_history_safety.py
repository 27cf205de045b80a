"""Replacing a report is explicit, versioned, signed and undoable; history and audit are append-only
(issue 15)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from marsad.errors import ConflictError, NotFoundError
from marsad.store import Store
from marsad.store.connection import database_errors

NEW_TEXT = ("إدلب | مقتل سبعة مدنيين بقصف مدفعي على أريحا\n"
            "قتل سبعة مدنيين بينهم طفلان، اليوم الثلاثاء، جراء قصف مدفعي على مدينة أريحا جنوبي إدلب.")


def _replacement(doc, make_event):  # type: ignore[no-untyped-def]
    event = make_event(fatalities=7)
    start = NEW_TEXT.index("أريحا")
    new = replace(doc, text=NEW_TEXT, events=[], tallies=[])
    event.add_evidence("location", new.make_span(start, start + 5, "place", "Ariha"))
    new.events.append(event)
    return new


def test_history_safety_replace_must_be_asked_for(store: Store, ariha_doc, make_event) -> None:  # type: ignore[no-untyped-def]
    store.add_document(ariha_doc)
    before = store.counts()
    with pytest.raises(ConflictError, match="already stored with another text"):
        store.add_document(_replacement(ariha_doc, make_event), replace=False, who="feed-bot")
    assert store.counts() == before and store.get_article("sohr-ariha").text == ariha_doc.text
    assert store.article_versions("sohr-ariha")[-1]["version"] == 1


def test_history_safety_replace_keeps_version_signs_history_and_audit(store: Store, ariha_doc, make_event) -> None:  # type: ignore[no-untyped-def]
    first = store.add_document(ariha_doc, who="feed-bot")
    (event_id,) = first.event_ids
    result = store.add_document(_replacement(ariha_doc, make_event), who="editor-2")
    assert result.status == "updated" and store.get_event(result.event_ids[0]).fatalities == 7
    versions = store.article_versions("sohr-ariha")
    assert [(v["version"], v["replaced_by"], v["current"]) for v in versions] == [(1, "editor-2", False),
                                                                                  (2, None, True)]
    assert store.article_version("sohr-ariha", 1).text == ariha_doc.text
    history = store.event_record(result.event_ids[0])["history"]
    assert {h["who"] for h in history if h["kind"] != "created"} == {"editor-2"}
    audit = store.conn.execute("SELECT who, action, target FROM audit_log ORDER BY id").fetchall()
    assert [tuple(r) for r in audit] == [("feed-bot", "ingest", "sohr-ariha"), ("editor-2", "replace", "sohr-ariha")]
    assert event_id in result.event_ids or store.event_record(event_id)


def test_history_safety_restore_undoes_a_replacement(store: Store, ariha_doc, make_event) -> None:  # type: ignore[no-untyped-def]
    store.add_document(ariha_doc)
    store.add_document(_replacement(ariha_doc, make_event), who="vandal")
    restored = store.restore_article("sohr-ariha", 1, who="admin-1")
    assert store.get_article("sohr-ariha").text == ariha_doc.text
    assert store.get_event(restored.event_ids[0]).fatalities == 5
    assert [v["replaced_by"] for v in store.article_versions("sohr-ariha")] == ["vandal", "admin-1", None]
    assert store.article_version("sohr-ariha", 2).text == NEW_TEXT  # the vandal's text is kept too
    action = store.conn.execute("SELECT action, who FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    assert tuple(action) == ("restore", "admin-1")
    with pytest.raises(NotFoundError):
        store.restore_article("sohr-ariha", 9, who="admin-1")


@pytest.mark.parametrize("sql", [
    "DELETE FROM audit_log", "UPDATE audit_log SET who = 'nobody'", "DELETE FROM event_history",
    "UPDATE event_history SET kind = 'nothing'", "UPDATE event_history SET who = 'someone-else'",
    "DELETE FROM article_versions", "UPDATE article_versions SET doc_json = '{}'",
])
def test_history_safety_history_and_audit_cannot_be_erased(store: Store, ariha_doc, make_event, sql: str) -> None:  # type: ignore[no-untyped-def]
    store.add_document(ariha_doc, who="feed-bot")
    store.add_document(_replacement(ariha_doc, make_event), who="editor-2")
    with pytest.raises(database_errors(), match="append-only|are kept"):
        store.conn.execute(sql)


def test_history_safety_unsigned_history_may_be_signed_once(store: Store, ariha_doc) -> None:  # type: ignore[no-untyped-def]
    store.add_document(ariha_doc)  # a local run: no author
    store.conn.execute("UPDATE event_history SET who = 'cli' WHERE who IS NULL")
    with pytest.raises(database_errors(), match="append-only"):
        store.conn.execute("UPDATE event_history SET who = 'other'")


def test_history_safety_has_text_is_the_hash_check(store: Store, ariha_doc) -> None:  # type: ignore[no-untyped-def]
    assert not store.has_text("sohr-ariha", ariha_doc.text)
    store.add_document(ariha_doc)
    assert store.has_text("sohr-ariha", ariha_doc.text)
    assert not store.has_text("sohr-ariha", ariha_doc.text + " ")
