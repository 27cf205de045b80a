"""``Store``: the SQLite event store every other part reads and writes through."""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType, TracebackType
from typing import Any, TypeVar

from marsad.dedup.config import DedupConfig
from marsad.dedup.reprint import (
    Reprint,
    ReprintIndex,
    paragraph_share,
    paragraphs,
    signature,
    signature_bytes,
    signature_from_bytes,
)
from marsad.dedup.score import Mention, pair_levels, score_pair
from marsad.document import Document, Event, Tally
from marsad.errors import ConflictError, InputError, NotFoundError, StoreError
from marsad.store import bulk, review, rows
from marsad.store.connection import connect, label_of, resolve_path, transaction
from marsad.store.dialect import dialect_of
from marsad.store.mention_cache import MentionCache
from marsad.store.merger import AddResult, Merger
from marsad.store.migrations import migrate
from marsad.store.queries import RECORD_COLUMNS as _RECORD_COLUMNS
from marsad.store.queries import event_record as _record
from marsad.text.normalize import normalize_key

log = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])


def _locked(method: F) -> F:
    """Run a read under the store's lock: writers share the connection, so a read must not see
    another thread's transaction half done."""
    @functools.wraps(method)
    def wrapper(self: "Store", *args: Any, **kwargs: Any) -> Any:
        with self.lock:
            return method(self, *args, **kwargs)
    return wrapper  # type: ignore[return-value]


