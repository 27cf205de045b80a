"""Fixtures for the watcher's tests: the fake news site, fast settings, a shared pipeline."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsite import Hook, NewsSite  # noqa: E402

from marsad.pipeline import Pipeline  # noqa: E402
from marsad.watch import WatchConfig  # noqa: E402


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The default extraction pipeline, loaded once for all watcher tests."""
    return Pipeline.default()


@pytest.fixture
def config() -> WatchConfig:
    """Settings for a loopback site: no pacing, short timeouts and back-offs, no age limit
    (the test reports are dated 2026-05-05)."""
    return WatchConfig(host_interval=0.0, read_timeout=1.0, connect_timeout=1.0, total_timeout=3.0,
                       retry_wait=0.02, retry_wait_max=0.5, item_retry_wait=0.05, max_age_days=None,
                       max_bytes=2_000_000, tick=0.05, workers=4)


@pytest.fixture
def site() -> Iterator[NewsSite]:
    with NewsSite() as running:
        yield running


@pytest.fixture
def hook() -> Iterator[Hook]:
    with Hook() as running:
        yield running
