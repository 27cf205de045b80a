"""Load benchmark: /api/events, /api/stats and /api/facets over 100,000 events with 20 concurrent clients.

Generates 100,000 events whose stored JSON is shaped and sized like real merged events (claims with
evidence spans, evidence per field and per report: about 4 KB each), inserts them with plain SQL in
one transaction (as ``Store`` rows; whatever the store keeps up to date on insert is kept up to date
here too), starts ``marsad serve`` on a free loopback port, and then, for each endpoint, lets
``--clients`` concurrent clients send ``--requests`` requests each, cycling through a mix of the
dashboard's and analysts' queries (default view, governorate, type and dates, source, actor, map
box, full text, fatalities). Bounded: a fixed number of requests, each with a 30 s timeout, on
127.0.0.1 only. Prints p50/p95/max and errors per endpoint and per query, a single-client row for
comparison, and exits 1 when an endpoint's p95 is 200 ms or more or any request failed.

Usage: python benchmarks/bench_load.py [--events 100000] [--clients 20] [--requests 15]
"""

from __future__ import annotations

import argparse
import asyncio
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
from urllib.parse import urlencode

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
SOURCES = ["Syrian Observatory for Human Rights", "SANA", "North Press Agency", "Shafaq News", "Iraqi News Agency",
           "Enab Baladi", "Deir Ezzor 24", "AFP"]
FIELDS = ["event_type", "sub_event_type", "actor1", "actor2", "location", "admin1", "event_date", "fatalities"]
# (name, query) pairs each client cycles through; the first is the dashboard's opening view.
EVENT_QUERIES = [
    ("default page", {}),
    ("governorate", {"admin1": "Deir ez-Zor"}),
    ("type + dates", {"event_type": "Battles", "date_from": "2023-03-01", "date_to": "2023-06-30"}),
    ("source", {"source": "North Press Agency"}),
    ("actor", {"actor": "Islamic State"}),
    ("map box", {"bbox": "38,34,42,37"}),
    ("full text", {"q": "Raqqa"}),
    ("sort fatalities", {"sort": "-fatalities", "min_fatalities": 3}),
    ("dates only", {"date_from": "2024-01-01", "date_to": "2024-03-31"}),
]
STATS_QUERIES = [
    ("all events", {"bucket": "auto"}),
    ("governorate", {"admin1": "Aleppo", "bucket": "auto"}),
    ("type + dates", {"event_type": "Explosions/Remote violence", "date_from": "2023-01-01",
                      "date_to": "2023-12-31", "bucket": "auto"}),
    ("source", {"source": "SANA", "bucket": "auto"}),
    ("actor", {"actor": "Military Forces of Iraq", "bucket": "auto"}),
    ("reviewed", {"status": "reviewed", "bucket": "week"}),
    ("map box", {"bbox": "35,32,38,36", "bucket": "auto"}),
    ("full text", {"q": "Homs", "bucket": "auto"}),
    ("dates only", {"date_from": "2022-06-01", "date_to": "2022-09-30", "bucket": "day"}),
]


def _span(rng: random.Random, field: str, text: str) -> dict:
    start = rng.randrange(0, 400)
    return {"start": start, "end": start + rng.randrange(4, 30), "label": field, "value": text}


