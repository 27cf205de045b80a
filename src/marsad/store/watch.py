"""The watcher's tables (migration 6): sources, the queue of report URLs, leases, faults, watchers.

``WatchState(store)`` writes through the store's connection and lock, one transaction per
change, so a watcher killed at any point leaves every row in a state another watcher (or the
same one, restarted) can carry on from. Work is claimed with a lease (owner + expiry); every
write that finishes a piece of work checks the lease is still ours (``LeaseLost`` otherwise),
so two watchers never both finish the same item.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import sqlite3
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from marsad.errors import InputError, LeaseLost, NotFoundError
from marsad.store.connection import transaction

log = logging.getLogger(__name__)

QUEUED, FETCHED, DONE, SKIPPED, FAILED = "queued", "fetched", "done", "skipped", "failed"
_SOURCE_COLUMNS = ("id, url, outlet, lang, kind, every_s, match, added_at, etag, last_modified, last_poll_at,"
                   " last_ok_at, next_poll_at, failures, polls, errors, new_reports, last_error, last_error_at,"
                   " lease_owner, lease_until")
_ITEM_COLUMNS = ("url, source_id, host, state, signature, item_json, etag, last_modified, body, content_type,"
                 " final_url, body_hash, coded_hash, article_id, attempts, next_try_at, seen_at, queued_at")
_FREE = "(lease_owner IS NULL OR lease_until < ?)"
KEEP_S = 30 * 86400.0  # how long faults and event-feed rows are kept


def new_owner() -> str:
    """A watcher's lease name: host, process id and a random part (a reused pid is another owner)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass(frozen=True, slots=True)
class SourceRow:
    """A watched source as stored."""

    id: int
    url: str
    outlet: str
    lang: str | None
    kind: str
    every_s: float
    match: str | None
    added_at: float
    etag: str | None = None
    last_modified: str | None = None
    last_poll_at: float | None = None
    last_ok_at: float | None = None
    next_poll_at: float = 0.0
    failures: int = 0
    polls: int = 0
    errors: int = 0
    new_reports: int = 0
    last_error: str | None = None
    last_error_at: float | None = None
    lease_owner: str | None = None
    lease_until: float | None = None


@dataclass(frozen=True, slots=True)
class ItemRow:
    """A report URL in the queue, with what its listing said and, once fetched, its bytes."""

    url: str
    source_id: int
    host: str
    state: str
    signature: str | None
    item: dict[str, Any]
    etag: str | None
    last_modified: str | None
    body: bytes | None
    content_type: str | None
    final_url: str | None
    body_hash: str | None
    coded_hash: str | None
    article_id: str | None
    attempts: int
    next_try_at: float
    seen_at: float
    queued_at: float


@dataclass(frozen=True, slots=True)
class Listed:
    """A report URL a listing gave, ready to queue (``item`` is stored as JSON with it)."""

    url: str
    host: str
    signature: str
    item: dict[str, Any] = field(default_factory=dict)


def _source(row: sqlite3.Row) -> SourceRow:
    return SourceRow(*row)


def _item(row: sqlite3.Row) -> ItemRow:
    values = list(row)
    values[5] = json.loads(values[5] or "{}")
    return ItemRow(*values)


