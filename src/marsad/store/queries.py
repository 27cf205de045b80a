"""Read-side queries over the store schema: filtered, sorted, paginated events and stats.

Every value from a request reaches SQL as a bound parameter; sort columns come from a
whitelist (``SORT_COLUMNS``). The API builds an ``EventQuery`` and asks ``Queries``.
Listings, counts and statistics read the narrow rows and kept counts of
``marsad.store.read_model`` (every filter indexed), never a scan of the wide ``events`` rows.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import re
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from marsad.errors import InputError, NotFoundError, StoreError
from marsad.store import stats as stats_sql
from marsad.store.connection import connect, is_postgres, label_of
from marsad.store.dialect import POSTGRES, SQLITE, Dialect
from marsad.store.migrations import current_version

log = logging.getLogger(__name__)

# sort name -> (column, kind). Keyset cursors handle NULLs explicitly, so indexes on the column work.
SORT_COLUMNS: dict[str, tuple[str, str]] = {
    "event_date": ("event_date", "text"),
    "fatalities": ("fatalities", "int"),
    "number_of_sources": ("number_of_sources", "int"),
    "first_reported": ("first_reported", "text"),
    "last_updated": ("last_updated", "text"),
    "admin1": ("admin1", "text"),
    "event_type": ("event_type", "text"),
    "id": ("id", "text"),
}
STATUSES = ("auto", "reviewed", "rejected")
LIST_COLUMNS = (
    "id, event_date, event_type, sub_event_type, actor1, actor2, admin1, admin2, location, "
    "latitude, longitude, fatalities, number_of_sources, status, first_reported, last_updated, "
    "geo_precision, source, country"
)
MAX_LIMIT = 10_000
# Read connections: wait for writers, keep a large page cache and map the file (full scans of
# 100k events stay fast); query_only guards against any write through them.
_READ_PRAGMAS = ("PRAGMA busy_timeout = 5000", "PRAGMA cache_size = -65536", "PRAGMA mmap_size = 268435456",
                 "PRAGMA temp_store = MEMORY", "PRAGMA query_only = 1")
# A stored event's dict is data_json plus these columns: its window of days, when it last changed
# (an update or a review) and which fields a reviewer corrected (exports keep those as written).
RECORD_COLUMNS = (
    "id, data_json, number_of_sources, first_reported, last_updated, status, date_lo, date_hi, "
    "max(COALESCE(last_updated, ''), COALESCE((SELECT max(h.at) FROM event_history h WHERE h.event_id = events.id), ''))"
    " AS changed_at, (SELECT json_group_array(c.field) FROM corrections c WHERE c.event_id = events.id) AS corrected"
)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


MULTI_FILTERS = ("admin1", "admin2", "event_type", "sub_event_type", "actor", "source")


def _values(value: Any) -> tuple[str, ...] | None:
    """One value or several as a tuple of non-blank strings (None when there is none)."""
    items = [value] if isinstance(value, str) else list(value or [])
    kept = tuple(dict.fromkeys(str(v).strip() for v in items if v is not None and str(v).strip()))
    return kept or None


def _any_of(expr: str, values: tuple[str, ...], clauses: list[str], params: list[Any]) -> None:
    """``expr`` equal (ignoring case) to any of ``values``."""
    clauses.append(f"{expr} COLLATE NOCASE IN ({','.join('?' * len(values))})")
    params.extend(values)


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Filters, sort and page of an event listing (all optional)."""

    date_from: str | None = None
    date_to: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    # each of these takes one value or several (any of them matches)
    admin1: str | tuple[str, ...] | None = None
    admin2: str | tuple[str, ...] | None = None
    event_type: str | tuple[str, ...] | None = None
    sub_event_type: str | tuple[str, ...] | None = None
    actor: str | tuple[str, ...] | None = None
    source: str | tuple[str, ...] | None = None
    min_fatalities: int | None = None
    q: str | None = None
    status: str | None = None
    article_id: str | None = None
    sort: str = "-event_date"
    limit: int = 100
    cursor: str | None = None

    def __post_init__(self) -> None:
        for name in MULTI_FILTERS:
            object.__setattr__(self, name, _values(getattr(self, name)))
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value is not None:
                _check_date(name, value)
        _check_bbox(self.bbox)
        if self.status is not None and self.status not in STATUSES:
            raise InputError(f"status: {self.status!r} is not one of {', '.join(STATUSES)}")
        if not 1 <= self.limit <= MAX_LIMIT:
            raise InputError(f"limit: {self.limit} is outside 1..{MAX_LIMIT}")
        if self.min_fatalities is not None and self.min_fatalities < 0:
            raise InputError(f"min_fatalities: {self.min_fatalities} is negative")
        sort_column(self.sort)


