"""Benchmark: marsad watch over 50 sources x 200 reports on loopback.

A separate process serves 50 fake Arabic news sites (tests/watch/newsite.py), one per loopback
address (127.0.0.2 ... 127.0.0.51, so per-host politeness applies per site), each an RSS feed of
its 50 latest reports. Reports appear one after the other over ``--duration`` seconds per site
(staggered between sites). The watcher polls every site every ``--every`` and codes each new
report through the full pipeline into a fresh store. Figures:

- latency: from a report's appearance in its feed to its stored event (``coded_at`` of the
  queue row, written in the report's own transaction): p50, p95, max;
- throughput: reports coded per second over the run, and the peak over any 10 s window.

Settings are marsad's defaults (1 s between two requests to one host, 8 workers) except the
poll interval and ``--max-age none`` (the generated reports carry dates a day apart each, back
over years, so that they code to distinct events rather than merging into a few).

Usage: python benchmarks/bench_watch.py [--sources 50] [--items 200] [--duration 600] [--every 10s]
                                        [--watchers 1]
"""

from __future__ import annotations

import argparse
import json
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "watch"))

MARSAD = [sys.executable, "-c", "import sys; from marsad.cli import main; sys.argv[0] = 'marsad'; main()"]


def serve(sources: int, items: int, duration: float, start: float) -> None:
    """The sites' process: publish report k of site s at ``start + stagger(s) + k * gap``; print the URLs."""
    from newsite import NewsSite

    gap = duration / items
    sites = [NewsSite(host=f"127.0.0.{2 + s}", name=f"موقع {s}").__enter__() for s in range(sources)]
    print(json.dumps([site.url("/feed.xml") for site in sites]), flush=True)
    schedule = sorted((start + (s / sources) * gap + k * gap, s, s * items + k)
                      for s in range(sources) for k in range(items))
    for due, s, number in schedule:
        time.sleep(max(0.0, due - time.time()))
        sites[s].publish_generated(number)
    time.sleep(3600)  # until the benchmark ends this process


def appeared_at(url: str, *, sources: int, items: int, duration: float, start: float) -> float:
    """When the report at ``url`` (…/news/g<number>.html) appeared in its feed."""
    number = int(url.rsplit("/g", 1)[1].split(".")[0])
    s, k = divmod(number, items)
    gap = duration / items
    return start + (s / sources) * gap + k * gap


def run(args: argparse.Namespace) -> dict[str, float]:
    from marsad.store import Store
    from marsad.watch import add_source

    folder = Path(tempfile.mkdtemp(prefix="marsad-bench-watch-"))
    db = folder / "watch.sqlite"
    start = time.time() + 15  # the sites and the watchers start meanwhile
    server = subprocess.Popen([sys.executable, __file__, "--serve", "--sources", str(args.sources), "--items",
                               str(args.items), "--duration", str(args.duration), "--start", str(start)],
                              stdout=subprocess.PIPE, text=True)
    feeds = json.loads(server.stdout.readline())  # type: ignore[union-attr]
    with Store(db) as store:
        for n, feed in enumerate(feeds):
            add_source(store, feed, outlet=f"موقع {n}", lang="ar", every=args.every)
    watchers = [subprocess.Popen([*MARSAD, "watch", "--db", str(db), "--max-age", "none"],
                                 stdout=subprocess.DEVNULL, stderr=open(folder / f"watch{n}.log", "w"))
                for n in range(args.watchers)]
    total = args.sources * args.items
    deadline = start + args.duration + args.grace
    try:
        coded = _wait_for(db, total, deadline)
    finally:
        for proc in watchers:
            proc.send_signal(signal.SIGTERM)
        for proc in watchers:
            proc.wait(timeout=120)
        server.kill()
    return _figures(coded, total, args, start)


def _wait_for(db: Path, total: int, deadline: float) -> list[tuple[str, float]]:
    """Poll the store until every report is coded (or the deadline); return (url, coded_at)."""
    while True:
        time.sleep(2)
        with sqlite3.connect(db, timeout=60) as conn:
            rows = conn.execute("SELECT url, coded_at FROM watch_items WHERE coded_at IS NOT NULL").fetchall()
        print(f"  {len(rows)}/{total} coded", file=sys.stderr, flush=True)
        if len(rows) >= total or time.time() > deadline:
            return rows


def _figures(coded: list[tuple[str, float]], total: int, args: argparse.Namespace, start: float) -> dict[str, float]:
    lags = sorted(at - appeared_at(url, sources=args.sources, items=args.items, duration=args.duration, start=start)
                  for url, at in coded)
    times = sorted(at for _, at in coded)
    window = [sum(1 for t in times if w <= t < w + 10) / 10 for w in range(int(times[0]), int(times[-1]) + 1)] \
        if times else [0.0]
    return {
        "reports": total, "coded": len(coded),
        "latency_p50_s": statistics.median(lags) if lags else float("nan"),
        "latency_p95_s": lags[int(0.95 * (len(lags) - 1))] if lags else float("nan"),
        "latency_max_s": lags[-1] if lags else float("nan"),
        "throughput_per_s": len(coded) / max(1e-9, times[-1] - start) if times else 0.0,
        "peak_10s_per_s": max(window),
        "offered_per_s": total / args.duration,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=int, default=50)
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--duration", type=float, default=600.0, help="seconds over which each site publishes")
    parser.add_argument("--every", default="10s", help="poll interval of every source")
    parser.add_argument("--watchers", type=int, default=1, help="marsad watch processes on the one store")
    parser.add_argument("--grace", type=float, default=300.0, help="seconds allowed after the last report")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--start", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.sources, args.items, args.duration, args.start)
        return 0
    figures = run(args)
    print(f"bench_watch: {args.sources} sources x {args.items} reports over {args.duration:g} s, poll every "
          f"{args.every}, {args.watchers} watcher(s)")
    for key, value in figures.items():
        print(f"  {key}: {value:.2f}" if isinstance(value, float) else f"  {key}: {value}")
    return 0 if figures["coded"] == figures["reports"] else 1


if __name__ == "__main__":
    sys.exit(main())
