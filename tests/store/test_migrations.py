"""Migrations: an old (version 1) file is upgraded in place, its data kept."""

from __future__ import annotations

import sqlite3
from importlib import resources

from marsad.store import Store
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
