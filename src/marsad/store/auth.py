"""API tokens (only their sha256 is stored) and the audit log of API writes."""

from __future__ import annotations

import hashlib
import json
import logging
import re
import secrets
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from marsad.errors import InputError, StoreError

log = logging.getLogger(__name__)

TOKEN_PREFIX = "msd_"
_NAME = re.compile(r"^[\w.@+-]{1,64}$")


def now_iso() -> str:
    """The current UTC time as an ISO string (seconds)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def hash_token(token: str) -> str:
    """sha256 hex digest of a token: what the ``tokens`` table keeps."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _connect(path: str | Path) -> sqlite3.Connection:
    """Open the store file for a short write; raise StoreError when it is not a marsad store."""
    try:
        conn = sqlite3.connect(str(path))
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("SELECT 1 FROM tokens LIMIT 1")
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: not a marsad store (no tokens table): {exc}") from exc
    return conn


def create_token(path: str | Path, name: str) -> str:
    """Make a new token for ``name``, store its sha256 and return the token (shown once)."""
    if not _NAME.match(name or ""):
        raise InputError(f"token name {name!r}: use 1-64 letters, digits or . _ @ + -")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    conn = _connect(path)
    try:
        with conn:
            conn.execute("INSERT INTO tokens (name, token_hash, created_at) VALUES (?, ?, ?)",
                         (name, hash_token(token), now_iso()))
    finally:
        conn.close()
    log.info("created token for %s", name)
    return token


def revoke_tokens(path: str | Path, name: str) -> int:
    """Revoke every live token of ``name``; return how many were revoked."""
    conn = _connect(path)
    try:
        with conn:
            cur = conn.execute("UPDATE tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
                               (now_iso(), name))
    finally:
        conn.close()
    return cur.rowcount


def token_name(conn: sqlite3.Connection, token: str) -> str | None:
    """The name a live token belongs to, or None for an unknown or revoked token."""
    if not token or len(token) > 256:
        return None
    row = conn.execute("SELECT name FROM tokens WHERE token_hash = ? AND revoked_at IS NULL",
                       (hash_token(token),)).fetchone()
    return row[0] if row else None


def record_audit(conn: sqlite3.Connection, who: str, action: str, target: str | None, detail: dict[str, Any]) -> None:
    """Append one entry to ``audit_log`` (who, when, what, on which id) on an autocommit connection."""
    conn.execute("INSERT INTO audit_log (at, who, action, target, detail_json) VALUES (?, ?, ?, ?, ?)",
                 (now_iso(), who, action, target, json.dumps(detail, ensure_ascii=False, default=str)))
