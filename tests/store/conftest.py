"""The store tests run against both back-ends (SQLite and PostgreSQL)."""

import pytest


@pytest.fixture
def store(any_store):  # type: ignore[no-untyped-def]
    return any_store
