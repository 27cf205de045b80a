"""The Typer application every command module registers on.

Commands are thin: parse, call one library function, print, and turn a
``MarsadError`` into exit code 1 (``run_or_exit``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import typer
from rich.console import Console

from marsad.errors import MarsadError

app = typer.Typer(
    name="marsad",
    help="marsad (مرصد): news reports about armed conflict -> deduplicated, geocoded, evidence-linked events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)

T = TypeVar("T")


def run_or_exit(func: Callable[[], T]) -> T:
    """Call ``func``; on ``MarsadError`` print its message and exit with code 1."""
    try:
        return func()
    except MarsadError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)  # one line, unwrapped
        raise typer.Exit(code=1) from exc
