"""Shared fixtures for the extraction tests: one pipeline (knowledge + gazetteer loaded once)."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.document import Document
from marsad.extract import Knowledge, build_stages
from marsad.pipeline import Pipeline


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    return Knowledge.load()


@pytest.fixture(scope="session")
def pipeline(knowledge: Knowledge) -> Pipeline:
    return Pipeline(build_stages(knowledge=knowledge))


@pytest.fixture(scope="session")
def run(pipeline: Pipeline):
    """Run the pipeline over a text: ``run(text, published=date(...), language="ar")``."""

    def _run(text: str, published: date | None = None, language: str = "ar", doc_id: str = "t") -> Document:
        return pipeline(Document(id=doc_id, text=text, published=published, language=language))

    return _run


@pytest.fixture(scope="session")
def one_event(run):
    """Run a report that must give exactly one event and return it: ``one_event(text, language="en")``."""

    def _one(text: str, language: str = "ar", *, published: date | None = date(2024, 5, 10)):
        doc = run(text, published=published, language=language)
        assert len(doc.events) == 1, [(e.event_type, e.location, e.fatalities) for e in doc.events]
        return doc.events[0]

    return _one
