"""What every request handler needs: the store, the read queries and the server's settings."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import Response
from starlette.concurrency import run_in_threadpool

from marsad.store.queries import Queries

log = logging.getLogger(__name__)


@dataclass
class ApiContext:
    """The app's shared objects, kept on ``app.state.ctx`` (never in module globals)."""

    store: Any  # marsad.store.Store
    queries: Queries
    require_token_for_read: bool = False
    tiles: str | None = None
    _pipeline: Any = None
    _pipeline_lock: threading.Lock = field(default_factory=threading.Lock)

    def pipeline(self) -> Any:
        """The default extraction pipeline, loaded once on first use."""
        with self._pipeline_lock:
            if self._pipeline is None:
                from marsad.pipeline import Pipeline

                log.info("loading the default pipeline")
                self._pipeline = Pipeline.default()
            return self._pipeline


async def json_response(ctx: ApiContext, key: tuple[Any, ...], compute: Callable[[], Any]) -> Response:
    """The JSON answer for ``key``: straight from the cache when the events have not changed (no
    thread hop, no re-rendering), else computed in a worker thread and kept for the next client."""
    body = ctx.queries.cached_json(key)
    if body is None:
        body = await run_in_threadpool(ctx.queries.json_answer, key, compute)
    return Response(body, media_type="application/json")
