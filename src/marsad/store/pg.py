"""A PostgreSQL connection (psycopg 3) that the store's SQLite-style call sites can use unchanged.

``?`` placeholders become ``%s`` (a literal ``%`` is doubled), rows answer by index and by name like
``sqlite3.Row``, ``executemany`` and ``executescript`` work, ``in_transaction`` says whether a
transaction is open. The connection is in autocommit mode: ``connection.transaction`` opens and
closes each transaction itself, as it does on SQLite.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from marsad.errors import StoreError
from marsad.store.dialect import POSTGRES


def safe_label(url: str) -> str:
    """The URL without its password (for messages and logs)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


_TOKENS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*|\?|%")


@functools.lru_cache(maxsize=4096)
def translate(sql: str) -> str:
    """SQLite placeholders to psycopg's: ``?`` -> ``%s`` outside quotes and comments, ``%`` -> ``%%``."""
    def swap(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "?":
            return "%s"
        return token.replace("%", "%%")
    return _TOKENS.sub(swap, sql)


class Row(tuple):  # type: ignore[type-arg]
    """A result row: ``row[0]``, ``row["name"]``, ``row.keys()`` and ``dict(row)`` as with ``sqlite3.Row``."""

    _names: tuple[str, ...] = ()
    _index: dict[str, int] = {}

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            try:
                return tuple.__getitem__(self, self._index[key])
            except KeyError:
                raise IndexError(f"no such column: {key}") from None
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


@functools.lru_cache(maxsize=1024)
def _row_class(names: tuple[str, ...]) -> type[Row]:
    return type("Row", (Row,), {"_names": names, "_index": {n: i for i, n in enumerate(names)}})


def _row_factory(cursor: Any) -> Any:
    description = cursor.description
    if description is None:
        return tuple
    cls = _row_class(tuple(d.name for d in description))
    return cls


class Cursor:
    """The result of one statement."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    @property
    def rowcount(self) -> int:
        return int(self._cursor.rowcount)

    @property
    def description(self) -> Any:
        return self._cursor.description

    def fetchone(self) -> Row | None:
        if self._cursor.description is None:
            return None
        return self._cursor.fetchone()  # type: ignore[no-any-return]

    def fetchall(self) -> list[Row]:
        if self._cursor.description is None:
            return []
        return self._cursor.fetchall()  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[Row]:
        return iter(self.fetchall())


class Connection:
    """A psycopg connection speaking the store's SQLite-style SQL; ``dialect`` is ``POSTGRES``."""

    dialect = POSTGRES

    def __init__(self, raw: Any, label: str) -> None:
        self.raw = raw
        self.label = label
        self.row_factory: Any = None  # accepted and ignored: rows always answer by name

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Cursor:
        cursor = self.raw.cursor(row_factory=_row_factory)
        if params:
            cursor.execute(translate(sql), list(params) if not isinstance(params, dict) else params)
        else:  # no placeholders to fill: sent as written (a literal % stays single)
            cursor.execute(sql.encode("utf-8"))
        return Cursor(cursor)

    def executemany(self, sql: str, seq: Iterable[Sequence[Any]]) -> Cursor:
        cursor = self.raw.cursor(row_factory=_row_factory)
        rows = [list(p) for p in seq]
        if rows:
            cursor.executemany(translate(sql), rows)
        return Cursor(cursor)

    def copy_rows(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """``COPY table (columns) FROM STDIN`` with ``rows``, sent as they come."""
        with self.raw.cursor() as cursor, cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def executescript(self, script: str) -> None:
        """Run several statements as written (no placeholders)."""
        self.raw.execute(script.encode("utf-8"))

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return bool(self.raw.info.transaction_status != TransactionStatus.IDLE)

    def commit(self) -> None:
        if self.in_transaction:
            self.raw.execute("COMMIT")

    def rollback(self) -> None:
        if self.in_transaction:
            self.raw.execute("ROLLBACK")

    def close(self) -> None:
        self.raw.close()

    def __enter__(self) -> "Connection":
        """``with conn:`` as on SQLite: the block is one transaction, committed or rolled back."""
        if not self.in_transaction:
            self.raw.execute("BEGIN")
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.rollback()


def _numbers(raw: Any) -> None:
    """``numeric`` (sums of integers) loads as int or float, as SQLite returns them, not Decimal."""
    from psycopg.adapt import Loader

    class NumericLoader(Loader):
        def load(self, data: Any) -> Any:
            text = bytes(data).decode("ascii")
            if text in ("NaN", "Infinity", "-Infinity"):
                return float(text)
            return int(text) if "." not in text and "e" not in text.lower() else float(text)

    raw.adapters.register_loader("numeric", NumericLoader)


def connect(url: str, *, read_only: bool = False) -> Connection:
    """Open ``url`` (autocommit; statements time out on locks after 30 s)."""
    label = safe_label(url)
    try:
        import psycopg
    except ImportError as exc:
        raise StoreError(f"{label}: PostgreSQL needs psycopg (pip install 'marsad[postgres]')") from exc
    try:
        raw = psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.Error as exc:
        raise StoreError(f"{label}: cannot connect to PostgreSQL ({str(exc).strip()})") from exc
    _numbers(raw)
    raw.execute("SET lock_timeout = '30s'")
    if read_only:
        raw.execute("SET default_transaction_read_only = on")
    return Connection(raw, label)
