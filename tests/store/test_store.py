"""Store: opening, migrations, idempotent adds, crash safety, reads and reviewer writes."""

from __future__ import annotations

import sqlite3

import pytest

from marsad.document import Claim
from marsad.errors import InputError, NotFoundError, StoreError
from marsad.store import Store, rows
from marsad.store.dialect import dialect_of
from marsad.store.migrations import LATEST, table_names


def dump(store: Store) -> dict[str, list[tuple]]:
    """Every row of every marsad table (to compare states)."""
    tables = sorted(t for t in table_names(store.conn) if not t.startswith("events_fts_"))
    return {t: sorted(map(tuple, store.conn.execute(f"SELECT * FROM {t}")), key=repr) for t in tables}


def test_store_file_uses_wal_and_foreign_keys(tmp_path):
    with Store(tmp_path / "events.sqlite") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_store_default_path_in_user_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    with Store() as store:
        assert store.path == str(tmp_path / "marsad" / "marsad.sqlite")
    assert (tmp_path / "marsad" / "marsad.sqlite").is_file()


def test_store_records_schema_version_and_reopens(tmp_path):
    path = tmp_path / "s.sqlite"
    Store(path).close()
    with Store(path) as store:
        value = store.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0]
        assert int(value) == LATEST
        columns = {r[1] for r in store.conn.execute("PRAGMA table_info(articles)")}
        assert "minhash" in columns


def test_store_rejects_file_that_is_not_sqlite(tmp_path):
    bad = tmp_path / "x.db"
    bad.write_text("id,event\n1,clash\n" * 200, encoding="utf-8")
    with pytest.raises(StoreError, match=r"x\.db: not a marsad database \("):
        Store(bad)


def test_store_rejects_newer_schema_version(tmp_path):
    path = tmp_path / "future.sqlite"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match=r"future\.sqlite: schema version 99 is newer"):
        Store(path)


