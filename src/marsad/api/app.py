"""create_app(store) -> the FastAPI app: JSON API under /api, the dashboard at /."""

from __future__ import annotations

import logging
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from marsad.api import articles, auth, events, live, stats, tallies
from marsad.api.context import ApiContext
from marsad.errors import InputError, MarsadError, NotFoundError, StoreError
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


def _add_error_handlers(app: FastAPI) -> None:
    """Turn marsad errors into 4xx JSON with the error's message."""
    statuses = ((NotFoundError, 404), (InputError, 400), (StoreError, 500), (MarsadError, 400))
    for exc_type, status in statuses:
        def handler(request: Request, exc: Exception, status: int = status) -> JSONResponse:
            if status >= 500:
                log.error("%s %s: %s", request.method, request.url.path, exc)
            return JSONResponse({"detail": str(exc)}, status_code=status)
        app.add_exception_handler(exc_type, handler)


SWAGGER_UI = "/vendor/swagger-ui"  # vendored by frontend/vendor.mjs into web/vendor/, served by the "/" mount


def _add_docs(app: FastAPI) -> None:
    """Serve Swagger UI at /docs from the vendored files, so the docs work without internet."""
    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title=f"{app.title} API",
            swagger_js_url=f"{SWAGGER_UI}/swagger-ui-bundle.js", swagger_css_url=f"{SWAGGER_UI}/swagger-ui.css",
            swagger_favicon_url=f"{SWAGGER_UI}/favicon-32x32.png", swagger_ui_parameters={"validatorUrl": None},
        )


def create_app(store: Any, *, require_token_for_read: bool = False, tiles: str | None = None) -> FastAPI:
    """The API over ``store`` (a marsad.store.Store) with the dashboard at ``/``."""
    app = FastAPI(title="marsad", version="0.1.0", description=DESCRIPTION, docs_url=None, redoc_url=None)
    app.state.ctx = ApiContext(store=store, queries=_queries(store),
                               require_token_for_read=require_token_for_read, tiles=tiles)
    for module in (auth, events, articles, tallies, stats, live):
        app.include_router(module.router)
    _add_error_handlers(app)
    _add_docs(app)
    web = resources.files("marsad").joinpath("web")
    app.mount("/", StaticFiles(directory=str(web), html=True), name="web")
    return app
