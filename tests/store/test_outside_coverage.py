"""Events outside the gazetteer's coverage (no coordinates, place as written) go through store, merging and
every export without loss (issue 16). Reports written for this test."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from marsad.document import Document
from marsad.export import write_csv, write_geojson, write_jsonl
from marsad.extract.outside import OUTSIDE_TAG
from marsad.pipeline import Pipeline

FIRST = ("Gunmen attacked a police station in the town of Korvane in Nigeria's Kaduna state on Tuesday, "
         "killing four officers, police said.")
SECOND = ("Four police officers were killed when gunmen stormed a police station in the town of Korvane in "
          "Kaduna state on Tuesday, a local official told reporters.")


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.default()


def _doc(pipeline, doc_id: str, text: str, published: date) -> Document:
    return pipeline(Document(id=doc_id, text=text, published=published))


def test_outside_event_is_stored_merged_and_exported(store, pipeline):
    first = _doc(pipeline, "wire-1", FIRST, date(2024, 5, 8))
    second = _doc(pipeline, "wire-2", SECOND, date(2024, 5, 8))
    assert first.events[0].tags == OUTSIDE_TAG and first.events[0].latitude is None
    store.add_document(first)
    store.add_document(second)
    events = list(store.iter_events())
    assert len(events) == 1, [(e.location, e.article_ids) for e in events]
    event = events[0]
    assert (event.location, event.country, event.latitude, event.geo_precision) == ("Korvane", "Nigeria", None, None)
    assert sorted(event.article_ids) == ["wire-1", "wire-2"]
    records = list(store.iter_event_records())
    out = io.StringIO()
    write_csv(records, out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["location"], row["country"], row["latitude"], row["geo_precision"]) == ("Korvane", "Nigeria", "", "")
    out = io.StringIO()
    write_jsonl(records, out)
    assert json.loads(out.getvalue().splitlines()[0])["place_note"] == OUTSIDE_TAG
    out = io.StringIO()
    stats = write_geojson(records, out)
    assert (stats.written, stats.skipped) == (0, 1)


def test_outside_events_of_two_places_stay_apart(store, pipeline):
    store.add_document(_doc(pipeline, "wire-1", FIRST, date(2024, 5, 8)))
    other = FIRST.replace("Korvane", "Belmira")
    store.add_document(_doc(pipeline, "wire-3", other, date(2024, 5, 8)))
    assert sorted(e.location for e in store.iter_events()) == ["Belmira", "Korvane"]
