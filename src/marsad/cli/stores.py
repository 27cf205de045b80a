"""``marsad store copy``: move a dataset between a SQLite file and a PostgreSQL database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from marsad.cli.app import app, console, run_or_exit
from marsad.cli.dbpath import existing_store, parse_target

store_app = typer.Typer(help="Whole stores: copy one to another back-end.", no_args_is_help=True)
app.add_typer(store_app, name="store")


@store_app.command("copy")
def store_copy(
    source: Annotated[Path, typer.Argument(parser=parse_target, help="the store to copy (file or postgresql:// URL)")],
    target: Annotated[Path, typer.Argument(parser=parse_target, help="a new store to copy into (file or URL)")],
) -> None:
    """Copy every event, mention, history entry, correction, audit row and token into a new store.

    Example: marsad store copy events.sqlite postgresql://marsad@db.example.org/marsad
    """
    from marsad.store.copy import copy_store

    result = run_or_exit(lambda: copy_store(str(existing_store(source)), str(target)))
    console.print(f"copied {sum(result.rows.values())} rows in {len(result.rows)} tables: "
                  f"{result.source} -> {result.target}", highlight=False, soft_wrap=True)
