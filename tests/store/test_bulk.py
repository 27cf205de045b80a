"""Importing coded events and re-merging around them."""

from __future__ import annotations

import json


def test_bulk_import_makes_merge_targets(store, ariha_doc, make_event):
    assert store.import_events([make_event(notes="من ملف أكليد"), make_event(location="Harem", latitude=36.21,
                                                                              longitude=36.52)], source="acled") == 2
    assert store.counts()["events"] == 2
    result = store.add_document(ariha_doc)
    assert len(result.merged_into) == 1
    record = store.event_record(result.event_ids[0])
    assert record["article_ids"] == ["import:acled", "sohr-ariha"]
    assert {c["source"] for c in record["sources"]} >= {"acled", "مصادر محلية"}
    assert record["event_id_cnty"] == "SYR1"


def test_bulk_import_keeps_given_acled_ids_and_continues_sequences(store, make_event):
    store.import_events([make_event(event_id_cnty="SYR777"), make_event(event_date="2024-03-09")], source="a")
    ids = sorted(e.event_id_cnty for e in store.iter_events())
    assert ids == ["SYR1", "SYR777"]
    store.import_events([make_event(event_date="2024-04-01")], source="a")
    assert sorted(e.event_id_cnty for e in store.iter_events())[-1] == "SYR777"
    assert "SYR2" in {e.event_id_cnty for e in store.iter_events()}


def test_bulk_remerge_keeps_imported_events(store, ariha_doc, make_event):
    store.import_events([make_event()], source="acled")
    event_id = store.add_document(ariha_doc).event_ids[0]
    store.set_status(event_id, "reviewed", who="omar")
    assert store.remerge() == {"events_before": 1, "events_after": 1}
    record = store.event_record(event_id)
    assert record["article_ids"] == ["import:acled", "sohr-ariha"] and record["status"] == "reviewed"


def test_bulk_mentions_store_compact_json(store, ariha_doc):
    store.add_document(ariha_doc)
    data = json.loads(store.conn.execute("SELECT data_json FROM mentions").fetchone()[0])
    assert "assoc_actor_1" not in data and data["location"] == "Ariha"
    assert store.event_record(next(store.iter_events()).id)["mentions"][0]["event"]["fatalities"] == 5
