"""create_app(store) -> the FastAPI app: JSON API under /api, the dashboard at /."""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import PurePath
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from marsad.api import articles, audit, auth, events, live, stats, tallies
from marsad.api.context import ApiContext
from marsad.api.security import MAX_BODY_BYTES, BodyLimit, SecurityHeaders
from marsad.errors import ConflictError, InputError, MarsadError, NotFoundError, StoreError, TimeBudgetError
from marsad.store.queries import Queries

log = logging.getLogger(__name__)

DESCRIPTION = (
    "marsad (مرصد): conflict events extracted from news reports, with the words that support every field. "
    "Reading is open unless the server runs with --require-token-for-read; writing needs "
    "`Authorization: Bearer <token>` (make one with `marsad token create NAME`)."
)


def _queries(store: Any) -> Queries:
    """Read queries over the store's file (own connections per thread), or its connection if in memory."""
    path = str(store.path)
    return Queries(path, shared=store.conn if path == ":memory:" else None)


def _add_error_handlers(app: FastAPI, store: Any) -> None:
    """Turn marsad errors into 4xx JSON with the error's message (no file path); store failures
    into a 500 that says only that (the server log has the details)."""
    statuses = ((NotFoundError, 404), (ConflictError, 409), (InputError, 400), (TimeBudgetError, 422), (StoreError, 500),
                (MarsadError, 400))
    for exc_type, status in statuses:
        def handler(request: Request, exc: Exception, status: int = status) -> JSONResponse:
            if status >= 500:
                log.error("%s %s: %s", request.method, request.url.path, exc)
                return JSONResponse({"detail": "the store could not answer (logged on the server)"}, status)
            return JSONResponse({"detail": public_message(str(exc), store)}, status_code=status)
        app.add_exception_handler(exc_type, handler)
    app.add_exception_handler(RequestValidationError, _validation_error)


def public_message(message: str, store: Any) -> str:
    """``message`` without the store's file path or folder (a client has no business knowing them)."""
    path = str(getattr(store, "path", "") or "")
    if path and path != ":memory:":
        folder = str(PurePath(path).parent)
        message = message.replace(path, "the store").replace(PurePath(path).name, "the store")
        if len(folder) > 1:
            message = message.replace(folder, "")
    return message


def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    """422 listing where and what is wrong, never the submitted values (the body is not echoed)."""
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")} for e in errors]
    return JSONResponse({"detail": detail}, status_code=422)


SWAGGER_UI = "/vendor/swagger-ui"  # vendored by frontend/vendor.mjs into web/vendor/, served by the "/" mount


def _add_docs(app: FastAPI) -> None:
    """Serve Swagger UI at /docs from the vendored files, so the docs work without internet; its
    start-up script is a file too (``web/api-docs.js``): the CSP allows no inline script."""
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{app.title} API</title>"
        f'<link rel="stylesheet" href="{SWAGGER_UI}/swagger-ui.css">'
        f'<link rel="icon" type="image/png" href="{SWAGGER_UI}/favicon-32x32.png"></head>'
        f'<body><div id="swagger-ui" data-openapi-url="{app.openapi_url or "/openapi.json"}"></div>'
        f'<script src="{SWAGGER_UI}/swagger-ui-bundle.js"></script>'
        '<script src="/api-docs.js"></script></body></html>'
    )

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(page)


def create_app(store: Any, *, require_token_for_read: bool = False, tiles: str | None = None,
               max_body_bytes: int = MAX_BODY_BYTES, time_budget: float | None = None) -> FastAPI:
    """The API over ``store`` (a marsad.store.Store) with the dashboard at ``/``.

    Every response carries the security headers (CSP without inline script, nosniff,
    frame-ancestors 'none'); a request body over ``max_body_bytes`` is refused with 413
    before authentication and before it is read. A posted report not extracted within
    ``time_budget`` seconds (default: ``data/limits.yaml``; 0: none) is refused with 422 naming it.
    """
    app = FastAPI(title="marsad", version="0.1.0", description=DESCRIPTION, docs_url=None, redoc_url=None)
    app.state.ctx = ApiContext(store=store, queries=_queries(store),
                               require_token_for_read=require_token_for_read, tiles=tiles,
                               time_budget=time_budget)
    for module in (auth, events, articles, tallies, stats, audit, live):
        app.include_router(module.router)
    _add_error_handlers(app, store)
    _add_docs(app)
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    app.add_middleware(SecurityHeaders, tiles=tiles)
    web = resources.files("marsad").joinpath("web")
    app.mount("/", StaticFiles(directory=str(web), html=True), name="web")
    return app
