"""/api/tallies: cumulative or period tolls ("since March ... 1,339 killed"), never incidents."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from marsad.api.auth import Ctx, Reader
from marsad.store.queries import MAX_LIMIT

router = APIRouter(tags=["tallies"])


@router.get("/api/tallies", summary="Stored tallies, optionally of one report")
def list_tallies(ctx: Ctx, _who: Reader,
                 article_id: Annotated[str | None, Query(max_length=200)] = None,
                 limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
                 offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> dict[str, Any]:
    """Tallies with their evidence spans, in storage order."""
    return {"tallies": ctx.queries.tallies(article_id=article_id, limit=limit, offset=offset)}
