"""Decoded mentions kept between reports, so merging reads each mention's JSON once, not once per
new mention of its event (an event's members were decoded again for every report that joined it).

A cached mention is used only while its row is the one it was decoded from: entries go when their
report is re-stored (``forget_article``), all of them when a transaction rolls back (``clear``) or
another connection commits to the file (``PRAGMA data_version`` changed; on PostgreSQL the count of
write transactions, ``write_count``, grew by more than this one's), and the least recently used ones
beyond ``size``.
"""

from __future__ import annotations

import json
import sqlite3
from collections import OrderedDict
from collections.abc import Sequence
from datetime import date
from typing import Any

from marsad.dedup.score import Mention
from marsad.document import Event
from marsad.store.dialect import dialect_of

# What the mention rows say besides their JSON: a cached mention whose row says otherwise is stale.
_ROW_FIELDS = ("article_id", "outlet", "published", "role", "weekday", "words")
# Event fields the pair score never reads (``marsad.dedup.score``): two mentions alike in every other
# respect score alike against any mention.
_UNSCORED = ("article_ids", "evidence")


def decode_mention(row: Any, data_json: str) -> Mention:
    """A ``Mention`` from a mention row (with its article's outlet and day) and its JSON."""
    published = date.fromisoformat(row["published"]) if row["published"] else None
    words = frozenset((row["words"] or "").split())
    return Mention(row["id"], row["article_id"], Event.from_dict(json.loads(data_json)),
                   row["outlet"], published, row["role"], row["weekday"], words)


class MentionCache:
    """The most recently used decoded mentions, by mention id."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[str, tuple[tuple[Any, ...], Mention]] = OrderedDict()
        self._keys: dict[str, tuple[Mention, str]] = {}  # mention id -> (mention, its scoring key)
        self._version: int | None = None

    def sync(self, conn: sqlite3.Connection, *, own_writes: int = 0) -> None:
        """Forget everything when another connection has committed since the last call (``own_writes``:
        the commits of ours the back-end's version counts since then; on PostgreSQL the open one)."""
        sql = dialect_of(conn).data_version
        version = conn.execute(sql).fetchone()[0] if sql else None
        if version is None or version - own_writes != self._version:
            self.clear()
        self._version = version

    def clear(self) -> None:
        """Forget every mention."""
        self._items.clear()
        self._keys.clear()

    def scoring_key(self, mention: Mention) -> str | None:
        """What the pair score reads of ``mention`` (not its ids, outlet or evidence), as one string (None when
        ``mention`` is not a cached one): mentions with the same key score alike."""
        item = self._items.get(mention.id)
        if item is None or item[1] is not mention:
            return None
        known = self._keys.get(mention.id)
        if known is not None and known[0] is mention:
            return known[1]
        data = {k: v for k, v in mention.event.to_dict().items() if k not in _UNSCORED}
        published = mention.published.isoformat() if mention.published else None
        key = json.dumps([data, published, mention.role, mention.weekday, sorted(mention.words)],
                         sort_keys=True, ensure_ascii=False, default=str)
        self._keys[mention.id] = (mention, key)
        return key

    def forget_article(self, article_id: str) -> None:
        """Forget the mentions of one report (its rows are about to be replaced)."""
        for key in [k for k, (fields, _) in self._items.items() if fields[0] == article_id]:
            del self._items[key]
            self._keys.pop(key, None)

    def mentions(self, conn: sqlite3.Connection, rows: Sequence[sqlite3.Row]) -> list[Mention]:
        """The mentions of ``rows`` (mention rows without their JSON), decoding only the ones not cached."""
        hits: dict[str, Mention] = {}
        for row in rows:
            item = self._items.get(row["id"])
            if item is not None and item[0] == tuple(row[f] for f in _ROW_FIELDS):
                hits[row["id"]] = item[1]
                self._items.move_to_end(row["id"])
        data = _data_json(conn, [r["id"] for r in rows if r["id"] not in hits])
        out = []
        for row in rows:
            mention = hits.get(row["id"])
            if mention is None:
                mention = decode_mention(row, data[row["id"]])
                self._put(row, mention)
            out.append(mention)
        return out

    def _put(self, row: sqlite3.Row, mention: Mention) -> None:
        self._items[row["id"]] = (tuple(row[f] for f in _ROW_FIELDS), mention)
        self._items.move_to_end(row["id"])
        while len(self._items) > self.size:
            key, _ = self._items.popitem(last=False)
            self._keys.pop(key, None)


def _data_json(conn: sqlite3.Connection, mention_ids: list[str]) -> dict[str, str]:
    """Mention id -> its stored JSON."""
    found: dict[str, str] = {}
    for start in range(0, len(mention_ids), 500):
        chunk = mention_ids[start:start + 500]
        found.update(conn.execute(f"SELECT id, data_json FROM mentions WHERE id IN ({','.join('?' * len(chunk))})",
                                  chunk).fetchall())
    return found
