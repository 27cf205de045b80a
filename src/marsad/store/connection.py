"""Opening a store (a SQLite file or a ``postgresql://`` database) and running one transaction."""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

from marsad.errors import MarsadError, StoreError

log = logging.getLogger(__name__)

MEMORY = ":memory:"


DB_ENV = "MARSAD_DB"


def default_path() -> Path:
    """The one default store: ``$MARSAD_DB`` when set, else ``marsad.sqlite`` in the user's data directory."""
    if os.environ.get(DB_ENV):
        if is_postgres(os.environ[DB_ENV]):  # a URL stays as written (a Path would fold its "//")
            return os.environ[DB_ENV]  # type: ignore[return-value]
        return Path(os.environ[DB_ENV]).expanduser()
    return Path(user_data_dir("marsad")) / "marsad.sqlite"


def resolve_path(path: str | Path | None) -> str:
    """The store to open: ``path``, ":memory:", a ``postgresql://`` URL, or the default (its folder created)."""
    if path is None:
        target = default_path()
        if is_postgres(target):
            return str(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        return str(target)
    return str(path)


def is_postgres(target: str | Path | None) -> bool:
    """Whether ``target`` is a PostgreSQL URL (``postgresql://user@host/dbname``)."""
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


def label_of(target: str) -> str:
    """How messages name a store: the file name, or the URL without its password."""
    if is_postgres(target):
        from marsad.store.pg import safe_label

        return safe_label(target)
    return target if target == MEMORY else Path(target).name


def connect(path: str, *, read_only: bool = False) -> Any:
    """Open a store: a ``postgresql://`` URL through ``marsad.store.pg``, else the SQLite file ``path``."""
    if is_postgres(path):
        from marsad.store import pg

        return pg.connect(path, read_only=read_only)
    return connect_sqlite(path)


def connect_sqlite(path: str) -> sqlite3.Connection:
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


def database_errors() -> tuple[type[Exception], ...]:
    """What either back-end's driver raises: ``sqlite3.Error``, and ``psycopg.Error`` when installed."""
    try:
        import psycopg
    except ImportError:
        return (sqlite3.Error,)
    return (sqlite3.Error, psycopg.Error)


# Every writer of a PostgreSQL store takes this transaction-level advisory lock first, as every
# SQLite writer takes the file's write lock with BEGIN IMMEDIATE: merging reads candidate events
# and writes the merged ones, so two reports of one incident must never merge side by side.
WRITE_LOCK = 0x6D617273  # "mars"


def _begin(conn: Any) -> None:
    if isinstance(conn, sqlite3.Connection):
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("PRAGMA defer_foreign_keys = ON")
        return
    conn.execute("BEGIN")
    conn.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
    conn.execute("SET CONSTRAINTS ALL DEFERRED")
    conn.execute(conn.dialect.write_count)


@contextmanager
def transaction(conn: Any, what: str) -> Iterator[None]:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``; on any error ``ROLLBACK`` and raise ``StoreError`` naming ``what``.

    Foreign keys are checked at commit (a mention may be written before its event row). On
    PostgreSQL the transaction first takes the store's write lock (``WRITE_LOCK``), so writers
    follow one another as on SQLite while readers go on reading, and counts itself in ``write_count``
    (what tells a writer whether another one has written since its last turn).
    Other ``MarsadError``s (bad input, unknown ids) roll back and pass through unchanged.
    """
    try:
        _begin(conn)
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        yield
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, MarsadError) or not isinstance(exc, Exception):
            raise
        raise StoreError(f"{what}: not stored, nothing written ({type(exc).__name__}: {exc})") from exc
