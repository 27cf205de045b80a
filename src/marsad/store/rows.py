"""Row-level SQL of the store: articles, mentions, events, tallies, history, FTS.

Functions take an open connection; the caller holds the transaction.
"""

from __future__ import annotations

import hashlib
import json
import math
import sqlite3
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, timezone
from typing import Any

from marsad.dedup.dates import DateWindow
from marsad.dedup.reprint import Paragraph
from marsad.dedup.score import Mention, place_key
from marsad.document import Document, Event, Tally
from marsad.store.dialect import dialect_of
from marsad.store.mention_cache import MentionCache, decode_mention


def now_iso() -> str:
    """The current UTC time, ISO 8601 with microseconds (orders rows written in one second)."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def content_hash(text: str) -> str:
    """sha1 of the cleaned report text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def dumps(value: Any) -> str:
    """JSON for a text column (Arabic kept readable)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# --- articles -----------------------------------------------------------------

def article_hash(conn: sqlite3.Connection, article_id: str) -> str | None:
    """The stored content hash of an article, or None when it is not stored."""
    row = conn.execute("SELECT content_hash FROM articles WHERE id = ?", (article_id,)).fetchone()
    return row[0] if row else None


def article_with_hash(conn: sqlite3.Connection, digest: str, exclude: str) -> str | None:
    """Another stored article with exactly this text, if any."""
    row = conn.execute("SELECT id FROM articles WHERE content_hash = ? AND id != ? ORDER BY ingested_at LIMIT 1",
                       (digest, exclude)).fetchone()
    return row[0] if row else None


def upsert_article(conn: sqlite3.Connection, doc: Document, *, duplicate_of: str | None,
                   similarity: float | None, minhash: bytes) -> None:
    """Insert or replace the article row (keeping its first ingest time)."""
    conn.execute(
        "INSERT INTO articles (id, url, outlet, language, title, published, content_hash, duplicate_of,"
        " similarity, doc_json, ingested_at, minhash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
        " ON CONFLICT(id) DO UPDATE SET url=excluded.url, outlet=excluded.outlet, language=excluded.language,"
        " title=excluded.title, published=excluded.published, content_hash=excluded.content_hash,"
        " duplicate_of=excluded.duplicate_of, similarity=excluded.similarity, doc_json=excluded.doc_json,"
        " minhash=excluded.minhash",
        (doc.id, doc.url, doc.outlet, doc.language, doc.title,
         doc.published.isoformat() if doc.published else None, content_hash(doc.text),
         duplicate_of, similarity, dumps(doc.to_dict()), now_iso(), minhash),
    )


def keep_version(conn: sqlite3.Connection, article_id: str, who: str | None) -> int:
    """Copy the stored article into ``article_versions`` before it is replaced; return its number."""
    number = version_count(conn, article_id) + 1
    conn.execute("INSERT INTO article_versions (article_id, version, content_hash, doc_json, replaced_at, replaced_by)"
                 " SELECT id, ?, content_hash, doc_json, ?, ? FROM articles WHERE id = ?",
                 (number, now_iso(), who, article_id))
    return number


def version_count(conn: sqlite3.Connection, article_id: str) -> int:
    """How many replaced versions of an article are kept."""
    return int(conn.execute("SELECT count(*) FROM article_versions WHERE article_id = ?", (article_id,)).fetchone()[0])


def versions(conn: sqlite3.Connection, article_id: str) -> list[dict[str, Any]]:
    """The kept (replaced) versions of an article, oldest first, without their text."""
    found = conn.execute("SELECT version, content_hash, json_extract(doc_json, '$.title'), replaced_at, replaced_by"
                         " FROM article_versions WHERE article_id = ? ORDER BY version", (article_id,))
    return [{"version": r[0], "content_hash": r[1], "title": r[2], "replaced_at": r[3], "replaced_by": r[4],
             "current": False} for r in found]


def article_version(conn: sqlite3.Connection, article_id: str, version: int) -> sqlite3.Row | None:
    """One kept version's row (with its ``doc_json``), or None."""
    row: sqlite3.Row | None = conn.execute(
        "SELECT * FROM article_versions WHERE article_id = ? AND version = ?", (article_id, version)).fetchone()
    return row


def signatures(conn: sqlite3.Connection, after_rowid: int = 0) -> list[tuple[int, str, bytes]]:
    """(rowid, id, MinHash signature) of the articles stored after ``after_rowid``."""
    found = conn.execute("SELECT rowid, id, minhash FROM articles WHERE rowid > ? AND minhash IS NOT NULL"
                         " ORDER BY rowid", (after_rowid,))
    return [(r[0], r[1], r[2]) for r in found]


