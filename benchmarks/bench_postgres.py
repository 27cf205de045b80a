"""Benchmark the PostgreSQL store: ingest throughput (reports/s) and API p95 over generated events.

    python benchmarks/bench_postgres.py [--reports 2000] [--slice 500] [--events 100000] [--rounds 20]
                                        [--only ingest|api] [--url URL]

Ingest: the sample-based corpus of ``corpus.py`` is extracted once, then stored report by report
(store and merge, one transaction each) into SQLite and into PostgreSQL; prints reports/s for each
per ``--slice`` reports (does it slow down as the store grows?) and overall (extraction is not
counted: it is the same for both). API: ``--events`` generated events (``bench_api.py``'s
generator, as coded events) go into a PostgreSQL store through ``Store.import_events`` (events/s
printed), ``marsad serve --db URL`` serves it, and ``bench_api.py``'s listing requests are timed
(as that script does, and once more with a new page size each round, which its answer cache has
never seen), then ``/api/stats`` (a new date range each round, so its answer cache never serves it): p50/p95 per
kind. The load average is printed with each figure (the machine may be shared).
Without ``--url`` a throw-away server is started from Debian's binaries (``marsad.store.pg_server``)
and stopped at the end. The issue asks for 100,000 reports and 1,000,000 events; both are parameters.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_api import QUERIES, _event, free_port, measure, percentile, start_server  # noqa: E402
from corpus import write_corpus  # noqa: E402

from marsad.document import Event  # noqa: E402
from marsad.runner import extract_paths, in_report_order  # noqa: E402
from marsad.store import Store  # noqa: E402
from marsad.store.pg_server import TempPostgres  # noqa: E402


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def slice_rates(docs: list, target: str, size: int) -> list[float]:
    """Reports per second storing ``docs`` one transaction each into ``target``, per ``size`` reports."""
    rates = []
    with Store(target) as store:
        for start in range(0, len(docs), size):
            chunk = docs[start:start + size]
            t0 = time.perf_counter()
            for doc in chunk:
                store.add_document(doc)
            rates.append(len(chunk) / (time.perf_counter() - t0))
    return rates


def coded_events(n: int, seed: int = 7) -> Iterator[Event]:
    """``bench_api.py``'s generated events, as the coded events an import is given."""
    rng = random.Random(seed)
    for i in range(n):
        row, _ = _event(i, rng)
        yield Event.from_dict({**json.loads(row[-1]), "year": row[2]})


def populate(url: str, n: int) -> None:
    """``n`` generated events through ``Store.import_events`` (one transaction), then ANALYZE."""
    with Store(url) as store:
        t0 = time.perf_counter()
        store.import_events(coded_events(n), source="bench")
        seconds = time.perf_counter() - t0
        store.conn.execute("ANALYZE")
    print(f"imported {n:,} events into PostgreSQL in {seconds:.1f} s: {n / seconds:,.0f} events/s"
          f" (generating them included; {load()})")


