#!/usr/bin/env python
"""Benchmark cross-report merging against a large store.

Imports N synthetic but realistically spread events (towns of Syria and Iraq,
five years, ACLED types and actors) with ``Store.import_events`` (executemany),
then adds M new single-event reports through ``Store.add_document`` - half of
them new reports of stored events (same day, a km or two off, toll changed),
half new incidents - and prints the seconds taken and the peak memory.

    python benchmarks/bench_dedup.py [--events 100000] [--reports 1000] [--db PATH]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from marsad.document import Document, Event
from marsad.store import Store

# (town, admin1, country, lat, lon): a spread over both countries, dense where conflict is.
TOWNS = [
    ("Idlib", "Idlib", "Syria", 35.93, 36.63), ("Ariha", "Idlib", "Syria", 35.81, 36.61),
    ("Saraqib", "Idlib", "Syria", 35.86, 36.80), ("Maarat al-Numan", "Idlib", "Syria", 35.64, 36.67),
    ("Jisr al-Shughur", "Idlib", "Syria", 35.81, 36.32), ("Al Atarib", "Aleppo", "Syria", 36.14, 36.83),
    ("Aleppo", "Aleppo", "Syria", 36.20, 37.13), ("Afrin", "Aleppo", "Syria", 36.51, 36.87),
    ("Al Bab", "Aleppo", "Syria", 36.37, 37.52), ("Manbij", "Aleppo", "Syria", 36.53, 37.95),
    ("Deir ez-Zor", "Deir ez-Zor", "Syria", 35.33, 40.14), ("Al Mayadin", "Deir ez-Zor", "Syria", 35.02, 40.45),
    ("Albu Kamal", "Deir ez-Zor", "Syria", 34.45, 40.92), ("Dhiban", "Deir ez-Zor", "Syria", 35.01, 40.51),
    ("Hajin", "Deir ez-Zor", "Syria", 34.69, 40.83), ("Raqqa", "Raqqa", "Syria", 35.95, 39.01),
    ("Tabqa", "Raqqa", "Syria", 35.84, 38.55), ("Hasakah", "Hasakah", "Syria", 36.50, 40.75),
    ("Qamishli", "Hasakah", "Syria", 37.05, 41.23), ("Amuda", "Hasakah", "Syria", 37.10, 40.93),
    ("Homs", "Homs", "Syria", 34.73, 36.71), ("Palmyra", "Homs", "Syria", 34.56, 38.27),
    ("As Sukhnah", "Homs", "Syria", 34.89, 38.87), ("Hama", "Hama", "Syria", 35.13, 36.75),
    ("Daraa", "Daraa", "Syria", 32.62, 36.10), ("Tafas", "Daraa", "Syria", 32.74, 36.07),
    ("Busra al-Sham", "Daraa", "Syria", 32.52, 36.48), ("As-Suwayda", "As-Suwayda", "Syria", 32.71, 36.57),
    ("Douma", "Rural Damascus", "Syria", 33.57, 36.40), ("Latakia", "Latakia", "Syria", 35.52, 35.79),
    ("Baghdad", "Baghdad", "Iraq", 33.31, 44.37), ("Tarmiyah", "Baghdad", "Iraq", 33.67, 44.39),
    ("Fallujah", "Anbar", "Iraq", 33.35, 43.78), ("Ramadi", "Anbar", "Iraq", 33.43, 43.30),
    ("Al Qaim", "Anbar", "Iraq", 34.37, 41.09), ("Mosul", "Nineveh", "Iraq", 36.34, 43.13),
    ("Sinjar", "Nineveh", "Iraq", 36.32, 41.88), ("Tikrit", "Salah al-Din", "Iraq", 34.61, 43.68),
    ("Samarra", "Salah al-Din", "Iraq", 34.20, 43.87), ("Baqubah", "Diyala", "Iraq", 33.75, 44.64),
    ("Al Miqdadiyah", "Diyala", "Iraq", 33.98, 44.94), ("Kirkuk", "Kirkuk", "Iraq", 35.47, 44.39),
]
TYPES = [
    ("Battles", "Armed clash", 30), ("Explosions/Remote violence", "Shelling/artillery/missile attack", 20),
    ("Explosions/Remote violence", "Air/drone strike", 15), ("Explosions/Remote violence",
                                                              "Remote explosive/landmine/IED", 10),
    ("Violence against civilians", "Attack", 10), ("Strategic developments", "Arrests", 8),
    ("Protests", "Peaceful protest", 7),
]
ACTORS = ["Military Forces of Syria", "Islamic State", "SDF: Syrian Democratic Forces", "Hayat Tahrir al-Sham",
          "Military Forces of Turkey", "Military Forces of Russia", "Military Forces of Iraq",
          "Popular Mobilization Forces", "Unidentified Armed Group", "Civilians", "Syrian National Army"]
START = date(2019, 1, 1)


def synthetic_event(rng: random.Random) -> Event:
    """One event at a random town (jittered), day, type and actor pair."""
    town, admin1, country, lat, lon = rng.choice(TOWNS)
    event_type, sub_type, _ = rng.choices(TYPES, weights=[t[2] for t in TYPES])[0]
    day = START + timedelta(days=rng.randrange(5 * 365))
    actor1, actor2 = rng.sample(ACTORS, 2)
    return Event(event_type=event_type, sub_event_type=sub_type, actor1=actor1, actor2=actor2,
                 event_date=day.isoformat(), year=day.year, time_precision=1, country=country,
                 iso=760 if country == "Syria" else 368, admin1=admin1, location=town,
                 latitude=round(lat + rng.uniform(-0.05, 0.05), 4), longitude=round(lon + rng.uniform(-0.05, 0.05), 4),
                 geo_precision=1, fatalities=rng.choice([0, 0, 1, 1, 2, 3, 4, 5, 8, 12]))


def new_reports(stored: list[Event], count: int, rng: random.Random) -> list[Document]:
    """Half re-reports of stored events (a km off, toll changed), half new incidents."""
    docs = []
    for i in range(count):
        if i % 2 == 0:
            base = rng.choice(stored)
            event = replace(base, latitude=base.latitude + rng.uniform(-0.01, 0.01), id=None, evidence={},
                            fatalities=(base.fatalities or 0) + rng.choice([0, 0, 1, 2]), sources=[])
        else:
            event = synthetic_event(rng)
        text = (f"تقرير رقم {i}: {event.sub_event_type} في {event.location} ({event.admin1}) بتاريخ {event.event_date} "
                f"بين {event.actor1} و{event.actor2} أسفر عن {event.fatalities} قتلى بحسب مصادر محلية متطابقة "
                f"رمز {rng.getrandbits(64):x} {rng.getrandbits(64):x}")
        day = date.fromisoformat(event.event_date) + timedelta(days=rng.choice([0, 0, 1]))
        docs.append(Document(id=f"bench-{i}", text=text, outlet=rng.choice(["SOHR", "Enab Baladi", "Shafaq News"]),
                             published=day, events=[event]))
    return docs


def _max_rss_mib() -> float:
    """The process's peak resident memory so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark merging new reports into a large store.")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--reports", type=int, default=1_000)
    parser.add_argument("--db", type=Path, default=None, help="store file (default: a temporary file)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--trace-memory", action="store_true", help="also measure Python allocations (slower)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench.sqlite"
        with Store(path) as store:
            stored = [synthetic_event(rng) for _ in range(args.events)]
            started = time.perf_counter()
            store.import_events(stored, source="bench")
            import_seconds = time.perf_counter() - started
            docs = new_reports(stored, args.reports, rng)
            rss_before = _max_rss_mib()
            if args.trace_memory:
                tracemalloc.start()
            started, cpu = time.perf_counter(), time.process_time()
            merged = sum(1 for doc in docs if store.add_document(doc).merged_into)
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            peak = tracemalloc.get_traced_memory()[1] if args.trace_memory else None
            tracemalloc.stop()
            counts = store.counts()
    print(f"imported {args.events} events in {import_seconds:.1f} s")
    print(f"merged {args.reports} new reports in {seconds:.2f} s ({1000 * seconds / args.reports:.1f} ms/report): "
          f"{merged} joined a stored event, {args.reports - merged} new; {counts['events']} events now; "
          f"CPU {cpu:.2f} s, load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"process peak RSS: {_max_rss_mib():.0f} MiB ({rss_before:.0f} MiB before merging; "
          "the synthetic events held in memory for the run included)")
    if peak is not None:
        print(f"peak Python allocations while merging (tracemalloc, slows the run): {peak / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