@dataclass(frozen=True, slots=True)
class EventPage:
    """One page of events, the cursor to the next page and the total matching."""

    events: list[dict[str, Any]]
    next_cursor: str | None
    total: int


def _check_date(name: str, value: str) -> None:
    """Raise InputError unless ``value`` is an ISO date YYYY-MM-DD."""
    try:
        if not _DATE.match(value):
            raise ValueError(value)
        date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"{name}: {value!r} is not a date (YYYY-MM-DD)") from exc


def _check_bbox(bbox: tuple[float, float, float, float] | None) -> None:
    """Raise InputError for a bounding box outside WGS84 or inverted."""
    if bbox is None:
        return
    min_lon, min_lat, max_lon, max_lat = bbox
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise InputError(f"bbox: {bbox} must be min_lon,min_lat,max_lon,max_lat within WGS84, min <= max")


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """Parse ``"min_lon,min_lat,max_lon,max_lat"``; raise InputError when malformed."""
    parts = text.split(",")
    try:
        values = tuple(float(p) for p in parts)
    except ValueError as exc:
        raise InputError(f"bbox: {text!r} is not four comma-separated numbers") from exc
    if len(values) != 4 or any(v != v or v in (float("inf"), float("-inf")) for v in values):
        raise InputError(f"bbox: {text!r} is not four comma-separated finite numbers")
    _check_bbox(values)  # type: ignore[arg-type]
    return values  # type: ignore[return-value]


def sort_column(sort: str) -> tuple[str, str, bool]:
    """Map a sort name like ``-event_date`` to (SQL expression, kind, descending)."""
    descending = sort.startswith("-")
    name = sort[1:] if descending else sort
    if name not in SORT_COLUMNS:
        raise InputError(f"sort: {sort!r} is not one of {', '.join(SORT_COLUMNS)} (prefix - for descending)")
    expr, kind = SORT_COLUMNS[name]
    return expr, kind, descending


def fts_match(q: str, normalize: Any, dialect: Dialect = SQLITE) -> str | None:
    """Build the full-text query (FTS5 MATCH, or a PostgreSQL tsquery): every word must occur, as
    written or in its folded (normalised) form."""
    groups = []
    for word in re.findall(r"\w+", q)[:20]:
        groups.append(list(dict.fromkeys(f.lower() for f in [word, *re.findall(r"\w+", normalize(word))])))
    return dialect.fts_query(groups) if groups else None


