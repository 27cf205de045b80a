"""Benchmark: GET /api/events over 100,000 stored events on a real uvicorn server (target p95 < 200 ms).

Generates events (random but plausible: types, governorates, dates, coordinates, fatalities),
inserts them straight into the store's tables in one transaction (fast; the merge logic is not
what is measured here), starts ``marsad serve`` on a free loopback port, then times a bounded
loop of typical listing requests with httpx. Prints p50/p95 per request kind and overall;
exits 1 when the overall p95 is 200 ms or more.

Usage: python benchmarks/bench_api.py [--events 100000] [--rounds 30]
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

from marsad.store import Store
from marsad.text.normalize import normalize_key

TYPES = {
    "Battles": ["Armed clash"],
    "Explosions/Remote violence": ["Air/drone strike", "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED"],
    "Violence against civilians": ["Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest"],
    "Strategic developments": ["Arrests", "Other"],
}
PLACES = [("Homs", 34.73, 36.71), ("Aleppo", 36.20, 37.16), ("Idlib", 35.93, 36.63), ("Deir ez-Zor", 35.33, 40.14),
          ("Hasakah", 36.50, 40.75), ("Raqqa", 35.95, 39.01), ("Daraa", 32.62, 36.10), ("Baghdad", 33.31, 44.36),
          ("Anbar", 33.42, 43.30), ("Nineveh", 36.34, 43.13), ("Kirkuk", 35.47, 44.39), ("Diyala", 33.75, 44.61)]
ACTORS = ["Islamic State", "Military Forces of Syria", "SDF: Syrian Democratic Forces", "Military Forces of Turkey",
          "Military Forces of Iraq", "Popular Mobilization Forces", "Civilians", "Unidentified Armed Group"]
SOURCES = ["Syrian Observatory for Human Rights", "SANA", "North Press Agency", "Shafaq News", "Iraqi News Agency"]
QUERIES = {
    "default page": {},
    "governorate": {"admin1": "Deir ez-Zor"},
    "type + dates": {"event_type": "Battles", "date_from": "2023-03-01", "date_to": "2023-06-30"},
    "sort fatalities": {"sort": "-fatalities", "min_fatalities": 3},
    "bbox": {"bbox": "38,34,42,37"},
    "actor": {"actor": "Islamic State"},
    "full text": {"q": "Raqqa"},
}


def _event(i: int, rng: random.Random) -> tuple:
    """One generated event row (events table columns) and its FTS body."""
    etype = rng.choice(list(TYPES))
    admin1, lat, lon = rng.choice(PLACES)
    day = (date(2022, 1, 1) + timedelta(days=rng.randrange(1200))).isoformat()
    actor1, actor2 = rng.sample(ACTORS, 2)
    fatalities = rng.choice([0, 0, 0, 1, 1, 2, 3, 5, 8, 12])
    data = {"event_date": day, "event_type": etype, "sub_event_type": rng.choice(TYPES[etype]), "actor1": actor1,
            "actor2": actor2, "admin1": admin1, "location": f"{admin1} village {i % 97}", "fatalities": fatalities,
            "latitude": round(lat + rng.uniform(-0.6, 0.6), 4), "longitude": round(lon + rng.uniform(-0.6, 0.6), 4),
            "geo_precision": rng.choice([1, 1, 2, 3]), "country": "Iraq" if lon > 42.5 else "Syria",
            "sources": [{"source": rng.choice(SOURCES), "kind": "report", "fatalities": fatalities}]}
    row = (f"B{i:07d}", day, int(day[:4]), etype, data["sub_event_type"], actor1, actor2, admin1, None,
           data["location"], data["latitude"], data["longitude"], fatalities, 1, "auto", day, day, json.dumps(data))
    return row, normalize_key(f"{etype} {actor1} {actor2} {admin1} {data['location']}")  # folded, as the store writes it


def populate(path: Path, n: int, seed: int = 7) -> None:
    """Create the store and insert ``n`` generated events (and their FTS rows) in one transaction."""
    store = Store(path)
    rng = random.Random(seed)
    rows, bodies = zip(*(_event(i, rng) for i in range(n)))
    with store.lock:
        conn = store.conn
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO events (id, event_date, year, event_type, sub_event_type, actor1, actor2, admin1,"
                         " admin2, location, latitude, longitude, fatalities, number_of_sources, status,"
                         " first_reported, last_updated, data_json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        conn.executemany("INSERT INTO events_fts (rowid, event_id, body) VALUES (?, ?, ?)",
                         [(i + 1, r[0], b) for i, (r, b) in enumerate(zip(rows, bodies))])
        conn.execute("UPDATE events SET fts_rowid = rowid")  # rows went in in the same order
        conn.execute("COMMIT")
        conn.execute("ANALYZE")
    store.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(path: Path, port: int) -> subprocess.Popen:
    """``marsad serve`` in a subprocess; wait until it answers."""
    cmd = [sys.executable, "-c", "from marsad.cli import main; main()", "serve", "--db", str(path), "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/config", timeout=1)
            return proc
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"server did not start: {proc.stderr.read().decode() if proc.stderr else ''}")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def measure(base: str, rounds: int) -> dict[str, list[float]]:
    """Time each query kind ``rounds`` times (plus its second page via the cursor)."""
    timings: dict[str, list[float]] = {name: [] for name in QUERIES}
    timings["next page (cursor)"] = []
    with httpx.Client(base_url=base, timeout=10) as client:
        for _ in range(rounds):
            for name, params in QUERIES.items():
                t0 = time.perf_counter()
                response = client.get("/api/events", params={**params, "limit": 100})
                timings[name].append((time.perf_counter() - t0) * 1000)
                response.raise_for_status()
                cursor = response.json()["next_cursor"]
                if cursor and name == "default page":
                    t0 = time.perf_counter()
                    client.get("/api/events", params={"limit": 100, "cursor": cursor}).raise_for_status()
                    timings["next page (cursor)"].append((time.perf_counter() - t0) * 1000)
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        t0 = time.perf_counter()
        populate(path, args.events)
        print(f"inserted {args.events:,} events in {time.perf_counter() - t0:.1f} s")
        port = free_port()
        proc = start_server(path, port)
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/events", timeout=30)  # warm-up
            timings = measure(f"http://127.0.0.1:{port}", args.rounds)
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    every = [t for values in timings.values() for t in values]
    for name, values in timings.items():
        print(f"{name:22s} n={len(values):4d}  p50={statistics.median(values):7.1f} ms  p95={percentile(values, 95):7.1f} ms")
    p95 = percentile(every, 95)
    print(f"{'ALL GET /api/events':22s} n={len(every):4d}  p50={statistics.median(every):7.1f} ms  p95={p95:7.1f} ms"
          f"  (target p95 < 200 ms: {'PASS' if p95 < 200 else 'FAIL'})")
    return 0 if p95 < 200 else 1


if __name__ == "__main__":
    sys.exit(main())
