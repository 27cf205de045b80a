"""Benchmark: ACLED-clean CSV export, and the dashboard's facet and stats queries, over many events.

Fills a store with generated events (as ``bench_api.py`` does: straight into the tables), then
times ``export_store(store, "csv")`` (every row made ACLED-clean: notes, tags, dates, sources) and
``Queries.facets`` / ``Queries.stats`` unfiltered and filtered. Prints medians of ``--rounds`` runs.

Usage: python benchmarks/bench_export.py [--events 100000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_api import populate  # noqa: E402

from marsad.export import export_store  # noqa: E402
from marsad.store import Store  # noqa: E402
from marsad.store.queries import EventQuery, Queries  # noqa: E402


def median_seconds(work: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        populate(path, args.events)
        with Store(path) as store:
            seconds = median_seconds(lambda: export_store(store, "csv", io.StringIO()), args.rounds)
        print(f"CSV export of {args.events} events: median {seconds:.2f} s ({args.events / seconds:,.0f} events/s)")
        queries = Queries(path)
        for name, query in (("unfiltered", EventQuery()), ("two types + governorate", EventQuery(
                event_type=("Battles", "Protests"), admin1="Homs"))):
            facets = median_seconds(lambda q=query: queries.facets(q), args.rounds)
            stats = median_seconds(lambda q=query: queries.stats(q, bucket="auto"), args.rounds)
            timeline = median_seconds(lambda q=query: queries.stats(q, bucket="auto", parts=(
                "by_period", "by_period_type")), args.rounds)
            print(f"{name}: facets median {facets * 1000:.0f} ms; all stats {stats * 1000:.0f} ms; "
                  f"the timeline's stats {timeline * 1000:.0f} ms")
        queries.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
