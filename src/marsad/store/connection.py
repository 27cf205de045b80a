"""Opening the SQLite file and running one transaction."""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from platformdirs import user_data_dir

from marsad.errors import MarsadError, StoreError

log = logging.getLogger(__name__)

MEMORY = ":memory:"


DB_ENV = "MARSAD_DB"


def default_path() -> Path:
    """The one default store: ``$MARSAD_DB`` when set, else ``marsad.sqlite`` in the user's data directory."""
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV]).expanduser()
    return Path(user_data_dir("marsad")) / "marsad.sqlite"


def resolve_path(path: str | Path | None) -> str:
    """The file to open: ``path``, ":memory:", or the default (its folder created)."""
    if path is None:
        target = default_path()
        target.parent.mkdir(parents=True, exist_ok=True)
        return str(target)
    return str(path)


def connect(path: str) -> sqlite3.Connection:
    """Open ``path`` in autocommit mode with WAL and foreign keys; check it is a database."""
    label = Path(path).name if path != MEMORY else MEMORY
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30.0)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open the store ({exc})") from exc
    try:
        conn.execute("PRAGMA schema_version").fetchone()
        conn.execute("PRAGMA foreign_keys = ON")
        if path != MEMORY:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{label}: not a marsad database ({exc})") from exc
    conn.row_factory = sqlite3.Row
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection, what: str) -> Iterator[None]:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``; on any error ``ROLLBACK`` and raise ``StoreError`` naming ``what``.

    Foreign keys are checked at commit (a mention may be written before its event row).
    Other ``MarsadError``s (bad input, unknown ids) roll back and pass through unchanged.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("PRAGMA defer_foreign_keys = ON")
        yield
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, MarsadError) or not isinstance(exc, Exception):
            raise
        raise StoreError(f"{what}: not stored, nothing written ({type(exc).__name__}: {exc})") from exc