def test_store_rejects_foreign_sqlite_database(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE people (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match=r"other\.db: not a marsad database"):
        Store(path)


def test_store_add_document_round_trips_article(store, ariha_doc):
    result = store.add_document(ariha_doc)
    assert result.status == "added" and len(result.event_ids) == 1
    assert store.has_article("sohr-ariha") and not store.has_article("nope")
    assert store.get_article("sohr-ariha").to_dict() == ariha_doc.to_dict()


def test_store_rejects_report_without_text(store, make_report):
    with pytest.raises(InputError, match="article blank: cannot store a report without an id and text"):
        store.add_document(make_report("blank", "   "))
    assert store.counts()["articles"] == 0


def test_store_same_article_twice_is_unchanged(store, ariha_doc):
    first = store.add_document(ariha_doc)
    before = dump(store)
    again = store.add_document(ariha_doc)
    assert again.status == "unchanged" and again.event_ids == first.event_ids
    assert dump(store) == before


def test_store_changed_text_replaces_mentions_and_keeps_event_id(store, ariha_doc, make_report, make_event, ariha_text):
    event_id = store.add_document(ariha_doc).event_ids[0]
    store.correct_field(event_id, "location", "Ariha city", who="rania")
    changed = make_report("sohr-ariha", ariha_text.replace("خمسة", "سبعة"), make_event(fatalities=7))
    result = store.add_document(changed)
    assert result.status == "updated" and result.event_ids == [event_id]
    event = store.get_event(event_id)
    assert event.fatalities == 7 and event.location == "Ariha city"
    assert store.counts()["mentions"] == 1 and store.counts()["tallies"] == 0


def test_store_force_reextracts_same_text(store, ariha_doc, make_report, make_event, ariha_text):
    event_id = store.add_document(ariha_doc).event_ids[0]
    again = make_report("sohr-ariha", ariha_text, make_event(fatalities=6))
    assert store.add_document(again).status == "unchanged"
    result = store.add_document(again, force=True)
    assert result.status == "updated" and result.event_ids == [event_id]
    assert store.get_event(event_id).fatalities == 6


def test_store_reads_wait_for_a_write_in_another_thread(store, ariha_doc):
    import threading

    store.lock.acquire()
    seen: list[int] = []
    reader = threading.Thread(target=lambda: seen.append(store.counts()["articles"]))
    reader.start()
    store.add_document(ariha_doc)
    reader.join(timeout=0.2)
    assert seen == []  # still waiting for the lock
    store.lock.release()
    reader.join(timeout=5)
    assert seen == [1]


def test_store_failure_mid_add_leaves_store_exactly_as_before(store, ariha_doc, monkeypatch, make_report,
                                                              make_event, ariha_text):
    store.add_document(ariha_doc)
    before = dump(store)
    other = make_report("enab-ariha", ariha_text + "\nالمصدر: عنب بلدي", make_event(fatalities=6),
                   outlet="عنب بلدي", tallies=ariha_doc.tallies)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(rows, "insert_tallies", broken)
    with pytest.raises(StoreError, match="article enab-ariha: not stored, nothing written"):
        store.add_document(other)
    assert dump(store) == before
    monkeypatch.undo()
    assert store.add_document(other).status == "duplicate"
    assert store.counts()["articles"] == 2


def test_store_failure_before_index_update_keeps_reprint_index_consistent(store, ariha_doc, monkeypatch):
    monkeypatch.setattr(rows, "insert_paragraphs", lambda *a: (_ for _ in ()).throw(ValueError("boom")))
    with pytest.raises(StoreError):
        store.add_document(ariha_doc)
    monkeypatch.undo()
    assert not store.has_article("sohr-ariha")
    assert store.add_document(ariha_doc).status == "added"


def test_store_finds_reprints_of_reports_another_process_stored(tmp_path, ariha_doc, ariha_text, make_report,
                                                                 make_event):
    path = tmp_path / "shared.sqlite"
    with Store(path) as server, Store(path) as cli:
        server.add_document(make_report("warmup", "تقرير عن اشتباكات في ريف حلب الشمالي بين فصائل مسلحة", make_event()))
        cli.add_document(ariha_doc)
        copy = make_report("copy", ariha_text + "\nتابعونا", make_event(), outlet="ناقل")
        assert server.add_document(copy).duplicate_of == "sohr-ariha"


def test_store_tallies_are_stored_and_reprints_left_out(store, ariha_doc, make_report, make_event, ariha_text):
    store.add_document(ariha_doc)
    reprint = make_report("copy", ariha_text, make_event(), outlet="موقع ناقل", tallies=ariha_doc.tallies)
    assert store.add_document(reprint).status == "duplicate"
    assert [t.count for t in store.tallies()] == [112]
    assert len(store.tallies(include_duplicates=True)) == 2
    assert store.tallies()[0].article_id == "sohr-ariha"


def test_store_missing_ids_raise_not_found(store):
    with pytest.raises(NotFoundError, match="event MRSnope not found"):
        store.get_event("MRSnope")
    with pytest.raises(NotFoundError, match="article nope not found"):
        store.get_article("nope")
    with pytest.raises(NotFoundError):
        store.set_status("MRSnope", "reviewed", who="x")


def test_store_set_status_writes_history_and_audit(store, ariha_doc):
    event_id = store.add_document(ariha_doc).event_ids[0]
    store.set_status(event_id, "rejected", who="omar")
    record = store.event_record(event_id)
    assert record["status"] == "rejected"
    assert record["history"][-1]["kind"] == "reviewed" and record["history"][-1]["who"] == "omar"
    audit = store.conn.execute("SELECT who, action, target FROM audit_log").fetchall()
    assert [tuple(a) for a in audit] == [("omar", "set_status", event_id)]
    assert list(store.iter_events()) == []
    assert len(list(store.iter_events(include_rejected=True))) == 1


def test_store_set_status_rejects_unknown_status(store, ariha_doc):
    event_id = store.add_document(ariha_doc).event_ids[0]
    with pytest.raises(InputError, match="unknown status 'done'"):
        store.set_status(event_id, "done", who="omar")


def test_store_correct_field_rejects_unknown_field(store, ariha_doc):
    event_id = store.add_document(ariha_doc).event_ids[0]
    with pytest.raises(InputError, match="cannot correct field 'colour'"):
        store.correct_field(event_id, "colour", "red", who="omar")
    assert store.conn.execute("SELECT count(*) FROM corrections").fetchone()[0] == 0


def test_store_correction_is_recorded_and_audited(store, ariha_doc):
    event_id = store.add_document(ariha_doc).event_ids[0]
    store.correct_field(event_id, "fatalities", 4, who="lina")
    record = store.event_record(event_id)
    assert record["fatalities"] == 4
    corrected = [h for h in record["history"] if h["kind"] == "corrected"]
    assert corrected[0]["detail"] == {"field": "fatalities", "from": 5, "to": 4}
    assert store.conn.execute("SELECT action FROM audit_log").fetchone()[0] == "correct_field"


def test_store_event_record_has_store_fields(store, ariha_doc):
    event_id = store.add_document(ariha_doc).event_ids[0]
    record = store.event_record(event_id)
    assert record["number_of_sources"] == 1  # the outlet; the local sources it quotes are listed under it
    assert record["source_summary"]["entries"][0]["cites"] == ["Local sources"]
    assert record["first_reported"] == "2024-03-05" and record["status"] == "auto"
    assert record["event_id_cnty"] == "SYR1"
    assert record["mentions"][0]["id"] == "sohr-ariha#0"
    assert record["sources"][0]["article_id"] == "sohr-ariha"
    assert record["evidence_by_article"]["sohr-ariha"]["location"][0]["value"] == "Ariha"


def test_store_maps_outlets_onto_shipped_source_names(store, make_report, make_event):
    event = make_event(sources=[Claim(source="Syrian Observatory for Human Rights", fatalities=5)])
    result = store.add_document(make_report("sohr", "قصف على أريحا أوقع خمسة قتلى", event))
    record = store.event_record(result.event_ids[0])
    assert record["number_of_sources"] == 1 and record["source"] == "Syrian Observatory for Human Rights"


def test_store_iter_events_orders_by_date_undated_last(store, make_report, make_event):
    store.add_document(make_report("a", "قصف على أريحا", make_event(event_date=None, time_precision=None),
                                   published="2024-05-01"))
    store.add_document(make_report("b", "قصف آخر على أريحا", make_event(event_date="2024-04-02")))
    store.add_document(make_report("c", "قصف ثالث على أريحا", make_event(event_date="2024-01-09")))
    assert [e.event_date for e in store.iter_events()] == ["2024-01-09", "2024-04-02", None]


@pytest.mark.parametrize("word", ["طفلان", "اريحا", "ادلب", "idlib"])
def test_store_full_text_search_matches_folded_words(store, ariha_doc, word):
    event_id = store.add_document(ariha_doc).event_ids[0]
    dialect = dialect_of(store.conn)
    found = store.conn.execute(f"SELECT id AS event_id FROM events WHERE {dialect.fts_filter}",
                               (dialect.fts_query([[word]]),)).fetchall()
    assert [r[0] for r in found] == [event_id]


def test_store_counts(store, ariha_doc):
    store.add_document(ariha_doc)
    counts = store.counts()
    assert counts["articles"] == 1 and counts["events"] == 1 and counts["tallies"] == 1
    assert counts["events_auto"] == 1 and counts["duplicates"] == 0
