"""``batch_extract`` and ``batch_ingest``: ``marsad extract`` and ``marsad ingest`` over a Dask cluster.

The client plans and writes; the workers read and extract. ``batch_extract`` writes exactly what
``marsad extract`` writes for the same input. ``batch_ingest`` reads the reports in the client, skips
those stored with the same text before any extraction (as ``marsad ingest`` does), has the workers
extract the rest and stores them itself, the one writer, in ``marsad ingest``'s order.
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.batch.cluster import BatchCluster, Outcome, in_index_order, open_cluster, run_partitions
from marsad.batch.parts import Format, PartStore, require_pyarrow
from marsad.batch.plan import Partition, doc_partitions, plan_paths
from marsad.document import Document
from marsad.errors import InputError, MarsadError
from marsad.limits import Limits
from marsad.runner import IngestSummary, changed_reports, in_report_order, missing_paths

Progress = Callable[[int, int | None], None]  # (partitions done, partitions in all when known)
OnCluster = Callable[[BatchCluster], None]  # told of the cluster once it is up (its dashboard, its workers)


@dataclass(frozen=True)
class BatchConfig:
    """How a batch runs: ``workers`` local worker processes (None: one per core) or the cluster of
    the ``scheduler`` address; reports per partition and retries per failed partition (None:
    ``data/limits.yaml``); the time budget of one report's extraction (None: ``data/limits.yaml``)."""

    workers: int | None = None
    scheduler: str | None = None
    partition_size: int | None = None
    retries: int | None = None
    time_budget: float | None = None

    @property
    def size(self) -> int:
        """Reports per partition."""
        return self.partition_size or Limits.default().batch_partition_reports

    @property
    def tries_after_first(self) -> int:
        """How many more times a failed partition is run."""
        return Limits.default().batch_retries if self.retries is None else self.retries


@dataclass
class BatchSummary:
    """What a ``batch_extract`` run did: partitions extracted now or done before (``skipped``),
    records written, reports named as skipped (``errors``), partitions that failed for good."""

    partitions: int = 0
    extracted: int = 0
    skipped: int = 0
    written: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


@dataclass
class BatchIngestSummary(IngestSummary):
    """``marsad ingest``'s summary, plus the partitions extracted and those that failed for good."""

    partitions: int = 0
    failed: list[str] = field(default_factory=list)


@contextlib.contextmanager
def cluster_for(config: BatchConfig, cluster: BatchCluster | None = None,
                on_cluster: OnCluster | None = None) -> Iterator[BatchCluster]:
    """``cluster`` when given, else one opened for ``config`` (and closed after); ``on_cluster`` told."""
    with contextlib.ExitStack() as stack:
        if cluster is None:
            cluster = stack.enter_context(open_cluster(
                workers=config.workers, scheduler=config.scheduler, time_budget=config.time_budget,
                wait_seconds=Limits.default().batch_wait_seconds))
        if on_cluster:
            on_cluster(cluster)
        yield cluster


def batch_extract(paths: Iterable[str | Path], out: str | Path, *, config: BatchConfig = BatchConfig(),
                  fmt: Format = "jsonl", cluster: BatchCluster | None = None,
                  progress: Progress | None = None, on_cluster: OnCluster | None = None) -> BatchSummary:
    """Extract every report under ``paths`` on a Dask cluster into ``out``: the JSONL file ``marsad
    extract`` writes, or (``fmt="parquet"``) a folder of Parquet parts with the same records.

    Partitions finished by an earlier run over the same input (and the same marsad) are skipped. A
    partition that still fails after its retries is named in ``failed``; the others are written.
    ``cluster``: one to run on (else one is opened for ``config`` when there is work, and
    ``on_cluster`` is told of it); ``progress(done, total)`` after each partition.
    """
    paths = _existing(paths)
    if fmt == "parquet":
        require_pyarrow()
    parts = PartStore(out, fmt)
    parts.prepare()
    plan = plan_paths(paths, size=config.size, salt=f"time budget {config.time_budget}")
    summary = BatchSummary(len(plan.partitions), errors=list(plan.errors))
    todo = [p for p in plan.partitions if not parts.is_done(p)]
    summary.skipped = len(plan.partitions) - len(todo)
    if progress:
        progress(summary.skipped, summary.partitions)
    if todo:
        with cluster_for(config, cluster, on_cluster) as opened:
            _extract_todo(opened, todo, parts, summary, config, progress)
    summary.written = parts.finish(plan.partitions)
    for partition in plan.partitions:
        entry = parts.done.get(partition.key)
        if entry:
            summary.errors.extend(entry.errors)
            summary.warnings.extend(entry.warnings)
    return summary


