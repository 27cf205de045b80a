"""/api/stream (server-sent events: events as they are stored) and /api/health (the watcher's state)."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from sse_starlette.sse import EventSourceResponse

from marsad.api.auth import Ctx, Reader
from marsad.api.context import ApiContext
from marsad.store.alerts import feed_rows, last_seq

log = logging.getLogger(__name__)
router = APIRouter(tags=["live"])

POLL_S = 1.0  # how often the stream looks for new feed rows
PING_S = 15  # comment lines that keep proxies from closing a quiet stream


@router.get("/api/stream", summary="New and updated events as they are stored (text/event-stream)",
            response_class=EventSourceResponse)
async def stream(
    request: Request, ctx: Ctx, _who: Reader,
    since: Annotated[int | None, Query(ge=0, description="Feed position to start after (default: now)")] = None,
    last_event_id: Annotated[str | None, Header(max_length=20)] = None,
) -> EventSourceResponse:
    """Server-sent events: ``hello`` with the current feed position, then one ``event`` message per
    new, updated or deleted event (``{seq, kind, event_id, event}``, ``event`` as in /api/events).
    A client that reconnects with ``Last-Event-ID`` (browsers do) misses nothing."""
    start = since if since is not None else _resume_from(last_event_id)
    if start is None:
        start = await run_in_threadpool(lambda: last_seq(ctx.queries.connection()))
    return EventSourceResponse(_events(request, ctx, start), ping=PING_S)


def _resume_from(last_event_id: str | None) -> int | None:
    return int(last_event_id) if last_event_id and last_event_id.isdigit() else None


async def _events(request: Request, ctx: ApiContext, seq: int) -> AsyncIterator[dict[str, Any]]:
    yield {"event": "hello", "id": str(seq), "data": json.dumps({"seq": seq})}
    while not await request.is_disconnected():
        changes = await run_in_threadpool(lambda: feed_rows(ctx.queries.connection(), seq))
        for change in changes:
            seq = max(seq, change["seq"])
            yield {"event": "event", "id": str(change["seq"]), "data": json.dumps(change, ensure_ascii=False)}
        if not changes:
            await asyncio.sleep(POLL_S)


@router.get("/api/health", summary="The watcher's health: running watchers, per-source lag and faults, alerts")
def get_health(ctx: Ctx, _who: Reader) -> JSONResponse:
    """``status``: ok, degraded (a source failing or behind, alerts undelivered), down (sources to
    watch but no watcher running: HTTP 503) or idle (nothing watched). Per source: ``lag_s`` since it
    was last read, ``backlog_age_s`` of its oldest waiting report, ``item_lag_p50_s`` from found to coded."""
    from marsad.watch.status import health

    report = health(ctx.store)
    return JSONResponse(report, status_code=503 if report["status"] == "down" else 200)
