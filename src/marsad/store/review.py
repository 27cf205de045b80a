"""Reviewer writes: status, field corrections and splits, each with history and audit."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import Any

from marsad.dedup.config import DedupConfig
from marsad.dedup.merge import check_field
from marsad.dedup.reprint import Reprint, paragraphs
from marsad.document import Document
from marsad.errors import InputError, NotFoundError
from marsad.store import rows
from marsad.store.merger import AddResult, Merger

STATUSES = ("auto", "reviewed", "rejected")


def _require_event(conn: sqlite3.Connection, event_id: str) -> sqlite3.Row:
    row = rows.event_row(conn, event_id)
    if row is None:
        raise NotFoundError(f"event {event_id} not found")
    return row


def set_status(conn: sqlite3.Connection, event_id: str, status: str, who: str | None) -> None:
    """Mark an event auto, reviewed or rejected."""
    if status not in STATUSES:
        raise InputError(f"event {event_id}: unknown status {status!r} (expected one of {', '.join(STATUSES)})")
    old = _require_event(conn, event_id)["status"]
    conn.execute("UPDATE events SET status = ? WHERE id = ?", (status, event_id))
    detail = {"from": old, "to": status}
    rows.add_history(conn, event_id, "reviewed", detail, who)
    rows.add_audit(conn, who, "set_status", event_id, detail)


def correct_field(merger: Merger, event_id: str, field: str, value: Any, who: str | None) -> None:
    """Record a correction (it outlives re-extraction) and apply it to the merged event."""
    check_field(field)
    conn = merger.conn
    old = json.loads(_require_event(conn, event_id)["data_json"]).get(field)
    conn.execute("INSERT INTO corrections (event_id, field, value_json, who, at) VALUES (?,?,?,?,?)"
                 " ON CONFLICT(event_id, field) DO UPDATE SET value_json = excluded.value_json,"
                 " who = excluded.who, at = excluded.at", (event_id, field, rows.dumps(value), who, rows.now_iso()))
    merger.rebuild(event_id, who=who)
    detail = {"field": field, "from": old, "to": value}
    rows.add_history(conn, event_id, "corrected", detail, who)
    rows.add_audit(conn, who, "correct_field", event_id, detail)


def _mentions_to_move(conn: sqlite3.Connection, event_id: str,
                      mention_ids: list[str] | None) -> tuple[list[str], list[str]]:
    """(moved, staying) mention ids; by default every report but the first one moves."""
    members = [(r["id"], r["article_id"]) for r in rows.mention_rows(conn, event_id)]
    if mention_ids is None:
        first_article = members[0][1]
        moved = [m for m, a in members if a != first_article]
    else:
        unknown = sorted(set(mention_ids) - {m for m, _ in members})
        if unknown:
            raise InputError(f"event {event_id}: mentions {', '.join(unknown)} are not part of it")
        moved = [m for m, _ in members if m in set(mention_ids)]
    staying = [m for m, _ in members if m not in set(moved)]
    if not moved or not staying:
        raise InputError(f"event {event_id}: a split must leave mentions on both sides ({len(members)} mentions)")
    return moved, staying


def split_event(merger: Merger, event_id: str, mention_ids: list[str] | None, who: str | None) -> str:
    """Move mentions to a new event and forbid them ever to rejoin the rest; return the new event id."""
    conn = merger.conn
    _require_event(conn, event_id)
    moved, staying = _mentions_to_move(conn, event_id, mention_ids)
    new_id = merger.new_event_id(moved[0])
    rows.move_mentions(conn, moved, new_id, f"split from {event_id} by {who or 'a reviewer'}")
    rows.add_cannot_link(conn, [(a, b) for a in moved for b in staying], who)
    merger.rebuild(event_id, who=who)
    merger.rebuild(new_id, who=who)
    detail = {"moved": moved, "staying": staying, "new_event": new_id, "old_event": event_id}
    rows.add_history(conn, event_id, "split", detail, who)
    rows.add_history(conn, new_id, "split", detail, who)
    rows.add_audit(conn, who, "split_event", event_id, detail)
    return new_id


def remerge(conn: sqlite3.Connection, config: DedupConfig, who: str | None,
            outlets: Mapping[str, str] | None = None) -> dict[str, int]:
    """Merge every stored report again with ``config`` (e.g. a new threshold).

    Report mentions are unlinked and linked again in report order (publication day, undated
    last, then id: the order a batch is stored in, ``runner.in_report_order``), so the same
    reports give the same events however and in whatever batches they came. An event opened
    again takes the id its first mention's event had, so unchanged clusters keep their id,
    ACLED id, status and corrections, and cannot-link pairs are respected. Imported events
    (``Store.import_events``) stay as they are and remain merge targets.
    """
    kept = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT id, status, event_id_cnty FROM events")}
    linked = dict(conn.execute(f"SELECT id, event_id FROM mentions WHERE NOT {_IMPORTED} ORDER BY id").fetchall())
    touched = list(dict.fromkeys(linked.values()))
    conn.execute(f"DELETE FROM mentions WHERE NOT {_IMPORTED}")
    merger = Merger(conn, config, outlets=outlets, previous_cnty={k: v[1] for k, v in kept.items() if v[1]},
                    previous_ids=linked)
    for event_id in touched:
        merger.rebuild(event_id, who=who)
    for article_id, doc_json, duplicate_of, similarity in conn.execute(
            f"SELECT id, doc_json, duplicate_of, similarity FROM articles WHERE NOT {_IMPORTED_ARTICLE}"
            f" ORDER BY {REPORT_ORDER}").fetchall():
        doc = Document.from_dict(json.loads(doc_json))
        reprint = Reprint(duplicate_of, similarity or 1.0) if duplicate_of else None
        merger.link_document(doc, AddResult(article_id, "updated"), old={}, reprint=reprint,
                             paras=paragraphs(doc.text, config))
    conn.executemany("UPDATE events SET status = ? WHERE id = ? AND status = 'auto'",
                     [(status, event_id) for event_id, (status, _) in kept.items() if status != "auto"])
    after = int(conn.execute("SELECT count(*) FROM events").fetchone()[0])
    counts = {"events_before": len(kept), "events_after": after}
    rows.add_audit(conn, who, "remerge", "*", {**counts, "threshold": config.threshold})
    return counts


_IMPORTED = "article_id LIKE 'import:%'"
# Reports in the order a batch is stored in (``marsad.runner.report_order_key``).
REPORT_ORDER = "coalesce(substr(published, 1, 10), '9999-99-99'), id"
_IMPORTED_ARTICLE = "id LIKE 'import:%'"
