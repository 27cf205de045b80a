"""CLI: events, export, split, dedup (CliRunner, then checks through the Store)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.store import Store

runner = CliRunner()


@pytest.fixture
def db(tmp_path, ariha_doc, make_report, make_event):
    path = tmp_path / "events.sqlite"
    with Store(path) as store:
        store.add_document(ariha_doc)
        store.add_document(make_report("enab-ariha", "قصف مدفعي على مدينة أريحا أوقع سبعة قتلى من المدنيين",
                                       make_event(fatalities=7), outlet="عنب بلدي"))
    return path


def test_cli_dedup_events_table(db):
    result = runner.invoke(app, ["events", "--db", str(db)], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "Ariha" in result.output and "1 events" in result.output


def test_cli_dedup_export_csv_to_stdout(db):
    result = runner.invoke(app, ["export", "--format", "csv", "--db", str(db)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["article_ids"] == "enab-ariha;sohr-ariha"  # one publication day: in report id order


def test_cli_dedup_export_geojson_to_file(db, tmp_path):
    out = tmp_path / "events.geojson"
    result = runner.invoke(app, ["export", "--format", "geojson", "--out", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert len(json.loads(out.read_text(encoding="utf-8"))["features"]) == 1


def test_cli_dedup_export_bad_format_exits_1(db):
    result = runner.invoke(app, ["export", "--format", "xml", "--db", str(db)])
    assert result.exit_code == 1 and "unknown export format" in result.output


def test_cli_dedup_split_then_dedup_keeps_split(db):
    with Store(db) as store:
        event_id = next(store.iter_events()).id
    result = runner.invoke(app, ["split", event_id, "--mention", "enab-ariha#0", "--db", str(db)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["dedup", "--threshold", "0.5", "--db", str(db)])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        assert sorted(e.article_ids[0] for e in store.iter_events()) == ["enab-ariha", "sohr-ariha"]


def test_cli_dedup_split_unknown_event_exits_1(db):
    result = runner.invoke(app, ["split", "MRSnope", "--db", str(db)])
    assert result.exit_code == 1 and "event MRSnope not found" in result.output


def test_cli_dedup_bad_threshold_exits_1(db):
    result = runner.invoke(app, ["dedup", "--threshold", "3", "--db", str(db)])
    assert result.exit_code == 1 and "threshold 3.0" in result.output


def test_cli_dedup_explain_shows_each_factor(db):
    with Store(db) as store:
        event_id = next(store.iter_events()).id
    result = runner.invoke(app, ["dedup", "--explain", event_id, "--db", str(db)], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert f"event {event_id}: 2 mention(s)" in result.output and "created the event" in result.output
    for factor in ("type", "date", "place", "actors", "toll", "wording", "roles"):
        assert f"    {factor} " in result.output
    assert "same_day" in result.output and "same_place" in result.output


def test_cli_dedup_explain_unknown_event_exits_1(db):
    result = runner.invoke(app, ["dedup", "--explain", "MRSnope", "--db", str(db)])
    assert result.exit_code == 1 and "event MRSnope not found" in result.output
