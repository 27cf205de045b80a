"""Migrations: an old (version 1) file is upgraded in place, its data kept."""

from __future__ import annotations

import sqlite3
from importlib import resources

from marsad.store import Store
from marsad.store.auth import hash_token
from marsad.store.migrations import LATEST


def test_migrations_upgrade_version_one_file_keeping_rows(tmp_path):
    path = tmp_path / "v1.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(resources.files("marsad.store").joinpath("schema.sql").read_text(encoding="utf-8"))
    conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    conn.execute("INSERT INTO events (id, event_date, data_json) VALUES ('MRSold', '2020-01-02', "
                 "'{\"geo_precision\": 2}')")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert int(store.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0]) == LATEST
        row = store.conn.execute("SELECT id, geo_precision, date_wide, date_lo, date_hi FROM events").fetchone()
        assert tuple(row) == ("MRSold", 2, 0, "2020-01-02", "2020-01-02")
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "paragraphs" in tables


def _version_six_file(path, source):  # type: ignore[no-untyped-def]
    """A store at schema version 6 (what current main creates: migrations 1-6 exactly), holding the
    rows of ``source`` that version 6 has columns for, a token and a watched source."""
    from marsad.store.migrations import _apply, migrations

    conn = sqlite3.connect(path)
    for number, name, script in migrations():
        if number <= 6:
            _apply(conn, str(path), number, name, script)
    conn.execute("ATTACH DATABASE ? AS src", (str(source),))
    for table in ("articles", "paragraphs", "events", "mentions", "tallies", "event_history", "audit_log"):
        columns = [r[1] for r in conn.execute(f"PRAGMA main.table_info({table})")]
        names = ", ".join(f'"{c}"' for c in columns)
        conn.execute(f"INSERT INTO main.{table} ({names}) SELECT {names} FROM src.{table}")
    conn.execute("INSERT INTO tokens (name, token_hash, created_at) VALUES ('old', ?, '2026-01-01T00:00:00Z')",
                 (hash_token("old-secret"),))
    conn.execute("INSERT INTO watch_sources (url, outlet, every_s, added_at) VALUES ('https://e.org/feed', 'E', 600, 0)")
    conn.commit()
    conn.execute("DETACH DATABASE src")
    conn.close()


def _table(conn, table):  # type: ignore[no-untyped-def]
    return sorted(tuple(r) for r in conn.execute(f"SELECT * FROM {table}"))


def test_migrations_upgrade_version_six_file_keeping_rows_and_filling_read_side(tmp_path):
    """A database made by the schema of main (version 6) upgrades to the latest: every row is kept,
    the read side (event_facts, event_sources, per-day and per-month counts) equals what the
    triggers kept in a store that stored the same reports, and old tokens keep working."""
    from marsad.runner import ingest_paths, sample_corpus_paths
    from marsad.store.auth import token_grant

    reports = sample_corpus_paths()[0]
    paths = [reports / f for f in ("ar01_sohr_sukhnah_ambush.txt", "ar02_enab_sukhnah.txt",
                                   "ar05_sohr_truffle_landmine.txt", "ar06_sana_truffle_landmine.txt")]
    with Store(tmp_path / "now.sqlite") as now:
        assert not ingest_paths(paths, now).errors
    old = tmp_path / "v6.sqlite"
    _version_six_file(old, tmp_path / "now.sqlite")
    before = sqlite3.connect(old)
    kept = {t: _table(before, t) for t in ("articles", "events", "mentions", "tallies", "event_history",
                                            "audit_log", "watch_sources", "event_feed")}
    before.close()
    assert kept["events"] and kept["mentions"] and kept["event_feed"]
    with Store(old) as store, Store(tmp_path / "now.sqlite") as now:
        conn = store.conn
        assert int(conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0]) == LATEST
        for table, rows in kept.items():
            assert _table(conn, table) == rows, table
        for table in ("event_facts", "event_sources", "stats_day", "stats_month"):
            assert _table(conn, table) == _table(now.conn, table), table
        assert conn.execute("SELECT count(*) FROM event_facts").fetchone()[0] == len(kept["events"])
        grant = token_grant(conn, "old-secret")
        assert grant is not None and grant.name == "old" and grant.allows("ingest") and not grant.allows("admin")