def _data(i: int, rng: random.Random) -> dict:
    """An event dict shaped like a real merged event (Event.to_dict() plus evidence per report)."""
    etype = rng.choice(list(TYPES))
    admin1, lat, lon = rng.choice(PLACES)
    day = (date(2022, 1, 1) + timedelta(days=rng.randrange(1200))).isoformat()
    actor1, actor2 = rng.sample(ACTORS, 2)
    fatalities = rng.choice([0, 0, 0, 1, 1, 2, 3, 5, 8, 12])
    articles = [f"art-{i}-{k}" for k in range(rng.choice([1, 1, 1, 2, 3]))]
    claims = [{"source": rng.choice(SOURCES), "kind": "report", "via": None, "fatalities": fatalities,
               "injured": None, "article_id": a, "evidence": [_span(rng, "source", "مصادر محلية")], "note": None}
              for a in articles]
    evidence = {f: [_span(rng, f, f"{f} {i}")] for f in FIELDS}
    return {
        "event_id_cnty": f"SYR{i}", "event_date": day, "year": int(day[:4]), "time_precision": 1,
        "disorder_type": "Political violence", "event_type": etype, "sub_event_type": rng.choice(TYPES[etype]),
        "actor1": actor1, "actor2": actor2, "inter1": 1, "inter2": 2, "interaction": 12, "iso": 760,
        "region": "Middle East", "country": "Iraq" if lon > 42.5 else "Syria", "admin1": admin1,
        "admin2": f"{admin1} district", "location": f"{admin1} village {i % 97}",
        "latitude": round(lat + rng.uniform(-0.6, 0.6), 4), "longitude": round(lon + rng.uniform(-0.6, 0.6), 4),
        "geo_precision": rng.choice([1, 1, 2, 3]), "source": "; ".join(dict.fromkeys(c["source"] for c in claims)),
        "source_scale": "National", "fatalities": fatalities, "fatalities_low": fatalities,
        "fatalities_best": fatalities, "fatalities_high": fatalities, "where_prec": 1,
        "notes": f"قتل {fatalities} أشخاص في هجوم قرب {admin1} بحسب مصادر محلية وناشطين في المنطقة.",
        "date_note": "from the incident's sentence: 'يوم الثلاثاء' (the latest one before publication)",
        "evidence": evidence, "sources": claims, "confidence": 0.8, "article_ids": articles,
        "evidence_by_article": {a: evidence for a in articles}, "mention_ids": [f"{a}#0" for a in articles],
        "source_summary": {"named": list(dict.fromkeys(c["source"] for c in claims))},  # as the merger writes it
    }


def _row(i: int, rng: random.Random) -> tuple[tuple, str]:
    data = _data(i, rng)
    row = (f"B{i:07d}", data["event_date"], data["year"], data["event_type"], data["sub_event_type"],
           data["actor1"], data["actor2"], data["admin1"], data["admin2"], data["location"], data["latitude"],
           data["longitude"], data["fatalities"], len(data["sources"]), rng.choice(["auto"] * 8 + ["reviewed"]),
           data["event_date"], data["event_date"], json.dumps(data, ensure_ascii=False), data["event_date"],
           data["event_date"], data["geo_precision"])
    body = normalize_key(f"{data['event_type']} {data['actor1']} {data['actor2']} {data['admin1']} {data['location']}")
    return row, body


