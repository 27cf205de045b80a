"""/api/audit: the append-only log of every write (who, when, what, on which id); admin scope."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from marsad.api.auth import Admin, Ctx

router = APIRouter(tags=["audit"])


@router.get("/api/audit", summary="The audit log, newest first (admin scope)")
def list_audit(ctx: Ctx, _who: Admin, limit: Annotated[int, Query(ge=1, le=10_000)] = 100,
               target: Annotated[str | None, Query(max_length=200)] = None) -> dict[str, Any]:
    """Audit entries, optionally of one article or event id."""
    return {"entries": ctx.queries.audit_log(limit=limit, target=target)}
