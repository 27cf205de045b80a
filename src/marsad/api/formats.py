"""Event listings as files: CSV (ACLED columns) and GeoJSON, written by marsad.export."""

from __future__ import annotations

import io

from fastapi.responses import Response

from marsad.store.queries import EventQuery, Queries

MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "geojson": "application/geo+json"}


def render_events(queries: Queries, query: EventQuery, fmt: str) -> Response:
    """A CSV or GeoJSON download of the events matching ``query``."""
    from marsad.export import write_csv, write_geojson

    writer = {"csv": write_csv, "geojson": write_geojson}[fmt]
    buffer = io.StringIO()
    writer(queries.iter_event_dicts(query), buffer)
    filename = f"marsad-events.{fmt}"
    return Response(buffer.getvalue(), media_type=MEDIA_TYPES[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
