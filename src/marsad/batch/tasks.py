"""What runs in a Dask worker: the pipeline, loaded once per worker process, and the partition task.

The task reads its partition with the readers ``marsad extract`` uses and extracts each report with
``runner.extract_one``: a bad report is named in the result and the others go on, as in
``marsad extract``. An input that cannot be read at all raises, so Dask retries the partition and the
client names it when it still fails.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from distributed import WorkerPlugin, get_worker

from marsad.batch.plan import Partition, Unit, lines_digest
from marsad.document import Document
from marsad.errors import InputError
from marsad.pipeline import Pipeline

PLUGIN_NAME = "marsad-pipeline"


@functools.cache
def worker_pipeline() -> Pipeline:
    """The shipped pipeline, loaded once per process (a worker's plugin asks for it at start-up)."""
    return Pipeline.default()


class PipelinePlugin(WorkerPlugin):
    """A Dask worker plugin: loads the pipeline when the worker starts (or joins), not per task,
    and carries the run's time budget."""

    name = PLUGIN_NAME

    def __init__(self, time_budget: float | None = None) -> None:
        self.time_budget = time_budget

    def setup(self, worker: Any) -> None:
        """Load the pipeline into this worker process (once: later runs find it loaded)."""
        worker_pipeline()


@dataclass
class PartitionResult:
    """What one partition gave: JSONL lines (extract) or documents (ingest), and the reports named
    as skipped (``errors``) or warned about, in input order."""

    lines: list[str] = field(default_factory=list)
    docs: list[Document] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def run_partition(partition: Partition, *, records: bool) -> PartitionResult:
    """Extract every report of ``partition`` with this worker's pipeline: their ``marsad extract``
    lines when ``records``, else the extracted documents (their working state dropped)."""
    from marsad.runner import extract_one, record_line

    pipeline, budget = _loaded()
    result = PartitionResult()
    docs = partition.docs or read_units(partition.units, on_error=lambda e: result.errors.append(str(e)))
    for doc in docs:
        extracted = extract_one(pipeline, doc, on_error=lambda e: result.errors.append(str(e)), time_budget=budget)
        if extracted is None:
            continue
        if records:
            result.warnings.extend(extracted.meta.get("warnings") or [])
            result.lines.append(record_line(extracted))
        else:
            extracted.tokens = extracted.analysis = None  # working state (it holds the knowledge): not sent back
            result.docs.append(extracted)
    return result


def _loaded() -> tuple[Pipeline, float | None]:
    """This worker's pipeline and the run's time budget (from the plugin the client registered)."""
    plugin = get_worker().plugins.get(PLUGIN_NAME)
    return worker_pipeline(), getattr(plugin, "time_budget", None)


def read_units(units: tuple[Unit, ...], *, on_error: Any) -> Iterator[Document]:
    """The reports of ``units`` in order; a bad line or feed item goes to ``on_error``, a file that
    cannot be read raises ``InputError``."""
    from marsad.ingest import read_file

    for unit in units:
        if unit.first_line:
            yield from _read_lines(unit, on_error=on_error)
        else:
            yield from read_file(unit.path, on_error=on_error)


def _read_lines(unit: Unit, *, on_error: Any) -> Iterator[Document]:
    """Lines ``first_line``..``last_line`` of a JSONL file, as ``read_file`` reads the whole file."""
    from marsad.ingest import decode_bytes, read_bytes, read_jsonl_text

    text, _encoding = decode_bytes(read_bytes(unit.path), name=unit.path)
    lines = text.splitlines()[unit.first_line - 1:unit.last_line]
    if lines_digest(lines) != unit.digest:
        raise InputError(f"{unit.name}: changed since the batch was planned")
    yield from read_jsonl_text("\n".join(lines), name=unit.path, source_path=unit.path, on_error=on_error,
                               first_line=unit.first_line)


def loads_per_worker() -> int:
    """How many times this process loaded the pipeline (1 once a worker has started)."""
    return worker_pipeline.cache_info().misses


__all__ = ["PartitionResult", "PipelinePlugin", "loads_per_worker", "run_partition", "worker_pipeline"]
