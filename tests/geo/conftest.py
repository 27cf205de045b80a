"""Shared fixtures of the geo tests: the shipped gazetteer and a geocoder, built once per session."""

from __future__ import annotations

import pytest

from marsad.geo import Gazetteer, Geocoder


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.default()


@pytest.fixture(scope="session")
def geocoder() -> Geocoder:
    return Geocoder.default()