def populate(path: Path, n: int, seed: int = 7) -> float:
    """Create the store and insert ``n`` events (and their full-text rows); return the mean JSON size."""
    store = Store(path)
    rng = random.Random(seed)
    rows, bodies = zip(*(_row(i, rng) for i in range(n)))
    with store.lock:
        conn = store.conn
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO events (id, event_date, year, event_type, sub_event_type, actor1, actor2, admin1,"
                         " admin2, location, latitude, longitude, fatalities, number_of_sources, status,"
                         " first_reported, last_updated, data_json, date_lo, date_hi, geo_precision)"
                         " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        conn.executemany("INSERT INTO events_fts (rowid, event_id, body) VALUES (?, ?, ?)",
                         [(i + 1, r[0], b) for i, (r, b) in enumerate(zip(rows, bodies))])
        conn.execute("UPDATE events SET fts_rowid = rowid")
        conn.execute("COMMIT")
        conn.execute("ANALYZE")
    store.close()
    return statistics.mean(len(r[17]) for r in rows)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(path: Path, port: int) -> subprocess.Popen:
    """``marsad serve`` in a subprocess on 127.0.0.1; wait until it answers."""
    cmd = [sys.executable, "-c", "from marsad.cli import main; main()", "serve", "--db", str(path),
           "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
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


class Connection:
    """One keep-alive HTTP/1.1 connection to the server: a few lines of asyncio instead of a client
    library, so the clients' own CPU (they share the machine with the server) stays small."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, path: str, params: dict) -> int:
        """GET ``path?params``; the response status (the body is read whole)."""
        if self.streams is None:
            self.streams = await asyncio.open_connection("127.0.0.1", self.port)
        reader, writer = self.streams
        target = f"{path}?{urlencode(params)}" if params else path
        writer.write(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode("ascii"))
        status = int((await reader.readline()).split()[1])
        length, chunked = 0, False
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            length = int(value) if name.lower() == "content-length" else length
            chunked = chunked or (name.lower() == "transfer-encoding" and "chunked" in value)
        if not chunked:
            await reader.readexactly(length)
            return status
        while size := int((await reader.readline()).strip(), 16):
            await reader.readexactly(size + 2)
        await reader.readline()
        return status

    def close(self) -> None:
        if self.streams:
            self.streams[1].close()


async def _client(port: int, path: str, queries: list, offset: int, count: int,
                  out: list[tuple[str, float, bool]]) -> None:
    connection = Connection(port)
    try:
        for k in range(count):
            name, params = queries[(offset + k) % len(queries)]
            started = time.perf_counter()
            try:
                ok = await asyncio.wait_for(connection.get(path, params), timeout=30) == 200
            except (OSError, asyncio.TimeoutError, ValueError, IndexError, asyncio.IncompleteReadError):
                ok = False
                connection.close()
                connection = Connection(port)
            out.append((name, (time.perf_counter() - started) * 1000, ok))
    finally:
        connection.close()


async def _run(port: int, path: str, queries: list, clients: int, requests: int,
               stride: int = 1) -> list[tuple[str, float, bool]]:
    """``clients`` concurrent clients, ``requests`` each; client c starts at query c * ``stride``."""
    out: list[tuple[str, float, bool]] = []
    await asyncio.gather(*(_client(port, path, queries, c * stride, requests, out) for c in range(clients)))
    return out


def distinct(queries: list, count: int, seed: int = 11) -> list:
    """``count`` queries no earlier request asked: each of the mix with its own date window, so no
    cached answer can serve them (the cost of every request is paid)."""
    rng = random.Random(seed)
    out = []
    for k in range(count):
        name, params = queries[k % len(queries)]
        start = date(2022, 1, 1) + timedelta(days=rng.randrange(900))
        window = {"date_from": start.isoformat(), "date_to": (start + timedelta(days=rng.randrange(60, 400))).isoformat()}
        out.append((name, {**params, **window}))
    return out


def _line(label: str, results: list[tuple[str, float, bool]]) -> str:
    times = [t for _, t, _ in results]
    errors = sum(1 for _, _, ok in results if not ok)
    return (f"| {label} | {len(times)} | {errors} | {statistics.median(times):.0f} | {percentile(times, 95):.0f} |"
            f" {max(times):.0f} |")


def endpoints() -> tuple[tuple[str, list], ...]:
    """The endpoints measured and their query mixes (the dashboard asks /api/facets on every change)."""
    return (("/api/events", EVENT_QUERIES), ("/api/stats", STATS_QUERIES), ("/api/facets", STATS_QUERIES))


def measure(port: int, args: argparse.Namespace) -> bool:
    """Print the tables; True when every endpoint meets the target with no error."""
    passed = True
    print("| endpoint, clients | requests | errors | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|---|")
    per_query: dict[str, list] = {}
    for path, queries in endpoints():
        asyncio.run(_run(port, path, queries, 1, len(queries)))  # warm-up: each query once
        single = asyncio.run(_run(port, path, queries, 1, len(queries) * 2))
        loaded = asyncio.run(_run(port, path, queries, args.clients, args.requests))
        print(_line(f"{path}, 1 client", single))
        print(_line(f"{path}, {args.clients} clients", loaded))
        times = [t for _, t, _ in loaded]
        passed &= percentile(times, 95) < 200 and all(ok for _, _, ok in loaded)
        per_query[path] = loaded
    print(f"\nevery request a new question ({args.clients} clients, distinct date windows: no cached answer helps):"
          "\n| endpoint | requests | errors | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|---|")
    for path, queries in endpoints():
        fresh = distinct(queries, args.clients * args.requests)
        cold = asyncio.run(_run(port, path, fresh, args.clients, args.requests, stride=args.requests))
        print(_line(path, cold))
        per_query[f"{path} (distinct questions)"] = cold
    for path, loaded in per_query.items():
        print(f"\n{path} at {args.clients} clients, by query:\n| query | requests | errors | p50 ms | p95 ms | max ms |"
              "\n|---|---|---|---|---|---|")
        for name in dict.fromkeys(n for n, _, _ in loaded):
            print(_line(name, [r for r in loaded if r[0] == name]))
    return passed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=15, help="requests per client and endpoint")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", type=Path, help="keep the generated store here (reused when it exists)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "load.sqlite"
        if not path.exists():
            started = time.perf_counter()
            size = populate(path, args.events, args.seed)
            print(f"inserted {args.events:,} events (stored JSON {size / 1000:.1f} kB each on average) in "
                  f"{time.perf_counter() - started:.0f} s\n")
        port = free_port()
        proc = start_server(path, port)
        try:
            passed = measure(port, args)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:  # requests still running in its threads
                proc.kill()
                proc.wait(timeout=30)
    print(f"\ntarget: p95 < 200 ms for both endpoints at {args.clients} clients, no errors: "
          f"{'PASS' if passed else 'FAIL'}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
