"""The ``--db`` option every store command shares, and the check that a store to read exists."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from marsad.errors import NotFoundError
from marsad.store.connection import DB_ENV, default_path, is_postgres

DEFAULT_HELP = f"default: ${DB_ENV} if set, else {default_path()}"


def parse_target(value: str) -> Path:
    """``--db``: a SQLite file, or a ``postgresql://user@host/dbname`` URL kept as written (not a path)."""
    return value if is_postgres(value) else Path(value)  # type: ignore[return-value]


DbOpt = Annotated[Optional[Path], typer.Option("--db", parser=parse_target, show_default=False,
                                               help=f"SQLite file or postgresql://user@host/dbname ({DEFAULT_HELP}).")]


def store_path(db: Optional[Path]) -> Path:
    """The store file a command uses: ``--db`` or the one default."""
    return db if db is not None else default_path()


def existing_store(db: Optional[Path]) -> Path:
    """The store to read; ``NotFoundError`` naming the path when there is none (never a new empty one)."""
    path = store_path(db)
    if is_postgres(path):
        return path  # opening it says whether it is reachable and a marsad database
    if str(path) != ":memory:" and not path.is_file():
        hint = "" if db is not None else f" (the default; set --db or ${DB_ENV})"
        raise NotFoundError(f"{path}: no such marsad database{hint}; "
                            "fill one with `marsad ingest PATH --db FILE` or `marsad demo`")
    return path
