"""How the watching goes: per-source status (``marsad sources status``) and health (``GET /api/health``)."""

from __future__ import annotations

import statistics
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from marsad.store.alerts import AlertStore
from marsad.store.watch import FAILED, FETCHED, QUEUED, SKIPPED, WatchState

ALIVE_S = 60.0  # a watcher whose last heartbeat is older than this is not running


@dataclass(frozen=True, slots=True)
class SourceStatus:
    """One source: its schedule, what it brought, its faults, and how far behind it is."""

    id: int
    url: str
    outlet: str
    lang: str | None
    kind: str
    every_s: float
    last_poll_at: float | None
    last_ok_at: float | None
    next_poll_at: float
    polls: int
    new_reports: int
    errors: int
    failures: int
    last_error: str | None
    last_error_at: float | None
    queued: int
    fetched: int
    skipped: int
    failed: int
    lag_s: float | None  # since the source was last read successfully
    backlog_age_s: float | None  # how long its oldest report has waited to be fetched and coded
    item_lag_p50_s: float | None  # found -> coded, median of its latest coded reports
    faults_by_kind: dict[str, int] = field(default_factory=dict)

    @property
    def state(self) -> str:
        """ok, failing (its last poll failed), waiting (never read yet) or behind (overdue or backlogged)."""
        if self.failures:
            return "failing"
        if self.last_ok_at is None:
            return "waiting"
        if self.lag_s is not None and self.lag_s > max(3 * self.every_s, 300.0):
            return "behind"
        if self.backlog_age_s is not None and self.backlog_age_s > max(3 * self.every_s, 300.0):
            return "behind"
        return "ok"

    def as_dict(self) -> dict[str, Any]:
        return dict(asdict(self), state=self.state)


def source_status(store: Any, *, now: float | None = None) -> list[SourceStatus]:
    """The status of every watched source."""
    now = time.time() if now is None else now
    state = WatchState(store)
    items, faults = state.item_counts(), state.fault_counts()
    backlog, lags = state.backlog_ages(now), state.item_lags()
    out = []
    for s in state.sources():
        counts = items.get(s.id, {})
        out.append(SourceStatus(
            id=s.id, url=s.url, outlet=s.outlet, lang=s.lang, kind=s.kind, every_s=s.every_s,
            last_poll_at=s.last_poll_at, last_ok_at=s.last_ok_at, next_poll_at=s.next_poll_at, polls=s.polls,
            new_reports=s.new_reports, errors=s.errors, failures=s.failures, last_error=s.last_error,
            last_error_at=s.last_error_at, queued=counts.get(QUEUED, 0), fetched=counts.get(FETCHED, 0),
            skipped=counts.get(SKIPPED, 0), failed=counts.get(FAILED, 0),
            lag_s=None if s.last_ok_at is None else max(0.0, now - s.last_ok_at),
            backlog_age_s=backlog.get(s.id),
            item_lag_p50_s=statistics.median(lags[s.id]) if lags.get(s.id) else None,
            faults_by_kind=faults.get(s.id, {})))
    return out


def health(store: Any, *, now: float | None = None) -> dict[str, Any]:
    """The watcher's health: running watchers, every source's lag and faults, the alert outbox.

    ``status`` is "ok", "degraded" (a source failing or behind, alerts undelivered), "down"
    (sources to watch but no watcher alive) or "idle" (no source watched).
    """
    now = time.time() if now is None else now
    sources = source_status(store, now=now)
    watchers = [dict(w, alive=now - w["heartbeat_at"] <= ALIVE_S) for w in WatchState(store).watchers()]
    alerts = AlertStore(store).counts()
    if not sources:
        status = "idle"
    elif not any(w["alive"] for w in watchers):
        status = "down"
    elif any(s.state in ("failing", "behind") for s in sources) or alerts["webhook_failed"]:
        status = "degraded"
    else:
        status = "ok"
    return {"status": status, "checked_at": now, "watchers": watchers, "sources": [s.as_dict() for s in sources],
            "alerts": alerts}
