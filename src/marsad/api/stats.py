"""/api/stats: counts and fatalities by period, type, governorate, actor and source."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from marsad.api.auth import Ctx, Reader
from marsad.api.context import json_response
from marsad.api.events import Many, build_query
from marsad.store.queries import parse_bbox

router = APIRouter(tags=["stats"])


@router.get("/api/stats", summary="Counts and fatalities by day/week/month, type, governorate, actor, source",
            response_model=dict[str, Any])
async def get_stats(
    ctx: Ctx, _who: Reader,
    date_from: Annotated[str | None, Query(max_length=10)] = None,
    date_to: Annotated[str | None, Query(max_length=10)] = None,
    bbox: Annotated[str | None, Query(max_length=100)] = None,
    admin1: Many = None, admin2: Many = None, event_type: Many = None, sub_event_type: Many = None,
    actor: Many = None, source: Many = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=1_000_000)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    status: Literal["auto", "reviewed", "rejected"] | None = None,
    bucket: Literal["day", "week", "month", "auto"] = "week",
    part: Annotated[list[Literal["by_period", "by_period_type", "by_type", "by_admin1", "by_actor", "by_source"]] | None,
                    Query(max_length=6, description="only these groupings (repeatable); default all")] = None,
) -> Any:
    """The same filters as /api/events; ``bucket`` sets the period of ``by_period`` and ``by_period_type``
    (auto: week beyond 180 days, month beyond three years)."""
    query = build_query(dict(date_from=date_from, date_to=date_to, bbox=bbox, admin1=admin1, admin2=admin2,
                             event_type=event_type, sub_event_type=sub_event_type, actor=actor, source=source,
                             min_fatalities=min_fatalities, q=q, status=status))
    parts = tuple(part) if part else None
    return await json_response(ctx, ("stats", query, bucket, parts),
                               lambda: ctx.queries.stats(query, bucket=bucket, parts=parts))


@router.get("/api/facets", summary="Filter values with their counts under every other filter",
            response_model=dict[str, Any])
async def get_facets(
    ctx: Ctx, _who: Reader,
    date_from: Annotated[str | None, Query(max_length=10)] = None,
    date_to: Annotated[str | None, Query(max_length=10)] = None,
    bbox: Annotated[str | None, Query(max_length=100)] = None,
    admin1: Many = None, event_type: Many = None, sub_event_type: Many = None, actor: Many = None,
    source: Many = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=1_000_000)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    status: Literal["auto", "reviewed", "rejected"] | None = None,
) -> Any:
    """For event_type, sub_event_type, actor, admin1 and source: each value's events and fatalities under
    all the other filters (so a multi-select shows what adding a value would bring)."""
    query = build_query(dict(date_from=date_from, date_to=date_to, bbox=bbox, admin1=admin1,
                             event_type=event_type, sub_event_type=sub_event_type, actor=actor, source=source,
                             min_fatalities=min_fatalities, q=q, status=status))
    return await json_response(ctx, ("facets", query), lambda: ctx.queries.facets(query))


@router.get("/api/places", summary="Gazetteer towns and cities in a box, largest first (map labels)")
def get_places(
    ctx: Ctx, _who: Reader,
    bbox: Annotated[str, Query(max_length=100, description="min_lon,min_lat,max_lon,max_lat")],
    limit: Annotated[int, Query(ge=1, le=500)] = 150,
) -> dict[str, Any]:
    """Named places of the shipped gazetteer inside ``bbox``, cities and towns first, by population."""
    return {"places": ctx.places(parse_bbox(bbox), limit)}