def _extract_todo(cluster: BatchCluster, todo: list[Partition], parts: PartStore, summary: BatchSummary,
                  config: BatchConfig, progress: Progress | None) -> None:
    """Run the partitions still to do and save each as it finishes; failures named in the summary."""
    from marsad.batch.tasks import run_partition

    for outcome in run_partitions(cluster, todo, run_partition, retries=config.tries_after_first, records=True):
        if outcome.error is not None:
            summary.failed.append(failure_message(outcome, config))
        else:
            result = outcome.result
            parts.save(outcome.partition, result.lines, result.errors, result.warnings)
            summary.extracted += 1
        if progress:
            progress(summary.skipped + summary.extracted + len(summary.failed), summary.partitions)


def failure_message(outcome: Outcome, config: BatchConfig) -> str:
    """"partition 3 (a.txt): failed after 3 tries: a.txt: binary file, not text"."""
    tries = config.tries_after_first + 1
    error = outcome.error
    what = str(error) if isinstance(error, MarsadError) else f"{type(error).__name__}: {error}"
    return f"{outcome.partition.name}: failed after {tries} {'try' if tries == 1 else 'tries'}: {what}"


def batch_ingest(paths: Iterable[str | Path], store: Any, *, config: BatchConfig = BatchConfig(),
                 force: bool = False, cluster: BatchCluster | None = None,
                 progress: Progress | None = None, on_cluster: OnCluster | None = None) -> BatchIngestSummary:
    """Extract the reports under ``paths`` on a Dask cluster and store them in ``store`` (this
    process alone writes, one transaction per report, in ``marsad ingest``'s order, so the events
    are those ``marsad ingest`` makes). Reports stored with the same text are not extracted again
    (unless ``force``); a partition that still fails after its retries is named in ``failed``."""
    paths = _existing(paths)
    summary = BatchIngestSummary()
    changed = changed_reports(paths, store, summary, force=force, progress=None)
    partitions = doc_partitions(changed, size=config.size)
    docs = _ingest_extracted(partitions, summary, config, cluster_for(config, cluster, on_cluster), progress)
    for doc in in_report_order(docs):
        try:
            summary.count(store.add_document(doc, force=force), doc)
        except MarsadError as exc:
            summary.errors.append(str(exc))
    return summary


def _ingest_extracted(partitions: Iterator[Partition], summary: BatchIngestSummary, config: BatchConfig,
                      cluster: contextlib.AbstractContextManager[BatchCluster],
                      progress: Progress | None) -> Iterator[Document]:
    """The extracted documents of ``partitions``, in input order (``cluster`` entered only when
    there is a partition)."""
    from marsad.batch.tasks import run_partition

    first = next(partitions, None)
    if first is None:
        return
    with cluster as opened:
        outcomes = run_partitions(opened, itertools.chain([first], partitions), run_partition,
                                  retries=config.tries_after_first, records=False)
        for outcome in in_index_order(outcomes):
            summary.partitions += 1
            if outcome.error is not None:
                summary.failed.append(failure_message(outcome, config))
            else:
                summary.errors.extend(outcome.result.errors)
                yield from outcome.result.docs
            if progress:
                progress(summary.partitions, None)


def _existing(paths: Iterable[str | Path]) -> list[str | Path]:
    """``paths`` as a list; ``InputError`` naming those that do not exist."""
    items = list(paths) if not isinstance(paths, (str, os.PathLike)) else [paths]
    missing = missing_paths(items)
    if missing:
        raise InputError(f"{', '.join(missing)}: no such file or folder")
    return items
