"""``marsad serve``: the HTTP API and the dashboard (tokens: ``marsad.cli.tokens``)."""

from __future__ import annotations

import logging
from pathlib import Path

import typer

from marsad.cli.app import app, console, run_or_exit
from marsad.cli.dbpath import DbOpt, existing_store

log = logging.getLogger(__name__)


def _open_store(db: Path):  # type: ignore[no-untyped-def]
    """Open (or create) the store file."""
    from marsad.store import Store

    return Store(db)


@app.command()
def serve(
    db: DbOpt = None,
    host: str = typer.Option("127.0.0.1", "--host", help="address to listen on"),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port"),
    require_token_for_read: bool = typer.Option(False, "--require-token-for-read",
                                                help="reading needs a token too (writing always does)"),
    tiles: str = typer.Option(None, "--tiles", help="optional tile URL template, e.g. http://host/{z}/{x}/{y}.png"),
    time_budget: float = typer.Option(None, "--time-budget", min=0, help="seconds a posted report's extraction may "
                                      "take before it is refused with 422 (default: data/limits.yaml, 60; 0: no limit)"),
) -> None:
    """Serve the HTTP API (OpenAPI at /docs) and the offline dashboard at /.

    Example: marsad serve --db events.sqlite --port 8000
    """
    import uvicorn

    from marsad.api import create_app

    path = run_or_exit(lambda: existing_store(db))
    api = run_or_exit(lambda: create_app(_open_store(path), require_token_for_read=require_token_for_read,
                                         tiles=tiles, time_budget=time_budget))
    console.print(f"marsad: serving {path} at http://{host}:{port}/ (API docs at /docs)")
    uvicorn.run(api, host=host, port=port, log_level="warning")
