"""What every request and response goes through: a body size limit and the security headers.

Both are plain ASGI middleware placed outside the app, so they act before routing and before
authentication; the size limit answers 413 from the ``Content-Length`` header alone, without
reading the body, and counts the bytes of a body sent without one (chunked) as they arrive.
"""

from __future__ import annotations

import json
from urllib.parse import urlparse

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY_BYTES = 16_000_000  # a 2,000,000-character report as JSON, with room for escapes


class BodyLimit:
    """Refuse a request body over ``max_bytes`` with 413 (and a malformed Content-Length with 400)."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared is not None and not declared.isdigit():
            await _send_json(send, 400, "Content-Length is not a number")
            return
        if declared is not None and int(declared) > self.max_bytes:
            await _send_json(send, 413, self._too_large())  # the body is never read
            return
        await self.app(scope, self._counting(receive), send)

    def _too_large(self) -> str:
        return f"request body over the {self.max_bytes / 1_000_000:g} MB limit"

    def _counting(self, receive: Receive) -> Receive:
        """``receive`` that stops a body (sent without a length, or longer than it said) at the limit."""
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise HTTPException(413, self._too_large())
            return message
        return counted


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers") or ():
        if key.lower() == name:
            return value.decode("latin-1").strip()
    return None


async def _send_json(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close"), *security_headers(None)]})
    await send({"type": "http.response.body", "body": body})


def content_security_policy(tiles: str | None) -> str:
    """The CSP: scripts only from this server (no inline script), tiles from their own host."""
    images = "'self' data: blob:"
    if tiles:
        parsed = urlparse(tiles.replace("{", "").replace("}", ""))
        if parsed.scheme in ("http", "https") and parsed.netloc:
            images += f" {parsed.scheme}://{parsed.netloc}"
    # Inline *styles* stay allowed: the map library positions markers and tiles through style attributes.
    return ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            f"img-src {images}; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
            "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def security_headers(tiles: str | None) -> list[tuple[bytes, bytes]]:
    """Headers every response carries."""
    return [
        (b"content-security-policy", content_security_policy(tiles).encode("latin-1")),
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"no-referrer"),
        (b"cross-origin-opener-policy", b"same-origin"),
    ]


class SecurityHeaders:
    """Add ``security_headers`` to every HTTP response (those the app set itself are kept)."""

    def __init__(self, app: ASGIApp, tiles: str | None = None) -> None:
        self.app = app
        self.headers = security_headers(tiles)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = False

        async def with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                present = {key.lower() for key, _ in message.get("headers") or ()}
                message["headers"] = [*(message.get("headers") or ()),
                                      *(h for h in self.headers if h[0] not in present)]
            await send(message)
        try:
            await self.app(scope, receive, with_headers)
        except Exception:
            if not started:  # a bug: answer 500 without details (the server logs the traceback)
                await _send_json(send, 500, "internal server error (logged on the server)")
            raise
