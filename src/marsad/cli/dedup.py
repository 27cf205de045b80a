"""Store commands: events, export, split, dedup. Each wraps one ``Store`` or ``marsad.export`` call."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer
from rich.table import Table

from marsad.cli.app import app, console, err_console, run_or_exit
from marsad.cli.dbpath import DbOpt, existing_store

if TYPE_CHECKING:
    from marsad.export import ExportStats
    from marsad.store import Store

def _open(db: Optional[Path], threshold: Optional[float] = None) -> "Store":
    """Open an existing store (the import waits until a command runs: ``--help`` stays fast)."""
    from marsad.dedup import DedupConfig
    from marsad.store import Store

    config = DedupConfig() if threshold is None else DedupConfig(threshold=threshold)
    return Store(existing_store(db), config=config)


@app.command()
def events(
    db: DbOpt = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many events to show.")] = 50,
    date_from: Annotated[Optional[str], typer.Option("--from", help="From this day (YYYY-MM-DD).")] = None,
    date_to: Annotated[Optional[str], typer.Option("--to", help="Up to this day (YYYY-MM-DD).")] = None,
    event_type: Annotated[Optional[list[str]], typer.Option("--type", help="Event type (repeatable).")] = None,
    sub_event_type: Annotated[Optional[list[str]], typer.Option("--sub-type", help="Sub-event type (repeatable).")] = None,
    actor: Annotated[Optional[list[str]], typer.Option(help="actor1 or actor2 (repeatable).")] = None,
    admin1: Annotated[Optional[list[str]], typer.Option(help="Governorate (repeatable).")] = None,
    admin2: Annotated[Optional[list[str]], typer.Option(help="District (repeatable).")] = None,
    source: Annotated[Optional[list[str]], typer.Option(help="Source as named in the source column (repeatable).")] = None,
    min_fatalities: Annotated[Optional[int], typer.Option(min=0, help="At least this many deaths.")] = None,
    q: Annotated[Optional[str], typer.Option("--q", help="Words in Arabic or English (all must occur).")] = None,
    bbox: Annotated[Optional[str], typer.Option(help="min_lon,min_lat,max_lon,max_lat")] = None,
    status: Annotated[Optional[str], typer.Option(help="auto, reviewed or rejected.")] = None,
    sort: Annotated[str, typer.Option(help="A column, - for descending (as the API's sort).")] = "-event_date",
) -> None:
    """Show the stored events (merged across reports), latest first, with the API's filters.

    "sources" counts the sources named in the ACLED source column, as the dashboard does.

    Example: marsad events --type Battles --admin1 Homs --from 2024-01-01 --limit 20
    """
    from marsad.store.queries import EventQuery, Queries, parse_bbox

    def work() -> tuple[list[dict[str, Any]], int]:
        query = EventQuery(date_from=date_from, date_to=date_to, event_type=event_type, sub_event_type=sub_event_type,
                           actor=actor, admin1=admin1, admin2=admin2, source=source, min_fatalities=min_fatalities,
                           q=q, bbox=parse_bbox(bbox) if bbox else None, status=status, sort=sort, limit=limit)
        queries = Queries(existing_store(db))
        try:
            return list(queries.iter_event_dicts(query)), queries.count(query)
        finally:
            queries.close()

    shown, total = run_or_exit(work)
    console.print(_events_table(shown, total))


def _events_table(shown: list[dict[str, Any]], total: int) -> Table:
    """Events as a Rich table (the toll with its low-high range when reports differ)."""
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
    return table


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
        "--threshold", help="Merge score needed to merge two reports' events (a posterior probability 0-1; "
                            "default: the fitted one in data/dedup/weights.yaml).")] = None,
    explain: Annotated[Optional[str], typer.Option(
        "--explain", metavar="EVENT", help="Show why each report joined EVENT, factor by factor (no re-merge).")] = None,
) -> None:
    """Merge every stored report's events again (e.g. with another --threshold); splits are kept.
    With --explain EVENT, show instead why each of the event's reports joined it.

    Example: marsad dedup --threshold 0.8 --db events.sqlite
    Example: marsad dedup --explain MRS0123456789ab --db events.sqlite
    """
    if explain is not None:
        lines = run_or_exit(lambda: _explanation(db, threshold, explain))
        for line in lines:
            console.print(line, highlight=False, markup=False)
        return

    def work() -> dict[str, int]:
        with _open(db, threshold) as store:
            return store.remerge(who="cli")

    counts = run_or_exit(work)
    console.print(f"re-merged: {counts['events_before']} events before, {counts['events_after']} after")


def _explanation(db: Optional[Path], threshold: Optional[float], event_id: str) -> list[str]:
    """The text of ``marsad dedup --explain``: one block per report of the event."""
    with _open(db, threshold) as store:
        items = store.explain_event(event_id)
        floor = f"threshold {store.config.threshold:.2f}, intercept {store.config.prior:+.2f} nats"
    lines = [f"event {event_id}: {len(items)} mention(s); {floor}"]
    for item in items:
        head = f"{item['mention']} ({item['outlet'] or '?'}, {item['published'] or 'undated'}, {item['role'] or '?'})"
        lines.append(head)
        lines.append(f"  linked: {item['merge_reason']}")
        if item["pair_with"]:
            verdict = item["pair_veto"] or f"p={item['pair_score']:.2f}" + (
                "" if item["corroborated"] else ", not corroborated")
            lines.append(f"  best earlier pair: {item['pair_with']} ({verdict})")
        for factor in item["factors"]:
            weight = "veto" if factor["weight"] is None else f"{factor['weight']:+.2f}"
            lines.append(f"    {factor['factor']:8} {str(factor['level'] or '-'):18} {weight:>6}  {factor['why']}")
    return lines
