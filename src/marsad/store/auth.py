"""API tokens (only their sha256 is stored), their scopes and expiry, and the audit log of API writes.

A token has one or more scopes: ``ingest`` (add reports), ``review`` (status, corrections,
splits) and ``admin`` (replace or restore a stored report, read the audit log; admin may do
everything). A token may expire; a revoked or expired token is refused.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from marsad.errors import InputError, NotFoundError, StoreError
from marsad.store.connection import connect, is_postgres, label_of

log = logging.getLogger(__name__)

TOKEN_PREFIX = "msd_"
SCOPES = ("ingest", "review", "admin")
DEFAULT_SCOPES = ("ingest", "review")  # what a token could do before scopes existed
_NAME = re.compile(r"^[\w.@+-]{1,64}$")
_DURATION = re.compile(r"^(\d{1,5})([hdw])$")
_HOURS = {"h": 1, "d": 24, "w": 24 * 7}


@dataclass(frozen=True, slots=True)
class Grant:
    """Who a live token belongs to and what it may do."""

    name: str
    scopes: frozenset[str]

    def allows(self, scope: str) -> bool:
        """True when the token has ``scope`` (admin has every scope)."""
        return scope in self.scopes or "admin" in self.scopes


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """One stored token as ``marsad token list`` shows it (never the token itself)."""

    id: int
    name: str
    scopes: tuple[str, ...]
    created_at: str
    expires_at: str | None
    revoked_at: str | None

    def state(self, now: str | None = None) -> str:
        """"live", "revoked" or "expired"."""
        if self.revoked_at:
            return "revoked"
        if self.expires_at and self.expires_at <= (now or now_iso()):
            return "expired"
        return "live"


def now_iso() -> str:
    """The current UTC time as an ISO string (seconds)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def hash_token(token: str) -> str:
    """sha256 hex digest of a token: what the ``tokens`` table keeps."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def parse_scopes(scopes: list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """Check scope names ("ingest", "review", "admin"; commas allowed); the default when none."""
    names = [part.strip().lower() for item in scopes or () for part in item.split(",") if part.strip()]
    unknown = sorted(set(names) - set(SCOPES))
    if unknown:
        raise InputError(f"token scope {', '.join(unknown)}: use {', '.join(SCOPES)}")
    return tuple(s for s in SCOPES if s in names) or DEFAULT_SCOPES


def parse_expiry(value: str | None, *, now: datetime | None = None) -> str | None:
    """An expiry as ISO UTC time: from "30d", "12h", "2w" or a date "2027-01-31" (end of that day)."""
    if value is None or not value.strip():
        return None
    text = value.strip().lower()
    start = now or datetime.now(timezone.utc)
    match = _DURATION.match(text)
    if match:
        when = start + timedelta(hours=int(match.group(1)) * _HOURS[match.group(2)])
    else:
        try:
            day = datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=timezone.utc)
        except ValueError as exc:
            raise InputError(f"token expiry {value!r}: use a duration (12h, 30d, 2w) or a date YYYY-MM-DD") from exc
        when = day + timedelta(days=1)
    if when <= start:
        raise InputError(f"token expiry {value!r} is in the past")
    return when.replace(microsecond=0).isoformat()


def _connect(path: str | Path) -> Any:
    """Open the store for a short write; raise StoreError when it is not a marsad store."""
    if is_postgres(path):
        conn = connect(str(path))
        try:
            conn.execute("SELECT scopes, expires_at FROM tokens LIMIT 1")
        except Exception as exc:
            conn.close()
            raise StoreError(f"{label_of(str(path))}: not a marsad store (no tokens table): {exc}") from exc
        return conn
    try:
        conn = sqlite3.connect(str(path))
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("SELECT scopes, expires_at FROM tokens LIMIT 1")
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: not a marsad store (no tokens table): {exc}") from exc
    return conn


def create_token(path: str | Path, name: str, *, scopes: list[str] | tuple[str, ...] | None = None,
                 expires: str | None = None) -> str:
    """Make a new token for ``name``, store its sha256 and return the token (shown once).

    Args:
        scopes: any of "ingest", "review", "admin" (default: ingest and review).
        expires: "30d", "12h", "2w" or a date "YYYY-MM-DD" (default: never).
    """
    if not _NAME.match(name or ""):
        raise InputError(f"token name {name!r}: use 1-64 letters, digits or . _ @ + -")
    granted, expires_at = parse_scopes(scopes), parse_expiry(expires)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    conn = _connect(path)
    try:
        with conn:
            conn.execute("INSERT INTO tokens (name, token_hash, created_at, scopes, expires_at) VALUES (?,?,?,?,?)",
                         (name, hash_token(token), now_iso(), " ".join(granted), expires_at))
            record_audit(conn, "cli", "create_token", name, {"scopes": list(granted), "expires_at": expires_at})
    finally:
        conn.close()
    log.info("created token for %s", name)
    return token


def list_tokens(path: str | Path) -> list[TokenInfo]:
    """Every token ever made (live, expired and revoked), oldest first."""
    conn = _connect(path)
    try:
        found = conn.execute("SELECT id, name, scopes, created_at, expires_at, revoked_at FROM tokens ORDER BY id")
        return [TokenInfo(r[0], r[1], tuple(r[2].split()), r[3], r[4], r[5]) for r in found]
    finally:
        conn.close()


def revoke_tokens(path: str | Path, name: str | None = None, *, token_id: int | None = None) -> int:
    """Revoke every live token of ``name``, or the one token ``token_id``; return how many."""
    if (name is None) == (token_id is None):
        raise InputError("revoke: give a token name or a token id, not both")
    where, value = ("name = ?", name) if token_id is None else ("id = ?", token_id)
    conn = _connect(path)
    try:
        with conn:
            cur = conn.execute(f"UPDATE tokens SET revoked_at = ? WHERE {where} AND revoked_at IS NULL",
                               (now_iso(), value))
            if cur.rowcount:
                record_audit(conn, "cli", "revoke_token", name or f"#{token_id}", {"revoked": cur.rowcount})
    finally:
        conn.close()
    if cur.rowcount == 0 and token_id is not None:
        raise NotFoundError(f"token #{token_id}: no such live token")
    return cur.rowcount


def token_grant(conn: sqlite3.Connection, token: str) -> Grant | None:
    """The name and scopes of a live (known, not revoked, not expired) token, or None."""
    if not token or len(token) > 256:
        return None
    row = conn.execute("SELECT name, scopes FROM tokens WHERE token_hash = ? AND revoked_at IS NULL"
                       " AND (expires_at IS NULL OR expires_at > ?)", (hash_token(token), now_iso())).fetchone()
    return Grant(row[0], frozenset(row[1].split())) if row else None


def token_name(conn: sqlite3.Connection, token: str) -> str | None:
    """The name a live token belongs to, or None for an unknown, revoked or expired token."""
    grant = token_grant(conn, token)
    return grant.name if grant else None


def record_audit(conn: sqlite3.Connection, who: str, action: str, target: str | None, detail: dict[str, Any]) -> None:
    """Append one entry to ``audit_log`` (who, when, what, on which id)."""
    conn.execute("INSERT INTO audit_log (at, who, action, target, detail_json) VALUES (?, ?, ?, ?, ?)",
                 (now_iso(), who, action, target, json.dumps(detail, ensure_ascii=False, default=str)))
