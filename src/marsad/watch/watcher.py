"""The watch loop: poll sources on schedule, fetch what they list, code it, fire alerts.

One thread (the caller's) schedules and codes; a pool of ``workers`` threads does the network
work, never two jobs on one host at once. Every step is a claim (a lease in the store) and
one transaction that finishes it, so ``kill -9`` at any point loses nothing already fetched,
codes nothing twice, and a second watcher on the same database shares the work instead of
repeating it. A fault is logged with its source and reason, counted (``marsad sources status``),
and backed off; it never stops the other sources.
"""

from __future__ import annotations

import hashlib
import logging
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from marsad.budget import time_budget
from marsad.document import Document
from marsad.errors import FetchError, InputError, LeaseLost, MarsadError, TimeBudgetError
from marsad.limits import Limits
from marsad.pipeline import Pipeline
from marsad.store.watch import FAILED, FETCHED, QUEUED, SKIPPED, ItemRow, Listed, SourceRow, WatchState, new_owner
from marsad.watch.alerts import AlertEngine, AlertRules
from marsad.watch.config import WatchConfig
from marsad.watch.fetch import ACCEPT_LISTING, ACCEPT_PAGE, Fetcher, Page, host_of
from marsad.watch.listing import parse_listing
from marsad.watch.report import FEED_ITEM_TYPE, fetched_document, is_report_type

log = logging.getLogger(__name__)

# Faults that will not go away by asking again soon: the report is skipped (a later change
# in its listing queues it again).
FINAL_KINDS = frozenset({"robots", "too-large", "redirect-loop", "redirects", "bad-url", "http-400", "http-401",
                         "http-403", "http-404", "http-410", "http-451", "not-a-report"})
ALERTS_JOB = "(alert delivery)"  # pool key of the delivery job: one at a time, like a host
PRUNE_EVERY = 3600.0  # seconds between two prunings of old faults and feed rows
DISPATCH_EVERY = 0.1  # seconds of coding after which network jobs are dispatched again


@dataclass
class WatchSummary:
    """What a run did."""

    polls: int = 0
    poll_faults: int = 0
    queued: int = 0
    fetched: int = 0
    unchanged: int = 0
    item_faults: int = 0
    coded: int = 0
    events: int = 0
    alerts: int = 0
    delivered: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, **counts: int) -> None:
        with self._lock:
            for name, n in counts.items():
                setattr(self, name, getattr(self, name) + n)

    def as_dict(self) -> dict[str, int]:
        return {k: v for k, v in vars(self).items() if not k.startswith("_")}


