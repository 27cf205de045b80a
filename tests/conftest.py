"""Shared fixtures: an in-memory store and hand-built reports (our own Arabic sentences)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest

from marsad.document import Claim, Document, Event, Tally
from marsad.store import Store

ARIHA_REPORT = (
    "إدلب | مقتل خمسة مدنيين بقصف مدفعي على أريحا\n"
    "قتل خمسة مدنيين بينهم طفلان، اليوم الثلاثاء، جراء قصف مدفعي نفذته قوات النظام على الأحياء "
    "السكنية في مدينة أريحا جنوبي إدلب، وفق ما أفادت به مصادر محلية.\n"
    "وبذلك يرتفع عدد القتلى المدنيين في محافظة إدلب منذ مطلع العام إلى 112 شخصاً."
)


def shelling(**overrides: Any) -> Event:
    """A shelling of Ariha (Idlib) by government forces on 5 March 2024."""
    values: dict[str, Any] = dict(
        event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
        actor1="Military Forces of Syria", actor2="Civilians", event_date="2024-03-05", year=2024,
        time_precision=1, country="Syria", iso=760, admin1="Idlib", admin2="Ariha", location="Ariha",
        latitude=35.8133, longitude=36.6097, geo_precision=1, fatalities=5, notes="قصف مدفعي على أريحا",
    )
    values.update(overrides)
    return Event(**values)


def report(doc_id: str, text: str, *events: Event, outlet: str = "المرصد السوري لحقوق الإنسان",
           published: str = "2024-03-05", tallies: tuple[Tally, ...] = ()) -> Document:
    """A report with the given events, each given evidence on the sentence naming its place."""
    doc = Document(id=doc_id, text=text, outlet=outlet, published=date.fromisoformat(published))
    for event in events:
        word = "أريحا" if "أريحا" in text else text.split()[0]
        start = text.index(word)
        event.add_evidence("location", doc.make_span(start, start + len(word), "place", event.location))
        doc.events.append(event)
    doc.tallies.extend(tallies)
    return doc


@pytest.fixture
def store() -> Iterator[Store]:
    with Store(":memory:") as opened:
        yield opened


# --- both back-ends ------------------------------------------------------------------
# Store tests run against SQLite and a real PostgreSQL (Debian's binaries, started once per session
# as an unprivileged user in a temporary directory, stopped at the end). A folder's conftest opts its
# tests in by defining ``store`` as ``any_store`` (tests/store, tests/dedup, tests/api).
BACKENDS = ("sqlite", "postgres")
_DATABASES = itertools.count(1)


@pytest.fixture(scope="session")
def postgres() -> Iterator[Any]:
    """The session's PostgreSQL server (``marsad.store.pg_server.TempPostgres``)."""
    from marsad.store.pg_server import TempPostgres

    server = TempPostgres.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pg_template(postgres: Any) -> str:
    """A database migrated once, copied for each test (CREATE DATABASE ... TEMPLATE is a file copy)."""
    Store(postgres.create_database("marsad_template")).close()
    return "marsad_template"


@pytest.fixture
def pg_url(postgres: Any, pg_template: str) -> Iterator[str]:
    """A fresh migrated PostgreSQL store of its own, dropped after the test."""
    name = f"t_{next(_DATABASES)}"
    url = postgres.create_database(name, template=pg_template)
    yield url
    postgres.drop_database(name)


@pytest.fixture(params=BACKENDS)
def store_target(request: pytest.FixtureRequest, tmp_path: Any) -> str:
    """Where a test's store lives: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "postgres":
        return str(request.getfixturevalue("pg_url"))
    return str(tmp_path / "store.sqlite")


@pytest.fixture(params=BACKENDS)
def any_store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """An empty store on each back-end (SQLite in memory; a fresh PostgreSQL database)."""
    target = ":memory:" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    with Store(target) as opened:
        yield opened


@pytest.fixture
def ariha_doc() -> Document:
    tally = Tally(count=112, what="killed", whose="Civilians", period_start="2024-01-01", period_end="2024-03-05")
    event = shelling(sources=[Claim(source="مصادر محلية", kind="report", fatalities=5)])
    return report("sohr-ariha", ARIHA_REPORT, event, tallies=(tally,))


@pytest.fixture
def make_report() -> Callable[..., Document]:
    return report


@pytest.fixture
def make_event() -> Callable[..., Event]:
    return shelling


@pytest.fixture
def ariha_text() -> str:
    return ARIHA_REPORT
