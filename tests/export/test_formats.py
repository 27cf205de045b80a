"""Exports: ACLED CSV, JSON Lines, GeoJSON (parsed back; Arabic survives)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from marsad.document import ACLED_COLUMNS, Claim, Event
from marsad.errors import InputError
from marsad.export import CSV_COLUMNS, export_store, write_csv, write_geojson, write_jsonl

EXTRAS = ["fatalities_low", "fatalities_best", "fatalities_high", "injured", "where_prec", "number_of_sources",
          "article_ids", "sources", "sources_disagree", "date_estimated", "date_window_start", "date_window_end",
          "confidence", "status", "id"]


@pytest.fixture
def stored(store, ariha_doc, make_report, make_event):
    store.add_document(ariha_doc)
    enab = make_report("enab-ariha", "قصف مدفعي على مدينة أريحا أوقع سبعة قتلى من المدنيين بحسب الدفاع المدني",
                       make_event(fatalities=7, sources=[Claim(source="الدفاع المدني السوري", fatalities=7)]),
                       outlet="عنب بلدي")
    store.add_document(enab)
    undated = make_report("raqqa", "انفجار لغم أرضي في ريف الرقة دون تحديد الموقع", make_event(
        event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED",
        latitude=None, longitude=None, location=None, admin1="Raqqa", admin2=None, notes="انفجار لغم"),
        outlet="الرقة تذبح")
    store.add_document(undated)
    return store


def test_formats_csv_header_is_acled_then_extras(stored):
    out = io.StringIO()
    write_csv(stored.iter_event_records(), out)
    header = out.getvalue().splitlines()[0].split(",")
    assert header == list(ACLED_COLUMNS) + EXTRAS and len(ACLED_COLUMNS) == 31
    assert tuple(header) == CSV_COLUMNS


def test_formats_csv_parses_back_with_arabic(stored):
    out = io.StringIO()
    stats = export_store(stored, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert stats.written == len(rows) == 2
    ariha = next(r for r in rows if r["location"] == "Ariha")
    assert ariha["article_ids"] == "enab-ariha;sohr-ariha"  # one publication day: in report id order
    assert sorted(ariha["source"].split("; ")) == ["Enab Baladi", "Syria Civil Defence", "Syrian Observatory for Human Rights"]
    assert sorted(ariha["sources"].split("; ")) == [
        "Enab Baladi (7)", "Syria Civil Defence (7)", "Syrian Observatory for Human Rights (5)"]
    assert ariha["sources_disagree"] == "true"  # 5 and 7 for the same victims, the same day
    assert ariha["notes"].startswith("On 5 March 2024, Military Forces of Syria shelled civilians in Ariha (Idlib)")
    assert (ariha["fatalities"], ariha["fatalities_high"], ariha["number_of_sources"]) == ("5", "7", "3")
    assert ariha["event_id_cnty"].startswith("SYR") and ariha["status"] == "auto"
    assert ariha["id"].startswith("MRS") and ariha["latitude"] == "35.8133"


def test_formats_jsonl_round_trips_events_with_claims(stored):
    out = io.StringIO()
    export_store(stored, "jsonl", out)
    lines = out.getvalue().splitlines()
    assert "أريحا" in out.getvalue()  # not \\u-escaped
    records = [json.loads(line) for line in lines]
    ariha = next(r for r in records if r["location"] == "Ariha")
    event = Event.from_dict(ariha)
    assert any(c.article_id == "enab-ariha" and c.fatalities == 7 for c in event.sources)
    assert ariha["number_of_sources"] == 3 and ariha["article_ids"] == ["enab-ariha", "sohr-ariha"]
    assert ariha["quote"] == "قصف مدفعي على أريحا"  # the extracted notes, kept beside the English ones
    assert set(ACLED_COLUMNS) <= set(ariha)


def test_formats_geojson_skips_and_counts_events_without_coordinates(stored):
    out = io.StringIO()
    stats = write_geojson(stored.iter_event_records(), out)
    collection = json.loads(out.getvalue())
    assert collection["type"] == "FeatureCollection"
    assert (stats.written, stats.skipped) == (1, 1) == (len(collection["features"]), 1)
    feature = collection["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [36.6097, 35.8133]}
    assert sorted(feature["properties"]["sources"]) == ["Enab Baladi", "Syria Civil Defence",
                                                        "Syrian Observatory for Human Rights"]
    assert feature["properties"]["notes"].startswith("On 5 March 2024, Military Forces of Syria shelled civilians")


def test_formats_accept_event_objects(make_event):
    out = io.StringIO()
    write_jsonl([make_event(id="MRS1", source="سانا", sources=[Claim(source="سانا")])], out)
    record = json.loads(out.getvalue())
    assert record["number_of_sources"] == 1 and record["status"] == "auto" and record["source"] == "SANA"
    out = io.StringIO()
    write_csv([make_event(id="MRS1")], out)
    assert list(csv.DictReader(io.StringIO(out.getvalue())))[0]["id"] == "MRS1"


def test_formats_empty_geojson_is_valid():
    out = io.StringIO()
    assert write_geojson([], out).written == 0
    assert json.loads(out.getvalue()) == {"type": "FeatureCollection", "features": []}


def test_formats_rejected_events_left_out_unless_asked(stored):
    event_id = next(stored.iter_events()).id
    stored.set_status(event_id, "rejected", who="omar")
    assert export_store(stored, "jsonl", io.StringIO()).written == 1
    assert export_store(stored, "jsonl", io.StringIO(), include_rejected=True).written == 2


def test_formats_unknown_format_is_an_input_error(stored):
    with pytest.raises(InputError, match="unknown export format 'xlsx'"):
        export_store(stored, "xlsx", io.StringIO())
