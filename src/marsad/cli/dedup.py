"""Store commands: events, export, split, dedup. Each wraps one ``Store`` or ``marsad.export`` call."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from rich.table import Table

from marsad.cli.app import app, console, err_console, run_or_exit

if TYPE_CHECKING:
    from marsad.export import ExportStats
    from marsad.store import Store

DbOpt = Annotated[Optional[Path], typer.Option("--db", help="SQLite store (default: in the user's data directory).")]


def _open(db: Optional[Path], threshold: Optional[float] = None) -> "Store":
    """Open the store (the import waits until a command runs: ``--help`` stays fast)."""
    from marsad.dedup import DedupConfig
    from marsad.store import Store

    config = DedupConfig() if threshold is None else DedupConfig(threshold=threshold)
    return Store(db, config=config)


@app.command()
def events(db: DbOpt = None,
           limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many events to show.")] = 50) -> None:
    """Show the stored events (merged across reports) as a table, latest first.

    Example: marsad events --db events.sqlite --limit 20
    """
    def work() -> tuple[list[dict[str, Any]], int]:
        with _open(db) as store:
            records = list(store.iter_event_records())
        dated = [r for r in records if r.get("event_date")][::-1]
        latest_first = dated + [r for r in records if not r.get("event_date")]
        return latest_first[:limit], len(records)

    shown, total = run_or_exit(work)
    table = Table(title=f"{total} events" + (f", {len(shown)} shown" if total > len(shown) else ""))
    for column in ("id", "date", "type", "actor1", "actor2", "location", "admin1", "deaths", "sources", "status"):
        table.add_column(column, overflow="fold")
    for r in shown:
        deaths = "" if r.get("fatalities") is None else str(r["fatalities"])
        if r.get("fatalities_high") not in (None, r.get("fatalities")):
            deaths += f" ({r.get('fatalities_low')}-{r['fatalities_high']})"
        table.add_row(r["id"], r.get("event_date") or "?", r.get("sub_event_type") or r.get("event_type") or "",
                      r.get("actor1") or "", r.get("actor2") or "", r.get("location") or "", r.get("admin1") or "",
                      deaths, str(r.get("number_of_sources", "")), r.get("status", ""))
    console.print(table)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv (ACLED columns first), jsonl or geojson.")] = "csv",
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Output file (default: standard output).")] = None,
    db: DbOpt = None,
    include_rejected: Annotated[bool, typer.Option(help="Also export events a reviewer rejected.")] = False,
) -> None:
    """Export the merged events as ACLED-compatible CSV, JSON Lines or GeoJSON.

    Example: marsad export --format csv --out events.csv --db events.sqlite
    """
    from marsad.export import export_store
    from marsad.export.output import atomic_output

    def work() -> "ExportStats":
        with _open(db) as store:
            if out is None:
                return export_store(store, fmt, sys.stdout, include_rejected=include_rejected)
            with atomic_output(out) as fh:
                return export_store(store, fmt, fh, include_rejected=include_rejected)

    stats = run_or_exit(work)
    skipped = f", {stats.skipped} without coordinates skipped" if stats.skipped else ""
    err_console.print(f"{stats.written} events exported ({fmt}){skipped}" + (f" -> {out}" if out else ""))


@app.command()
def split(
    event_id: Annotated[str, typer.Argument(help="The merged event to split.")],
    mention: Annotated[Optional[list[str]], typer.Option(
        "--mention", "-m", help="Mention id to move out (repeatable; default: every report but the first).")] = None,
    db: DbOpt = None,
    who: Annotated[str, typer.Option(help="Reviewer name for the history and audit log.")] = "cli",
) -> None:
    """Undo a wrong merge: move mentions to a new event; they are never merged back, even on re-runs.

    Example: marsad split MRS0e9ce509c2d8 --mention dd-017#0 --db events.sqlite
    """
    def work() -> str:
        with _open(db) as store:
            return store.split_event(event_id, mention_ids=mention or None, who=who)

    new_id = run_or_exit(work)
    console.print(f"split {event_id}: moved mentions now form event {new_id}")


@app.command()
def dedup(
    db: DbOpt = None,
    threshold: Annotated[Optional[float], typer.Option(
        "--threshold", help="Merge score needed to merge two reports' events (a posterior probability 0-1, default 0.6).")] = None,
) -> None:
    """Merge every stored report's events again (e.g. with another --threshold); splits are kept.

    Example: marsad dedup --threshold 0.8 --db events.sqlite
    """
    def work() -> dict[str, int]:
        with _open(db, threshold) as store:
            return store.remerge(who="cli")

    counts = run_or_exit(work)
    console.print(f"re-merged: {counts['events_before']} events before, {counts['events_after']} after")