def insert_paragraphs(conn: sqlite3.Connection, article_id: str, paras: Sequence[Paragraph]) -> None:
    conn.executemany('INSERT INTO paragraphs (article_id, idx, start, "end", hash) VALUES (?,?,?,?,?)',
                     [(article_id, p.index, p.start, p.end, p.hash) for p in paras])


def shared_paragraphs(conn: sqlite3.Connection, hashes: Sequence[str], exclude: str) -> list[sqlite3.Row]:
    """Stored paragraphs of other articles with one of these hashes."""
    if not hashes:
        return []
    marks = ",".join("?" * len(hashes))
    return conn.execute(f'SELECT article_id, idx, start, "end", hash FROM paragraphs WHERE hash IN ({marks})'
                        " AND article_id != ? ORDER BY article_id, idx", (*hashes, exclude)).fetchall()


def paragraph_hashes(conn: sqlite3.Connection, article_id: str) -> set[str]:
    """The paragraph hashes of one stored article."""
    return {r[0] for r in conn.execute("SELECT hash FROM paragraphs WHERE article_id = ?", (article_id,))}


def insert_tallies(conn: sqlite3.Connection, article_id: str, tallies: Iterable[Tally]) -> None:
    rows = []
    for tally in tallies:
        data = tally.to_dict()
        data["article_id"] = article_id
        rows.append((article_id, tally.count, tally.what, tally.whose, tally.period_start,
                     tally.period_end, tally.source, dumps(data)))
    conn.executemany("INSERT INTO tallies (article_id, count, what, whose, period_start, period_end, source,"
                     " data_json) VALUES (?,?,?,?,?,?,?,?)", rows)


def detach_article(conn: sqlite3.Connection, article_id: str) -> dict[str, tuple[str, str]]:
    """Delete an article's mentions, tallies and paragraphs; return {mention id: (event id, data_json)}."""
    old = {r[0]: (r[1], r[2]) for r in conn.execute(
        "SELECT id, event_id, data_json FROM mentions WHERE article_id = ?", (article_id,))}
    conn.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM tallies WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM paragraphs WHERE article_id = ?", (article_id,))
    return old


# --- mentions -------------------------------------------------------------------

# When a report was published; an imported event (article "import:...") counts as reported on its own date.
_PUBLISHED = ("COALESCE(a.published, CASE WHEN a.id LIKE 'import:%'"
              " THEN substr(json_extract(m.data_json, '$.event_date'), 1, 10) END)")
_MENTION_SELECT = (f"SELECT m.id, m.article_id, m.event_id, m.data_json, a.outlet, {_PUBLISHED} AS published,"
                   " m.role, m.weekday, m.words FROM mentions m JOIN articles a ON a.id = m.article_id")
# The same without the JSON, for a ``MentionCache`` that decodes only the mentions it has not seen.
_MENTION_HEAD = _MENTION_SELECT.replace(" m.data_json,", "")
# Report order: by publication (or ingest) day, then by article id, never by the moment of ingest,
# so the same reports ingested in another order build the same merged event.
_REPORT_ORDER = f" ORDER BY COALESCE({_PUBLISHED}, substr(a.ingested_at, 1, 10)), a.id, m.id"


def _mention(row: sqlite3.Row) -> Mention:
    return decode_mention(row, row["data_json"])