class Watcher:
    """Watches the sources stored in ``store`` (see ``marsad.watch.sources``)."""

    def __init__(self, store: Any, *, config: WatchConfig | None = None, pipeline: Pipeline | None = None,
                 rules: AlertRules | None = None, fetcher: Fetcher | None = None,
                 alert_transport: Any = None, owner: str | None = None) -> None:
        self.store = store
        self.config = config or WatchConfig()
        self.state = WatchState(store)
        self.pipeline = pipeline
        self.fetcher = fetcher or Fetcher(self.config)
        self.owner = owner or new_owner()
        self.alerts = AlertEngine(store, rules, transport=alert_transport) if rules else None
        if self.alerts:
            self.alerts.fault = lambda kind, reason: self.state.add_fault(None, None, kind, reason)
        self.summary = WatchSummary()
        self._pool = ThreadPoolExecutor(max_workers=self.config.workers + 1, thread_name_prefix="marsad-watch")
        self._busy: set[str] = set()  # hosts (and the alert job) with a job in flight
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._polled: set[int] = set()
        self._sources: dict[int, SourceRow] = {}
        self._beat = 0.0
        self._pruned = 0.0
        self._soonest = self.config.tick  # seconds until the next paced host opens (set by each turn)
        self._paced = False  # work was left for a host that may not be asked yet

    # --- the loop --------------------------------------------------------------------

    def run(self, *, once: bool = False, stop: threading.Event | None = None) -> WatchSummary:
        """Watch until ``stop`` is set; ``once``: poll every source once, code all it brought, return."""
        stop = stop or threading.Event()
        if self.pipeline is None:
            self.pipeline = Pipeline.default()
        self.state.register(self.owner)
        self._heartbeat(force=True)
        try:
            while not stop.is_set():
                was_busy = self._any_busy()  # a job running during the turn may have left work for the next
                worked = self.turn(once=once)
                if once and not worked and not was_busy and not self._any_busy() and not self._paced:
                    break  # nothing done, nothing running, nothing waiting for its host's turn
                if not worked:  # sleep until a job ends, a host may be asked again, or a tick
                    self._wake.wait(timeout=max(0.005, self._soonest))
                    self._wake.clear()
        finally:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self.state.stop(self.owner)
            self.fetcher.close()
            if self.alerts:
                self.alerts.close()
        return self.summary

    def turn(self, *, once: bool = False) -> bool:
        """One pass: dispatch polls and fetches, code fetched reports, record and deliver alerts.
        Return whether anything was done."""
        self._heartbeat()
        self._soonest, self._paced = self.config.tick, False
        self._sources = {s.id: s for s in self.state.sources()}
        worked = self._dispatch_polls(once) + self._dispatch_fetches()
        worked += self._code_batch(once)
        if self.alerts:
            added = self.alerts.evaluate()
            self.summary.add(alerts=added)
            worked += added + self._dispatch_delivery()
        return worked > 0

    def _heartbeat(self, *, force: bool = False) -> None:
        now = time.time()
        if force or now - self._beat >= self.config.heartbeat_s:
            self.state.heartbeat(self.owner, now=now, lease_s=self.config.lease_s)
            self.state.reclaim(now=now, stale_s=self.config.lease_s)
            self._beat = now
        if now - self._pruned >= PRUNE_EVERY:
            self.state.prune(now=now)
            self._pruned = now

    # --- dispatching network jobs ------------------------------------------------------

    def _free_workers(self) -> int:
        with self._lock:
            return self.config.workers - len(self._busy - {ALERTS_JOB})

    def _submit(self, key: str, job: Callable[..., None], *args: Any) -> None:
        with self._lock:
            self._busy.add(key)
        future = self._pool.submit(job, *args)
        future.add_done_callback(lambda f: self._finished(key, f))

    def _finished(self, key: str, future: Future[None]) -> None:
        with self._lock:
            self._busy.discard(key)
        if not future.cancelled() and future.exception() is not None:
            log.error("watch job for %s failed: %s", key, future.exception(), exc_info=future.exception())
        self._wake.set()

    def _any_busy(self) -> bool:
        with self._lock:
            return bool(self._busy)

    def _host_busy(self, host: str) -> bool:
        with self._lock:
            return host in self._busy

    def _host_ready(self, host: str) -> bool:
        """Not busy and its pacing allows a request now (else remember when it will)."""
        if self._host_busy(host):
            return False
        wait = self.fetcher.pacer.ready_in(host)
        if wait > 0:
            self._soonest = min(self._soonest, wait)
            self._paced = True
            return False
        return True

    def _dispatch_polls(self, once: bool) -> int:
        started = 0
        now = time.time()
        for source in self.state.due_sources(now, every_one=once):
            if started >= self._free_workers():
                break
            host = host_of(source.url)
            if (once and source.id in self._polled) or not self._host_ready(host):
                continue
            if self.state.claim_source(source.id, self.owner, now, self.config.lease_s):
                self._polled.add(source.id)
                self._submit(host, self._poll, source)
                started += 1
        return started

    def _dispatch_fetches(self) -> int:
        free = self._free_workers()
        if free <= 0:
            return 0
        chosen = [item.url for item in self.state.oldest_per_host(time.time()) if self._host_ready(item.host)][:free]
        claimed = self.state.claim_items(chosen, QUEUED, self.owner, time.time(), self.config.lease_s)
        for item in claimed:
            self._submit(item.host, self._fetch, item)
        return len(claimed)

    def _dispatch_delivery(self) -> int:
        if self._host_busy(ALERTS_JOB) or not self.alerts or not self.alerts.alerts.due(time.time()):
            return 0
        self._submit(ALERTS_JOB, self._deliver)
        return 1

    # --- polling a source (worker thread) ----------------------------------------------

    def _poll(self, source: SourceRow) -> None:
        try:
            listed, etag, modified = self._read_listing(source)
        except (FetchError, InputError) as exc:
            self._poll_failed(source, exc)
            return
        now = time.time()
        queued = self.state.finish_poll(source.id, self.owner, listed, now=now, next_at=now + _jitter(source.every_s),
                                        etag=etag, last_modified=modified)
        self.summary.add(polls=1, queued=queued)
        log.info("source %d (%s): %d listed, %d queued", source.id, source.outlet, len(listed), queued)

    def _read_listing(self, source: SourceRow) -> tuple[list[Listed], str | None, str | None]:
        """The reports a source lists now (none when it answers 304 Not Modified)."""
        page = self.fetcher.fetch(source.url, etag=source.etag, last_modified=source.last_modified,
                                  accept=ACCEPT_LISTING)
        if page.not_modified:
            return [], page.etag, page.last_modified
        cfg = self.config
        listing = parse_listing(page, kind=source.kind, match=source.match, limit=cfg.max_items_per_poll,
                                max_age_days=cfg.max_age_days)
        items = list(listing.items)
        for child in listing.children[:cfg.max_child_sitemaps]:
            items += self._child_sitemap(source, child)
        return items[:cfg.max_items_per_poll], page.etag, page.last_modified

    def _child_sitemap(self, source: SourceRow, url: str) -> list[Listed]:
        """The reports of one sitemap a sitemap index lists; a fault is logged, not fatal."""
        try:
            page = self.fetcher.fetch(url, accept=ACCEPT_LISTING)
            return parse_listing(page, kind="sitemap", limit=self.config.max_items_per_poll,
                                 max_age_days=self.config.max_age_days).items
        except (FetchError, InputError) as exc:
            self._fault(source.id, url, getattr(exc, "kind", "malformed"), str(exc))
            return []

    def _poll_failed(self, source: SourceRow, exc: FetchError | InputError) -> None:
        kind = exc.kind if isinstance(exc, FetchError) else "malformed"
        wait = self._backoff(source.every_s, source.failures + 1, getattr(exc, "retry_after", None))
        now = time.time()
        self.state.fail_poll(source.id, self.owner, now=now, next_at=now + wait, kind=kind, reason=str(exc))
        self.summary.add(polls=1, poll_faults=1)
        log.warning("source %d (%s): %s: %s; next poll in %.0f s", source.id, source.outlet, kind, exc, wait)

    def _backoff(self, base: float, failures: int, retry_after: float | None) -> float:
        """Exponential back-off with jitter, at least what the server asked for, at most ``backoff_max``."""
        wait = min(self.config.backoff_max, base * 2 ** max(0, failures - 1))
        return max(_jitter(wait), retry_after or 0.0)

    # --- fetching a report (worker thread) ----------------------------------------------

    def _fetch(self, item: ItemRow) -> None:
        now = time.time()
        if not item.item.get("link", True):  # a feed item without a page: its own text is the report
            body = str(item.item.get("text") or "").encode("utf-8")
            self._save(item, Page(item.url, item.url, 200, body, FEED_ITEM_TYPE), now)
            return
        conditional = item.coded_hash is not None
        try:
            page = self.fetcher.fetch(item.url, etag=item.etag if conditional else None,
                                      last_modified=item.last_modified if conditional else None, accept=ACCEPT_PAGE)
        except FetchError as exc:
            self._item_failed(item, exc.kind, str(exc), retryable=exc.retryable, retry_after=exc.retry_after)
            return
        if page.not_modified or _digest(page.body) == item.coded_hash:
            self.state.finish_unchanged(item, self.owner, now=time.time())
            self.summary.add(unchanged=1)
        elif not is_report_type(page.content_type):
            self._item_failed(item, "not-a-report", f"{item.url}: not a report (content type {page.content_type})",
                              retryable=False)
        else:
            self._save(item, page, now)

    def _save(self, item: ItemRow, page: Page, now: float) -> None:
        content_type = page.content_type + (f"; charset={page.charset}" if page.charset else "") \
            if page.content_type else None
        self.state.save_fetched(item, self.owner, body=page.body, body_hash=_digest(page.body),
                                content_type=content_type, final_url=page.final_url, etag=page.etag,
                                last_modified=page.last_modified, now=time.time())
        self.summary.add(fetched=1)
        self._wake.set()

    def _item_failed(self, item: ItemRow, kind: str, reason: str, *, retryable: bool,
                     retry_after: float | None = None) -> None:
        """Try again later (a transient fault, attempts left) or give the report up; log and count it."""
        now = time.time()
        source = self._sources.get(item.source_id)
        label = f"source {item.source_id} ({source.outlet if source else '?'})"
        if retryable and kind not in FINAL_KINDS and item.attempts + 1 < self.config.item_attempts:
            wait = self._backoff(self.config.item_retry_wait, item.attempts + 1, retry_after)
            self.state.retry_item(item, self.owner, next_at=now + wait, kind=kind, reason=reason, now=now)
            log.warning("%s: %s: %s; retry in %.0f s", label, kind, reason, wait)
        else:
            state = FAILED if retryable and kind not in FINAL_KINDS else SKIPPED
            self.state.drop_item(item, self.owner, state=state, kind=kind, reason=reason, now=now)
            log.warning("%s: %s: %s; %s", label, kind, reason, state)
        self.summary.add(item_faults=1)

    def _fault(self, source_id: int | None, url: str | None, kind: str, reason: str) -> None:
        self.state.add_fault(source_id, url, kind, reason)
        log.warning("source %s: %s: %s", source_id, kind, reason)

    # --- coding fetched reports (the caller's thread) ----------------------------------

    def _code_batch(self, once: bool = False) -> int:
        ready = self.state.ready_items(FETCHED, time.time(), limit=self.config.batch)
        items = self.state.claim_items([i.url for i in ready], FETCHED, self.owner, time.time(), self.config.lease_s)
        dispatched = time.monotonic()
        for item in items:
            self._code(item)
            if time.monotonic() - dispatched > DISPATCH_EVERY:  # keep the network busy while coding
                self._dispatch_polls(once) + self._dispatch_fetches()
                dispatched = time.monotonic()
        return len(items)

    def _code(self, item: ItemRow) -> None:
        """Extract, geocode, merge and store one fetched report, marking it done in the same transaction."""
        try:
            doc = self._document(item)
        except InputError as exc:
            self._item_failed(item, "not-a-report", str(exc), retryable=False)
            return
        try:
            with time_budget(Limits.default().time_budget_seconds, item.url):
                doc = self.pipeline(doc)  # type: ignore[misc]
            result = self.store.add_document(doc, also=lambda conn, r: self.state.mark_coded(
                conn, item, self.owner, article_id=doc.id, changed=r.status != "unchanged", now=time.time()))
        except LeaseLost as exc:
            log.warning("%s", exc)
            return
        except TimeBudgetError as exc:  # trying again would take as long: not retried
            self._item_failed(item, "too-slow", str(exc), retryable=False)
            return
        except MarsadError as exc:
            self._item_failed(item, "store", f"{item.url}: {exc}", retryable=True)
            return
        except Exception as exc:  # a bug in one report's extraction must not stop the watch
            log.exception("%s: extraction failed", item.url)
            self._item_failed(item, "internal", f"{item.url}: {type(exc).__name__}: {exc}", retryable=False)
            return
        self.summary.add(coded=1, events=len(result.event_ids))
        log.info("%s: %s, %d events", item.url, result.status, len(result.event_ids))

    def _document(self, item: ItemRow) -> Document:
        source = self._sources.get(item.source_id)
        media, _, params = (item.content_type or "").partition(";")
        charset = params.split("=", 1)[1].strip() if "charset=" in params else None
        return fetched_document(item.url, item.body or b"", content_type=media.strip() or None, charset=charset,
                                final_url=item.final_url, item=item.item,
                                outlet=source.outlet if source else None, lang=source.lang if source else None)

    # --- alerts (worker thread) -----------------------------------------------------------

    def _deliver(self) -> None:
        if self.alerts:
            self.summary.add(delivered=self.alerts.deliver(self.owner, lease_s=self.config.lease_s))


def _digest(body: bytes) -> str:
    return hashlib.sha1(body).hexdigest()


def _jitter(seconds: float, share: float = 0.1) -> float:
    """``seconds`` give or take ``share`` of it, so sources added together drift apart."""
    return seconds * (1 + random.uniform(-share, share))
