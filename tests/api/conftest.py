"""Fixtures: a demo store (built through Store.add_document), its app, a client and a write token."""

from __future__ import annotations

import itertools
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from demo_store import build_demo_store  # noqa: E402

BACKENDS = ("sqlite", "postgres")



def pytest_configure(config: pytest.Config) -> None:
    """Starlette's TestClient warns about httpx itself; not our code."""
    config.addinivalue_line("filterwarnings", "ignore:.*httpx2.*")


@pytest.fixture(scope="session")
def pg_demo_template(postgres) -> str:  # type: ignore[no-untyped-def]
    """The demo store built once in PostgreSQL (closed: a template database must have no sessions)."""
    build_demo_store(postgres.create_database("demo_template")).close()
    return "demo_template"


_COPIES = itertools.count(1)


def _pg_demo_copy(request: pytest.FixtureRequest) -> str:
    """A fresh PostgreSQL copy of the demo store, dropped when the requesting scope ends."""
    server, template = request.getfixturevalue("postgres"), request.getfixturevalue("pg_demo_template")
    name = f"demo_{next(_COPIES)}"
    url = server.create_database(name, template=template)
    request.addfinalizer(lambda: server.drop_database(name))
    return str(url)


@pytest.fixture(scope="module", params=BACKENDS)
def read_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A demo store shared by read-only tests of one module (on each back-end)."""
    from marsad.store import Store

    if request.param == "postgres":
        store = Store(_pg_demo_copy(request))
    else:
        store = build_demo_store(tmp_path_factory.mktemp("read") / "demo.sqlite")
    yield store
    store.close()


@pytest.fixture(scope="module")
def client(read_store) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A TestClient over the shared read-only demo store."""
    from fastapi.testclient import TestClient

    from marsad.api import create_app

    with TestClient(create_app(read_store)) as c:
        yield c


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store built once (closed, so the file is complete) for write tests to copy."""
    path = tmp_path_factory.mktemp("template") / "demo.sqlite"
    build_demo_store(path).close()
    return path


@pytest.fixture(params=BACKENDS)
def write_env(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A fresh copy of the demo store (on each back-end), a client over it and a token for "reviewer-1"."""
    from fastapi.testclient import TestClient

    from marsad.api import create_app
    from marsad.store import Store
    from marsad.store.auth import create_token

    if request.param == "postgres":
        store = Store(_pg_demo_copy(request))
    else:
        shutil.copyfile(request.getfixturevalue("demo_template"), tmp_path / "demo.sqlite")
        store = Store(tmp_path / "demo.sqlite")
    token = create_token(store.path, "reviewer-1")
    with TestClient(create_app(store)) as c:
        yield {"client": c, "store": store, "token": token, "auth": {"Authorization": f"Bearer {token}"}}
    store.close()

