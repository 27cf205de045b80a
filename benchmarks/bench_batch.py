"""Extraction on a Dask LocalCluster: python benchmarks/bench_batch.py [--reports 400] [--workers 2] [--runs 2].

Writes the sample-based corpus of ``corpus.py`` and extracts it, round after round (``--runs``), in
turn: with ``marsad.runner.extract_to_file`` in this process (the baseline without Dask), then with
``marsad.batch.batch_extract`` on a ``LocalCluster`` of 1 worker process, then of ``--workers``
processes, each into a fresh output (no done-list to skip from). Cluster start-up, pipeline loading
and a warm-up partition are left out of the timing: they are paid once per batch. Prints each run's
reports per second, the medians, the CPU milliseconds per report (the workers' own, so other jobs'
load does not count) and the median of the paired scaling ratios, as a table and as JSON.
On a shared machine the rounds are interleaved so that other jobs' load hits every setting alike.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402

from marsad.batch import BatchConfig, batch_extract, open_cluster  # noqa: E402
from marsad.pipeline import Pipeline  # noqa: E402
from marsad.runner import extract_to_file  # noqa: E402


def cpu_seconds() -> float:
    """This process's CPU seconds (user + system), run in each worker too."""
    times = os.times()
    return times.user + times.system


def batch_rate(corpus: Path, warm_up: Path, tmp: Path, *, workers: int, size: int) -> tuple[float, float]:
    """Reports per second of one batch extraction of ``corpus`` on a fresh ``workers``-process cluster,
    and the workers' CPU milliseconds per report."""
    config = BatchConfig(partition_size=size)
    with open_cluster(workers=workers) as cluster:
        batch_extract([warm_up], tmp / f"warm-{workers}-{time.monotonic_ns()}.jsonl", config=config, cluster=cluster)
        cpu, start = sum(cluster.client.run(cpu_seconds).values()), time.perf_counter()
        summary = batch_extract([corpus], tmp / f"w{workers}-{time.monotonic_ns()}.jsonl", config=config,
                                cluster=cluster)
        wall, cpu = time.perf_counter() - start, sum(cluster.client.run(cpu_seconds).values()) - cpu
        return summary.written / wall, 1000 * cpu / summary.written


def baseline_rate(corpus: Path, tmp: Path, pipeline: Pipeline) -> tuple[float, float]:
    """Reports per second of ``marsad extract`` (one process, no Dask) on ``corpus``, and CPU ms per report."""
    cpu, start = cpu_seconds(), time.perf_counter()
    summary = extract_to_file([corpus], tmp / f"plain-{time.monotonic_ns()}.jsonl", pipeline=pipeline)
    wall, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    return summary.written / wall, 1000 * cpu / summary.written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--partition-size", type=int, default=25)
    args = parser.parse_args()
    names = ("no Dask, 1 process", "Dask, 1 worker", f"Dask, {args.workers} workers")
    rates: dict[str, list[float]] = {name: [] for name in names}
    cpu_ms: dict[str, list[float]] = {name: [] for name in names}
    pipeline = Pipeline.default()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        corpus, warm_up = tmp / "corpus.jsonl", tmp / "warm.jsonl"
        write_corpus(corpus, args.reports)
        write_corpus(warm_up, args.partition_size * args.workers)
        baseline_rate(warm_up, tmp, pipeline)
        for _ in range(args.runs):
            for name, (rate, cpu) in zip(names, (
                    baseline_rate(corpus, tmp, pipeline),
                    batch_rate(corpus, warm_up, tmp, workers=1, size=args.partition_size),
                    batch_rate(corpus, warm_up, tmp, workers=args.workers, size=args.partition_size))):
                rates[name].append(rate)
                cpu_ms[name].append(cpu)
    medians = {name: statistics.median(values) for name, values in rates.items()}
    scaling = statistics.median(m / o for o, m in zip(rates[names[1]], rates[names[2]]))
    cpu = {name: statistics.median(values) for name, values in cpu_ms.items()}
    print(f"| {args.reports} reports, partitions of {args.partition_size} | reports/s (median) | runs | "
          "CPU ms per report |")
    print("|---|---|---|---|")
    for name, values in rates.items():
        print(f"| {name} | {medians[name]:.1f} | {', '.join(f'{v:.1f}' for v in values)} | {cpu[name]:.1f} |")
    print(f"scaling {args.workers} workers / 1 worker (median of the paired runs): {scaling:.2f}x")
    print(json.dumps({"reports": args.reports, "partition_size": args.partition_size,
                      "reports_per_s": {k: round(v, 1) for k, v in medians.items()},
                      "cpu_ms_per_report": {k: round(v, 1) for k, v in cpu.items()},
                      "scaling": round(scaling, 2)}))


if __name__ == "__main__":
    main()
