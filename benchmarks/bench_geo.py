#!/usr/bin/env python3
"""Benchmark the gazetteer and geocoder: load time, lookups/s, find_places per report, peak RSS.

Usage: python benchmarks/bench_geo.py [--reports DIR]
Reports default to the bundled Arabic samples (src/marsad/samples/ar). Times are wall-clock and CPU
(CPU time is the fairer figure on a busy machine).
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import time
from pathlib import Path

from marsad.geo import Gazetteer, Geocoder

ROOT = Path(__file__).resolve().parents[1]


def timed(func, *args):
    """(result, wall seconds, cpu seconds) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = func(*args)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def bench_lookups(geocoder: Geocoder, count: int = 20_000) -> tuple[float, float]:
    """Distinct names (no cache hits) resolved per second, wall and CPU."""
    rng = random.Random(7)
    names = rng.sample([p.name_ar for p in geocoder.gazetteer if p.name_ar], count)
    _, wall, cpu = timed(lambda: [geocoder.resolve(n) for n in names])
    return count / wall, count / cpu


def bench_reports(geocoder: Geocoder, texts: list[str], rounds: int = 5) -> tuple[float, float, int]:
    """Median milliseconds per report (wall, CPU) and mentions found per round."""
    walls, cpus, found = [], [], 0
    for _ in range(rounds):
        for text in texts:
            mentions, wall, cpu = timed(geocoder.find_places, text)
            walls.append(wall)
            cpus.append(cpu)
            found += len(mentions)
    return statistics.mean(walls) * 1000, statistics.mean(cpus) * 1000, found // rounds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=Path, default=ROOT / "src" / "marsad" / "samples" / "ar")
    args = parser.parse_args()
    gazetteer, load_wall, load_cpu = timed(Gazetteer)
    geocoder, init_wall, init_cpu = timed(Geocoder, gazetteer)
    print(f"gazetteer load: {load_wall:.2f} s wall, {load_cpu:.2f} s CPU ({len(gazetteer)} places)")
    print(f"geocoder init (automaton): {init_wall:.2f} s wall, {init_cpu:.2f} s CPU")
    per_wall, per_cpu = bench_lookups(geocoder)
    print(f"resolve: {per_wall:,.0f} lookups/s wall, {per_cpu:,.0f} lookups/s CPU (distinct names, uncached)")
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.reports.glob("*.txt"))]
    if texts:
        wall_ms, cpu_ms, found = bench_reports(geocoder, texts)
        chars = statistics.mean(len(t) for t in texts)
        print(f"find_places: {wall_ms:.2f} ms/report wall ({1000 / wall_ms:.0f} reports/s), "
              f"{cpu_ms:.2f} ms CPU ({1000 / cpu_ms:.0f} reports/s); {len(texts)} reports of "
              f"{chars:.0f} chars on average, {found} mentions")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB")


if __name__ == "__main__":
    main()
