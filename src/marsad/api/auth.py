"""Bearer-token dependencies: who is writing (always required, with the right scope) and reading
(when configured)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from marsad.api.context import ApiContext
from marsad.store.auth import Grant, token_grant

router = APIRouter(tags=["auth"])
_bearer = HTTPBearer(auto_error=False, description="A token made with `marsad token create NAME`")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


async def get_ctx(request: Request) -> ApiContext:
    """The ApiContext of the running app."""
    return request.app.state.ctx


Ctx = Annotated[ApiContext, Depends(get_ctx)]


def _grant_or_401(ctx: ApiContext, creds: HTTPAuthorizationCredentials | None) -> Grant:
    """The token's owner and scopes; 401 with a clear message when missing or not accepted."""
    if creds is None or not creds.credentials:
        raise HTTPException(401, "missing token: send 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": "Bearer"})
    grant = token_grant(ctx.queries.connection(), creds.credentials)
    if grant is None:
        raise HTTPException(401, "token not accepted (unknown, revoked or expired)",
                            headers={"WWW-Authenticate": "Bearer"})
    return grant


def require_grant(ctx: Ctx, creds: Credentials) -> Grant:
    """Dependency: any live token, with its name and scopes."""
    return _grant_or_401(ctx, creds)


def require_writer(ctx: Ctx, creds: Credentials) -> str:
    """Dependency: any live token; returns the token name recorded as ``who``."""
    return _grant_or_401(ctx, creds).name


def check_scope(grant: Grant, scope: str) -> str:
    """The token's name when it has ``scope``; 403 naming the missing scope otherwise."""
    if not grant.allows(scope):
        raise HTTPException(403, f"token {grant.name!r} lacks the {scope!r} scope "
                                 f"(make one with: marsad token create NAME --scope {scope})")
    return grant.name


def require_scope(scope: str) -> Callable[..., str]:
    """A dependency for a write that needs ``scope`` ("ingest", "review" or "admin"); returns the name."""
    def dependency(ctx: Ctx, creds: Credentials) -> str:
        return check_scope(_grant_or_401(ctx, creds), scope)
    dependency.__name__ = f"require_{scope}"
    return dependency


async def require_reader(ctx: Ctx, creds: Credentials) -> str | None:
    """Dependency for reads: open unless the server runs with --require-token-for-read (async: an open
    read needs no worker thread; the token check is one indexed lookup)."""
    if not ctx.require_token_for_read:
        return None
    return _grant_or_401(ctx, creds).name


Writer = Annotated[str, Depends(require_writer)]
Granted = Annotated[Grant, Depends(require_grant)]
Ingester = Annotated[str, Depends(require_scope("ingest"))]
Reviewer = Annotated[str, Depends(require_scope("review"))]
Admin = Annotated[str, Depends(require_scope("admin"))]
Reader = Annotated[str | None, Depends(require_reader)]


@router.get("/api/me", summary="The name and scopes of the token sent")
def me(grant: Granted) -> dict[str, object]:
    """Check a token (the dashboard's sign-in box uses it)."""
    scopes = sorted(grant.scopes)
    return {"name": grant.name, "scopes": scopes}


@router.get("/api/config", summary="Dashboard settings")
def config(ctx: Ctx) -> dict[str, object]:
    """Settings the dashboard needs before sign-in: tile URL and whether reads need a token."""
    return {"tiles": ctx.tiles, "require_token_for_read": ctx.require_token_for_read}
