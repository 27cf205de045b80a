"""``marsad token create|list|revoke``: who may write through the API, with which scopes, until when."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from marsad.cli.app import app, console, run_or_exit
from marsad.cli.dbpath import DbOpt

token_app = typer.Typer(help="API tokens: who may write (and read, with --require-token-for-read).",
                        no_args_is_help=True)
app.add_typer(token_app, name="token")



def _store_path(db: Optional[Path]) -> str:
    """The store file, created and migrated when new or old (tokens need the current schema)."""
    from marsad.store import Store
    from marsad.store.connection import resolve_path

    path = resolve_path(db)
    Store(path).close()
    return path


@token_app.command("create")
def token_create(
    name: Annotated[str, typer.Argument(help="who the token is for (recorded in the audit log)")],
    db: DbOpt = None,
    scope: Annotated[Optional[list[str]], typer.Option(
        "--scope", "-s", help="ingest, review or admin (repeatable; default: ingest and review)")] = None,
    expires: Annotated[Optional[str], typer.Option(
        "--expires", help="when it stops working: 12h, 30d, 2w or a date YYYY-MM-DD (default: never)")] = None,
) -> None:
    """Make a new API token and print it once (only its sha256 is stored).

    Example: marsad token create analyst-1 --scope review --expires 90d --db events.sqlite
    """
    from marsad.store.auth import create_token

    token = run_or_exit(lambda: create_token(_store_path(db), name, scopes=scope, expires=expires))
    console.print(token, highlight=False, soft_wrap=True)


@token_app.command("list")
def token_list(db: DbOpt = None) -> None:
    """List every token: its id, name, scopes, dates and whether it is live, expired or revoked.

    Example: marsad token list --db events.sqlite
    """
    from marsad.store.auth import list_tokens

    tokens = run_or_exit(lambda: list_tokens(_store_path(db)))
    table = Table(title=f"{len(tokens)} tokens")
    for column in ("id", "name", "scopes", "created", "expires", "state"):
        table.add_column(column)
    for t in tokens:
        table.add_row(str(t.id), t.name, " ".join(t.scopes), t.created_at, t.expires_at or "never", t.state())
    console.print(table)


@token_app.command("revoke")
def token_revoke(
    name: Annotated[Optional[str], typer.Argument(help="revoke every live token of this name")] = None,
    token_id: Annotated[Optional[int], typer.Option("--id", help="revoke only the token with this id")] = None,
    db: DbOpt = None,
) -> None:
    """Revoke tokens at once: requests with them are refused from then on (audited).

    Example: marsad token revoke analyst-1 --db events.sqlite
    """
    from marsad.store.auth import revoke_tokens

    count = run_or_exit(lambda: revoke_tokens(_store_path(db), name, token_id=token_id))
    console.print(f"revoked {count} token{'s' if count != 1 else ''}")