class Store:
    """A marsad event store in one SQLite file (WAL mode, foreign keys on, migrated on open) or in a
    PostgreSQL database (``Store("postgresql://user@host/dbname")``, same schema and behaviour).

    ``Store(path)`` opens or creates ``path`` (default: ``marsad.sqlite`` in the
    user's data directory; ":memory:" for a throw-away store). Writes run one
    transaction each and are serialised by ``lock``; ``conn`` is for readers
    that need SQL (the API's queries).
    """

    def __init__(self, path: str | Path | None = None, *, config: DedupConfig | None = None) -> None:
        self.path = resolve_path(path)
        self.label = label_of(self.path)
        self.config = config or DedupConfig()
        self.lock = threading.RLock()
        self.conn: sqlite3.Connection = connect(self.path)
        try:
            migrate(self.conn, self.label)
        except StoreError:
            self.conn.close()
            raise
        self._reprints: ReprintIndex | None = None
        self._indexed_rowid = 0
        self._mentions = MentionCache(self.config.mention_cache)

    # --- lifecycle ---------------------------------------------------------------

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.label!r})"

    # --- writing reports ---------------------------------------------------------

    def add_document(self, doc: Document, *, force: bool = False, who: str | None = None, replace: bool = True,
                     also: Callable[[sqlite3.Connection, AddResult], None] | None = None) -> AddResult:
        """Store a report and merge its events into the store's events, in one transaction.

        The same id with the same text is skipped ("unchanged") unless ``force`` (a newer
        extractor's events for the same text); with changed text the stored version is kept
        in ``article_versions`` and the report's mentions and tallies are replaced and
        re-merged ("updated") — or, with ``replace=False``, ``ConflictError`` is raised and
        nothing changes. A near-copy of a stored report is linked to it ("duplicate").
        ``who`` (a token name) signs the history rows and the audit entry of the change.
        Another process storing the same report at the same time is seen under the write
        lock: the second one finds it "unchanged". ``also(conn, result)`` runs inside the same
        transaction (the watcher marks its queue there), so both are written or neither is.
        """
        return self._store(doc, force=force, who=who, replace=replace, action="ingest", also=also)

    def _store(self, doc: Document, *, force: bool, who: str | None, replace: bool, action: str,
               detail: dict[str, Any] | None = None,
               also: Callable[[sqlite3.Connection, AddResult], None] | None = None) -> AddResult:
        if not doc.id or not doc.text.strip():
            raise InputError(f"article {doc.id or '(no id)'}: cannot store a report without an id and text")
        with self.lock:
            digest = rows.content_hash(doc.text)
            if rows.article_hash(self.conn, doc.id) == digest and not force:  # fast path, no write lock
                return self._unchanged(doc.id, also)
            sig = signature(doc.text, self.config)
            with self._writing(f"article {doc.id}"):
                stored = rows.article_hash(self.conn, doc.id)  # again, now that no one else can write
                if stored == digest and not force:
                    result = self._unchanged(doc.id)
                    if also is not None:
                        also(self.conn, result)
                    return result
                if stored is not None and stored != digest and not replace:
                    raise ConflictError(f"article {doc.id} is already stored with another text; replacing it "
                                        "must be asked for (the stored version is kept and can be restored)")
                result = self._write(doc, sig, digest, stored, who=who)
                if who is not None:
                    self._audit_write(doc, result, who, action, {**(detail or {}), "replaced": stored is not None})
                if also is not None:
                    also(self.conn, result)
            if self._reprints is not None and stored is not None:
                self._reprints.add(doc.id, sig)  # a changed text keeps its rowid: refresh it here
            log.info("%s: %s, %d events", doc.id, result.status, len(result.event_ids))
            return result

    def _unchanged(self, article_id: str,
                   also: Callable[[sqlite3.Connection, AddResult], None] | None = None) -> AddResult:
        """The result for a report stored with the same text; ``also`` still runs, in its own transaction."""
        result = AddResult(article_id, "unchanged", event_ids=self._article_event_ids(article_id))
        if also is not None:
            with self._writing(f"article {article_id}"):
                also(self.conn, result)
        return result

    def _write(self, doc: Document, sig: Any, digest: str, stored: str | None, *, who: str | None) -> AddResult:
        """Inside the transaction: keep the version being replaced, store and merge, sign the history."""
        mark = rows.last_history_id(self.conn)
        if stored is not None:
            rows.keep_version(self.conn, doc.id, who)
        reprint = self._find_reprint(doc, digest, sig)
        result = self._merger().add(doc, minhash=signature_bytes(sig), reprint=reprint, updating=stored is not None)
        if who is not None:
            rows.sign_history(self.conn, mark, who)
        return result

    def _audit_write(self, doc: Document, result: AddResult, who: str, action: str, detail: dict[str, Any]) -> None:
        """The audit entry of a report written through the API: what happened and where its events went."""
        detail = {**detail, "status": result.status, "events": len(doc.events), "event_ids": result.event_ids,
                  "version": rows.version_count(self.conn, doc.id) + 1, "url": doc.url}
        if detail["replaced"] and action == "ingest":
            action = "replace"
        rows.add_audit(self.conn, who, action, doc.id, detail)

    def restore_article(self, article_id: str, version: int, *, who: str | None) -> AddResult:
        """Make an earlier version of a report current again (the current one is kept as a version)."""
        with self.lock:
            row = rows.article_version(self.conn, article_id, version)
        if row is None:
            raise NotFoundError(f"article {article_id}: no version {version} in {self.label}")
        doc = Document.from_dict(json.loads(row["doc_json"]))
        return self._store(doc, force=True, who=who, replace=True, action="restore",
                           detail={"restored_version": version})

    @_locked
    def article_versions(self, article_id: str) -> list[dict[str, Any]]:
        """The report's versions, oldest first: replaced ones (who replaced them, when) and the current one."""
        current = self.conn.execute("SELECT content_hash, title, ingested_at FROM articles WHERE id = ?",
                                    (article_id,)).fetchone()
        if current is None:
            raise NotFoundError(f"article {article_id} not found in {self.label}")
        kept = rows.versions(self.conn, article_id)
        now = {"version": len(kept) + 1, "content_hash": current["content_hash"], "title": current["title"],
               "replaced_at": None, "replaced_by": None, "current": True}
        return [*kept, now]

    @_locked
    def article_version(self, article_id: str, version: int) -> Document:
        """One version of a report (replaced or current) with what was extracted from it."""
        row = rows.article_version(self.conn, article_id, version)
        if row is not None:
            return Document.from_dict(json.loads(row["doc_json"]))
        if version == rows.version_count(self.conn, article_id) + 1:
            return self.get_article(article_id)
        raise NotFoundError(f"article {article_id}: no version {version} in {self.label}")

    @_locked
    def has_text(self, article_id: str, text: str) -> bool:
        """Whether this report is stored with exactly this text (storing it again would change nothing)."""
        return rows.article_hash(self.conn, article_id) == rows.content_hash(text)

    def _find_reprint(self, doc: Document, digest: str, sig: Any) -> Reprint | None:
        """The stored report this one nearly copies (identical text first), traced to its original."""
        same = rows.article_with_hash(self.conn, digest, doc.id)
        found = Reprint(same, 1.0) if same else self._confirmed_candidate(doc, sig)
        if found is None:
            return None
        row = self.conn.execute("SELECT duplicate_of FROM articles WHERE id = ?", (found.article_id,)).fetchone()
        if row and row[0] and row[0] != doc.id:
            return Reprint(row[0], found.similarity)
        return found

    def _confirmed_candidate(self, doc: Document, sig: Any) -> Reprint | None:
        """The best LSH candidate at the reprint Jaccard, or at the weak one with shared paragraphs."""
        paras = paragraphs(doc.text, self.config)
        for candidate in self._reprint_index().candidates(sig, exclude=doc.id):
            if candidate.similarity >= self.config.reprint_jaccard:
                return candidate
            hashes = rows.paragraph_hashes(self.conn, candidate.article_id)
            if paragraph_share(paras, doc.text, hashes) >= self.config.reprint_paragraph_share:
                return candidate
        return None

    def _reprint_index(self) -> ReprintIndex:
        """The LSH index: built from the stored signatures on first use, then topped up with
        articles another process (the API server, a CLI run) stored since."""
        if self._reprints is None:
            self._reprints = ReprintIndex(self.config)
        for rowid, article_id, blob in rows.signatures(self.conn, self._indexed_rowid):
            self._reprints.add(article_id, signature_from_bytes(blob))
            self._indexed_rowid = rowid
        return self._reprints

    def _merger(self) -> Merger:
        """A merger for one transaction, with outlet names mapped onto sources.yaml's."""
        return Merger(self.conn, self.config, outlets=outlet_aliases(), cache=self._mentions)

    @contextlib.contextmanager
    def _writing(self, label: str) -> Iterator[None]:
        """One transaction; decoded mentions are kept only while they match the file (none after a
        rollback, none when another connection wrote since)."""
        counted = dialect_of(self.conn).write_count is not None  # PostgreSQL: read under the write lock
        if not counted:
            self._mentions.sync(self.conn)
        try:
            with transaction(self.conn, label):
                if counted:
                    self._mentions.sync(self.conn, own_writes=1)
                yield
        except BaseException:
            self._mentions.clear()
            raise

    def _article_event_ids(self, article_id: str) -> list[str]:
        found = self.conn.execute("SELECT event_id FROM mentions WHERE article_id = ? ORDER BY id", (article_id,))
        return list(dict.fromkeys(r[0] for r in found))

    # --- reading -----------------------------------------------------------------

    @_locked
    def has_article(self, article_id: str) -> bool:
        """Whether a report with this id is stored."""
        return rows.article_hash(self.conn, article_id) is not None

    @_locked
    def get_article(self, article_id: str) -> Document:
        """The stored report with everything extracted from it."""
        row = self.conn.execute("SELECT doc_json FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"article {article_id} not found in {self.label}")
        return Document.from_dict(json.loads(row[0]))

    @_locked
    def get_event(self, event_id: str) -> Event:
        """The merged event (sources with claims, article ids, low/best/high fatalities)."""
        row = rows.event_row(self.conn, event_id)
        if row is None:
            raise NotFoundError(f"event {event_id} not found in {self.label}")
        return Event.from_dict(json.loads(row["data_json"]))

    @_locked
    def event_record(self, event_id: str) -> dict[str, Any]:
        """The merged event as a dict plus number_of_sources, first_reported, last_updated,
        status, history and mentions (each report's own extraction, merge score and reason)."""
        row = self.conn.execute(f"SELECT {_RECORD_COLUMNS} FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"event {event_id} not found in {self.label}")
        record = _record(row)
        record["history"] = rows.history(self.conn, event_id)
        record["mentions"] = [_mention_record(r) for r in rows.mention_rows(self.conn, event_id)]
        return record

    @_locked
    def explain_event(self, event_id: str) -> list[dict[str, Any]]:
        """Why each report joined the event, factor by factor: for every mention in report order,
        how it was linked (``merge_reason`` as stored) and its levels against the earlier member it
        fits best now (factor, level, weight in nats, reason), with that pair's score."""
        if rows.event_row(self.conn, event_id) is None:
            raise NotFoundError(f"event {event_id} not found in {self.label}")
        mentions = rows.event_mentions(self.conn, event_id)
        stored = {r["id"]: r for r in rows.mention_rows(self.conn, event_id)}
        return [_explain_mention(m, mentions[:i], stored[m.id], self.config) for i, m in enumerate(mentions)]

    def iter_event_records(self, *, include_rejected: bool = False) -> Iterator[dict[str, Any]]:
        """Every merged event as a dict with its store columns, ordered by date (no history)."""
        where = "" if include_rejected else " WHERE status != 'rejected'"
        # date_lo is the resolved date (a partial "--MM-DD" gets its year from the report).
        sql = (f"SELECT {_RECORD_COLUMNS} FROM events{where}"
               " ORDER BY event_date IS NULL, date_lo IS NULL, date_lo, event_date, id")
        with self.lock:  # read everything first: no lock is held while the caller iterates
            found = self.conn.execute(sql).fetchall()
        for row in found:
            yield _record(row)

    def iter_events(self, *, include_rejected: bool = False) -> Iterator[Event]:
        """Every merged event that is not rejected, ordered by date (undated last)."""
        for record in self.iter_event_records(include_rejected=include_rejected):
            yield Event.from_dict(record)

    @_locked
    def tallies(self, *, include_duplicates: bool = False) -> list[Tally]:
        """Stored tallies (cumulative tolls), those of reprinted reports left out by default."""
        where = "" if include_duplicates else " WHERE a.duplicate_of IS NULL"
        found = self.conn.execute("SELECT t.data_json FROM tallies t JOIN articles a ON a.id = t.article_id"
                                  f"{where} ORDER BY t.article_id, t.id")
        return [Tally.from_dict(json.loads(r[0])) for r in found]

    @_locked
    def counts(self) -> dict[str, int]:
        """How many articles, reprints, events (by status), mentions and tallies are stored."""
        one = lambda sql: int(self.conn.execute(sql).fetchone()[0])  # noqa: E731
        counts = {
            "articles": one("SELECT count(*) FROM articles"),
            "duplicates": one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
            "events": one("SELECT count(*) FROM events WHERE status != 'rejected'"),
            "mentions": one("SELECT count(*) FROM mentions"),
            "tallies": one("SELECT count(*) FROM tallies"),
        }
        for status in review.STATUSES:
            counts[f"events_{status}"] = int(self.conn.execute(
                "SELECT count(*) FROM events WHERE status = ?", (status,)).fetchone()[0])
        return counts

    # --- reviewer writes ---------------------------------------------------------

    def set_status(self, event_id: str, status: str, *, who: str | None) -> None:
        """Mark an event "auto", "reviewed" or "rejected" (history + audit)."""
        with self.lock, self._writing(f"event {event_id}"):
            review.set_status(self.conn, event_id, status, who)

    def correct_field(self, event_id: str, field: str, value: Any, *, who: str | None) -> None:
        """Correct one field of a merged event; the correction outlives re-extraction and merging."""
        with self.lock, self._writing(f"event {event_id}"):
            review.correct_field(self._merger(), event_id, field, value, who)

    def correct_fields(self, event_id: str, changes: Mapping[str, Any], *, who: str | None) -> None:
        """Correct several fields of a merged event at once (one transaction, a history line each)."""
        with self.lock, self._writing(f"event {event_id}"):
            for field, value in changes.items():
                review.correct_field(self._merger(), event_id, field, value, who)

    def split_event(self, event_id: str, *, mention_ids: list[str] | None = None, who: str | None) -> str:
        """Undo a wrong merge: move mentions (default: all but the first report's) to a new event,
        which they never rejoin. Returns the new event's id."""
        with self.lock, self._writing(f"event {event_id}"):
            return review.split_event(self._merger(), event_id, mention_ids, who)

    def import_events(self, events: Iterable[Event], *, source: str) -> int:
        """Insert already-coded events (e.g. an ACLED export) as merge targets, in one transaction."""
        with self.lock, self._writing(f"{self.label}: import from {source}"):
            return bulk.import_events(self.conn, events, source)

    def remerge(self, *, who: str | None = None) -> dict[str, int]:
        """Merge every stored report again with this store's ``DedupConfig`` (one transaction)."""
        with self.lock, self._writing(f"{self.label}: re-merge"):
            self._mentions.clear()  # every report's mentions are written again
            return review.remerge(self.conn, self.config, who, outlet_aliases())


@functools.cache
def outlet_aliases() -> Mapping[str, str]:
    """Folded outlet aliases -> canonical source names, from the shipped sources.yaml (loaded once)."""
    try:
        from marsad.extract.knowledge import load_sources
    except ImportError:  # the extraction stage is optional for a store
        return MappingProxyType({})
    names = {normalize_key(alias): source.name for entries in load_sources().values()
             for alias, source in entries if source.name != "correspondent"}
    return MappingProxyType(names)


def _explain_mention(mention: Mention, earlier: list[Mention], row: sqlite3.Row,
                     config: DedupConfig) -> dict[str, Any]:
    """One line of ``Store.explain_event``: the mention, how it joined, and its best earlier pair."""
    out: dict[str, Any] = {
        "mention": mention.id, "article_id": mention.article_id, "outlet": row["outlet"],
        "published": row["published"], "role": mention.role, "merge_score": row["merge_score"],
        "merge_reason": row["merge_reason"] or "created the event", "pair_with": None, "factors": []}
    if not earlier:
        return out
    best, partner = max(((score_pair(mention, m, config, same_report_ok=True), m) for m in earlier),
                        key=lambda item: (item[0].veto is None, item[0].score))
    out.update(pair_with=partner.id, pair_score=best.score, pair_veto=best.veto, corroborated=best.corroborated)
    levels = pair_levels(mention, partner, config)
    out["factors"] = [{"factor": lv.factor, "level": lv.level, "why": lv.why,
                       "weight": None if lv.level is None else config.weights.weight(lv.factor, lv.level)}
                      for lv in levels]
    return out


def _mention_record(row: sqlite3.Row) -> dict[str, Any]:
    return {"id": row["id"], "article_id": row["article_id"], "outlet": row["outlet"], "title": row["title"],
            "url": row["url"], "published": row["published"], "ingested_at": row["ingested_at"],
            "duplicate_of": row["duplicate_of"], "merge_score": row["merge_score"],
            "merge_reason": row["merge_reason"], "event": json.loads(row["data_json"])}
