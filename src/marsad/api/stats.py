"""/api/stats: counts and fatalities by period, type, governorate, actor and source."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from marsad.api.auth import Ctx, Reader
from marsad.api.context import json_response
from marsad.api.events import build_query

router = APIRouter(tags=["stats"])
Text = Annotated[str | None, Query(max_length=200)]


@router.get("/api/stats", summary="Counts and fatalities by week/day, type, governorate, actor, source",
            response_model=dict[str, Any])
async def get_stats(
    ctx: Ctx, _who: Reader,
    date_from: Annotated[str | None, Query(max_length=10)] = None,
    date_to: Annotated[str | None, Query(max_length=10)] = None,
    bbox: Annotated[str | None, Query(max_length=100)] = None,
    admin1: Text = None, admin2: Text = None, event_type: Text = None, sub_event_type: Text = None,
    actor: Text = None, source: Text = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=1_000_000)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    status: Literal["auto", "reviewed", "rejected"] | None = None,
    bucket: Literal["day", "week", "auto"] = "week",
) -> Any:
    """The same filters as /api/events; ``bucket`` sets the period of ``by_period`` (auto: week beyond 180 days)."""
    query = build_query(dict(date_from=date_from, date_to=date_to, bbox=bbox, admin1=admin1, admin2=admin2,
                             event_type=event_type, sub_event_type=sub_event_type, actor=actor, source=source,
                             min_fatalities=min_fatalities, q=q, status=status))
    return await json_response(ctx, ("stats", query, bucket), lambda: ctx.queries.stats(query, bucket=bucket))
