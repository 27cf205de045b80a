"""Candidate search: the queries ``candidate_events`` sends read the covering window index, never
the event-type index (which reads a row for every event of a common type)."""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta

import pytest

from marsad.dedup.config import DedupConfig
from marsad.dedup.dates import date_window
from marsad.dedup.score import compatible_types
from marsad.document import Event
from marsad.store import Store, rows

TOWNS = [("Idlib", "Idlib", 35.93, 36.63), ("Al Mayadin", "Deir ez-Zor", 35.02, 40.45),
         ("Daraa", "Daraa", 32.62, 36.10), ("Kirkuk", "Kirkuk", 35.47, 44.39)]


class PlanRecorder:
    """A connection stand-in that keeps each query's plan and result."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.plans: list[tuple[str, list[str]]] = []

    def execute(self, sql: str, params=()):
        plan = [r[3] for r in self.conn.execute("EXPLAIN QUERY PLAN " + sql, params)]
        self.plans.append((sql, plan))
        return self.conn.execute(sql, params)


def many_events(count: int) -> list[Event]:
    rng = random.Random(3)
    out = []
    for _ in range(count):
        town, admin1, lat, lon = rng.choice(TOWNS)
        day = date(2022, 1, 1) + timedelta(days=rng.randrange(700))
        out.append(Event(event_type=rng.choice(["Battles", "Explosions/Remote violence", "Violence against civilians"]),
                         sub_event_type="Armed clash", event_date=day.isoformat(), year=day.year, time_precision=1,
                         admin1=admin1, location=town, latitude=lat + rng.uniform(-0.05, 0.05),
                         longitude=lon + rng.uniform(-0.05, 0.05), geo_precision=1, country="Syria"))
    return out


@pytest.fixture(scope="module")
def big_store():
    store = Store(":memory:")
    store.import_events(many_events(3000), source="test")
    yield store
    store.close()


MENTIONS = {
    "dated, with a point": (Event(event_type="Battles", event_date="2022-05-03", latitude=35.93, longitude=36.63,
                                  geo_precision=1, admin1="Idlib", location="Idlib"), date(2022, 5, 4)),
    "undated, published": (Event(event_type="Battles", latitude=35.93, longitude=36.63, geo_precision=1,
                                 admin1="Idlib", location="Idlib"), date(2022, 5, 4)),
    "no date, no publication day": (Event(event_type="Battles", latitude=35.02, longitude=40.45, geo_precision=1,
                                          admin1="Deir ez-Zor", location="Al Mayadin"), None),
    "only a governorate, no day": (Event(event_type="Battles", admin1="Daraa"), None),
}


@pytest.mark.parametrize("name", sorted(MENTIONS))
def test_candidates_query_plan_reads_the_window_index(big_store, name):
    event, published = MENTIONS[name]
    recorder = PlanRecorder(big_store.conn)
    config = DedupConfig()
    found = rows.candidate_events(recorder, event, date_window(event.event_date, event.time_precision, published),
                                  slack_days=config.max_day_gap, radius_km=config.search_radii(),
                                  types=compatible_types(event.event_type))
    assert found
    for sql, plan in recorder.plans:
        text = " ".join(plan)
        assert "events_type" not in text, (sql, plan)
        assert "COVERING INDEX events_window" in text, (sql, plan)


def test_candidates_reach_as_far_as_the_scorer_for_a_desert_or_district():
    """A town and a desert named after another town 180 km off (precision 2, where_prec 3): the
    scorer does not veto the pair (a desert reaches as far as a region), so the candidate search
    finds it whichever of the two came first."""
    from marsad.dedup.score import place_level

    config = DedupConfig()
    town = Event(event_type="Violence against civilians", latitude=31.33, longitude=45.29, geo_precision=1,
                 where_prec=1, admin1="Muthanna", location="Samawah")
    desert = Event(event_type="Violence against civilians", event_date="2015-12-16", latitude=29.92,
                   longitude=46.33, geo_precision=2, where_prec=3, admin1="Muthanna", location="Al Basiyah")
    assert place_level(town, desert, config).level == "coarse"
    for stored, new in ((town, desert), (desert, town)):
        store = Store(":memory:")
        store.import_events([stored], source="test")
        window = date_window(new.event_date, new.time_precision, None)
        found = rows.candidate_events(store.conn, new, window, slack_days=config.max_day_gap,
                                      radius_km=config.search_radii(), types=compatible_types(new.event_type))
        assert len(found) == 1, (stored.location, new.location)
        store.close()
