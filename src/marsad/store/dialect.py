"""What SQL the two back-ends say differently, in one place.

Most statements of the store run unchanged on both: the PostgreSQL schema defines the few SQLite
functions they use (``json_extract``, ``json_group_array``, two-argument ``max``) and a ``nocase``
collation, and its connection turns ``?`` into ``%s``. What remains is here: full-text search,
the cheap "has another connection written?" check, index hints, how an inserted id comes back and how
a bulk import turns the row triggers off.
A statement picks its dialect with ``dialect_of(conn)``; a SQLite connection is never wrapped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Dialect:
    """One back-end's spelling of the statements that differ."""

    name: str
    fts_filter: str          # "id IN (...)" matching one bound full-text query
    unindexed: str           # prefix that keeps the planner off a column's index
    fts_returning: str       # appended to the FTS insert so the new row id comes back
    data_version: str | None  # a value that changes when another connection commits (None: unknown)
    write_count: str | None   # counts a write transaction in data_version (None: the back-end does it itself)
    bulk_start: str | None   # a bulk import: the row triggers on events step aside (None: SQLite drops its own)
    bulk_end: str | None     # ... and come back
    bulk_file: str | None    # files the events after the bound rowid (facts, source names, feed), set-based
    bulk_count: str | None   # ... and adds the events after the bound rowid to the day and month counts

    def fts_query(self, groups: list[list[str]]) -> str:
        """The bound value of ``fts_filter``: every group must match, any form within a group."""
        if self.name == "sqlite":
            return " AND ".join("(" + " OR ".join('"' + f.replace('"', '""') + '"' for f in forms) + ")"
                                for forms in groups)
        return " & ".join("(" + " | ".join(_lexeme(f) for f in forms) + ")" for forms in groups)

    def order(self, desc: bool) -> str:
        """ASC or DESC with SQLite's NULL order (first ascending, last descending), which keyset cursors assume."""
        if self.name == "sqlite":
            return "DESC" if desc else "ASC"
        return "DESC NULLS LAST" if desc else "ASC NULLS FIRST"

    def new_id(self, cursor: Any) -> int:
        """The id of the row the cursor's INSERT (with ``fts_returning``) made."""
        if self.name == "sqlite":
            return int(cursor.lastrowid or 0)
        return int(cursor.fetchone()[0])


def _lexeme(form: str) -> str:
    """A tsquery operand for one word (words come from ``\\w+``; parts joined by ``_`` must all occur)."""
    parts = [p for p in re.split(r"_+", form) if p]
    return "(" + " <-> ".join("'" + p.replace("'", "''") + "'" for p in parts) + ")" if parts else "''"


SQLITE = Dialect(
    name="sqlite",
    fts_filter="id IN (SELECT event_id FROM events_fts WHERE events_fts MATCH ?)",
    unindexed="+",
    fts_returning="",
    data_version="PRAGMA data_version",
    write_count=None,
    bulk_start=None,
    bulk_end=None,
    bulk_file=None,
    bulk_count=None,
)

POSTGRES = Dialect(
    name="postgresql",
    fts_filter="id IN (SELECT event_id FROM events_fts WHERE tsv @@ to_tsquery('simple', ?))",
    unindexed="",
    fts_returning=" RETURNING rowid",
    # every write transaction counts itself under the store's write lock (connection.transaction),
    # so read inside one this says how many were committed before it, plus one: its own
    data_version="SELECT n FROM write_count",
    write_count="UPDATE write_count SET n = n + 1",
    bulk_start="SET LOCAL marsad.bulk = 'on'",  # this transaction only (pg_sql/8_bulk_read_side.sql)
    bulk_end="SET LOCAL marsad.bulk = 'off'",
    bulk_file="SELECT bulk_file_events(?)",
    bulk_count="SELECT bulk_file_counts(?)",
)


def dialect_of(conn: Any) -> Dialect:
    """The dialect of an open connection (a plain ``sqlite3.Connection`` is SQLite)."""
    return getattr(conn, "dialect", SQLITE)
