"""The event feed and the alert outbox (migration 6).

``event_feed`` is filled by triggers on ``events``: every insert, change and delete, whoever
wrote it (a watcher, ``marsad ingest``, a reviewer). The dashboard's live stream reads it,
and so do alert rules, each through its own cursor. An alert is one row per rule, event and
version of the event's coded fields (``UNIQUE``), written before it is delivered; delivery
marks it, so a crash between the two repeats a delivery at most, never an alert.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from marsad.store.connection import transaction
from marsad.store.queries import RECORD_COLUMNS
from marsad.store.queries import event_record as _record

log = logging.getLogger(__name__)

_ALERT_COLUMNS = ("id, rule, event_id, fingerprint, kind, created_at, payload_json, webhook, webhook_state,"
                  " webhook_attempts, log_path, log_state")
_FREE = "(lease_owner IS NULL OR lease_until < ?)"


@dataclass(frozen=True, slots=True)
class Change:
    """An event changed since a rule last looked: its latest feed position and current record
    (None once deleted)."""

    seq: int
    event_id: str
    kind: str  # new | updated | deleted (new wins when an event was created and changed in one batch)
    record: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class Draft:
    """An alert to record: the rule, the event, the version of its fields, and what to deliver."""

    rule: str
    event_id: str
    fingerprint: str
    payload: dict[str, Any]
    webhook: str | None
    log_path: str | None


@dataclass(frozen=True, slots=True)
class AlertRow:
    """A recorded alert and where it still has to go."""

    id: int
    rule: str
    event_id: str
    fingerprint: str
    kind: str
    created_at: float
    payload: dict[str, Any]
    webhook: str | None
    webhook_state: str
    webhook_attempts: int
    log_path: str | None
    log_state: str


def feed_after(conn: sqlite3.Connection, seq: int, *, limit: int = 500) -> list[tuple[int, str, str, float]]:
    """Feed rows after ``seq``: (seq, event_id, kind, at)."""
    return [tuple(r) for r in conn.execute("SELECT seq, event_id, kind, at FROM event_feed WHERE seq > ?"
                                           " ORDER BY seq LIMIT ?", (seq, limit))]  # type: ignore[misc]


def feed_rows(conn: sqlite3.Connection, after: int, *, limit: int = 200) -> list[dict[str, Any]]:
    """The live stream: feed rows after ``after``, the latest per event, each with the event's listing
    row (as /api/events gives it; None once deleted), in feed order."""
    from marsad.store.queries import LIST_COLUMNS

    latest: dict[str, dict[str, Any]] = {}
    for seq, event_id, kind, at in feed_after(conn, after, limit=limit):
        before = latest.pop(event_id, None)
        first_kind = "new" if before and before["kind"] == "new" and kind != "deleted" else kind
        latest[event_id] = {"seq": seq, "event_id": event_id, "kind": first_kind, "at": at}
    for change in latest.values():
        row = conn.execute(f"SELECT {LIST_COLUMNS} FROM event_facts WHERE id = ?", (change["event_id"],)).fetchone()
        change["event"] = dict(row) if row is not None else None
    return list(latest.values())


def last_seq(conn: sqlite3.Connection) -> int:
    """The latest feed position (0 for an empty feed)."""
    return int(conn.execute("SELECT coalesce(max(seq), 0) FROM event_feed").fetchone()[0])


def event_records(conn: sqlite3.Connection, event_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Current records of events (merged fields + store columns + ``article_urls``), by id."""
    out: dict[str, dict[str, Any]] = {}
    for event_id in dict.fromkeys(event_ids):
        row = conn.execute(f"SELECT {RECORD_COLUMNS}, rowid FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            continue
        record = _record(row)
        record["rowid"] = row["rowid"]
        ids = record.get("article_ids") or []
        marks = ",".join("?" * len(ids))
        record["article_urls"] = [r[0] for r in conn.execute(
            f"SELECT url FROM articles WHERE id IN ({marks}) AND url IS NOT NULL ORDER BY id", ids)] if ids else []
        out[event_id] = record
    return out


def all_event_records(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every stored event's record, in the order the events were first stored."""
    ids = [r[0] for r in conn.execute("SELECT id FROM events ORDER BY rowid")]
    records = event_records(conn, ids)
    return [records[i] for i in ids if i in records]


def pair_seen_before(conn: sqlite3.Connection, event_id: str, rowid: int, actors: tuple[str, str]) -> bool:
    """Whether an earlier stored event (not rejected) has the same two actors, either way round."""
    a, b = actors
    row = conn.execute("SELECT 1 FROM events WHERE rowid < ? AND id != ? AND status != 'rejected' AND"
                       " ((actor1 = ? AND actor2 = ?) OR (actor1 = ? AND actor2 = ?)) LIMIT 1",
                       (rowid, event_id, a, b, b, a)).fetchone()
    return row is not None


class AlertStore:
    """Cursors, recorded alerts and their delivery, through ``store``'s connection and lock."""

    def __init__(self, store: Any) -> None:
        self.conn: sqlite3.Connection = store.conn
        self.lock = store.lock

    @contextmanager
    def _write(self, what: str) -> Iterator[sqlite3.Connection]:
        with self.lock, transaction(self.conn, what):
            yield self.conn

    def cursors(self, rules: Sequence[str]) -> dict[str, int]:
        """Each rule's feed position; a rule seen for the first time starts at the end of the feed
        (it alerts on what changes from now on: ``marsad alerts test`` shows the past)."""
        with self._write("alert cursors") as conn:
            end = last_seq(conn)
            for rule in rules:
                conn.execute("INSERT INTO alert_cursors (rule, seq) VALUES (?, ?) ON CONFLICT DO NOTHING", (rule, end))
            marks = ",".join("?" * len(rules))
            return dict(conn.execute(f"SELECT rule, seq FROM alert_cursors WHERE rule IN ({marks})", list(rules)))

    def changes(self, after: int, *, limit: int = 500) -> tuple[int, list[Change]]:
        """Events changed after feed position ``after`` (at most ``limit`` feed rows), one per event,
        and the last feed position read."""
        with self.lock:
            rows = feed_after(self.conn, after, limit=limit)
            latest: dict[str, tuple[int, str]] = {}
            for seq, event_id, kind, _at in rows:
                before = latest.get(event_id)
                latest[event_id] = (seq, "new" if kind == "new" or (before and before[1] == "new") else kind)
            records = event_records(self.conn, list(latest))
        last = rows[-1][0] if rows else after
        return last, [Change(seq, event_id, kind, records.get(event_id))
                      for event_id, (seq, kind) in sorted(latest.items(), key=lambda x: x[1][0])]

    def pair_seen_before(self, event_id: str, rowid: int, actors: tuple[str, str]) -> bool:
        with self.lock:
            return pair_seen_before(self.conn, event_id, rowid, actors)

    def record(self, drafts: Sequence[Draft], cursors: dict[str, int]) -> int:
        """Record new alerts (a rule, event and version already alerted is skipped) and move the
        rules' cursors forward, in one transaction; return how many alerts were new."""
        now = time.time()
        added = 0
        with self._write("record alerts") as conn:
            for draft in drafts:
                added += _insert(conn, draft, now)
            for rule, seq in cursors.items():
                conn.execute("UPDATE alert_cursors SET seq = max(seq, ?) WHERE rule = ?", (seq, rule))
        return added

    def claim(self, owner: str, *, now: float, lease_s: float, limit: int = 50) -> list[AlertRow]:
        """Take the lease on alerts still to be written to their log or posted to their webhook."""
        todo = ("(log_state = 'pending' OR (webhook_state = 'pending' AND webhook_next_at <= ?))")
        with self._write("claim alerts") as conn:
            ids = [r[0] for r in conn.execute(f"SELECT id FROM alerts WHERE {todo} AND {_FREE} ORDER BY id LIMIT ?",
                                              (now, now, limit))]
            for alert_id in ids:
                conn.execute("UPDATE alerts SET lease_owner = ?, lease_until = ? WHERE id = ?",
                             (owner, now + lease_s, alert_id))
            marks = ",".join("?" * len(ids))
            rows = conn.execute(f"SELECT {_ALERT_COLUMNS} FROM alerts WHERE id IN ({marks}) ORDER BY id", ids)
            return [_alert(r) for r in rows] if ids else []

    def due(self, now: float) -> bool:
        """Whether some alert waits for delivery now (and nobody is delivering it)."""
        with self.lock:
            return self.conn.execute(
                "SELECT 1 FROM alerts WHERE (log_state = 'pending' OR (webhook_state = 'pending'"
                f" AND webhook_next_at <= ?)) AND {_FREE} LIMIT 1", (now, now)).fetchone() is not None

    def log_written(self, alert_id: int) -> None:
        with self._write(f"alert {alert_id}") as conn:
            conn.execute("UPDATE alerts SET log_state = 'written' WHERE id = ?", (alert_id,))

    def webhook_done(self, alert_id: int, *, state: str, error: str | None = None, next_at: float = 0.0) -> None:
        """Record a delivery attempt: ``sent``, ``pending`` again at ``next_at``, or ``failed``."""
        with self._write(f"alert {alert_id}") as conn:
            conn.execute("UPDATE alerts SET webhook_state = ?, webhook_attempts = webhook_attempts + 1,"
                         " webhook_error = ?, webhook_next_at = ?, sent_at = CASE WHEN ? = 'sent' THEN ? END"
                         " WHERE id = ?", (state, error, next_at, state, time.time(), alert_id))

    def release(self, alert_ids: Sequence[int], owner: str) -> None:
        with self._write("release alerts") as conn:
            for alert_id in alert_ids:
                conn.execute("UPDATE alerts SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?",
                             (alert_id, owner))

    def alerts(self, *, limit: int = 100) -> list[AlertRow]:
        """The latest recorded alerts, newest first."""
        with self.lock:
            rows = self.conn.execute(f"SELECT {_ALERT_COLUMNS} FROM alerts ORDER BY id DESC LIMIT ?", (limit,))
            return [_alert(r) for r in rows]

    def counts(self) -> dict[str, int]:
        """Alerts by delivery state: recorded, webhook pending / sent / failed, log pending."""
        with self.lock:
            one = lambda sql: int(self.conn.execute(sql).fetchone()[0])  # noqa: E731
            return {
                "recorded": one("SELECT count(*) FROM alerts"),
                "webhook_pending": one("SELECT count(*) FROM alerts WHERE webhook_state = 'pending'"),
                "webhook_sent": one("SELECT count(*) FROM alerts WHERE webhook_state = 'sent'"),
                "webhook_failed": one("SELECT count(*) FROM alerts WHERE webhook_state = 'failed'"),
                "log_pending": one("SELECT count(*) FROM alerts WHERE log_state = 'pending'"),
            }


def _insert(conn: sqlite3.Connection, draft: Draft, now: float) -> int:
    """Insert one alert unless its rule, event and fingerprint are recorded already."""
    known = conn.execute("SELECT fingerprint FROM alerts WHERE rule = ? AND event_id = ?",
                         (draft.rule, draft.event_id)).fetchall()
    if any(r[0] == draft.fingerprint for r in known):
        return 0
    kind = "updated" if known else "new"
    payload = dict(draft.payload, kind=kind, alert_id=f"{draft.rule}/{draft.event_id}/{draft.fingerprint[:12]}")
    conn.execute("INSERT INTO alerts (rule, event_id, fingerprint, kind, created_at, payload_json, webhook,"
                 " webhook_state, log_path, log_state) VALUES (?,?,?,?,?,?,?,?,?,?)",
                 (draft.rule, draft.event_id, draft.fingerprint, kind, now, json.dumps(payload, ensure_ascii=False),
                  draft.webhook, "pending" if draft.webhook else "none", draft.log_path,
                  "pending" if draft.log_path else "none"))
    return 1


def _alert(row: sqlite3.Row) -> AlertRow:
    values = list(row)
    values[6] = json.loads(values[6])
    return AlertRow(*values)
