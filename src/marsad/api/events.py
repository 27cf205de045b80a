"""/api/events: list (filters, sort, cursor, json/csv/geojson), one event, and the writes on it."""

from __future__ import annotations

import logging
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from starlette.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field

from marsad.api.auth import Ctx, Reader, Reviewer
from marsad.api.context import json_response
from marsad.api.corrections import plan_corrections
from marsad.api.evidence import event_evidence
from marsad.api.formats import render_events
from marsad.dedup.sources import reports_of_record, summarize_sources
from marsad.export.acled import acled_record
from marsad.store.queries import MAX_LIMIT, EventQuery, parse_bbox

log = logging.getLogger(__name__)
router = APIRouter(tags=["events"])

Text = Annotated[str | None, Query(max_length=200)]
# A filter that takes one value or several (repeat the parameter: ?event_type=Battles&event_type=Riots).
Many = Annotated[list[Annotated[str, Query(max_length=200)]] | None,
                 Query(max_length=50, description="one value, or the parameter repeated for any of several")]


class EventSummary(BaseModel):
    """One row of an event listing."""

    id: str
    event_date: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int | None = None
    number_of_sources: int
    status: str
    source: str | None = None
    country: str | None = None
    first_reported: str | None = None
    last_updated: str | None = None


class EventList(BaseModel):
    """A page of events; pass ``next_cursor`` back as ``cursor`` for the next page."""

    events: list[EventSummary]
    next_cursor: str | None
    total: int


class Correction(BaseModel):
    """Set one field of an event; the correction survives re-extraction and merging."""

    model_config = ConfigDict(extra="forbid")
    field: str = Field(max_length=40, examples=["fatalities"])
    value: str | int | float | None = Field(examples=[7])


class Review(BaseModel):
    """Mark an event reviewed or rejected (or back to auto)."""

    model_config = ConfigDict(extra="forbid")
    status: Literal["reviewed", "rejected", "auto"]
    note: str | None = Field(default=None, max_length=2000)


class Split(BaseModel):
    """Undo a merge: move these mentions (default: all but the first) to a new event."""

    model_config = ConfigDict(extra="forbid")
    mention_ids: list[Annotated[str, Field(max_length=300)]] | None = Field(default=None, max_length=1000)


def build_query(params: dict[str, Any]) -> EventQuery:
    """Turn request parameters into an EventQuery (InputError -> 400)."""
    bbox = params.pop("bbox", None)
    return EventQuery(bbox=parse_bbox(bbox) if bbox else None, **params)


@router.get("/api/events", summary="Events, filtered, sorted and paginated",
            response_model=EventList, responses={200: {"content": {"text/csv": {}, "application/geo+json": {}}}})
async def list_events(
    ctx: Ctx, _who: Reader,
    date_from: Annotated[str | None, Query(description="YYYY-MM-DD, inclusive", max_length=10)] = None,
    date_to: Annotated[str | None, Query(description="YYYY-MM-DD, inclusive", max_length=10)] = None,
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat", max_length=100)] = None,
    admin1: Many = None, admin2: Many = None, event_type: Many = None, sub_event_type: Many = None,
    actor: Annotated[list[Annotated[str, Query(max_length=200)]] | None, Query(
        max_length=50, description="actor1 or actor2, one or several (associated actors: use q)")] = None,
    source: Many = None, article_id: Text = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=1_000_000)] = None,
    q: Annotated[str | None, Query(description="words in Arabic or English (all must occur)", max_length=200)] = None,
    status: Literal["auto", "reviewed", "rejected"] | None = None,
    sort: Annotated[str, Query(description="event_date, fatalities, number_of_sources, first_reported, "
                               "last_updated, admin1, event_type or id; prefix - for descending", max_length=30)] = "-event_date",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page", max_length=1000)] = None,
    format: Literal["json", "csv", "geojson"] = "json",
) -> Any:
    """List events; ``format=csv|geojson`` returns the same page as a file (ACLED columns)."""
    query = build_query(dict(date_from=date_from, date_to=date_to, bbox=bbox, admin1=admin1, admin2=admin2,
                             event_type=event_type, sub_event_type=sub_event_type, actor=actor, source=source,
                             article_id=article_id, min_fatalities=min_fatalities, q=q, status=status, sort=sort,
                             limit=limit, cursor=cursor))
    if format != "json":
        return await run_in_threadpool(render_events, ctx.queries, query, format)

    def answer() -> dict[str, Any]:
        page = ctx.queries.list_events(query)
        return {"events": page.events, "next_cursor": page.next_cursor, "total": page.total}
    return await json_response(ctx, ("events", query), answer)


def event_detail(ctx: Ctx, event_id: str) -> dict[str, Any]:
    """The stored record plus every field's evidence, the reports and the mentions."""
    with ctx.store.lock:
        record = dict(ctx.store.event_record(event_id))
    evidence, slim = event_evidence(ctx.queries, event_id)
    mentions = [{k: v for k, v in m.items() if k != "event"} for m in record.get("mentions") or slim]
    article_ids = list(dict.fromkeys([*(record.get("article_ids") or []), *(m["article_id"] for m in mentions)]))
    summary = summarize_sources(reports_of_record(record)).to_dict()  # the same count as every other view
    acled = acled_record(record)  # the values exports write: English notes, clean source, the date window
    record.update({k: acled.get(k) for k in ("notes", "quote", "source", "source_scale", "tags", "date_estimated",
                                             "date_window_start", "date_window_end")})
    record.update(id=event_id, evidence_by_article=record.get("evidence"), evidence=evidence,
                  mentions=mentions, mention_ids=[m["id"] for m in mentions], article_ids=article_ids,
                  articles=ctx.queries.article_meta(article_ids), source_summary=summary)
    return record


@router.get("/api/events/{event_id}", summary="One event with its evidence, sources, claims and history")
def get_event(event_id: str, ctx: Ctx, _who: Reader) -> dict[str, Any]:
    """The event, every field's evidence (report, offsets, quoted words), sources and merge history."""
    return event_detail(ctx, event_id)


@router.patch("/api/events/{event_id}", summary="Correct one field (token required)")
def correct_event(event_id: str, body: Correction, ctx: Ctx, who: Reviewer) -> dict[str, Any]:
    """Set a field; kept in ``corrections`` so it survives re-extraction; the store audits it.

    Coded fields take ACLED's values only; a sub-event type sets its event type too."""
    with ctx.store.lock:
        changes = plan_corrections(body.field, body.value, ctx.store.event_record(event_id))
        ctx.store.correct_fields(event_id, changes, who=who)
    return event_detail(ctx, event_id)


@router.post("/api/events/{event_id}/review", summary="Mark reviewed or rejected (token required)")
def review_event(event_id: str, body: Review, ctx: Ctx, who: Reviewer) -> dict[str, Any]:
    """Set the event's review status; audited."""
    with ctx.store.lock:
        ctx.store.set_status(event_id, body.status, who=who)
    return event_detail(ctx, event_id)


@router.post("/api/events/{event_id}/split", summary="Split a merge (token required)")
def split_event(event_id: str, body: Split, ctx: Ctx, who: Reviewer) -> dict[str, Any]:
    """Move mentions to a new event and forbid merging them back; audited."""
    with ctx.store.lock:
        result = ctx.store.split_event(event_id, mention_ids=body.mention_ids, who=who)
    return {"new_event_id": result, "event": event_detail(ctx, event_id)}

