"""The read side (narrow event rows, source names, kept counts) stays equal to the events through
inserts, merges, reviews and deletes, and its statistics equal those of the events themselves."""

from __future__ import annotations

import json
import random
import sqlite3
from importlib import resources
from itertools import product
from pathlib import Path

import pytest

from marsad.store import Store
from marsad.store.queries import EventQuery, Queries
from marsad.store.read_model import FACT_COLUMNS
from marsad.store.stats import date_parts

TYPES = ["Battles", "Explosions/Remote violence", "Protests", None]
PLACES = ["Homs", "Aleppo", "Idlib", None]
ACTORS = ["Islamic State", "Military Forces of Syria", "Civilians", None]
SOURCES = ["SOHR", "SANA", "North Press Agency"]
DATES = ["2023-12-30", "2024-01-01", "2024-01-15", "2024-01-31", "2024-02-01", "2024-02-29", "2024-03-03",
         "2024-03-31", "--03-12", None]


def _event(i: int, rng: random.Random) -> tuple:
    claims = [{"source": s, "via": rng.choice([None, "AFP"])} for s in rng.sample(SOURCES, rng.randrange(0, 3))]
    named = [c["source"] for c in claims] + rng.choice([[], ["Deir Ezzor 24"]])
    data = {"geo_precision": rng.choice([1, 2, 3]), "country": "Syria", "sources": claims,
            "source": "; ".join(named), "source_summary": {"named": named}}
    actor1 = rng.choice(ACTORS)
    return (f"E{i}", rng.choice(DATES), rng.choice(TYPES), rng.choice(PLACES), actor1,
            rng.choice([actor1, *ACTORS]), rng.choice([None, 0, 1, 5]), rng.choice(["auto", "reviewed", "rejected"]),
            rng.uniform(33, 37), rng.uniform(36, 41), json.dumps(data))


