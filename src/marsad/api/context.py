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
    time_budget: float | None = None  # seconds one posted report's extraction may take (None: data/limits.yaml)
    _pipeline: Any = None
    _pipeline_lock: threading.Lock = field(default_factory=threading.Lock)
    _labels: list[dict[str, Any]] | None = None

    def pipeline(self) -> Any:
        """The default extraction pipeline, loaded once on first use."""
        with self._pipeline_lock:
            if self._pipeline is None:
                from marsad.pipeline import Pipeline

                log.info("loading the default pipeline")
                self._pipeline = Pipeline.default()
            return self._pipeline

    def extract(self, doc: Any) -> Any:
        """Run the pipeline on a posted report within the time budget (``TimeBudgetError`` names it)."""
        from marsad.budget import time_budget
        from marsad.limits import Limits

        budget = Limits.default().time_budget_seconds if self.time_budget is None else self.time_budget
        with time_budget(budget, f"article {doc.id}"):
            return self.pipeline()(doc)

    def places(self, bbox: tuple[float, float, float, float], limit: int) -> list[dict[str, Any]]:
        """Gazetteer places worth a map label inside ``bbox``: cities, towns and populated places, largest first."""
        with self._pipeline_lock:
            if self._labels is None:
                self._labels = _label_places()
        min_lon, min_lat, max_lon, max_lat = bbox
        inside = [p for p in self._labels
                  if min_lon <= p["longitude"] <= max_lon and min_lat <= p["latitude"] <= max_lat]
        return inside[:limit]


async def json_response(ctx: ApiContext, key: tuple[Any, ...], compute: Callable[[], Any]) -> Response:
    """The JSON answer for ``key``: straight from the cache when the events have not changed (no
    thread hop, no re-rendering), else computed in a worker thread and kept for the next client."""
    body = ctx.queries.cached_json(key)
    if body is None:
        body = await run_in_threadpool(ctx.queries.json_answer, key, compute)
    return Response(body, media_type="application/json")


_LABEL_FEATURES = {"city": 0, "town": 1, "admin2": 2, "village": 3}


def _label_places() -> list[dict[str, Any]]:
    """Every labelled place of the shipped gazetteer once per name and spot: cities and towns first, by size."""
    import sqlite3

    from marsad.geo.gazetteer import default_path

    conn = sqlite3.connect(f"file:{default_path()}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT id, name, name_ar, feature, population, latitude, longitude FROM places"
                            " WHERE feature IN ('city', 'town', 'admin2', 'village') AND NOT approx"
                            " AND (feature != 'village' OR population > 0)").fetchall()
    finally:
        conn.close()
    rows.sort(key=lambda r: (_LABEL_FEATURES[r[3]], -(r[4] or 0), r[0]))
    seen: set[tuple[str, int, int]] = set()
    out = []
    for _id, name, name_ar, feature, population, lat, lon in rows:
        key = (name, round(lat * 20), round(lon * 20))
        if key not in seen:
            seen.add(key)
            out.append({"name": name, "name_ar": name_ar, "feature": feature, "population": population,
                        "latitude": lat, "longitude": lon})
    return out
