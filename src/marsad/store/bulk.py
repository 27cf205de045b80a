"""Bulk import of already-coded events (an ACLED export, a benchmark): ``executemany`` on SQLite, ``COPY`` on
PostgreSQL, the read side filed set-based afterwards.

Imported events become merge targets for later reports like any other: each is
one mention of a pseudo-article ``import:<source>`` whose outlet is ``source``.
"""

from __future__ import annotations

import itertools
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Iterable, Iterator
from typing import Any

from marsad.dedup.dates import date_window
from marsad.dedup.ids import event_id_cnty, event_uid, iso3_of
from marsad.dedup.score import place_key
from marsad.document import Claim, Document, Event
from marsad.store import read_model, rows
from marsad.store.dialect import dialect_of
from marsad.text.normalize import normalize_key


def _article(conn: sqlite3.Connection, source: str) -> str:
    """Create (or reuse) the pseudo-article the imported events hang on."""
    article_id = f"import:{source}"
    doc = Document(id=article_id, text="", outlet=source, meta={"import": True})
    conn.execute("INSERT INTO articles (id, outlet, language, content_hash, doc_json, ingested_at)"
                 " VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING", (article_id, source, "und", rows.content_hash(""),
                                           rows.dumps(doc.to_dict()), rows.now_iso()))
    return article_id


def _sequences(conn: sqlite3.Connection) -> dict[str, int]:
    found = conn.execute("SELECT key, value FROM meta WHERE key LIKE 'event_seq:%'")
    return {k.split(":", 1)[1]: int(v) for k, v in found}


EVENT_COLUMNS = ("id", "event_date", "year", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "admin2",
                 "location", "latitude", "longitude", "fatalities", "number_of_sources", "first_reported",
                 "last_updated", "data_json", "date_lo", "date_hi", "location_key", "event_id_cnty", "fts_rowid",
                 "date_wide", "geo_precision")
MENTION_COLUMNS = ("id", "article_id", "event_id", "merge_score", "merge_reason", "data_json")
FTS_COLUMNS = ("rowid", "event_id", "body")
CHUNK = 20_000  # PostgreSQL: events copied and filed per round (the next round's rows are made meanwhile)


def _rows_for(event: Event, mention_id: str, article_id: str, source: str, sequences: dict[str, int],
              fts_rowid: int, now: str) -> tuple[tuple[Any, ...], tuple[Any, ...], tuple[Any, ...]]:
    """(event row, mention row, FTS row) for one imported event."""
    event_id = event_uid(mention_id)
    cnty = event.event_id_cnty
    if not cnty:
        iso3 = iso3_of(event)
        sequences[iso3] = sequences.get(iso3, 0) + 1
        cnty = event_id_cnty(iso3, sequences[iso3])
    window = date_window(event.event_date, event.time_precision, None)
    lo, hi = (window.lo.isoformat(), window.hi.isoformat()) if window else (None, None)
    as_coded = event.to_dict()
    sources = as_coded["sources"] or [Claim(source=source, fatalities=event.fatalities).to_dict()]
    data = {**as_coded, "event_id_cnty": cnty, "id": event_id, "sources": sources, "article_ids": [article_id]}
    event_row = (event_id, event.event_date, event.year, event.event_type, event.sub_event_type, event.actor1,
                 event.actor2, event.admin1, event.admin2, event.location, event.latitude, event.longitude,
                 event.fatalities, 1, event.event_date, now, rows.dumps(data), lo, hi,
                 place_key(event.location) or None, cnty, fts_rowid, rows.width_group(lo, hi), event.geo_precision)
    mention_row = (mention_id, article_id, event_id, None, f"imported from {source}",
                   rows.dumps(rows.compact(as_coded)))
    body = normalize_key(" ".join(x for x in (event.event_type, event.sub_event_type, event.actor1, event.actor2,
                                              event.location, event.admin1, event.notes) if x))
    return event_row, mention_row, (fts_rowid, event_id, body)