def _insert(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    conn.executemany("INSERT INTO events (id, event_date, event_type, admin1, actor1, actor2, fatalities, status,"
                     " latitude, longitude, data_json) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)


@pytest.fixture(scope="module")
def churned(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """A store whose events were inserted, updated (merges, reviews) and deleted at random (read-only
    for the tests; the recount test rebuilds the read side to the same content)."""
    store = Store(tmp_path_factory.mktemp("read-model") / "r.sqlite")
    rng = random.Random(15)
    conn = store.conn
    conn.execute("BEGIN")  # one transaction: the triggers run the same, the disk is asked once
    _insert(conn, [_event(i, rng) for i in range(300)])
    for i in rng.sample(range(300), 120):
        e = _event(i, rng)
        conn.execute("UPDATE events SET event_date = ?, event_type = ?, admin1 = ?, actor1 = ?, actor2 = ?,"
                     " fatalities = ?, status = ?, data_json = ? WHERE id = ?", (*e[1:8], e[10], e[0]))
    for i in rng.sample(range(300), 40):
        conn.execute("DELETE FROM events WHERE id = ?", (f"E{i}",))
    conn.execute("UPDATE events SET status = 'reviewed' WHERE id IN ('E1', 'E2', 'E3')")
    conn.execute("COMMIT")
    yield store
    store.close()


def _facts_from_events(conn: sqlite3.Connection) -> list[tuple]:
    return [tuple(r) for r in conn.execute(
        "SELECT id, event_date, CASE WHEN event_date GLOB '[0-9][0-9][0-9][0-9]-*' THEN event_date END, event_type,"
        " sub_event_type, actor1, actor2, admin1, admin2, location, latitude, longitude, fatalities,"
        " number_of_sources, status, first_reported, last_updated, json_extract(data_json, '$.geo_precision'),"
        " json_extract(data_json, '$.source'), json_extract(data_json, '$.country') FROM events ORDER BY id")]


def test_read_model_facts_follow_every_write(churned: Store) -> None:
    conn = churned.conn
    facts = [tuple(r) for r in conn.execute(f"SELECT {', '.join(FACT_COLUMNS)} FROM event_facts ORDER BY id")]
    assert facts == _facts_from_events(conn) and len(facts) == 260


def test_read_model_counts_equal_a_recount(churned: Store) -> None:
    """The kept counts, after all the churn, equal the counts rebuilt from scratch (the migration's backfill)."""
    conn = churned.conn
    kept = {t: sorted(tuple(r) for r in conn.execute(f"SELECT * FROM {t}")) for t in ("stats_day", "stats_month")}
    sources = sorted(tuple(r) for r in conn.execute("SELECT * FROM event_sources"))
    from marsad.store.read_model import fill_statements

    conn.executescript("DELETE FROM stats_day; DELETE FROM stats_month; DELETE FROM event_sources;"
                       " DELETE FROM event_facts;" + ";".join(fill_statements()))
    assert sorted(tuple(r) for r in conn.execute("SELECT * FROM event_sources")) == sources
    for table, rows in kept.items():
        assert sorted(tuple(r) for r in conn.execute(f"SELECT * FROM {table}")) == rows, table


QUERIES = [dict(date_from=a, date_to=b, status=s, event_type=t) for a, b, s, t in product(
    [None, "2024-01-01", "2024-01-15", "2024-02-01", "2023-12-31"],
    [None, "2024-01-31", "2024-02-29", "2024-01-15", "2024-03-30"],
    [None, "reviewed"], [None, "battles", ("battles", "Protests")])]


@pytest.mark.parametrize("filters", QUERIES)
def test_read_model_stats_from_counts_equal_stats_from_events(churned: Store, filters: dict) -> None:
    queries = Queries(churned.path)
    query = EventQuery(**filters)
    for bucket in ("day", "week", "month", "auto"):
        assert queries.stats(query, bucket=bucket) == queries.stats(query, bucket=bucket, counted=False), bucket
    assert queries.count(query) == queries._count(*queries.where(query))
    queries.close()


def test_read_model_stats_from_facts_equal_plain_sql(churned: Store) -> None:
    """The grouped statement gives what a plain count over the events gives."""
    conn = churned.conn
    stats = Queries(churned.path).stats(EventQuery(admin1="homs"), bucket="day")
    where = "WHERE admin1 = 'Homs'"
    total = conn.execute(f"SELECT count(*), coalesce(sum(fatalities), 0) FROM events {where}").fetchone()
    assert (stats["total_events"], stats["total_fatalities"]) == tuple(total)
    by_type = {r[0]: r[1] for r in conn.execute(f"SELECT event_type, count(*) FROM events {where} GROUP BY 1")}
    assert {r["key"]: r["events"] for r in stats["by_type"]} == by_type
    by_source = dict(conn.execute(
        "SELECT s, count(*) FROM (SELECT DISTINCT e.id, j.value AS s FROM events e,"
        f" json_each(e.data_json, '$.source_summary.named') j {where.replace('admin1', 'e.admin1')}) GROUP BY s").fetchall())
    assert {r["key"]: r["events"] for r in stats["by_source"]} == by_source


def _plain_group(conn: sqlite3.Connection, column: str, where: str) -> dict:
    return {r[0]: r[1] for r in conn.execute(f"SELECT {column}, count(*) FROM events {where} GROUP BY 1") if r[0]}


def test_read_model_facets_equal_plain_sql(churned: Store) -> None:
    """Each facet counts its values under every other filter (its own left out), as plain SQL does."""
    queries = Queries(churned.path)
    facets = queries.facets(EventQuery(admin1="Homs", event_type=("Battles", "Protests"), date_from="2024-01-01"))
    conn = churned.conn
    dated = "event_date >= '2024-01-01'"
    assert {r["key"]: r["events"] for r in facets["event_type"]} == _plain_group(
        conn, "event_type", f"WHERE admin1 = 'Homs' AND {dated}")
    assert {r["key"]: r["events"] for r in facets["admin1"]} == _plain_group(
        conn, "admin1", f"WHERE event_type IN ('Battles', 'Protests') AND {dated}")
    assert {r["key"]: r["events"] for r in facets["sub_event_type"]} == _plain_group(
        conn, "sub_event_type", f"WHERE admin1 = 'Homs' AND event_type IN ('Battles', 'Protests') AND {dated}")
    assert facets["event_type"] and facets["admin1"]
    queries.close()


@pytest.mark.parametrize("name, expected", [("SOHR", "claim"), ("sana", "claim"), ("AFP", "via"),
                                            ("Deir Ezzor 24", "named")])
def test_read_model_source_filter_uses_claims_relays_and_named_sources(churned: Store, name: str, expected: str) -> None:
    queries = Queries(churned.path)
    ids = {e["id"] for e in queries.list_events(EventQuery(source=name, limit=1000)).events}
    conn = churned.conn
    truth = {r[0] for r in conn.execute("SELECT id, data_json FROM events")
             if _names(json.loads(r[1])) & {name.casefold()}}
    assert ids == truth and ids


def _names(data: dict) -> set[str]:
    names = {(c.get("source") or "").casefold() for c in data["sources"]}
    names |= {(c.get("via") or "").casefold() for c in data["sources"]}
    return names | {p.strip().casefold() for p in data["source"].split(";")}


@pytest.mark.parametrize("date_from, date_to, months, days", [
    ("2024-01-01", "2024-03-31", ("2024-01", "2024-03"), []),
    ("2024-01-15", "2024-03-10", ("2024-02", "2024-02"), [("2024-01-15", "2024-01-31"), ("2024-03-01", "2024-03-10")]),
    ("2024-01-15", "2024-01-20", None, [("2024-01-15", "2024-01-20")]),
    ("2024-01-15", "2024-02-10", None, [("2024-01-15", "2024-02-10")]),
    (None, "2024-02-10", ("0000-00", "2024-01"), [("2024-02-01", "2024-02-10")]),
    ("2024-02-29", None, ("2024-03", "9999-99"), [("2024-02-29", "2024-02-29")]),
    ("2024-03-01", "2024-02-01", None, []),
])
def test_read_model_date_parts(date_from, date_to, months, days) -> None:  # type: ignore[no-untyped-def]
    assert date_parts(date_from, date_to) == (months, days)


def test_read_model_migration_fills_the_read_side(tmp_path: Path) -> None:
    """A store made before migration 5 gets its read side from the events it holds."""
    from marsad.store.migrations import _DEDUP_COLUMNS, _WINDOW_INDEX

    path = tmp_path / "v3.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(resources.files("marsad.store").joinpath("schema.sql").read_text(encoding="utf-8"))
    conn.executescript(_DEDUP_COLUMNS + _WINDOW_INDEX + "INSERT INTO meta VALUES ('schema_version', '3');")
    rng = random.Random(3)
    _insert(conn, [_event(i, rng) for i in range(50)])
    conn.commit()
    conn.close()
    with Store(path) as store:
        facts = [tuple(r) for r in store.conn.execute(f"SELECT {', '.join(FACT_COLUMNS)} FROM event_facts ORDER BY id")]
        assert facts == _facts_from_events(store.conn)
        queries = Queries(path)
        assert queries.stats(EventQuery()) == queries.stats(EventQuery(), counted=False)
        assert queries.stats(EventQuery())["total_events"] == 50
        queries.close()


def test_read_model_cache_follows_every_write(tmp_path: Path) -> None:
    """Answers are cached per events_version: a write by another connection is seen at once."""
    store = Store(tmp_path / "c.sqlite")
    rng = random.Random(5)
    _insert(store.conn, [_event(i, rng) for i in range(20)])
    queries = Queries(store.path)
    before = queries.stats(EventQuery())
    assert queries.stats(EventQuery()) is before  # the same question costs nothing the second time
    page = queries.list_events(EventQuery(limit=5))
    store.conn.execute("DELETE FROM events WHERE id = ?", (page.events[0]["id"],))
    assert queries.stats(EventQuery())["total_events"] == before["total_events"] - 1
    assert queries.list_events(EventQuery(limit=5)).events[0]["id"] != page.events[0]["id"]
    assert queries.count(EventQuery()) == 19
    store.conn.execute("UPDATE events SET status = 'reviewed'")
    assert queries.count(EventQuery(status="reviewed")) == 19
    queries.close()
    store.close()


def test_read_model_bulk_import_files_its_events_all_at_once(tmp_path: Path, make_event) -> None:  # type: ignore[no-untyped-def]
    """Import turns the row trigger off and files the imported events set-based; the result is the
    same as row by row, and the trigger is back for the writes after it."""
    from marsad.document import Claim
    from marsad.store.read_model import fill_statements

    store = Store(tmp_path / "b.sqlite")
    rng = random.Random(8)
    _insert(store.conn, [_event(i, rng) for i in range(30)])
    events = [make_event(admin1=rng.choice(["Homs", "Idlib"]), fatalities=rng.randrange(5), event_date=d,
                         sources=[Claim(source=rng.choice(SOURCES))]) for d in ["2024-01-02", "2024-02-03"] * 20]
    assert store.import_events(events, source="ACLED") == 40
    conn = store.conn
    kept = {t: sorted(tuple(r) for r in conn.execute(f"SELECT * FROM {t}"))
            for t in ("event_facts", "event_sources", "stats_day", "stats_month")}
    conn.executescript("DELETE FROM stats_day; DELETE FROM stats_month; DELETE FROM event_sources;"
                       " DELETE FROM event_facts;" + ";".join(fill_statements()))
    for table, rows in kept.items():
        assert sorted(tuple(r) for r in conn.execute(f"SELECT * FROM {table}")) == rows, table
    _insert(conn, [_event(100, rng)])
    assert conn.execute("SELECT count(*) FROM event_facts").fetchone()[0] == 71
    store.close()


def test_read_model_cache_is_bounded() -> None:
    from marsad.store.queries import ResultCache

    cache = ResultCache(max_bytes=10_000)
    for i in range(50):
        assert cache.get(("k", i), lambda i=i: b"x" * 900) == b"x" * 900
    assert cache._size <= 10_000 and cache.peek(("k", 0)) is None and cache.peek(("k", 49)) is not None
    assert cache.get(("big",), lambda: b"y" * 5000) == b"y" * 5000 and cache.peek(("big",)) is None