class WatchState:
    """Reads and writes of the watcher's tables, through ``store``'s connection and lock."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.conn: sqlite3.Connection = store.conn
        self.lock = store.lock

    @contextmanager
    def _write(self, what: str) -> Iterator[sqlite3.Connection]:
        with self.lock, transaction(self.conn, what):
            yield self.conn

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self.lock:
            return self.conn.execute(sql, params).fetchall()

    # --- sources ------------------------------------------------------------------

    def add_source(self, *, url: str, outlet: str, lang: str | None, kind: str, every_s: float,
                   match: str | None = None) -> SourceRow:
        """Add a source (due at once); raise ``InputError`` when the URL is already watched."""
        with self._write(f"source {url}") as conn:
            found = conn.execute("SELECT id FROM watch_sources WHERE url = ?", (url,)).fetchone()
            if found:
                raise InputError(f"{url}: already watched (source {found[0]})")
            conn.execute("INSERT INTO watch_sources (url, outlet, lang, kind, every_s, match, added_at)"
                         " VALUES (?,?,?,?,?,?,?)", (url, outlet, lang, kind, every_s, match, time.time()))
        return self.source(url)

    def sources(self) -> list[SourceRow]:
        """Every watched source, in the order they were added."""
        return [_source(r) for r in self._read(f"SELECT {_SOURCE_COLUMNS} FROM watch_sources ORDER BY id")]

    def source(self, key: str | int) -> SourceRow:
        """A source by id or URL; raise ``NotFoundError`` when there is none."""
        column = "id" if str(key).isdigit() else "url"
        rows = self._read(f"SELECT {_SOURCE_COLUMNS} FROM watch_sources WHERE {column} = ?", (key,))
        if not rows:
            raise NotFoundError(f"no watched source {key!r} (see: marsad sources list)")
        return _source(rows[0])

    def remove_source(self, key: str | int) -> SourceRow:
        """Stop watching a source: its queued work goes; reports already coded stay stored."""
        source = self.source(key)
        with self._write(f"source {source.url}") as conn:
            conn.execute("DELETE FROM watch_items WHERE source_id = ? AND state IN (?, ?)",
                         (source.id, QUEUED, FETCHED))
            conn.execute("DELETE FROM watch_sources WHERE id = ?", (source.id,))
        return source

    def due_sources(self, now: float, *, every_one: bool = False) -> list[SourceRow]:
        """Sources due for a poll and not being polled; ``every_one``: all but those backing off."""
        due = "(failures = 0 OR next_poll_at <= ?)" if every_one else "next_poll_at <= ?"
        sql = f"SELECT {_SOURCE_COLUMNS} FROM watch_sources WHERE {due} AND {_FREE} ORDER BY next_poll_at, id"
        return [_source(r) for r in self._read(sql, (now, now))]

    def claim_source(self, source_id: int, owner: str, now: float, lease_s: float) -> bool:
        """Take the lease on a source for one poll; False when another watcher holds it."""
        with self._write(f"source {source_id}") as conn:
            cursor = conn.execute(f"UPDATE watch_sources SET lease_owner = ?, lease_until = ? WHERE id = ? AND {_FREE}",
                                  (owner, now + lease_s, source_id, now))
            return cursor.rowcount == 1

    def finish_poll(self, source_id: int, owner: str, listed: Iterable[Listed], *, now: float, next_at: float,
                    etag: str | None, last_modified: str | None) -> int:
        """Queue what a successful poll listed (new URLs, and known ones whose listing changed);
        return how many were queued."""
        with self._write(f"source {source_id}") as conn:
            queued = sum(_queue(conn, source_id, entry, now) for entry in listed)
            conn.execute("UPDATE watch_sources SET last_poll_at = ?, last_ok_at = ?, next_poll_at = ?, failures = 0,"
                         " polls = polls + 1, etag = coalesce(?, etag), last_modified = coalesce(?, last_modified),"
                         " lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner IS ?",
                         (now, now, next_at, etag, last_modified, source_id, owner))
        return queued

    def fail_poll(self, source_id: int, owner: str, *, now: float, next_at: float, kind: str, reason: str) -> None:
        """Record a failed poll: the fault, one more consecutive failure, the next (backed-off) poll."""
        with self._write(f"source {source_id}") as conn:
            conn.execute("UPDATE watch_sources SET last_poll_at = ?, next_poll_at = ?, failures = failures + 1,"
                         " polls = polls + 1, lease_owner = NULL, lease_until = NULL"
                         " WHERE id = ? AND lease_owner IS ?", (now, next_at, source_id, owner))
            _fault(conn, source_id, None, kind, reason, now)

    def add_fault(self, source_id: int | None, url: str | None, kind: str, reason: str) -> None:
        """Record a fault that is not a failed poll (a page, an alert delivery)."""
        with self._write(f"fault {kind}") as conn:
            _fault(conn, source_id, url, kind, reason, time.time())

    def faults(self, *, source_id: int | None = None, limit: int = 20) -> list[dict[str, Any]]:
        """The latest faults, newest first (of one source, or all)."""
        where, params = ("WHERE source_id = ?", [source_id]) if source_id is not None else ("", [])
        rows = self._read(f"SELECT at, source_id, url, kind, reason FROM watch_faults {where}"
                          " ORDER BY id DESC LIMIT ?", [*params, limit])
        return [dict(zip(("at", "source_id", "url", "kind", "reason"), r)) for r in rows]

    def fault_counts(self) -> dict[int, dict[str, int]]:
        """Faults per source and kind."""
        counts: dict[int, dict[str, int]] = {}
        for source_id, kind, n in self._read("SELECT source_id, kind, count(*) FROM watch_faults"
                                             " WHERE source_id IS NOT NULL GROUP BY source_id, kind"):
            counts.setdefault(source_id, {})[kind] = n
        return counts

    # --- the queue of report URLs -----------------------------------------------------

    def ready_items(self, state: str, now: float, *, limit: int) -> list[ItemRow]:
        """Items in ``state`` that are due and not leased, oldest first."""
        sql = (f"SELECT {_ITEM_COLUMNS} FROM watch_items WHERE state = ? AND next_try_at <= ? AND {_FREE}"
               " ORDER BY queued_at, url LIMIT ?")
        return [_item(r) for r in self._read(sql, (state, now, now, limit))]

    def oldest_per_host(self, now: float, *, limit: int = 500) -> list[ItemRow]:
        """The oldest due, unleased queued item of each host (so no host waits behind another's backlog)."""
        sql = (f"SELECT {_ITEM_COLUMNS} FROM watch_items WHERE url IN (SELECT url FROM (SELECT url, row_number()"
               " OVER (PARTITION BY host ORDER BY queued_at, url) AS n FROM watch_items WHERE state = ?"
               f" AND next_try_at <= ? AND {_FREE}) q WHERE n = 1)"
               " ORDER BY queued_at, url LIMIT ?")
        return [_item(r) for r in self._read(sql, (QUEUED, now, now, limit))]

    def claim_items(self, urls: Sequence[str], state: str, owner: str, now: float, lease_s: float) -> list[ItemRow]:
        """Take the lease on those of ``urls`` still in ``state`` and free; return them."""
        claimed: list[str] = []
        with self._write("claim items") as conn:
            for url in urls:
                cursor = conn.execute(f"UPDATE watch_items SET lease_owner = ?, lease_until = ?"
                                      f" WHERE url = ? AND state = ? AND {_FREE}", (owner, now + lease_s, url, state, now))
                if cursor.rowcount:
                    claimed.append(url)
        if not claimed:
            return []
        marks = ",".join("?" * len(claimed))
        rows = self._read(f"SELECT {_ITEM_COLUMNS} FROM watch_items WHERE url IN ({marks}) ORDER BY queued_at, url",
                          claimed)
        return [_item(r) for r in rows]

    def save_fetched(self, item: ItemRow, owner: str, *, body: bytes, body_hash: str, content_type: str | None,
                     final_url: str, etag: str | None, last_modified: str | None, now: float) -> None:
        """Keep the fetched bytes (state ``fetched``): from here on a crash loses nothing."""
        with self._write(f"item {item.url}") as conn:
            _fenced(conn.execute(
                "UPDATE watch_items SET state = ?, body = ?, body_hash = ?, content_type = ?, final_url = ?,"
                " etag = ?, last_modified = ?, fetched_at = ?, attempts = 0, error = NULL, lease_owner = NULL,"
                " lease_until = NULL WHERE url = ? AND lease_owner IS ?",
                (FETCHED, body, body_hash, content_type, final_url, etag, last_modified, now, item.url, owner)), item)

    def finish_unchanged(self, item: ItemRow, owner: str, *, now: float) -> None:
        """The page did not change since it was coded (304, or the same bytes): done again."""
        with self._write(f"item {item.url}") as conn:
            _fenced(conn.execute("UPDATE watch_items SET state = ?, fetched_at = ?, attempts = 0, error = NULL,"
                                 " lease_owner = NULL, lease_until = NULL WHERE url = ? AND lease_owner IS ?",
                                 (DONE, now, item.url, owner)), item)

    def retry_item(self, item: ItemRow, owner: str, *, next_at: float, kind: str, reason: str, now: float) -> None:
        """A transient fault: try the item again at ``next_at``."""
        with self._write(f"item {item.url}") as conn:
            _fenced(conn.execute("UPDATE watch_items SET attempts = attempts + 1, next_try_at = ?, error = ?,"
                                 " lease_owner = NULL, lease_until = NULL WHERE url = ? AND lease_owner IS ?",
                                 (next_at, reason, item.url, owner)), item)
            _fault(conn, item.source_id, item.url, kind, reason, now)

    def drop_item(self, item: ItemRow, owner: str, *, state: str, kind: str, reason: str, now: float) -> None:
        """Give an item up (``skipped``: it is not a report or may not be fetched; ``failed``: faults
        went on too long); a later change in its listing queues it again."""
        with self._write(f"item {item.url}") as conn:
            _fenced(conn.execute("UPDATE watch_items SET state = ?, body = NULL, error = ?, attempts = attempts + 1,"
                                 " lease_owner = NULL, lease_until = NULL WHERE url = ? AND lease_owner IS ?",
                                 (state, reason, item.url, owner)), item)
            _fault(conn, item.source_id, item.url, kind, reason, now)

    def mark_coded(self, conn: sqlite3.Connection, item: ItemRow, owner: str, *, article_id: str, changed: bool,
                   now: float) -> None:
        """Inside the store's transaction for the report: the item is done (its bytes dropped).
        Raise ``LeaseLost`` (rolling the report back) when another watcher took the item over."""
        _fenced(conn.execute("UPDATE watch_items SET state = ?, body = NULL, coded_hash = body_hash, article_id = ?,"
                             " coded_at = ?, attempts = 0, error = NULL, lease_owner = NULL, lease_until = NULL"
                             " WHERE url = ? AND lease_owner IS ?", (DONE, article_id, now, item.url, owner)), item)
        if changed:
            conn.execute("UPDATE watch_sources SET new_reports = new_reports + 1 WHERE id = ?", (item.source_id,))

    def item(self, url: str) -> ItemRow:
        """One queued URL; raise ``NotFoundError`` when it is not known."""
        rows = self._read(f"SELECT {_ITEM_COLUMNS} FROM watch_items WHERE url = ?", (url,))
        if not rows:
            raise NotFoundError(f"{url}: not in the watch queue")
        return _item(rows[0])

    def item_counts(self) -> dict[int, dict[str, int]]:
        """Items per source and state."""
        counts: dict[int, dict[str, int]] = {}
        for source_id, state, n in self._read("SELECT source_id, state, count(*) FROM watch_items"
                                              " GROUP BY source_id, state"):
            counts.setdefault(source_id, {})[state] = n
        return counts

    def backlog_ages(self, now: float) -> dict[int, float]:
        """Per source: how long its oldest queued or fetched item has waited, in seconds."""
        rows = self._read("SELECT source_id, min(queued_at) FROM watch_items WHERE state IN (?, ?) GROUP BY source_id",
                          (QUEUED, FETCHED))
        return {source_id: now - oldest for source_id, oldest in rows}

    def item_lags(self, *, per_source: int = 20) -> dict[int, list[float]]:
        """Per source: seconds from being found to being coded, for its latest coded items."""
        rows = self._read("SELECT source_id, coded_at - queued_at FROM (SELECT source_id, coded_at, queued_at,"
                          " row_number() OVER (PARTITION BY source_id ORDER BY coded_at DESC) AS n"
                          " FROM watch_items WHERE coded_at IS NOT NULL AND coded_at >= queued_at) q WHERE n <= ?",
                          (per_source,))
        lags: dict[int, list[float]] = {}
        for source_id, lag in rows:
            lags.setdefault(source_id, []).append(lag)
        return lags

    # --- watchers and leases --------------------------------------------------------

    def register(self, owner: str) -> None:
        """Record a starting watcher."""
        host, pid, _ = owner.split(":", 2)
        now = time.time()
        with self._write(f"watcher {owner}") as conn:
            conn.execute("INSERT INTO watchers (owner, host, pid, started_at, heartbeat_at) VALUES (?,?,?,?,?)"
                         " ON CONFLICT (owner) DO UPDATE SET host = excluded.host, pid = excluded.pid,"
                         " started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at, stopped_at = NULL",
                         (owner, host, int(pid), now, now))

    def heartbeat(self, owner: str, *, now: float, lease_s: float) -> None:
        """Say this watcher is alive and extend every lease it holds."""
        with self._write(f"watcher {owner}") as conn:
            conn.execute("UPDATE watchers SET heartbeat_at = ? WHERE owner = ?", (now, owner))
            for table in ("watch_sources", "watch_items", "alerts"):
                conn.execute(f"UPDATE {table} SET lease_until = ? WHERE lease_owner = ?", (now + lease_s, owner))

    def stop(self, owner: str) -> None:
        """Record a watcher stopping cleanly: its leases are released."""
        with self._write(f"watcher {owner}") as conn:
            conn.execute("UPDATE watchers SET stopped_at = ? WHERE owner = ?", (time.time(), owner))
            _release(conn, owner)

    def watchers(self) -> list[dict[str, Any]]:
        """Watchers that have not stopped cleanly, latest heartbeat first."""
        rows = self._read("SELECT owner, host, pid, started_at, heartbeat_at FROM watchers WHERE stopped_at IS NULL"
                          " ORDER BY heartbeat_at DESC")
        return [dict(zip(("owner", "host", "pid", "started_at", "heartbeat_at"), r)) for r in rows]

    def prune(self, *, now: float, keep_s: float = KEEP_S) -> int:
        """Forget faults and event-feed rows older than ``keep_s`` (the stream and alert rules read
        recent rows only; a rule not run for that long starts again from what is left)."""
        with self._write("prune watch history") as conn:
            gone = conn.execute("DELETE FROM watch_faults WHERE at < ?", (now - keep_s,)).rowcount
            gone += conn.execute("DELETE FROM event_feed WHERE at < ?", (now - keep_s,)).rowcount
            conn.execute("DELETE FROM watchers WHERE stopped_at IS NOT NULL AND stopped_at < ?", (now - keep_s,))
        return gone

    def reclaim(self, *, now: float, stale_s: float) -> list[str]:
        """Release the leases of watchers that are gone: a dead process on this host, or no
        heartbeat for ``stale_s`` seconds anywhere. Return their names."""
        here = socket.gethostname()
        gone = [w["owner"] for w in self.watchers()
                if w["heartbeat_at"] < now - stale_s or (w["host"] == here and not _alive(w["pid"]))]
        if gone:
            with self._write("reclaim leases") as conn:
                for owner in gone:
                    conn.execute("UPDATE watchers SET stopped_at = ? WHERE owner = ?", (now, owner))
                    _release(conn, owner)
            log.info("took over the work of stopped watchers: %s", ", ".join(gone))
        return gone


def _queue(conn: sqlite3.Connection, source_id: int, entry: Listed, now: float) -> int:
    """Queue one listed URL: new, or known with a changed listing (and not already waiting)."""
    row = conn.execute("SELECT state, signature FROM watch_items WHERE url = ?", (entry.url,)).fetchone()
    item_json = json.dumps(entry.item, ensure_ascii=False)
    if row is None:
        conn.execute("INSERT INTO watch_items (url, source_id, host, state, signature, item_json, seen_at, queued_at)"
                     " VALUES (?,?,?,?,?,?,?,?)", (entry.url, source_id, entry.host, QUEUED, entry.signature,
                                                     item_json, now, now))
        return 1
    state, signature = row
    if signature == entry.signature or state in (QUEUED, FETCHED):
        return 0
    conn.execute("UPDATE watch_items SET state = ?, signature = ?, item_json = ?, attempts = 0, next_try_at = 0,"
                 " queued_at = ?, error = NULL WHERE url = ?", (QUEUED, entry.signature, item_json, now, entry.url))
    return 1


def _fault(conn: sqlite3.Connection, source_id: int | None, url: str | None, kind: str, reason: str,
           now: float) -> None:
    """Log a fault and count it against its source."""
    conn.execute("INSERT INTO watch_faults (at, source_id, url, kind, reason) VALUES (?,?,?,?,?)",
                 (now, source_id, url, kind, reason))
    if source_id is not None:
        conn.execute("UPDATE watch_sources SET errors = errors + 1, last_error = ?, last_error_at = ? WHERE id = ?",
                     (f"{kind}: {reason}", now, source_id))


def _fenced(cursor: sqlite3.Cursor, item: ItemRow) -> None:
    """Raise ``LeaseLost`` when a lease-checked update touched no row."""
    if cursor.rowcount != 1:
        raise LeaseLost(f"{item.url}: another watcher has taken this item over; this watcher's work is dropped")


def _release(conn: sqlite3.Connection, owner: str) -> None:
    for table in ("watch_sources", "watch_items", "alerts"):
        conn.execute(f"UPDATE {table} SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?", (owner,))


def _alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine (a zombie, killed but not reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except OSError:
        return True