def _insert(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({','.join('?' * len(columns))})"


def import_events(conn: sqlite3.Connection, events: Iterable[Event], source: str) -> int:
    """Insert coded events as they are (no merging among them); return how many.

    The read side (``read_model``) and the event feed are filed once for all of them, not per
    row: SQLite drops the row trigger for the transaction; on PostgreSQL the rows are copied in with
    the row triggers off (the dialect's ``bulk_start``, this transaction only) and filed by
    ``bulk_file_events`` and ``bulk_file_counts``. Either way a failed import leaves nothing."""
    article_id = _article(conn, source)
    start = int(conn.execute("SELECT count(*) FROM mentions WHERE article_id = ?", (article_id,)).fetchone()[0])
    next_fts = int(conn.execute("SELECT coalesce(max(rowid), 0) FROM events_fts").fetchone()[0]) + 1
    sequences, now = _sequences(conn), rows.now_iso()
    triples = (_rows_for(e, f"{article_id}#{start + i}", article_id, source, sequences, next_fts + i, now)
               for i, e in enumerate(events))
    before = int(conn.execute("SELECT coalesce(max(rowid), 0) FROM events").fetchone()[0])
    if dialect_of(conn).bulk_start is None:
        count = _write_sqlite(conn, list(triples), before)
    else:
        count = _write_postgres(conn, triples, before)
        # the FTS rows were given their ids: later inserts must number after them
        conn.execute("SELECT setval(pg_get_serial_sequence('events_fts', 'rowid'), ?)", (next_fts + count,))
    conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)"
                     " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                     [(f"event_seq:{k}", str(v)) for k, v in sequences.items()])
    return count


def _write_sqlite(conn: sqlite3.Connection, triples: list[tuple[tuple[Any, ...], ...]], before: int) -> int:
    """Insert the rows with the read-side trigger dropped, then file them all (the drop rolls back with the rest)."""
    conn.execute("DROP TRIGGER IF EXISTS events_read_insert")
    conn.executemany(_insert("events", EVENT_COLUMNS), [t[0] for t in triples])
    conn.executemany(_insert("mentions", MENTION_COLUMNS), [t[1] for t in triples])
    conn.executemany(_insert("events_fts", FTS_COLUMNS), [t[2] for t in triples])
    for statement in read_model.fill_statements(before):
        conn.execute(statement)
    conn.execute(read_model.insert_trigger())
    return len(triples)


def _write_postgres(conn: Any, triples: Iterator[tuple[tuple[Any, ...], ...]], before: int) -> int:
    """COPY the rows chunk by chunk with the row triggers off, filing each chunk's events as it goes in
    while a thread makes the next chunk's rows (Python and the server work side by side), then
    count them all at once."""
    dialect, count, last = dialect_of(conn), 0, before
    conn.execute(dialect.bulk_start)
    with ThreadPoolExecutor(1) as maker:
        chunk = maker.submit(list, itertools.islice(triples, CHUNK))
        while rows_now := chunk.result():
            chunk = maker.submit(list, itertools.islice(triples, CHUNK))
            _copy_chunk(conn, rows_now)
            conn.execute(dialect.bulk_file, (last,))
            last = int(conn.execute("SELECT max(rowid) FROM events").fetchone()[0])
            count += len(rows_now)
    conn.execute(dialect.bulk_end)
    conn.execute(dialect.bulk_count, (before,))
    return count


def _copy_chunk(conn: Any, triples: list[tuple[tuple[Any, ...], ...]]) -> None:
    """COPY the events, mention and FTS rows of ``triples``."""
    conn.copy_rows("events", EVENT_COLUMNS, [t[0] for t in triples])
    conn.copy_rows("mentions", MENTION_COLUMNS, [t[1] for t in triples])
    conn.copy_rows("events_fts", FTS_COLUMNS, [t[2] for t in triples])
