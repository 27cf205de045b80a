"""Core commands: extract, ingest, eval, demo. Each wraps one ``marsad.runner`` function."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from marsad import runner
from marsad.cli.app import app, console, err_console, run_or_exit
from marsad.document import Document

PathsArg = Annotated[list[Path], typer.Argument(help="Report files or folders (.txt, .html, .jsonl, .xml feeds).")]
DbOpt = Annotated[Optional[Path], typer.Option("--db", help="SQLite store (default: in the user's data directory).")]


@contextlib.contextmanager
def _progress(label: str) -> Iterator[Callable[[Document], None]]:
    """A Rich progress display; yields a callback that advances it by one report."""
    columns = (SpinnerColumn(), TextColumn(label), BarColumn(), TextColumn("{task.completed} reports"),
               TimeElapsedColumn())
    with Progress(*columns, console=err_console, transient=True) as progress:
        task = progress.add_task(label, total=None)
        yield lambda _doc: progress.advance(task)


@app.command()
def extract(
    paths: PathsArg,
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to write one JSON record per report.")],
) -> None:
    """Extract events and tallies from reports into JSONL (no database needed); exits 1 when a
    report had to be skipped.

    Example: marsad extract reports/ --out events.jsonl
    """
    def work() -> runner.ExtractSummary:
        with _progress("extracting") as advance:
            return runner.extract_to_file(paths, out, progress=advance)

    summary = run_or_exit(work)
    skipped = f", {len(summary.errors)} skipped" if summary.errors else ""
    console.print(f"{summary.written} reports extracted{skipped} -> {out}")
    _print_problems(summary.errors, summary.warnings)
    if summary.errors:
        raise typer.Exit(code=1)


@app.command()
def ingest(
    paths: PathsArg, db: DbOpt = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Extract reports again even when stored with the same text (a newer marsad).")] = False,
) -> None:
    """Extract reports and store them, merging reports of the same incident into one event.
    Reports already stored with the same text are skipped without extraction.

    Example: marsad ingest reports/ feed.xml --db events.sqlite
    """
    from marsad.store import Store

    def work() -> runner.IngestSummary:
        with Store(db) as store, _progress("ingesting") as advance:
            return runner.ingest_paths(paths, store, progress=advance, force=force)

    summary = run_or_exit(work)
    _print_ingest(summary)
    if summary.errors:
        raise typer.Exit(code=1)


def _print_ingest(summary: runner.IngestSummary) -> None:
    errors = f", errors {len(summary.errors)}" if summary.errors else ""
    console.print(
        f"added {len(summary.added)}, updated {len(summary.updated)}, unchanged {len(summary.unchanged)}, "
        f"reprints {len(summary.duplicates)}{errors}; {summary.events} events and {summary.tallies} tallies extracted"
    )
    _print_problems(summary.errors, summary.warnings)


def _print_problems(errors: list[str], warnings: list[str]) -> None:
    for warning in warnings:
        err_console.print(f"[yellow]warning:[/] {warning}", highlight=False, soft_wrap=True)
    for error in errors:
        err_console.print(f"[red]error:[/] {error}", highlight=False, soft_wrap=True)


@app.command("eval")
def evaluate(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold JSON files (shared gold format).")],
    reports: Annotated[Path, typer.Argument(help="Folder of the reports the gold files annotate.")],
    out: Annotated[Path, typer.Option(help="Where to keep the extraction.")] = Path("out/eval.jsonl"),
    scorer: Annotated[Optional[Path], typer.Option(help="Path to score.py (default: beside the gold folder).")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Per-report misses and field errors.")] = False,
) -> None:
    """Extract REPORTS and print the shared scorer's figures against GOLD_DIR.

    Example: marsad eval ../shared/gold ../shared/seeds --verbose
    """
    summary = run_or_exit(lambda: runner.evaluate(gold_dir, [reports], out=out, scorer=scorer))
    per_article = summary.pop("per_article")
    if verbose:
        for r in per_article:
            wrong = [sorted(k for k, ok in c.items() if not ok) for c in r["fields"]]
            console.print(f"{r['article_id']}: gold {r['gold_required']} pred {r['predicted']} matched "
                          f"{r['matched']} missed {r['missed']} field errors {wrong} traps {r['trap_hits']} "
                          f"tallies {r['tallies_found']}/{r['tallies_gold']}", highlight=False, soft_wrap=True)
    for key, value in summary.items():
        console.print(f"{key}: {value}", highlight=False, soft_wrap=True)


@app.command()
def demo(
    db: Annotated[Path, typer.Option(help="SQLite store to fill.")] = Path("out/demo.sqlite"),
    out: Annotated[Path, typer.Option(help="Folder for the exports.")] = Path("out"),
) -> None:
    """Ingest the bundled sample corpus, extract, store, export, and print a summary.

    Example: marsad demo --db out/demo.sqlite --out out
    """
    def work() -> runner.DemoSummary:
        with _progress("demo") as advance:
            return runner.run_demo(db, out, progress=advance)

    result = run_or_exit(work)
    _print_ingest(result.ingest)
    console.print(_events_table(result.db))
    for name, path in result.outputs.items():
        console.print(f"{name:>8}: {path}")
    console.print(f"   store: {result.db}  (browse it: marsad serve --db {result.db})")


def _events_table(db: Path, limit: int = 25) -> Table:
    """The stored events, newest first, as a Rich table."""
    from marsad.store import Store

    table = Table(title="marsad demo: stored events (merged across reports)")
    table.add_column("date", no_wrap=True, min_width=10)
    for column in ("event", "actors", "place"):
        table.add_column(column, overflow="fold", ratio=1)
    for column in ("deaths", "sources"):
        table.add_column(column, justify="right", no_wrap=True)
    with Store(db) as store:
        events = sorted(store.iter_events(), key=lambda e: e.event_date or "", reverse=True)
    for e in events[:limit]:
        table.add_row(e.event_date or "?", e.sub_event_type or "", f"{e.actor1 or '?'} -> {e.actor2 or '-'}",
                      f"{e.location or '?'} ({e.admin1 or '?'})", "" if e.fatalities is None else str(e.fatalities),
                      str(len({c.source for c in e.sources})))
    table.caption = f"{len(events)} events in all" + (f", {limit} shown" if len(events) > limit else "")
    return table

