"""Fixtures: a demo store (built through Store.add_document), its app, a client and a write token."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from demo_store import build_demo_store  # noqa: E402



def pytest_configure(config: pytest.Config) -> None:
    """Starlette's TestClient warns about httpx itself; not our code."""
    config.addinivalue_line("filterwarnings", "ignore:.*httpx2.*")


@pytest.fixture(scope="module")
def read_store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A demo store shared by read-only tests of one module."""
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


@pytest.fixture()
def write_env(tmp_path: Path, demo_template: Path):  # type: ignore[no-untyped-def]
    """A fresh copy of the demo store, a client over it and a token for "reviewer-1"."""
    from fastapi.testclient import TestClient

    from marsad.api import create_app
    from marsad.store import Store
    from marsad.store.auth import create_token

    shutil.copyfile(demo_template, tmp_path / "demo.sqlite")
    store = Store(tmp_path / "demo.sqlite")
    token = create_token(store.path, "reviewer-1")
    with TestClient(create_app(store)) as c:
        yield {"client": c, "store": store, "token": token, "auth": {"Authorization": f"Bearer {token}"}}
    store.close()

