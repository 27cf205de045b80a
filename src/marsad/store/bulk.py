"""Bulk import of already-coded events (an ACLED export, a benchmark) with ``executemany``.

Imported events become merge targets for later reports like any other: each is
one mention of a pseudo-article ``import:<source>`` whose outlet is ``source``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import replace
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


def _rows_for(event: Event, mention_id: str, article_id: str, source: str, sequences: dict[str, int],
              fts_rowid: int, now: str) -> tuple[tuple[Any, ...], tuple[Any, ...], tuple[Any, ...]]:
    """(event row, mention row, FTS row) for one imported event."""
    event_id = event_uid(mention_id)
    cnty = event.event_id_cnty
    if not cnty:
        iso3 = iso3_of(event)
        sequences[iso3] = sequences.get(iso3, 0) + 1
        cnty = event_id_cnty(iso3, sequences[iso3])
    merged = replace(event, id=event_id, event_id_cnty=cnty, article_ids=[article_id],
                     sources=event.sources or [Claim(source=source, fatalities=event.fatalities)])
    window = date_window(event.event_date, event.time_precision, None)
    lo, hi = (window.lo.isoformat(), window.hi.isoformat()) if window else (None, None)
    data = merged.to_dict()
    event_row = (event_id, event.event_date, event.year, event.event_type, event.sub_event_type, event.actor1,
                 event.actor2, event.admin1, event.admin2, event.location, event.latitude, event.longitude,
                 event.fatalities, 1, event.event_date, now, rows.dumps(data), lo, hi,
                 place_key(event.location) or None, cnty, fts_rowid, rows.width_group(lo, hi), event.geo_precision)
    mention_row = (mention_id, article_id, event_id, None, f"imported from {source}",
                   rows.dumps(rows.compact(event.to_dict())))
    body = normalize_key(" ".join(x for x in (event.event_type, event.sub_event_type, event.actor1, event.actor2,
                                              event.location, event.admin1, event.notes) if x))
    return event_row, mention_row, (fts_rowid, event_id, body)


def import_events(conn: sqlite3.Connection, events: Iterable[Event], source: str) -> int:
    """Insert coded events as they are (no merging among them); return how many."""
    article_id = _article(conn, source)
    start = int(conn.execute("SELECT count(*) FROM mentions WHERE article_id = ?", (article_id,)).fetchone()[0])
    next_fts = int(conn.execute("SELECT coalesce(max(rowid), 0) FROM events_fts").fetchone()[0]) + 1
    sequences, now = _sequences(conn), rows.now_iso()
    triples = [_rows_for(e, f"{article_id}#{start + i}", article_id, source, sequences, next_fts + i, now)
               for i, e in enumerate(events)]
    before = int(conn.execute("SELECT coalesce(max(rowid), 0) FROM events").fetchone()[0])
    at_once = not dialect_of(conn).row_triggers_only
    if at_once:
        conn.execute("DROP TRIGGER IF EXISTS events_read_insert")  # filed below all at once (rolled back with the rest)
    conn.executemany(
        "INSERT INTO events (id, event_date, year, event_type, sub_event_type, actor1, actor2, admin1, admin2,"
        " location, latitude, longitude, fatalities, number_of_sources, first_reported, last_updated, data_json,"
        " date_lo, date_hi, location_key, event_id_cnty, fts_rowid, date_wide, geo_precision)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [t[0] for t in triples])
    conn.executemany("INSERT INTO mentions (id, article_id, event_id, merge_score, merge_reason, data_json)"
                     " VALUES (?,?,?,?,?,?)", [t[1] for t in triples])
    conn.executemany("INSERT INTO events_fts (rowid, event_id, body) VALUES (?,?,?)", [t[2] for t in triples])
    conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)"
                     " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                     [(f"event_seq:{k}", str(v)) for k, v in sequences.items()])
    if at_once:
        for statement in read_model.fill_statements(before):
            conn.execute(statement)
        conn.execute(read_model.insert_trigger())
    else:  # the FTS rows were given their ids: later inserts must number after them
        conn.execute("SELECT setval(pg_get_serial_sequence('events_fts', 'rowid'), ?)", (next_fts + len(triples),))
    return len(triples)
