"""What every request handler needs: the store, the read queries and the server's settings."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Any

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
