"""Numbered schema migrations, recorded in ``meta.schema_version``.

Migration 1 is ``schema.sql`` (the contract with the API). Later ones only add
columns, tables and indexes; nothing is renamed or dropped. Each runs in one
transaction together with the version bump, so a failed migration leaves the
file at the previous version.

A PostgreSQL store gets the same numbered migrations, written for PostgreSQL in
``pg_sql/<number>_<name>.sql`` (same tables and columns; its triggers in PL/pgSQL).
"""

from __future__ import annotations

import logging
import sqlite3
from importlib import resources

from typing import Any

from marsad.errors import StoreError
from marsad.store.dialect import dialect_of
from marsad.store.read_model import migration_sql as read_model_sql

log = logging.getLogger(__name__)

_DEDUP_COLUMNS = """
ALTER TABLE articles ADD COLUMN minhash BLOB;
ALTER TABLE events ADD COLUMN date_lo TEXT;
ALTER TABLE events ADD COLUMN date_hi TEXT;
ALTER TABLE events ADD COLUMN location_key TEXT;
ALTER TABLE events ADD COLUMN event_id_cnty TEXT;
ALTER TABLE events ADD COLUMN fts_rowid INTEGER;
CREATE INDEX IF NOT EXISTS events_date_lo ON events(date_lo);
CREATE INDEX IF NOT EXISTS events_location_key ON events(location_key);
CREATE INDEX IF NOT EXISTS articles_content_hash ON articles(content_hash);
CREATE INDEX IF NOT EXISTS articles_duplicate_of ON articles(duplicate_of);
CREATE INDEX IF NOT EXISTS tallies_article ON tallies(article_id);
CREATE INDEX IF NOT EXISTS event_history_event ON event_history(event_id);
CREATE INDEX IF NOT EXISTS cannot_link_b ON cannot_link(mention_b);
CREATE TABLE IF NOT EXISTS paragraphs (
  article_id TEXT NOT NULL REFERENCES articles(id),
  idx        INTEGER NOT NULL,
  start      INTEGER NOT NULL,
  "end"      INTEGER NOT NULL,
  hash       TEXT NOT NULL,
  PRIMARY KEY (article_id, idx)
);
CREATE INDEX IF NOT EXISTS paragraphs_hash ON paragraphs(hash);
"""

# Blocking by date: most events span a day or a week, a few a month. Splitting them by
# width lets both groups be searched with a tight range on one index.
_WINDOW_INDEX = """
ALTER TABLE events ADD COLUMN date_wide INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN geo_precision INTEGER;
UPDATE events SET date_lo = substr(event_date, 1, 10), date_hi = substr(event_date, 1, 10)
  WHERE date_lo IS NULL AND event_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*';
UPDATE events SET date_wide = CASE WHEN date_lo IS NULL OR julianday(date_hi) - julianday(date_lo) <= 1 THEN 0
  WHEN julianday(date_hi) - julianday(date_lo) <= 7 THEN 1 ELSE 2 END;
UPDATE events SET geo_precision = json_extract(data_json, '$.geo_precision');
-- Covering: blocking reads only the index, never the wide rows (data_json comes first in them).
-- It replaces migration 2's own single-column indexes (fewer pages written per event update).
DROP INDEX IF EXISTS events_date_lo;
DROP INDEX IF EXISTS events_location_key;
CREATE INDEX IF NOT EXISTS events_window ON events(date_wide, date_lo, date_hi, event_type, latitude,
  longitude, geo_precision, admin1, location_key, id);
"""


# Report-level linking: what each mention is in its report (main incident, background recap or
# other), the weekday it names when it has no date, and the stems of its incident wording.
_MENTION_CLUES = """
ALTER TABLE mentions ADD COLUMN role TEXT;
ALTER TABLE mentions ADD COLUMN weekday INTEGER;
ALTER TABLE mentions ADD COLUMN words TEXT;
"""


# Nothing a token holder does may erase what happened: the audit log, event history and the
# texts a replacement superseded are append-only (only a missing author may be filled in).
_SAFETY = """
CREATE TABLE IF NOT EXISTS article_versions (
  id           INTEGER PRIMARY KEY,
  article_id   TEXT NOT NULL,
  version      INTEGER NOT NULL,      -- 1: the first text stored under this id
  content_hash TEXT NOT NULL,
  doc_json     TEXT NOT NULL,         -- the whole stored Document of that version
  replaced_at  TEXT NOT NULL,
  replaced_by  TEXT,                  -- the token name (NULL: a local ingest run)
  UNIQUE (article_id, version)
);
ALTER TABLE tokens ADD COLUMN expires_at TEXT;
ALTER TABLE tokens ADD COLUMN scopes TEXT NOT NULL DEFAULT 'ingest review';
CREATE INDEX IF NOT EXISTS audit_log_target ON audit_log(target);
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS event_history_no_delete BEFORE DELETE ON event_history
BEGIN SELECT RAISE(ABORT, 'event history is append-only'); END;
CREATE TRIGGER IF NOT EXISTS event_history_no_update BEFORE UPDATE ON event_history
WHEN OLD.who IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.event_id IS NOT OLD.event_id OR NEW.at IS NOT OLD.at
  OR NEW.kind IS NOT OLD.kind OR NEW.detail_json IS NOT OLD.detail_json
BEGIN SELECT RAISE(ABORT, 'event history is append-only (only a missing author may be filled in)'); END;
CREATE TRIGGER IF NOT EXISTS article_versions_no_delete BEFORE DELETE ON article_versions
BEGIN SELECT RAISE(ABORT, 'replaced versions are kept'); END;
CREATE TRIGGER IF NOT EXISTS article_versions_no_update BEFORE UPDATE ON article_versions
BEGIN SELECT RAISE(ABORT, 'replaced versions are kept'); END;
"""


