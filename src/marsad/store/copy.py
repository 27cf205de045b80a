"""``copy_store``: move a whole dataset between back-ends (SQLite -> PostgreSQL and back).

Every table is copied row for row in foreign-key order, ids kept: articles, events, mentions,
tallies, history, corrections, splits, audit log, tokens, replaced versions, full-text rows and
the watcher's state. The read side (facts, source names, counts) is not copied: the target's own
triggers file each event as it arrives, so it is right by construction. The target must be a new
(or empty) store; the copy is one transaction, so a failure leaves it empty.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from marsad.errors import StoreError
from marsad.store.connection import label_of, transaction
from marsad.store.dialect import dialect_of
from marsad.store.migrations import table_names
from marsad.store.store import Store

log = logging.getLogger(__name__)

# Parents before children; tables a store has that are not named here follow in name order. ``meta``
# comes last: the copy's own triggers count events in it, the source's figures must win.
ORDER = ("articles", "events", "events_fts", "mentions", "tallies", "paragraphs", "event_history",
         "cannot_link", "corrections", "audit_log", "tokens", "article_versions", "watch_sources",
         "watch_items", "watch_faults", "watchers", "event_feed", "alert_cursors", "alerts")
# Kept by triggers on events in the target; copying them would count every event twice.
DERIVED = ("event_facts", "event_sources", "stats_day", "stats_month")
# The back-end's own bookkeeping, not the dataset: PostgreSQL's count of write transactions.
OWN_TABLES = ("write_count",)
# Columns that are the back-end's own: SQLite's implicit rowid shows as a column on PostgreSQL, and
# PostgreSQL computes the full-text vector itself.
_OWN_COLUMNS = {"tsv"}
# Rows read and written at a time.
_CHUNK = 2000


@dataclass(frozen=True, slots=True)
class CopyResult:
    """How many rows of each table were copied."""

    source: str
    target: str
    rows: dict[str, int]


def _columns(conn: Any, table: str) -> list[str]:
    """The table's columns in order (not generated ones)."""
    if dialect_of(conn).name == "sqlite":
        return [r[1] for r in conn.execute(f"SELECT * FROM pragma_table_xinfo('{table}') WHERE hidden = 0")]
    found = conn.execute("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
                         " AND table_name = ? AND is_generated = 'NEVER' ORDER BY ordinal_position", (table,))
    return [r[0] for r in found if r[0] not in _OWN_COLUMNS]


def _tables(conn: Any) -> list[str]:
    """The tables to copy, parents first."""
    names = {t for t in table_names(conn)
             if not t.startswith(("events_fts_", "sqlite_")) and t not in (*DERIVED, *OWN_TABLES)}
    names.add("events_fts")  # SQLite lists its virtual table among the tables; PostgreSQL has a plain one
    return [t for t in ORDER if t in names] + sorted(names - {*ORDER, "meta"}) + ["meta"]


def _shared_columns(source: Any, target: Any, table: str) -> list[str]:
    """The columns both sides have (FTS rows: their rowid too, which events.fts_rowid points at)."""
    have = set(_columns(target, table))
    columns = [c for c in _columns(source, table) if c in have and c != "rowid"]
    return ["rowid", *columns] if table == "events_fts" else columns


def _order_by(table: str) -> str:
    return " ORDER BY rowid" if table in ("articles", "events", "events_fts") else ""


def _copy_table(source: Any, target: Any, table: str) -> int:
    """Copy every row of ``table``; return how many."""
    columns = _shared_columns(source, target, table)
    names = ", ".join(f'"{c}"' for c in columns)
    rows = [tuple(r) for r in source.execute(f"SELECT {names} FROM {table}{_order_by(table)}").fetchall()]
    if table == "meta":
        sql = (f"INSERT INTO meta ({names}) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
    else:
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"
    for start in range(0, len(rows), _CHUNK):
        target.executemany(sql, rows[start:start + _CHUNK])
    return len(rows)


def _renumber(conn: Any) -> None:
    """PostgreSQL identity columns: go on after the ids copied in (SQLite needs nothing)."""
    if dialect_of(conn).name == "sqlite":
        return
    found = conn.execute("SELECT table_name, column_name FROM information_schema.columns"
                         " WHERE table_schema = current_schema() AND is_identity = 'YES'").fetchall()
    for table, column in found:
        conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'),"
                     f" coalesce((SELECT max({column}) FROM {table}), 0) + 1, false)")


def _check_empty(store: Store) -> None:
    for table in ("articles", "events", "audit_log", "tokens"):
        if store.conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
            raise StoreError(f"{store.label}: the copy target already holds data ({table}); copy into a new store")


def copy_store(source: str, target: str) -> CopyResult:
    """Copy every table of the store ``source`` into the new store ``target`` (a path or a URL each)."""
    if label_of(str(source)) == label_of(str(target)):
        raise StoreError(f"{label_of(str(source))}: source and target are the same store")
    with Store(source) as src, Store(target) as dst:
        _check_empty(dst)
        counts: dict[str, int] = {}
        with dst.lock, transaction(dst.conn, f"copy {src.label} -> {dst.label}"):
            for table in _tables(src.conn):
                if table == "event_feed":  # the target's triggers wrote a feed of the copy itself
                    dst.conn.execute("DELETE FROM event_feed")
                counts[table] = _copy_table(src.conn, dst.conn, table)
                log.info("%s: %d rows", table, counts[table])
            _renumber(dst.conn)
        return CopyResult(src.label, dst.label, counts)