def encode_cursor(sort: str, value: Any, event_id: str) -> str:
    """Opaque cursor: base64url of the sort name, the last sort value and the last id."""
    raw = json.dumps([sort, value, event_id], ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, sort: str) -> tuple[Any, str]:
    """Return (last sort value, last id); raise InputError for a foreign or broken cursor."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        name, value, event_id = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError) as exc:
        raise InputError(f"cursor: {cursor[:40]!r} is not a cursor this server gave out") from exc
    _expr, kind, _desc = sort_column(sort)
    ok_value = value is None or (isinstance(value, int) and not isinstance(value, bool) if kind == "int"
                                 else isinstance(value, str))
    if name != sort or not ok_value or not isinstance(event_id, str):
        raise InputError(f"cursor: does not belong to sort {sort!r}; start again without a cursor")
    return value, event_id


def keyset_clause(column: str, desc: bool, value: Any, last_id: str) -> tuple[str, list[Any]]:
    """Rows after (value, last_id) in ``column, id`` order; SQLite sorts NULLs first ASC, last DESC."""
    if desc:
        if value is None:
            return f"({column} IS NULL AND id < ?)", [last_id]
        return f"({column} < ? OR ({column} = ? AND id < ?) OR {column} IS NULL)", [value, value, last_id]
    if value is None:
        return f"(({column} IS NULL AND id > ?) OR {column} IS NOT NULL)", [last_id]
    return f"({column} > ? OR ({column} = ? AND id > ?))", [value, value, last_id]


class ResultCache:
    """The latest answers to listing, count and statistics queries, keyed by the store's
    ``events_version`` (bumped by every change to an event): never stale, and the many
    clients of one dashboard asking the same question cost one query. Bounded by an estimate
    of the memory its answers take (least recently used dropped first)."""

    def __init__(self, max_bytes: int = 64_000_000) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[tuple[Any, ...], tuple[Any, int]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def peek(self, key: tuple[Any, ...]) -> Any:
        """The cached answer for ``key``, or None."""
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
            return None if item is None else item[0]

    def get(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        """The cached answer for ``key``, or ``compute()`` (kept for the next caller)."""
        found = self.peek(key)
        if found is not None:
            return found
        value = compute()
        weight = _weight(value)
        if weight > self.max_bytes // 8:  # one huge answer (a 10,000-event page) is not worth keeping
            return value
        with self._lock:
            if key not in self._items:
                self._items[key] = (value, weight)
                self._size += weight
            while self._size > self.max_bytes:
                _, (_, dropped) = self._items.popitem(last=False)
                self._size -= dropped
        return value


def _weight(value: Any) -> int:
    """About how many bytes an answer holds (JSON: its length; a page: ~1 kB an event)."""
    if isinstance(value, (bytes, str)):
        return len(value) + 100
    if isinstance(value, EventPage):
        return 1000 * len(value.events) + 100
    return 20_000 if isinstance(value, dict) else 100


class Queries:
    """Read-only SQL over a marsad store file; one SQLite connection per thread."""

    def __init__(self, path: str | Path, *, normalize: Any = None, shared: sqlite3.Connection | None = None,
                 cache: ResultCache | None = None) -> None:
        self.path = str(path)
        self.dialect = POSTGRES if is_postgres(self.path) else SQLITE
        self._local = threading.local()
        self._normalize = normalize
        self._shared = shared  # an in-memory store can only be read through its own connection
        self.cache = cache or ResultCache()

    def json_answer(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> bytes:
        """``compute()`` as JSON bytes, rendered once per version of the events (the API's answers)."""
        def render() -> bytes:
            return json.dumps(compute(), ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")
        return bytes(self._cached(("json", *key), render))

    def cached_json(self, key: tuple[Any, ...]) -> bytes | None:
        """The JSON ``json_answer`` rendered for ``key`` at the current version, if any (no work done)."""
        version = self._version()
        return None if version is None else self.cache.peek((version, "json", *key))

    def _version(self) -> str | None:
        rows = self._rows("SELECT value FROM meta WHERE key = 'events_version'")
        return rows[0][0] if rows else None  # None: a store without the read side, no version to trust

    def _cached(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        """``compute()``, or its answer from the cache when the events have not changed since."""
        version = self._version()
        return compute() if version is None else self.cache.get((version, *key), compute)

    def connection(self) -> sqlite3.Connection:
        """This thread's connection (opened on first use), or the shared one of an in-memory store."""
        if self._shared is not None:
            return self._shared
        conn = getattr(self._local, "conn", None)
        if conn is None and self.dialect is POSTGRES:
            conn = connect(self.path, read_only=True)
            if current_version(conn) == 0:
                conn.close()
                raise StoreError(f"{label_of(self.path)}: not a marsad database (no marsad schema_version)")
            self._local.conn = conn
        if conn is None:
            try:
                conn = sqlite3.connect(self.path, check_same_thread=False)
            except sqlite3.Error as exc:
                raise StoreError(f"{self.path}: cannot open store: {exc}") from exc
            conn.row_factory = sqlite3.Row
            for pragma in _READ_PRAGMAS:
                conn.execute(pragma)
            self._local.conn = conn
        return conn

    def _rows(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        try:
            return self.connection().execute(sql, params).fetchall()
        except (sqlite3.OperationalError, *self._errors()) as exc:
            raise StoreError(f"{label_of(self.path)}: query failed: {exc}") from exc

    def _errors(self) -> tuple[type[Exception], ...]:
        if self.dialect is SQLITE:
            return ()
        import psycopg

        return (psycopg.Error,)

    # ----- event listing -----
    def where(self, query: EventQuery) -> tuple[str, list[Any]]:
        """The WHERE clause (with bound parameters) for the filters of ``query``."""
        clauses: list[str] = []
        params: list[Any] = []
        for part in (_date_clause, _place_clause, _kind_clause, _actor_clause, _source_clause, self._text_clause):
            part(query, clauses, params)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def _text_clause(self, query: EventQuery, clauses: list[str], params: list[Any]) -> None:
        if not query.q or not query.q.strip():
            return
        match = fts_match(query.q, self._normalizer(), self.dialect)
        if match is None:
            raise InputError(f"q: {query.q[:40]!r} has no words to search for")
        clauses.append(self.dialect.fts_filter)
        params.append(match)

    def _normalizer(self) -> Any:
        if self._normalize is None:
            from marsad.text.normalize import normalize_key

            self._normalize = normalize_key
        return self._normalize

    def _paged(self, query: EventQuery, where: str, params: list[Any]) -> tuple[str, list[Any], str, str]:
        """(``where`` plus the cursor's keyset condition, params, sort column, ASC|DESC)."""
        column, _kind, desc = sort_column(query.sort)
        if query.cursor:
            value, last_id = decode_cursor(query.cursor, query.sort)
            clause, extra = keyset_clause(column, desc, value, last_id)
            where += (" AND " if where else " WHERE ") + clause
            params = [*params, *extra]
        return where, params, column, self.dialect.order(desc)

    def count(self, query: EventQuery) -> int:
        """How many events match the filters (cursor ignored)."""
        return int(self._cached(("count", replace(query, cursor=None, sort="-event_date", limit=100)),
                                lambda: self._count_now(query)))

    def _count_now(self, query: EventQuery) -> int:
        if stats_sql.counted(query):
            return stats_sql.count_from_counts(self._rows, query)
        return self._count(*self.where(query))

    def _count(self, where: str, params: list[Any]) -> int:
        return int(self._rows(f"SELECT COUNT(*) FROM event_facts{where}", params)[0][0])

    def list_events(self, query: EventQuery) -> EventPage:
        """One page of events matching ``query``, in its sort order, and how many match in all."""
        page: EventPage = self._cached(("page", query), lambda: self._page(query))
        return page

    def _page(self, query: EventQuery) -> EventPage:
        total = self.count(query)
        where, params, column, order = self._paged(query, *self.where(query))
        sql = (f"SELECT {LIST_COLUMNS}, {column} AS _sort FROM event_facts{where} "
               f"ORDER BY {column} {order}, id {order.split()[0]} LIMIT ?")
        rows = self._rows(sql, [*params, query.limit + 1])
        more = len(rows) > query.limit
        rows = rows[: query.limit]
        events = [{k: row[k] for k in row.keys() if k != "_sort"} for row in rows]
        cursor = encode_cursor(query.sort, rows[-1]["_sort"], rows[-1]["id"]) if more else None
        return EventPage(events, cursor, total)

    def iter_event_dicts(self, query: EventQuery) -> Iterator[dict[str, Any]]:
        """The page ``query`` selects as full event dicts (``data_json`` plus store columns)."""
        where, params, column, order = self._paged(query, *self.where(query))
        page = (f"SELECT id AS page_id, {column} AS _sort FROM event_facts{where}"
                f" ORDER BY {column} {order}, id {order.split()[0]} LIMIT ?")
        sql = (f"SELECT {RECORD_COLUMNS} FROM ({page}) page JOIN events ON events.id = page_id "
               f"ORDER BY _sort {order}, events.id {order.split()[0]}")
        for row in self._rows(sql, [*params, query.limit]):
            yield event_record(row)

    def iter_all(self, query: EventQuery) -> Iterator[dict[str, Any]]:
        """Every event matching ``query`` as full dicts, page after page (``query.limit`` a page)."""
        name = query.sort.lstrip("-")
        while True:
            page = list(self.iter_event_dicts(query))
            yield from page
            if len(page) < query.limit:
                return
            query = replace(query, cursor=encode_cursor(query.sort, page[-1].get(name), page[-1]["id"]))

    # ----- stats -----
    STAT_PARTS = stats_sql.STAT_PARTS

    def stats(self, query: EventQuery, *, bucket: str = "auto", parts: tuple[str, ...] | None = None,
              counted: bool = True) -> dict[str, Any]:
        """Counts and fatalities overall and by period (and period and type), type, governorate, actor
        and source; ``parts`` picks some of ``STAT_PARTS`` (default all).

        ``counted=False`` groups the matching events themselves even when the kept counts could
        answer (the tests compare both ways).
        """
        chosen = stats_sql.check_parts(parts)
        query = replace(query, cursor=None, sort="-event_date", limit=100)
        return self._cached(("stats", query, bucket, chosen, counted),
                            lambda: stats_sql.stats_dict(self._groups(query, counted), bucket, chosen))

    def _groups(self, query: EventQuery, counted: bool = True) -> stats_sql.Groups:
        """Every breakdown of the events ``query`` selects (cached per version of the events)."""
        query = replace(query, cursor=None, sort="-event_date", limit=100)

        def compute() -> stats_sql.Groups:
            if counted and stats_sql.counted(query):
                return stats_sql.groups_from_counts(self._rows, query)
            return stats_sql.groups_from_facts(self._rows, *self.where(query))
        groups: stats_sql.Groups = self._cached(("groups", query, counted), compute)
        return groups

    def facets(self, query: EventQuery) -> dict[str, list[dict[str, Any]]]:
        """Counts per value of each filter, under every other filter (a value's count if it were added)."""
        out: dict[str, list[dict[str, Any]]] = {}
        for name, part in stats_sql.FACET_PARTS.items():
            others = replace(query, cursor=None, **{name: None})
            if part is None:
                ranked = stats_sql.sub_types_from_facts(self._rows, *self.where(others))
            else:
                ranked = stats_sql.stats_dict(self._groups(others), "day", (part,))[part]
            out[name] = [r for r in ranked if r["key"]]
        return out

    # ----- evidence, articles, tallies -----
    def event_exists(self, event_id: str) -> bool:
        """Whether an event with this id is stored."""
        return bool(self._rows("SELECT 1 FROM events WHERE id = ?", (event_id,)))

    def mentions_of_event(self, event_id: str) -> list[dict[str, Any]]:
        """The event's mentions with their article and extracted Event dict."""
        rows = self._rows("SELECT id, article_id, merge_score, merge_reason, data_json FROM mentions "
                          "WHERE event_id = ? ORDER BY id", (event_id,))
        return [{**{k: r[k] for k in ("id", "article_id", "merge_score", "merge_reason")},
                 "event": json.loads(r["data_json"])} for r in rows]

    def article_row(self, article_id: str) -> dict[str, Any]:
        """An article's metadata and document dict; NotFoundError when unknown."""
        rows = self._rows("SELECT id, url, outlet, language, title, published, duplicate_of, similarity, "
                          "ingested_at, doc_json FROM articles WHERE id = ?", (article_id,))
        if not rows:
            raise NotFoundError(f"article {article_id!r} does not exist")
        row = dict(rows[0])
        row["doc"] = json.loads(row.pop("doc_json"))
        return row

    def article_meta(self, article_ids: list[str]) -> list[dict[str, Any]]:
        """Metadata (no text) of the given articles, in the given order."""
        if not article_ids:
            return []
        marks = ",".join("?" * len(article_ids))
        rows = self._rows(f"SELECT id, url, outlet, language, title, published, duplicate_of FROM articles "
                          f"WHERE id IN ({marks})", article_ids)
        by_id = {r["id"]: dict(r) for r in rows}
        return [by_id[a] for a in article_ids if a in by_id]

    def article_mentions(self, article_id: str) -> list[dict[str, Any]]:
        """Mentions extracted from one article, with the event each now belongs to."""
        rows = self._rows("SELECT id, event_id, data_json FROM mentions WHERE article_id = ? ORDER BY id",
                          (article_id,))
        return [{"id": r["id"], "event_id": r["event_id"], "event": json.loads(r["data_json"])} for r in rows]

    def tallies(self, *, article_id: str | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Stored tallies, newest article first; optionally of one article."""
        if not 1 <= limit <= MAX_LIMIT or offset < 0:
            raise InputError(f"limit/offset: {limit}/{offset} out of range (1..{MAX_LIMIT}, >= 0)")
        where, params = ("WHERE article_id = ?", [article_id]) if article_id else ("", [])
        rows = self._rows(f"SELECT id, article_id, count, what, whose, period_start, period_end, source, data_json "
                          f"FROM tallies {where} ORDER BY id LIMIT ? OFFSET ?", [*params, limit, offset])
        out = []
        for r in rows:
            item = {k: r[k] for k in r.keys() if k != "data_json"}
            item["evidence"] = json.loads(r["data_json"]).get("evidence", [])
            out.append(item)
        return out

    def audit_log(self, *, limit: int = 100, target: str | None = None) -> list[dict[str, Any]]:
        """The most recent audit entries (of one target id, if given), newest first."""
        where, params = ("WHERE target = ? ", [target]) if target else ("", [])
        rows = self._rows(f"SELECT id, at, who, action, target, detail_json FROM audit_log {where}"
                          "ORDER BY id DESC LIMIT ?", [*params, limit])
        return [{**{k: r[k] for k in ("id", "at", "who", "action", "target")},
                 "detail": json.loads(r["detail_json"]) if r["detail_json"] else None} for r in rows]

    def close(self) -> None:
        """Close this thread's own connection (never a shared one)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


def event_record(row: sqlite3.Row) -> dict[str, Any]:
    """A stored event as a dict: data_json plus the ``RECORD_COLUMNS`` (id, sources count, dates, status)."""
    record: dict[str, Any] = json.loads(row["data_json"])
    record.update({k: row[k] for k in ("id", "number_of_sources", "first_reported", "last_updated", "status",
                                       "date_lo", "date_hi", "changed_at")})
    record["corrected"] = json.loads(row["corrected"] or "[]")
    return record


def _date_clause(query: EventQuery, clauses: list[str], params: list[Any]) -> None:
    if query.date_from:
        clauses.append("event_date >= ?")
        params.append(query.date_from)
    if query.date_to:
        clauses.append("event_date >= '0' AND event_date <= ?")  # '0': leaves out partial dates ("--03-12")
        params.append(query.date_to)


def _place_clause(query: EventQuery, clauses: list[str], params: list[Any]) -> None:
    if query.bbox:
        clauses.append("longitude BETWEEN ? AND ? AND latitude BETWEEN ? AND ?")
        params.extend([query.bbox[0], query.bbox[2], query.bbox[1], query.bbox[3]])
    for column in ("admin1", "admin2"):
        values = getattr(query, column)
        if values:
            _any_of(column, values, clauses, params)
    if query.article_id:
        clauses.append("id IN (SELECT event_id FROM mentions WHERE article_id = ?)")
        params.append(query.article_id)


def _kind_clause(query: EventQuery, clauses: list[str], params: list[Any]) -> None:
    for column in ("event_type", "sub_event_type"):
        values = getattr(query, column)
        if values:
            _any_of(column, values, clauses, params)
    if query.status:
        clauses.append("status = ?")
        params.append(query.status)
    if query.min_fatalities is not None:
        clauses.append("fatalities >= ?")
        params.append(query.min_fatalities)


def _actor_clause(query: EventQuery, clauses: list[str], params: list[Any]) -> None:
    """actor1 or actor2 (the indexed columns); associated actors are found by ``q`` full-text search."""
    if query.actor:
        marks = ",".join("?" * len(query.actor))
        clauses.append(f"(actor1 COLLATE NOCASE IN ({marks}) OR actor2 COLLATE NOCASE IN ({marks}))")
        params.extend([*query.actor, *query.actor])


def _source_clause(query: EventQuery, clauses: list[str], params: list[Any]) -> None:
    """A source named by a claim, as the outlet relaying it, or in the event's ACLED ``source`` text."""
    if not query.source:
        return
    clauses.append(f"id IN (SELECT event_id FROM event_sources WHERE name COLLATE NOCASE IN "
                   f"({','.join('?' * len(query.source))}))")
    params.extend(query.source)