# Nothing to do on SQLite: a bulk import there drops the row trigger and re-makes it (marsad.store.bulk).
# PostgreSQL's triggers learn to step aside for one transaction instead (pg_sql/8_bulk_read_side.sql).
_BULK_READ_SIDE = "-- SQLite: nothing to change"


def _schema_sql() -> str:
    return resources.files("marsad.store").joinpath("schema.sql").read_text(encoding="utf-8")


def _watch_sql() -> str:
    return resources.files("marsad.store").joinpath("watch.sql").read_text(encoding="utf-8")


# (version, name, SQL script). Append only.
def migrations() -> tuple[tuple[int, str, str], ...]:
    """Every migration in order."""
    return (
        (1, "schema", _schema_sql()),
        (2, "dedup columns, paragraphs", _DEDUP_COLUMNS),
        (3, "date window index", _WINDOW_INDEX),
        (4, "mention role, weekday and wording", _MENTION_CLUES),
        (6, "watching: sources, fetched items, leases, alerts, event feed", _watch_sql()),
        (7, "article versions, token expiry and scopes, append-only history, read side", _SAFETY + read_model_sql()),
        (8, "bulk imports file the read side at once", _BULK_READ_SIDE),
    )


LATEST = 8


def pg_migrations() -> tuple[tuple[int, str, str], ...]:
    """The same migrations for PostgreSQL, from ``pg_sql/`` (numbered as ``migrations()``)."""
    folder = resources.files("marsad.store").joinpath("pg_sql")
    scripts = {int(f.name.split("_", 1)[0]): f.read_text(encoding="utf-8")
               for f in folder.iterdir() if f.name.endswith(".sql")}
    return tuple((number, name, scripts[number]) for number, name, _ in migrations())


# The tables of a database (SQLite: sqlite_master; PostgreSQL: the current schema's base tables).
_TABLES = {"sqlite": "SELECT name FROM sqlite_master WHERE type='table'",
           "postgresql": "SELECT table_name FROM information_schema.tables"
                         " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"}


def table_names(conn: Any) -> set[str]:
    """Every table of the database."""
    return {r[0] for r in conn.execute(_TABLES[dialect_of(conn).name])}


def current_version(conn: Any) -> int:
    """The file's schema version (0 for a new, empty file)."""
    if "meta" not in table_names(conn):
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    return int(row[0]) if row else 0


def _has_foreign_tables(conn: Any) -> bool:
    return bool(table_names(conn))


def _checked_version(conn: Any, label: str) -> int:
    """The store's schema version; ``StoreError`` for a newer one or for another program's database."""
    version = current_version(conn)
    if version > LATEST:
        raise StoreError(f"{label}: schema version {version} is newer than this marsad knows ({LATEST});"
                         " upgrade marsad")
    if version == 0 and _has_foreign_tables(conn):
        raise StoreError(f"{label}: not a marsad database (it has tables but no marsad schema_version)")
    return version


def migrate(conn: Any, label: str) -> int:
    """Bring the database to ``LATEST``; raise ``StoreError`` for a newer or foreign file."""
    if dialect_of(conn).name == "postgresql":
        return _migrate_pg(conn, label)
    version = _checked_version(conn, label)
    for number, name, script in migrations():
        if number > version:
            _apply(conn, label, number, name, script)
    return LATEST


def _apply(conn: sqlite3.Connection, label: str, number: int, name: str, script: str) -> None:
    """Run one migration and record it, all or nothing."""
    log.info("%s: applying migration %d (%s)", label, number, name)
    body = (f"BEGIN IMMEDIATE;\n{script}\n"
            f"INSERT INTO meta(key, value) VALUES ('schema_version', '{number}') "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value;\nCOMMIT;")
    try:
        conn.executescript(body)
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise StoreError(f"{label}: migration {number} ({name}) failed: {exc}") from exc


# Two processes opening a new PostgreSQL store at once: one migrates, the other waits, then sees it done.
_MIGRATION_LOCK = 0x6D696772  # "migr"


def _migrate_pg(conn: Any, label: str) -> int:
    """The PostgreSQL migrations, each in one transaction with its version bump."""
    import psycopg

    try:
        conn.execute("BEGIN")
        conn.execute(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
        version = _checked_version(conn, label)
        for number, name, script in pg_migrations():
            if number > version:
                log.info("%s: applying migration %d (%s)", label, number, name)
                conn.executescript(f"{script}\n"
                                   f"INSERT INTO meta(key, value) VALUES ('schema_version', '{number}') "
                                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value;")
        conn.execute("COMMIT")
    except psycopg.Error as exc:
        conn.rollback()
        raise StoreError(f"{label}: migration to version {LATEST} failed: {exc}") from exc
    except BaseException:
        conn.rollback()
        raise
    return LATEST
