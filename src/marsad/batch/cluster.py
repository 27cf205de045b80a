"""The Dask side of a batch: a cluster to run on, and partitions run on it with retries.

``open_cluster`` starts a ``LocalCluster`` (one single-threaded worker process per core asked for)
or connects to a running scheduler by address; either way it registers the worker plugin that loads
the pipeline once per worker. ``run_partitions`` keeps a few tasks per worker in flight (so the
client never holds the whole input) and yields each partition's result or its final error.
"""

from __future__ import annotations

import contextlib
import importlib.util
import itertools
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from marsad.batch.plan import Partition
from marsad.errors import MarsadError

IN_FLIGHT_PER_WORKER = 4  # tasks queued per worker: enough to keep it busy between results


@dataclass
class BatchCluster:
    """A connected Dask client, its scheduler's address and dashboard (None when it has none)."""

    client: Any
    address: str
    dashboard: str | None
    workers: int


def require_dask() -> None:
    """``MarsadError`` naming the extra to install when ``dask.distributed`` is missing."""
    if importlib.util.find_spec("distributed") is None:
        raise MarsadError("marsad batch needs Dask: pip install 'marsad[batch]' (dask[distributed] and pyarrow)")


@contextlib.contextmanager
def open_cluster(*, workers: int | None = None, scheduler: str | None = None, time_budget: float | None = None,
                 wait_seconds: float = 60.0) -> Iterator[BatchCluster]:
    """A local cluster of ``workers`` processes, or the scheduler at ``scheduler`` once it has a worker
    (within ``wait_seconds``); the pipeline plugin registered on every worker."""
    require_dask()
    from distributed import Client, LocalCluster

    from marsad.batch.tasks import PipelinePlugin

    with contextlib.ExitStack() as stack:
        if scheduler:
            client = stack.enter_context(_connect(scheduler, wait_seconds))
        else:
            # a free port: the scheduler's HTTP server (and the dashboard, when bokeh is installed)
            cluster = stack.enter_context(LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                       dashboard_address=":0"))
            client = stack.enter_context(Client(cluster))
        client.register_plugin(PipelinePlugin(time_budget), name=PipelinePlugin.name)
        info = client.scheduler_info()
        yield BatchCluster(client, client.scheduler.address, _dashboard(client, info), len(info.get("workers", {})))


def _dashboard(client: Any, info: dict[str, Any]) -> str | None:
    """The dashboard's address; None when the scheduler has none (no HTTP server, or no bokeh there)."""
    if "dashboard" not in info.get("services", {}):
        return None
    has_bokeh = client.run_on_scheduler(_has_bokeh)
    return str(client.dashboard_link) if has_bokeh else None


def _has_bokeh() -> bool:
    """Whether bokeh, which the dashboard's pages need, is installed (run on the scheduler)."""
    return importlib.util.find_spec("bokeh") is not None


def _connect(address: str, wait_seconds: float) -> Any:
    """A client of the scheduler at ``address`` that has at least one worker; ``MarsadError`` otherwise."""
    from distributed import Client

    try:
        client = Client(address, timeout=wait_seconds)
    except (OSError, TimeoutError, ValueError) as exc:
        raise MarsadError(f"{address}: cannot reach the Dask scheduler ({exc})") from exc
    try:
        client.wait_for_workers(1, timeout=wait_seconds)
    except TimeoutError as exc:
        client.close()
        raise MarsadError(f"{address}: the Dask scheduler has no worker after {wait_seconds:g} s") from exc
    return client


@dataclass
class Outcome:
    """A partition's end: its result, or the error it still raised after its retries."""

    partition: Partition
    result: Any = None
    error: BaseException | None = None
    key: str = ""


def run_partitions(cluster: BatchCluster, partitions: Iterable[Partition], task: Callable[..., Any], *,
                   retries: int, **kwargs: Any) -> Iterator[Outcome]:
    """``task(partition, **kwargs)`` for every partition on the cluster, each retried ``retries``
    times; outcomes in the order they finish. A few tasks per worker are in flight at a time."""
    from distributed import as_completed

    run = uuid.uuid4().hex[:8]
    pending = iter(partitions)
    submitted: dict[str, Partition] = {}
    queue = as_completed()

    def submit(count: int) -> None:
        for partition in itertools.islice(pending, count):
            key = f"marsad-{run}-partition-{partition.index}"
            submitted[key] = partition
            queue.add(cluster.client.submit(task, partition, key=key, retries=retries, pure=False, **kwargs))

    submit(max(1, cluster.workers) * IN_FLIGHT_PER_WORKER)
    for future in queue:
        partition = submitted.pop(future.key)
        if future.status == "error":
            yield Outcome(partition, error=future.exception(), key=future.key)
        else:
            yield Outcome(partition, result=future.result(), key=future.key)
        future.release()
        submit(1)


def in_index_order(outcomes: Iterable[Outcome]) -> Iterator[Outcome]:
    """``outcomes`` (partitions numbered from 0, each once) in partition order, as soon as each is due."""
    waiting: dict[int, Outcome] = {}
    due = 0
    for outcome in outcomes:
        waiting[outcome.partition.index] = outcome
        while due in waiting:
            yield waiting.pop(due)
            due += 1
    yield from (waiting[i] for i in sorted(waiting))
