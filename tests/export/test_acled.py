"""ACLED-clean exports read back with pandas using ACLED's documented column types."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest

from marsad.document import Claim
from marsad.export import ACLED_DTYPES, EXTRA_DTYPES, acled_record, export_store
from marsad.export.acled import acled_tags, unix_time

pd = pytest.importorskip("pandas")

DATE_COLUMNS = [c for c, t in {**ACLED_DTYPES, **EXTRA_DTYPES}.items() if t.startswith("datetime")]
NON_DATE_TYPES = {c: t for c, t in {**ACLED_DTYPES, **EXTRA_DTYPES}.items() if not t.startswith("datetime")}
PLACEHOLDERS = {"unnamed", "correspondent", ""}


def read_acled_csv(text: str):  # type: ignore[no-untyped-def]
    """What an analyst's script does: read with ACLED's dtypes; raises on a blank in an integer column."""
    return pd.read_csv(io.StringIO(text), dtype=NON_DATE_TYPES, parse_dates=DATE_COLUMNS)


@pytest.fixture
def mixed(store, ariha_doc, make_report, make_event):
    """A shelling reported twice, an undated landmine blast without a toll, and a protest."""
    store.add_document(ariha_doc)
    store.add_document(make_report(
        "enab-ariha", "قصف مدفعي على مدينة أريحا أوقع سبعة قتلى من المدنيين بحسب الدفاع المدني",
        make_event(fatalities=7, sources=[Claim(source="الدفاع المدني السوري", fatalities=7)]), outlet="عنب بلدي"))
    store.add_document(make_report(
        "raqqa-mine", "انفجار لغم أرضي في ريف الرقة دون تحديد الموقع", make_event(
            event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED",
            actor1=None, actor2=None, event_date=None, year=None, time_precision=None, fatalities=None,
            inter1=None, inter2=None, latitude=None, longitude=None, location=None, admin1="Raqqa", admin2=None,
            tags="place: report's main place", sources=[Claim(source="unnamed", kind="figure", fatalities=3)]),
        outlet="الرقة تذبح بصمت", published="2024-03-10"))
    store.add_document(make_report(
        "daraa-protest", "تظاهر العشرات في مدينة درعا", make_event(
            event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters", actor2=None,
            inter1=6, inter2=None, interaction=None, fatalities=None, location="Daraa", admin1="Daraa",
            admin2="Daraa", latitude=32.62, longitude=36.1, event_date="2024-03-08", civilian_targeting=None),
        outlet="Syria TV", published="2024-03-08"))
    return store


def test_acled_csv_reads_back_with_acled_dtypes(mixed):
    out = io.StringIO()
    export_store(mixed, "csv", out)
    frame = read_acled_csv(out.getvalue())
    assert len(frame) == 3
    for column, dtype in NON_DATE_TYPES.items():
        assert str(frame[column].dtype) == dtype, column
    assert frame["event_date"].notna().all() and str(frame["event_date"].dtype).startswith("datetime64")
    assert (frame["year"] == frame["event_date"].dt.year).all()


def test_acled_no_death_reported_is_zero_not_blank(mixed):
    frame = read_acled_csv(_csv(mixed))
    mine = frame[frame["sub_event_type"] == "Remote explosive/landmine/IED"].iloc[0]
    assert mine["fatalities"] == 0 and mine["fatalities_high"] == 0
    protest = frame[frame["event_type"] == "Protests"].iloc[0]
    assert protest["fatalities"] == 0 and protest["inter2"] == 0 and protest["interaction"] == 60


def test_acled_undated_event_gets_its_window_and_a_flag(mixed):
    frame = read_acled_csv(_csv(mixed))
    mine = frame[frame["sub_event_type"] == "Remote explosive/landmine/IED"].iloc[0]
    assert bool(mine["date_estimated"]) is True
    assert (mine["date_window_start"].date().isoformat(), mine["date_window_end"].date().isoformat()) == \
        ("2024-03-08", "2024-03-10")  # the report's day and the two before it
    assert mine["event_date"].date().isoformat() == "2024-03-09" and mine["time_precision"] == 2
    assert "(date not reported)" in mine["notes"]
    dated = frame[~frame["date_estimated"]]
    assert len(dated) == 2 and (dated["time_precision"] == 1).all()


def test_acled_source_is_outlet_names_never_placeholders_or_ids(mixed):
    frame = read_acled_csv(_csv(mixed))
    names = {n.strip() for cell in frame["source"].dropna() for n in cell.split(";")}
    assert names == {"Syrian Observatory for Human Rights", "Syria Civil Defence", "Enab Baladi", "Raqqa is Being Slaughtered Silently",
                     "Syria TV"}
    assert not names & PLACEHOLDERS and not names & set(";".join(frame["article_ids"]).split(";"))
    assert frame["source_scale"].notna().all()
    ariha = frame[frame["location"] == "Ariha"].iloc[0]
    assert ariha["source_scale"] == "National" and ariha["number_of_sources"] == 3


def test_acled_tags_are_acled_style_and_geocoder_notes_stay_out(mixed):
    frame = read_acled_csv(_csv(mixed))
    assert frame.loc[frame["event_type"] == "Protests", "tags"].iloc[0] == "crowd size=no report"
    assert not frame["tags"].dropna().str.contains("place:").any()
    records = [json.loads(line) for line in _export(mixed, "jsonl").splitlines()]
    assert any(r.get("place_note") == "place: report's main place" for r in records)


def test_acled_notes_one_english_sentence(mixed):
    frame = read_acled_csv(_csv(mixed))
    ariha = frame[frame["location"] == "Ariha"].iloc[0]["notes"]
    assert ariha == ("On 5 March 2024, Military Forces of Syria shelled civilians in Ariha (Idlib), killing 5, "
                     "according to Syria Civil Defence, Enab Baladi and Syrian Observatory for Human Rights.")
    for note in frame["notes"]:
        assert note.count(". ") == 0 and note.endswith(".") and note.isascii()


def test_acled_reviewer_notes_are_kept_as_written(mixed):
    event_id = next(r["id"] for r in mixed.iter_event_records() if r.get("location") == "Ariha")
    mixed.correct_field(event_id, "notes", "Reviewed: shelling of Ariha's market.", who="huda")
    frame = read_acled_csv(_csv(mixed))
    assert frame.loc[frame["id"] == event_id, "notes"].iloc[0] == "Reviewed: shelling of Ariha's market."


def test_acled_timestamp_is_the_last_change(mixed):
    before = int(time.time())
    event_id = next(r["id"] for r in mixed.iter_event_records() if r.get("location") == "Ariha")
    first = read_acled_csv(_csv(mixed)).set_index("id").loc[event_id, "timestamp"]
    assert before - 120 <= first <= before + 1
    time.sleep(1.1)
    mixed.set_status(event_id, "reviewed", who="huda")
    second = read_acled_csv(_csv(mixed)).set_index("id").loc[event_id, "timestamp"]
    assert second > first


def test_acled_jsonl_and_geojson_carry_the_same_values(mixed):
    csv_frame = read_acled_csv(_csv(mixed)).set_index("id")
    for line in _export(mixed, "jsonl").splitlines():
        record = json.loads(line)
        assert isinstance(record["fatalities"], int) and isinstance(record["timestamp"], int)
        assert record["notes"] == csv_frame.loc[record["id"], "notes"]
    features = json.loads(_export(mixed, "geojson"))["features"]
    frame = pd.DataFrame([f["properties"] for f in features]).astype(
        {c: t for c, t in NON_DATE_TYPES.items() if c not in ("article_ids", "sources")})
    assert set(frame["source"]) <= set(csv_frame["source"].dropna())


def test_acled_tags_rules(make_event):
    assert acled_tags({"event_type": "Riots", "tags": "women targeted: girls; place: own clause"}) == \
        "crowd size=no report; women targeted: girls"
    assert acled_tags({"event_type": "Battles", "tags": "place: own clause"}) is None


def test_acled_event_objects_without_store(make_event):
    record = acled_record(make_event(fatalities=None, inter2=None, source="unnamed; SANA; ar-07").to_dict()
                          | {"article_ids": ["ar-07"]})
    assert record["fatalities"] == 0 and record["source"] == "SANA" and record["source_scale"] == "National"
    assert abs(record["timestamp"] - int(time.time())) < 5
    assert unix_time("2024-03-05T10:00:00+00:00") == 1709632800


@pytest.mark.slow
def test_acled_demo_exports_read_back_with_acled_dtypes(tmp_path: Path):
    from marsad.runner import run_demo

    result = run_demo(tmp_path / "demo.sqlite", tmp_path / "out")
    frame = read_acled_csv(result.outputs["csv"].read_text(encoding="utf-8"))
    assert len(frame) == result.counts["events"] and frame["event_date"].notna().all()
    names = {n.strip() for cell in frame["source"].dropna() for n in cell.split(";")}
    ids = set(";".join(frame["article_ids"]).split(";"))
    assert not names & ids and not names & PLACEHOLDERS
    assert "إدلب" not in names  # a dateline ("إدلب – خاص") is not an outlet
    assert frame.loc[frame["source"].notna(), "source_scale"].notna().all()
    lines = result.outputs["jsonl"].read_text(encoding="utf-8").splitlines()
    jsonl = pd.DataFrame([json.loads(line) for line in lines])
    assert jsonl["fatalities"].dtype == "int64" and jsonl["timestamp"].dtype == "int64"


def _export(store, fmt: str) -> str:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    export_store(store, fmt, out)
    return out.getvalue()


def _csv(store) -> str:  # type: ignore[no-untyped-def]
    return _export(store, "csv")