def bench_ingest(url: str, reports: int, size: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        count = write_corpus(corpus, reports)
        t0 = time.perf_counter()
        docs = list(in_report_order(extract_paths([corpus])))
        print(f"extracted {count:,} reports in {time.perf_counter() - t0:.1f} s (not counted below)")
        t0 = time.perf_counter()
        sqlite = slice_rates(docs, str(Path(tmp) / "bench.sqlite"), size)
        sqlite_all = len(docs) / (time.perf_counter() - t0)
        print(f"SQLite done ({load()})")
    t0 = time.perf_counter()
    postgres = slice_rates(docs, url, size)
    postgres_all = len(docs) / (time.perf_counter() - t0)
    print(f"PostgreSQL done ({load()})")
    print("store + merge, one transaction per report (reports/s):")
    print(f"{'reports':>13s}  {'PostgreSQL':>10s}  {'SQLite':>8s}")
    for i, (pg_rate, sqlite_rate) in enumerate(zip(postgres, sqlite)):
        print(f"{i * size + 1:>6d}-{min(len(docs), (i + 1) * size):<6d}  {pg_rate:10.1f}  {sqlite_rate:8.1f}")
    print(f"{'all':>13s}  {postgres_all:10.1f}  {sqlite_all:8.1f}")


def uncached_timings(base: str, rounds: int) -> dict[str, list[float]]:
    """``bench_api.py``'s listing kinds with a new page size each round (100, 99, ...), so the API's
    answer cache never serves them: what a first visitor waits for."""
    import httpx

    timings: dict[str, list[float]] = {name: [] for name in QUERIES}
    with httpx.Client(base_url=base, timeout=60) as client:
        for r in range(rounds):
            for name, params in QUERIES.items():
                t0 = time.perf_counter()
                client.get("/api/events", params={**params, "limit": 100 - r}).raise_for_status()
                timings[name].append((time.perf_counter() - t0) * 1000)
    return timings


def stats_timings(base: str, rounds: int) -> dict[str, list[float]]:
    """Time ``/api/stats`` over the whole store and one governorate, a new date range each round."""
    import httpx

    timings: dict[str, list[float]] = {"stats (all)": [], "stats (governorate)": []}
    with httpx.Client(base_url=base, timeout=60) as client:
        for r in range(rounds):
            until = (date(2025, 4, 1) - timedelta(days=r)).isoformat()
            for name, extra in (("stats (all)", {}), ("stats (governorate)", {"admin1": "Deir ez-Zor"})):
                t0 = time.perf_counter()
                client.get("/api/stats", params={"date_from": "2022-01-01", "date_to": until,
                                                 **extra}).raise_for_status()
                timings[name].append((time.perf_counter() - t0) * 1000)
    return timings


def report(timings: dict[str, list[float]], total: str | None = None) -> None:
    for name, values in timings.items():
        print(f"{name:22s} n={len(values):4d}  p50={statistics.median(values):7.1f} ms"
              f"  p95={percentile(values, 95):7.1f} ms")
    if total:
        every = [t for values in timings.values() for t in values]
        print(f"{total:22s} n={len(every):4d}  p50={statistics.median(every):7.1f} ms"
              f"  p95={percentile(every, 95):7.1f} ms")


def bench_api(url: str, events: int, rounds: int) -> None:
    populate(url, events)
    port = free_port()
    proc = start_server(url, port)  # type: ignore[arg-type]
    try:
        import httpx

        httpx.get(f"http://127.0.0.1:{port}/api/events", timeout=60)  # warm-up
        uncached = uncached_timings(f"http://127.0.0.1:{port}", rounds)
        listing = measure(f"http://127.0.0.1:{port}", rounds)
        stats = stats_timings(f"http://127.0.0.1:{port}", rounds)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    print(f"API over {events:,} events on PostgreSQL ({load()}); bench_api.py's loop (after its first"
          " round the answer cache serves each kind):")
    report(listing, "ALL GET /api/events")
    print("the same kinds, never cached (a new page size each round):")
    report(uncached, "ALL GET /api/events")
    report(stats)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=2000, help="reports to ingest (the issue: 100,000)")
    parser.add_argument("--slice", type=int, default=500, help="print the ingest rate per this many reports")
    parser.add_argument("--events", type=int, default=100_000, help="events behind the API (the issue: 1,000,000)")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--only", choices=("ingest", "api"), help="run one of the two benchmarks")
    parser.add_argument("--url", help="a server to use: postgresql://user@host/ (databases are created on it)")
    args = parser.parse_args()
    server = None if args.url else TempPostgres.start()
    try:
        if server is not None:
            ingest_url, api_url = server.create_database("bench_ingest"), server.create_database("bench_api")
        else:
            ingest_url, api_url = args.url.rstrip("/") + "/bench_ingest", args.url.rstrip("/") + "/bench_api"
        if args.only != "api":
            bench_ingest(ingest_url, args.reports, args.slice)
        if args.only != "ingest":
            bench_api(api_url, args.events, args.rounds)
    finally:
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
