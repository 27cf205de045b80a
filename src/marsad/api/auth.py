"""Bearer-token dependencies: who is writing (always required) and reading (when configured)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from marsad.api.context import ApiContext
from marsad.store.auth import token_name

router = APIRouter(tags=["auth"])
_bearer = HTTPBearer(auto_error=False, description="A token made with `marsad token create NAME`")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def get_ctx(request: Request) -> ApiContext:
    """The ApiContext of the running app."""
    return request.app.state.ctx


Ctx = Annotated[ApiContext, Depends(get_ctx)]


def _name_or_401(ctx: ApiContext, creds: HTTPAuthorizationCredentials | None) -> str:
    """The token's owner; 401 with a clear message when missing or not accepted."""
    if creds is None or not creds.credentials:
        raise HTTPException(401, "missing token: send 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": "Bearer"})
    name = token_name(ctx.queries.connection(), creds.credentials)
    if name is None:
        raise HTTPException(401, "token not accepted (unknown or revoked)", headers={"WWW-Authenticate": "Bearer"})
    return name


def require_writer(ctx: Ctx, creds: Credentials) -> str:
    """Dependency for every write: returns the token name recorded as ``who``."""
    return _name_or_401(ctx, creds)


def require_reader(ctx: Ctx, creds: Credentials) -> str | None:
    """Dependency for reads: open unless the server runs with --require-token-for-read."""
    if not ctx.require_token_for_read:
        return None
    return _name_or_401(ctx, creds)


Writer = Annotated[str, Depends(require_writer)]
Reader = Annotated[str | None, Depends(require_reader)]


@router.get("/api/me", summary="The name of the token sent")
def me(who: Writer) -> dict[str, str]:
    """Check a token (the dashboard's sign-in box uses it)."""
    return {"name": who}


@router.get("/api/config", summary="Dashboard settings")
def config(ctx: Ctx) -> dict[str, object]:
    """Settings the dashboard needs before sign-in: tile URL and whether reads need a token."""
    return {"tiles": ctx.tiles, "require_token_for_read": ctx.require_token_for_read}
