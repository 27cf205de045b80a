"""Core commands: extract, ingest, eval, demo. Each wraps one ``marsad.runner`` function."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from marsad.cli.app import app, console, err_console, run_or_exit
from marsad.cli.dbpath import DbOpt, store_path
from marsad.errors import InputError

if TYPE_CHECKING:
    from rich.table import Table

    from marsad import runner
    from marsad.document import Document

PathsArg = Annotated[list[Path], typer.Argument(help="Report files or folders (.txt, .html, .jsonl, .xml feeds).")]
BudgetOpt = Annotated[Optional[float], typer.Option(
    "--time-budget", min=0, help="Seconds one report's extraction may take before it is stopped and "
    "counted as failed (default: data/limits.yaml, 60; 0: no limit).")]
WorkersOpt = Annotated[int, typer.Option("--workers", "-j", min=1,
                                         help="Processes that extract (the pipeline is loaded once, then forked).")]


def _runner() -> ModuleType:
    """``marsad.runner``, imported when a command runs (``marsad --help`` stays quick)."""
    from marsad import runner

    return runner


@contextlib.contextmanager
def _progress(label: str, total: int | None = None) -> Iterator[Callable[[Document], None]]:
    """A Rich progress bar (reports done of the total, elapsed, time left when the total is known);
    yields a callback that advances it by one report."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn() if total else
               TextColumn("{task.completed} reports"), TextColumn("reports" if total else ""),
               TimeElapsedColumn(), *([TextColumn("left"), TimeRemainingColumn()] if total else []))
    with Progress(*columns, console=err_console, transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda _doc: progress.advance(task)


def _require_paths(paths: list[Path]) -> int | None:
    """Raise ``InputError`` for paths that do not exist; return how many reports the rest hold."""
    missing = _runner().missing_paths(paths)
    if missing:
        raise InputError(f"{', '.join(missing)}: no such file or folder")
    return _runner().count_reports(paths)


@app.command()
def extract(
    paths: PathsArg,
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to write one JSON record per report.")],
    time_budget: BudgetOpt = None,
    workers: WorkersOpt = 1,
) -> None:
    """Extract events and tallies from reports into JSONL (no database needed); exits 1 when a
    report had to be skipped.

    Example: marsad extract reports/ --out events.jsonl
    """
    def work() -> runner.ExtractSummary:
        with _progress("extracting", _require_paths(paths)) as advance:
            return _runner().extract_to_file(paths, out, progress=advance, time_budget=time_budget,
                                             workers=workers)

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
    time_budget: BudgetOpt = None,
    workers: WorkersOpt = 1,
) -> None:
    """Extract reports and store them, merging reports of the same incident into one event.
    Reports already stored with the same text are skipped without extraction.

    Example: marsad ingest reports/ feed.xml --db events.sqlite
    """
    from marsad.store import Store

    path = store_path(db)

    def work() -> runner.IngestSummary:
        total = _require_paths(paths)
        with Store(path) as store, _progress("ingesting", total) as advance:
            return _runner().ingest_paths(paths, store, progress=advance, force=force, time_budget=time_budget,
                                          workers=workers)

    summary = run_or_exit(work)
    _print_ingest(summary)
    console.print(f"stored in {path}  (see them: marsad events --db {path})", highlight=False, soft_wrap=True)
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
    reports: Annotated[Path, typer.Argument(help="Folder or JSONL file of the reports the gold files annotate.")],
    out: Annotated[Path, typer.Option(help="Where to keep the extraction.")] = Path("out/eval.jsonl"),
    scorer: Annotated[Optional[Path], typer.Option(help="Path to score.py (default: beside the gold folder).")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Per-report misses and field errors.")] = False,
    split: Annotated[Optional[Path], typer.Option(help="JSON file of report ids by part (e.g. benchmarks/real/split.json): "
                                                        "also print each part's figures.")] = None,
) -> None:
    """Extract REPORTS and print the shared scorer's figures against GOLD_DIR.

    Example: marsad eval ../shared/gold ../shared/seeds --verbose
    Real set: marsad eval ../shared/real/gold real.jsonl --split benchmarks/real/split.json
    """
    summary = run_or_exit(lambda: _runner().evaluate(gold_dir, [reports], out=out, scorer=scorer, split=split))
    per_article = summary.pop("per_article")
    parts = summary.pop("parts", {})
    if verbose:
        for r in per_article:
            wrong = [sorted(k for k, ok in c.items() if not ok) for c in r["fields"]]
            console.print(f"{r['article_id']}: gold {r['gold_required']} pred {r['predicted']} matched "
                          f"{r['matched']} missed {r['missed']} field errors {wrong} traps {r['trap_hits']} "
                          f"tallies {r['tallies_found']}/{r['tallies_gold']}", highlight=False, soft_wrap=True)
    for key, value in summary.items():
        console.print(f"{key}: {value}", highlight=False, soft_wrap=True)
    for name, part in parts.items():
        figures = ", ".join(f"{k} {v}" for k, v in part.items() if not isinstance(v, dict))
        console.print(f"[bold]{name}[/]: {figures}", highlight=False, soft_wrap=True)


@app.command()
def demo(
    db: DbOpt = None,
    out: Annotated[Path, typer.Option(help="Folder for the exports.")] = Path("out"),
) -> None:
    """Ingest the bundled sample corpus into the store, export it, and print a summary.

    Without --db the demo fills the default store, so `marsad events` and `marsad serve` show it next.

    Example: marsad demo --db out/demo.sqlite --out out
    """
    path = store_path(db)

    def work() -> runner.DemoSummary:
        with _progress("demo", _runner().count_reports(_runner().sample_corpus_paths())) as advance:
            return _runner().run_demo(path, out, progress=advance)

    result = run_or_exit(work)
    _print_ingest(result.ingest)
    console.print(_events_table(result.db))
    for name, path in result.outputs.items():
        console.print(f"{name:>8}: {path}")
    console.print(f"   store: {result.db}  (list: marsad events --db {result.db}; browse: marsad serve --db {result.db})",
                  highlight=False, soft_wrap=True)


def _events_table(db: Path, limit: int = 25) -> Table:
    """The stored events, newest first, as a Rich table."""
    from rich.table import Table

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
                      str(len([n for n in (e.source or "").split(";") if n.strip()])))
    table.caption = f"{len(events)} events in all" + (f", {limit} shown" if len(events) > limit else "")
    return table

