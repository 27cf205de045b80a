"""``marsad batch extract|ingest``: ``marsad extract`` and ``marsad ingest`` over a Dask cluster.

Each command wraps one function of ``marsad.batch``; Dask is imported only when a command runs.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from marsad.cli.app import app, console, err_console, run_or_exit
from marsad.cli.core import BudgetOpt, PathsArg, _print_ingest, _print_problems
from marsad.cli.dbpath import DbOpt, store_path

if TYPE_CHECKING:
    from marsad.batch import BatchCluster, BatchConfig

batch_app = typer.Typer(help="extract and ingest on a Dask cluster (a LocalCluster, or a scheduler by address); "
                             "needs the 'batch' extra.", no_args_is_help=True)
app.add_typer(batch_app, name="batch")

WorkersOpt = Annotated[Optional[int], typer.Option(
    "--workers", "-j", min=1, help="Worker processes of the local cluster (default: one per core); "
    "ignored with --scheduler.")]
SchedulerOpt = Annotated[Optional[str], typer.Option(
    "--scheduler", help="Address of a running Dask scheduler (tcp://host:8786) instead of a local cluster; "
    "its workers need marsad installed and the same paths.")]
SizeOpt = Annotated[Optional[int], typer.Option(
    "--partition-size", min=1, help="Reports per partition (default: data/limits.yaml).")]
RetriesOpt = Annotated[Optional[int], typer.Option(
    "--retries", min=0, help="Further tries of a failed partition (default: data/limits.yaml).")]


def _config(workers: Optional[int], scheduler: Optional[str], size: Optional[int], retries: Optional[int],
            budget: Optional[float]) -> BatchConfig:
    """The batch's settings; a warning when --workers cannot apply."""
    from marsad.batch import BatchConfig, require_dask

    run_or_exit(require_dask)
    if scheduler and workers:
        err_console.print("[yellow]warning:[/] --workers is ignored with --scheduler (the scheduler's workers run)")
    return BatchConfig(workers=workers, scheduler=scheduler, partition_size=size, retries=retries,
                       time_budget=budget)


def _announce(cluster: BatchCluster) -> None:
    """Print where the cluster is and where to watch it."""
    where = cluster.dashboard or "off (bokeh is not installed where the scheduler runs)"
    err_console.print(f"Dask: {cluster.workers} workers at {cluster.address}; dashboard: {where}",
                      highlight=False, soft_wrap=True)


@contextlib.contextmanager
def _partition_progress(label: str) -> Iterator[Callable[[int, Optional[int]], None]]:
    """A Rich progress bar over partitions; yields ``update(done, total)`` (total None: unknown yet)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn(), TextColumn("partitions"),
               TimeElapsedColumn())
    with Progress(*columns, console=err_console, transient=True) as progress:
        task = progress.add_task(label, total=None)
        yield lambda done, total: progress.update(task, completed=done, total=total)


@batch_app.command("extract")
def extract(
    paths: PathsArg,
    out: Annotated[Path, typer.Option("--out", "-o", help="JSONL file (as marsad extract writes), or with "
                                      "--format parquet a folder of Parquet parts.")],
    fmt: Annotated[str, typer.Option("--format", help="jsonl or parquet.")] = "jsonl",
    workers: WorkersOpt = None, scheduler: SchedulerOpt = None, partition_size: SizeOpt = None,
    retries: RetriesOpt = None, time_budget: BudgetOpt = None,
) -> None:
    """Extract reports on a Dask cluster into what marsad extract writes; a rerun skips the partitions
    already done (FILE.done); exits 1 when a report was skipped or a partition failed.

    Example: marsad batch extract archive/ --out events.jsonl --workers 8
    """
    from marsad.batch import batch_extract

    config = _config(workers, scheduler, partition_size, retries, time_budget)
    with _partition_progress("extracting") as update:
        summary = run_or_exit(lambda: batch_extract(paths, out, config=config, fmt=fmt,  # type: ignore[arg-type]
                                                    progress=update, on_cluster=_announce))
    console.print(f"{summary.written} reports extracted -> {out} ({summary.extracted} partitions extracted, "
                  f"{summary.skipped} done before, {len(summary.failed)} failed)", highlight=False, soft_wrap=True)
    _print_problems(summary.errors + summary.failed, summary.warnings)
    if summary.errors or summary.failed:
        raise typer.Exit(code=1)


@batch_app.command("ingest")
def ingest(
    paths: PathsArg, db: DbOpt = None,
    force: Annotated[bool, typer.Option("--force", help="Extract reports again even when stored with the same text.")
                     ] = False,
    workers: WorkersOpt = None, scheduler: SchedulerOpt = None, partition_size: SizeOpt = None,
    retries: RetriesOpt = None, time_budget: BudgetOpt = None,
) -> None:
    """Extract reports on a Dask cluster and store them (this process alone writes), as marsad ingest
    does; reports already stored with the same text are skipped before extraction.

    Example: marsad batch ingest archive/ --db events.sqlite --scheduler tcp://10.0.0.5:8786
    """
    from marsad.batch import batch_ingest
    from marsad.store import Store

    config, path = _config(workers, scheduler, partition_size, retries, time_budget), store_path(db)
    with Store(path) as store, _partition_progress("ingesting") as update:
        summary = run_or_exit(lambda: batch_ingest(paths, store, config=config, force=force, progress=update,
                                                   on_cluster=_announce))
    _print_ingest(summary)
    _print_problems(summary.failed, [])
    console.print(f"stored in {path}  ({summary.partitions} partitions extracted)", highlight=False, soft_wrap=True)
    if summary.errors or summary.failed:
        raise typer.Exit(code=1)
