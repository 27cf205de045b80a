"""Importing coded events and re-merging around them."""

from __future__ import annotations

import json
import random

import pytest

from marsad.errors import StoreError
from marsad.store import Store, bulk
from marsad.store.dialect import POSTGRES


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


# --- PostgreSQL: the set-based filing equals the row trigger's -------------------------------------

READ_SIDE = {"event_facts": "id", "event_sources": "event_id, kind, name",
             "stats_day": "dim, day, key, event_type, status", "stats_month": "dim, month, key, event_type, status"}


def _coded_events(make_event, seed: int) -> list:  # type: ignore[no-untyped-def]
    """Imported events with every shape the read side reads: claims with and without relays, named
    sources, missing actors, places, types, dates and tolls, an actor on both sides."""
    from marsad.document import Claim

    rng = random.Random(seed)
    actors = ["Islamic State", "Military Forces of Syria", "Civilians", None]
    events = []
    for _ in range(60):
        actor1 = rng.choice(actors)
        claims = [Claim(source=s, via=rng.choice([None, "AFP"]), fatalities=rng.choice([None, 2]))
                  for s in rng.sample(["SOHR", "SANA", "North Press Agency"], rng.randrange(0, 3))]
        events.append(make_event(
            event_date=rng.choice(["2024-03-05", "2024-03-31", "2024-04-01", "--03-12", None]),
            event_type=rng.choice(["Battles", "Protests", None]), admin1=rng.choice(["Idlib", "Homs", None]),
            actor1=actor1, actor2=rng.choice([actor1, *actors]), fatalities=rng.choice([None, 0, 3]),
            geo_precision=rng.choice([None, 1, 2]), sources=claims,
            source=rng.choice([None, "", "SOHR; AFP ; ", "Deir Ezzor 24"])))
    return events


def _read_side(url: str) -> dict[str, list[tuple]]:
    from marsad.store import pg

    conn = pg.connect(url)
    try:
        tables = {t: [tuple(r) for r in conn.execute(f"SELECT * FROM {t} ORDER BY {order}")]
                  for t, order in READ_SIDE.items()}
        tables["event_feed"] = [tuple(r) for r in conn.execute("SELECT event_id, kind FROM event_feed ORDER BY seq")]
        return tables
    finally:
        conn.close()


def test_bulk_postgres_files_the_read_side_as_the_row_trigger_does(  # type: ignore[no-untyped-def]
        postgres, pg_template, make_event, monkeypatch):
    """Store A imports through the bulk path (two imports, the second adding onto existing counts, then
    rows with source summaries filed by ``bulk_file_events`` directly), in chunks of 7; store B is given the very same
    events rows with plain INSERTs, which the row triggers file one by one. Every read-side row agrees."""
    from tests.store.test_read_model import _event

    monkeypatch.setattr(bulk, "CHUNK", 7)
    bulk_url = postgres.create_database("bulk_a", template=pg_template)
    rows_url = postgres.create_database("bulk_b", template=pg_template)
    try:
        with Store(bulk_url) as store:
            store.import_events(_coded_events(make_event, 1), source="acled")
            store.import_events(_coded_events(make_event, 2), source="acled")
            conn, rng = store.conn, random.Random(3)
            with conn:
                before = conn.execute("SELECT max(rowid) FROM events").fetchone()[0]
                conn.execute(POSTGRES.bulk_start)
                conn.executemany("INSERT INTO events (id, event_date, event_type, admin1, actor1, actor2, fatalities,"
                                 " status, latitude, longitude, data_json) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                                 [_event(i, rng) for i in range(200)])
                conn.execute(POSTGRES.bulk_end)
                conn.execute(POSTGRES.bulk_file, (before,))
                conn.execute(POSTGRES.bulk_count, (before,))
            stored = [dict(r) for r in conn.execute("SELECT * FROM events ORDER BY rowid")]
        with Store(rows_url) as store:
            columns = list(stored[0])
            with store.conn as conn:
                conn.executemany(f"INSERT INTO events ({', '.join(columns)}) VALUES ({','.join('?' * len(columns))})",
                                 [[r[c] for c in columns] for r in stored])
        filed, by_row = _read_side(bulk_url), _read_side(rows_url)
        assert len(filed["event_facts"]) == 320 and len(filed["stats_day"]) > 100
        assert {s[2] for s in filed["event_sources"]} == {"claim", "via", "named", "summary"}
        for table in filed:
            assert filed[table] == by_row[table], table
    finally:
        postgres.drop_database(bulk_url.rsplit("/", 1)[1])
        postgres.drop_database(rows_url.rsplit("/", 1)[1])


def test_bulk_import_that_fails_leaves_nothing(store_target, make_event, ariha_doc):  # type: ignore[no-untyped-def]
    """An import failing half way (here: its source of events breaks) stores nothing, and the row
    triggers work again for the next writer."""
    def broken():  # type: ignore[no-untyped-def]
        yield make_event()
        yield make_event(event_date="2024-03-06")
        raise ValueError("the export file is cut short")

    with Store(store_target) as store:
        with pytest.raises(StoreError, match="cut short"):
            store.import_events(broken(), source="acled")
        assert store.counts()["events"] == 0
        for table in READ_SIDE:
            assert store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
        assert store.import_events([make_event(event_date="2024-01-01")], source="acled") == 1
        store.add_document(ariha_doc)
        assert store.conn.execute("SELECT count(*) FROM event_facts").fetchone()[0] == 2