def compact(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` without null or empty values (``Event.from_dict`` restores the defaults)."""
    return {k: v for k, v in data.items() if v is not None and v != [] and v != {}}


def insert_mention(conn: sqlite3.Connection, mention: Mention, event_id: str,
                   score: float | None, reason: str | None) -> None:
    """Store a mention; its data_json is the event as extracted, null fields left out."""
    data = compact(mention.event.to_dict())
    data["article_ids"] = [mention.article_id]
    conn.execute("INSERT INTO mentions (id, article_id, event_id, merge_score, merge_reason, data_json, role,"
                 " weekday, words) VALUES (?,?,?,?,?,?,?,?,?)",
                 (mention.id, mention.article_id, event_id, score, reason, dumps(data), mention.role,
                  mention.weekday, " ".join(sorted(mention.words)) or None))


def _mentions(conn: sqlite3.Connection, where: str, params: Sequence[Any],
              cache: MentionCache | None) -> list[tuple[str, Mention]]:
    """(event id, mention) of the rows ``where`` selects, in report order (decoded through ``cache``
    when given: only the mentions it does not hold are read with their JSON)."""
    if cache is None:
        found = conn.execute(_MENTION_SELECT + where + _REPORT_ORDER, params)
        return [(r["event_id"], _mention(r)) for r in found]
    heads = conn.execute(_MENTION_HEAD + where + _REPORT_ORDER, params).fetchall()
    return list(zip((r["event_id"] for r in heads), cache.mentions(conn, heads), strict=True))


def event_mentions(conn: sqlite3.Connection, event_id: str, cache: MentionCache | None = None) -> list[Mention]:
    """An event's mentions in report order (earliest report first)."""
    return [m for _, m in _mentions(conn, " WHERE m.event_id = ?", (event_id,), cache)]


def mentions_of_events(conn: sqlite3.Connection, event_ids: Sequence[str],
                       cache: MentionCache | None = None) -> dict[str, list[Mention]]:
    """Mentions grouped by event, for candidate scoring."""
    grouped: dict[str, list[Mention]] = {e: [] for e in event_ids}
    for start in range(0, len(event_ids), 500):
        chunk = event_ids[start:start + 500]
        for event_id, mention in _mentions(conn, f" WHERE m.event_id IN ({','.join('?' * len(chunk))})", chunk,
                                           cache):
            grouped[event_id].append(mention)
    return grouped


def article_mentions(conn: sqlite3.Connection, article_id: str,
                     cache: MentionCache | None = None) -> list[tuple[str, Mention]]:
    """(event id, mention) of one report's mentions, in order."""
    return _mentions(conn, " WHERE m.article_id = ?", (article_id,), cache)


def mention_rows(conn: sqlite3.Connection, event_id: str) -> list[sqlite3.Row]:
    """An event's mention rows with their article's outlet, title and dates, in report order."""
    return conn.execute(
        "SELECT m.id, m.article_id, m.merge_score, m.merge_reason, m.data_json, a.outlet, a.title, a.url,"
        " a.published, a.ingested_at, a.duplicate_of FROM mentions m JOIN articles a ON a.id = m.article_id"
        " WHERE m.event_id = ?" + _REPORT_ORDER, (event_id,)).fetchall()


def move_mentions(conn: sqlite3.Connection, mention_ids: Sequence[str], event_id: str, reason: str) -> None:
    conn.executemany("UPDATE mentions SET event_id = ?, merge_score = NULL, merge_reason = ? WHERE id = ?",
                     [(event_id, reason, m) for m in mention_ids])


def cannot_link_with(conn: sqlite3.Connection, mention_id: str) -> set[str]:
    """Mentions a person said must never share an event with ``mention_id``."""
    rows = conn.execute("SELECT mention_b FROM cannot_link WHERE mention_a = ? UNION "
                        "SELECT mention_a FROM cannot_link WHERE mention_b = ?", (mention_id, mention_id))
    return {r[0] for r in rows}


def add_cannot_link(conn: sqlite3.Connection, pairs: Iterable[tuple[str, str]], who: str | None) -> None:
    at = now_iso()
    conn.executemany("INSERT INTO cannot_link (mention_a, mention_b, who, at) VALUES (?,?,?,?) ON CONFLICT DO NOTHING",
                     [(min(a, b), max(a, b), who, at) for a, b in pairs])


# --- events ---------------------------------------------------------------------

# Blocking by date: most events span a day, some a week, a few a month. Grouping them
# by width ("date_wide") lets each group be searched with a tight range on one index.
_WIDTHS: tuple[tuple[int, int], ...] = ((0, 1), (1, 7), (2, 70))  # (group, widest window in days)


def width_group(lo: str | None, hi: str | None) -> int:
    """The ``date_wide`` group of a window (0: a day or two, 1: a week, 2: wider)."""
    if lo is None or hi is None:
        return 0
    span = (date.fromisoformat(hi) - date.fromisoformat(lo)).days
    return next(group for group, widest in _WIDTHS if span <= widest or group == 2)


def candidate_events(conn: sqlite3.Connection, event: Event, window: DateWindow | None, *,
                     slack_days: int, radius_km: tuple[float, float, float],
                     types: Sequence[str] | None = None, limit: int = 5000) -> list[str]:
    """Events that could be the same incident (indexed columns, never all pairs): of a compatible
    type, within the precision radius (or, without a point, in the same governorate or at the same
    named place), and either undated or with a date window within ``slack_days`` of ``window``.
    A mention with no window at all (no date, no publication day) sees every event of its place,
    dated or not, up to ``limit`` (none without a place: nothing could corroborate it)."""
    place_sql, params = _place_condition(event, radius_km)
    if types:
        # "+event_type": never search the type index (it would read every row of a common type);
        # the place terms and the date window are all in the covering index events_window.
        plain = dialect_of(conn).unindexed + "event_type"
        place_sql += f" AND ({plain} IS NULL OR {plain} IN ({','.join('?' * len(types))}))"
        params += list(types)
    if window is None:
        if place_sql.startswith("1 = 1"):
            return []
        return [r[0] for r in conn.execute(f"SELECT id FROM events WHERE {place_sql} LIMIT ?", [*params, limit])]
    found = [r[0] for r in conn.execute(
        f"SELECT id FROM events WHERE date_wide = 0 AND date_lo IS NULL AND {place_sql}", params)]
    lo = window.lo - timedelta(days=slack_days)
    hi = (window.hi + timedelta(days=slack_days)).isoformat()
    for group, widest in _WIDTHS:
        sql = f"SELECT id FROM events WHERE date_wide = ? AND date_lo BETWEEN ? AND ? AND date_hi >= ? AND {place_sql}"
        found += [r[0] for r in conn.execute(
            sql, [group, (lo - timedelta(days=widest)).isoformat(), hi, lo.isoformat(), *params])]
    return found


def _box(lat: float, lon: float, km: float) -> list[float]:
    dlat = km / 111.0
    dlon = dlat / max(0.2, math.cos(math.radians(lat)))
    return [lat - dlat, lat + dlat, lon - dlon, lon + dlon]


_IN_BOX = "(latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?)"


def _place_condition(event: Event, radius_km: tuple[float, float, float]) -> tuple[str, list[Any]]:
    """SQL for events the place factor would not veto: near enough for both sides' precision,
    or without a point in the same governorate, or at the same named place."""
    key = place_key(event.location) or None
    if event.latitude is None or event.longitude is None:
        if not event.admin1:
            return "1 = 1", []
        return "(location_key = ? OR admin1 = ? OR admin1 IS NULL)", [key, event.admin1]
    index = 2 if (event.where_prec or 0) >= 3 else min(max(event.geo_precision or 3, 1), 3) - 1
    own = radius_km[index]  # as DedupConfig.radius_for: a district or a desert reaches as far as a region
    near = max(own, radius_km[1])
    # A stored place of precision 2 may be a district or a desert (where_prec 3: a region's reach).
    sql = (f"({_IN_BOX} OR (coalesce(geo_precision, 3) >= 2 AND {_IN_BOX})"
           " OR (latitude IS NULL AND (admin1 = ? OR admin1 IS NULL)) OR location_key = ?)")
    return sql, [*_box(event.latitude, event.longitude, near),
                 *_box(event.latitude, event.longitude, max(own, radius_km[2])), event.admin1, key]


def event_exists(conn: sqlite3.Connection, event_id: str) -> bool:
    return conn.execute("SELECT 1 FROM events WHERE id = ?", (event_id,)).fetchone() is not None


def event_row(conn: sqlite3.Connection, event_id: str) -> sqlite3.Row | None:
    row: sqlite3.Row | None = conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
    return row


def next_sequence(conn: sqlite3.Connection, iso3: str) -> int:
    """The next ``event_id_cnty`` number for a country (kept in ``meta``)."""
    key = f"event_seq:{iso3}"
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    value = int(row[0]) + 1 if row else 1
    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                 (key, str(value)))
    return value


def corrections_of(conn: sqlite3.Connection, event_id: str) -> dict[str, Any]:
    return {r[0]: json.loads(r[1]) for r in conn.execute(
        "SELECT field, value_json FROM corrections WHERE event_id = ? ORDER BY at", (event_id,))}


def add_history(conn: sqlite3.Connection, event_id: str, kind: str, detail: dict[str, Any],
                who: str | None = None) -> None:
    conn.execute("INSERT INTO event_history (event_id, at, kind, who, detail_json) VALUES (?,?,?,?,?)",
                 (event_id, now_iso(), kind, who, dumps(detail)))


def add_audit(conn: sqlite3.Connection, who: str | None, action: str, target: str, detail: dict[str, Any]) -> None:
    conn.execute("INSERT INTO audit_log (at, who, action, target, detail_json) VALUES (?,?,?,?,?)",
                 (now_iso(), who, action, target, dumps(detail)))


def last_history_id(conn: sqlite3.Connection) -> int:
    """The id of the latest history row (0 when there is none)."""
    return int(conn.execute("SELECT coalesce(max(id), 0) FROM event_history").fetchone()[0])


def sign_history(conn: sqlite3.Connection, after_id: int, who: str) -> None:
    """Name ``who`` on the unsigned history rows written after ``after_id`` (in this transaction)."""
    conn.execute("UPDATE event_history SET who = ? WHERE id > ? AND who IS NULL", (who, after_id))


def history(conn: sqlite3.Connection, event_id: str) -> list[dict[str, Any]]:
    rows = conn.execute("SELECT at, kind, who, detail_json FROM event_history WHERE event_id = ? ORDER BY id",
                        (event_id,))
    return [{"at": r[0], "kind": r[1], "who": r[2], "detail": json.loads(r[3] or "null")} for r in rows]


def delete_event(conn: sqlite3.Connection, event_id: str) -> None:
    row = conn.execute("SELECT fts_rowid FROM events WHERE id = ?", (event_id,)).fetchone()
    if row and row[0] is not None:
        conn.execute("DELETE FROM events_fts WHERE rowid = ?", (row[0],))
    conn.execute("DELETE FROM events WHERE id = ?", (event_id,))


def save_event(conn: sqlite3.Connection, event: Event, data: dict[str, Any], *, window: tuple[str, str] | None,
               number_of_sources: int, first_reported: str | None, fts_body: str) -> None:
    """Insert or update the merged event row (its status kept) and its full-text row."""
    row = conn.execute("SELECT fts_rowid FROM events WHERE id = ?", (event.id,)).fetchone()
    fts_rowid = _write_fts(conn, row[0] if row else None, event.id or "", fts_body)
    lo, hi = window or (None, None)
    wide = width_group(lo, hi)
    conn.execute(
        "INSERT INTO events (id, event_date, year, event_type, sub_event_type, actor1, actor2, admin1, admin2,"
        " location, latitude, longitude, fatalities, number_of_sources, first_reported, last_updated, data_json,"
        " date_lo, date_hi, location_key, event_id_cnty, fts_rowid, date_wide, geo_precision)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
        " ON CONFLICT(id) DO UPDATE SET event_date=excluded.event_date, year=excluded.year,"
        " event_type=excluded.event_type, sub_event_type=excluded.sub_event_type, actor1=excluded.actor1,"
        " actor2=excluded.actor2, admin1=excluded.admin1, admin2=excluded.admin2, location=excluded.location,"
        " latitude=excluded.latitude, longitude=excluded.longitude, fatalities=excluded.fatalities,"
        " number_of_sources=excluded.number_of_sources, first_reported=excluded.first_reported,"
        " last_updated=excluded.last_updated, data_json=excluded.data_json, date_lo=excluded.date_lo,"
        " date_hi=excluded.date_hi, location_key=excluded.location_key, event_id_cnty=excluded.event_id_cnty,"
        " fts_rowid=excluded.fts_rowid, date_wide=excluded.date_wide, geo_precision=excluded.geo_precision",
        (event.id, event.event_date, event.year, event.event_type, event.sub_event_type, event.actor1,
         event.actor2, event.admin1, event.admin2, event.location, event.latitude, event.longitude,
         event.fatalities, number_of_sources, first_reported, now_iso(), dumps(data), lo, hi,
         place_key(event.location) or None, event.event_id_cnty, fts_rowid, wide, event.geo_precision))


def _write_fts(conn: sqlite3.Connection, rowid: int | None, event_id: str, body: str) -> int:
    """Replace the event's full-text row, keeping its rowid; return the rowid."""
    if rowid is not None:
        conn.execute("DELETE FROM events_fts WHERE rowid = ?", (rowid,))
        conn.execute("INSERT INTO events_fts (rowid, event_id, body) VALUES (?,?,?)", (rowid, event_id, body))
        return rowid
    dialect = dialect_of(conn)
    cursor = conn.execute("INSERT INTO events_fts (event_id, body) VALUES (?,?)" + dialect.fts_returning,
                          (event_id, body))
    return dialect.new_id(cursor)


def first_reported(conn: sqlite3.Connection, event_id: str) -> str | None:
    """The earliest publication (or ingest) date of the event's reports."""
    row = conn.execute(f"SELECT min(COALESCE({_PUBLISHED}, substr(a.ingested_at, 1, 10))) FROM mentions m"
                       " JOIN articles a ON a.id = m.article_id WHERE m.event_id = ?", (event_id,)).fetchone()
    return row[0] if row else None


def article_texts(conn: sqlite3.Connection, article_ids: Sequence[str]) -> list[tuple[str, str]]:
    """(title, text) of each article, for full-text search."""
    out = []
    for article_id in article_ids:  # the text is read out of the JSON by SQLite, not decoded with every span
        row = conn.execute("SELECT title, json_extract(doc_json, '$.text') FROM articles WHERE id = ?",
                           (article_id,)).fetchone()
        if row:
            out.append((row[0] or "", row[1] or ""))
    return out
