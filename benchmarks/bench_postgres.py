"""Benchmark the PostgreSQL store: ingest throughput (reports/s) and API p95 over generated events.

    python benchmarks/bench_postgres.py [--reports 2000] [--events 100000] [--rounds 20] [--url URL]

Ingest: the sample-based corpus of ``corpus.py`` is extracted once, then stored report by report
(store and merge, one transaction each) into PostgreSQL and, for comparison, into SQLite; prints
reports/s for each (extraction is not counted: it is the same for both). API: ``--events``
generated events (``bench_api.py``'s generator) go into a PostgreSQL store, ``marsad serve --db URL``
serves it, and ``bench_api.py``'s listing requests are timed: p50/p95 per kind and overall.
Without ``--url`` a throw-away server is started from Debian's binaries (``marsad.store.pg_server``)
and stopped at the end. The issue asks for 100,000 reports and 1,000,000 events; both are parameters.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_api import _event, free_port, measure, percentile, start_server  # noqa: E402
from corpus import write_corpus  # noqa: E402

from marsad.runner import extract_paths, in_report_order  # noqa: E402
from marsad.store import Store  # noqa: E402
from marsad.store.pg_server import TempPostgres  # noqa: E402


def store_rate(docs: list, target: str) -> float:
    """Reports per second storing ``docs`` one transaction each into ``target``."""
    with Store(target) as store:
        start = time.perf_counter()
        for doc in docs:
            store.add_document(doc)
        return len(docs) / (time.perf_counter() - start)


def populate(url: str, n: int, seed: int = 7) -> None:
    """``n`` generated events (and their full-text rows) in one transaction; the read side filed by trigger."""
    import random

    rng = random.Random(seed)
    with Store(url) as store:
        conn = store.conn
        conn.execute("BEGIN")
        for start in range(0, n, 10_000):
            rows, bodies = zip(*(_event(i, rng) for i in range(start, min(n, start + 10_000))))
            conn.executemany("INSERT INTO events (id, event_date, year, event_type, sub_event_type, actor1, actor2,"
                             " admin1, admin2, location, latitude, longitude, fatalities, number_of_sources, status,"
                             " first_reported, last_updated, data_json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                             rows)
            conn.executemany("INSERT INTO events_fts (event_id, body) VALUES (?, ?)", list(zip((r[0] for r in rows),
                                                                                                 bodies)))
        conn.execute("UPDATE events SET fts_rowid = f.rowid FROM events_fts f WHERE f.event_id = events.id")
        conn.execute("COMMIT")
        conn.execute("ANALYZE")


def bench_ingest(url: str, reports: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        count = write_corpus(corpus, reports)
        t0 = time.perf_counter()
        docs = list(in_report_order(extract_paths([corpus])))
        print(f"extracted {count:,} reports in {time.perf_counter() - t0:.1f} s (not counted below)")
        sqlite_rate = store_rate(docs, str(Path(tmp) / "bench.sqlite"))
    pg_rate = store_rate(docs, url)
    print(f"store + merge, one transaction per report: PostgreSQL {pg_rate:6.1f} reports/s,"
          f" SQLite {sqlite_rate:6.1f} reports/s")


def bench_api(url: str, events: int, rounds: int) -> None:
    t0 = time.perf_counter()
    populate(url, events)
    print(f"inserted {events:,} events into PostgreSQL in {time.perf_counter() - t0:.1f} s")
    port = free_port()
    proc = start_server(url, port)  # type: ignore[arg-type]
    try:
        import httpx

        httpx.get(f"http://127.0.0.1:{port}/api/events", timeout=60)  # warm-up
        timings = measure(f"http://127.0.0.1:{port}", rounds)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    every = [t for values in timings.values() for t in values]
    for name, values in timings.items():
        print(f"{name:22s} n={len(values):4d}  p50={statistics.median(values):7.1f} ms"
              f"  p95={percentile(values, 95):7.1f} ms")
    print(f"{'ALL GET /api/events':22s} n={len(every):4d}  p50={statistics.median(every):7.1f} ms"
          f"  p95={percentile(every, 95):7.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=2000, help="reports to ingest (the issue: 100,000)")
    parser.add_argument("--events", type=int, default=100_000, help="events behind the API (the issue: 1,000,000)")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--url", help="a server to use: postgresql://user@host/ (databases are created on it)")
    args = parser.parse_args()
    server = None if args.url else TempPostgres.start()
    try:
        if server is not None:
            ingest_url, api_url = server.create_database("bench_ingest"), server.create_database("bench_api")
        else:
            ingest_url, api_url = args.url.rstrip("/") + "/bench_ingest", args.url.rstrip("/") + "/bench_api"
        bench_ingest(ingest_url, args.reports)
        bench_api(api_url, args.events, args.rounds)
    finally:
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
