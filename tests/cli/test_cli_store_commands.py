"""Store commands through the real entry point: one default store, missing stores named, the API's filters."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app

REPORT = ("قتل ستة عناصر من قوات النظام وأصيب آخرون في هجوم شنه عناصر من تنظيم داعش على نقطة عسكرية قرب مدينة "
          "الميادين بريف دير الزور الشرقي، فجر أمس الاثنين، بحسب المرصد السوري لحقوق الإنسان.\n")
ENV = {"COLUMNS": "200", "TERM": "dumb", "NO_COLOR": "1"}
runner = CliRunner()


def marsad(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The installed console script, as a user runs it."""
    script = Path(sys.executable).with_name("marsad")
    return subprocess.run([str(script), *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **ENV, **(env or {})})


@pytest.fixture()
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "r1.txt").write_text("دير الزور - 14 آذار 2023\n\n" + REPORT, encoding="utf-8")
    return folder


@pytest.mark.parametrize("command", [["events"], ["export", "--format", "csv"], ["dedup"], ["serve"],
                                     ["split", "MRS0"]])
def test_cli_missing_db_is_an_error_naming_it(command, tmp_path):
    db = tmp_path / "nothing-here.sqlite"
    result = runner.invoke(app, [*command, "--db", str(db)], env=ENV)
    assert result.exit_code == 1
    assert "nothing-here.sqlite" in result.output and "no such marsad database" in result.output
    assert not db.exists()  # no new empty database


def test_cli_missing_default_db_is_named_too(tmp_path):
    db = tmp_path / "default.sqlite"
    result = runner.invoke(app, ["events"], env={**ENV, "MARSAD_DB": str(db)})
    assert result.exit_code == 1 and "default.sqlite" in result.output and "(the default" in result.output
    assert not db.exists()


def test_cli_export_to_file_leaves_no_file_when_db_missing(tmp_path):
    out = tmp_path / "e.csv"
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "none.sqlite"), "--out", str(out)], env=ENV)
    assert result.exit_code == 1 and not out.exists()


def test_cli_ingest_says_which_db_and_events_filters(reports, tmp_path):
    db = tmp_path / "s.sqlite"
    result = runner.invoke(app, ["ingest", str(reports), "--db", str(db)], env=ENV)
    assert result.exit_code == 0, result.output
    assert f"stored in {db}" in result.output
    shown = runner.invoke(app, ["events", "--db", str(db), "--type", "Battles", "--admin1", "Deir ez-Zor",
                                "--from", "2023-03-01"], env=ENV)
    assert shown.exit_code == 0 and "1 events" in shown.output and "Armed clash" in shown.output
    none = runner.invoke(app, ["events", "--db", str(db), "--type", "Protests"], env=ENV)
    assert none.exit_code == 0 and "0 events" in none.output
    bad = runner.invoke(app, ["events", "--db", str(db), "--from", "yesterday"], env=ENV)
    assert bad.exit_code == 1 and "date_from" in bad.output


def test_cli_events_counts_sources_like_the_panel(reports, tmp_path):
    from marsad.store import Store

    db = tmp_path / "s.sqlite"
    runner.invoke(app, ["ingest", str(reports), "--db", str(db)], env=ENV)
    with Store(db) as store:
        record = next(store.iter_event_records())
    listed = runner.invoke(app, ["events", "--db", str(db)], env=ENV).output
    row = next(line for line in listed.splitlines() if record["id"] in line)
    count = record["source_summary"]["number_of_sources"]
    assert record["number_of_sources"] == count == len(record["source"].split(";"))
    assert f"│ {count} " in row.replace(" " * 2, " ")


def test_cli_extract_missing_file_exits_non_zero(tmp_path):
    out = tmp_path / "p.jsonl"
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt"), "--out", str(out)], env=ENV)
    assert result.exit_code == 1 and "nope.txt: no such file or folder" in result.output
    assert not out.exists()


def test_cli_explain_json(reports):
    result = runner.invoke(app, ["explain", str(reports / "r1.txt"), "--json"], env=ENV)
    assert result.exit_code == 0, result.output
    record = json.loads(result.output.strip().splitlines()[0])
    assert record["article_id"] == "r1" and record["events"][0]["fatalities"] == 6
    assert all({"kept", "reason", "text"} <= set(d) for d in record["decisions"])


def test_cli_help_states_the_one_default_db():
    for command in ("ingest", "demo", "events", "export", "serve", "dedup"):
        result = runner.invoke(app, [command, "--help"], env=ENV)
        assert "$MARSAD_DB" in result.output, command


@pytest.mark.slow
def test_cli_demo_then_events_show_the_demo_through_the_entry_point(tmp_path):
    env = {"MARSAD_DB": str(tmp_path / "default.sqlite")}
    demo = marsad("demo", "--out", str(tmp_path / "out"), env=env)
    assert demo.returncode == 0, demo.stderr
    assert str(tmp_path / "default.sqlite") in demo.stdout
    listed = marsad("events", "--limit", "5", env=env)
    assert listed.returncode == 0, listed.stderr
    total = int(listed.stdout.split(" events")[0].split()[-1])
    assert total >= 50 and "5 shown" in listed.stdout


def test_cli_progress_total_counts_reports(tmp_path, reports):
    from marsad.runner import count_reports

    (reports / "batch.jsonl").write_text('{"id": "a", "text": "x"}\n\n{"id": "b", "text": "y"}\n', encoding="utf-8")
    (reports / ".hidden.txt").write_text("x", encoding="utf-8")
    assert count_reports([reports]) == 3  # r1.txt and two JSONL records
    (reports / "feed.xml").write_text("<rss/>", encoding="utf-8")
    assert count_reports([reports]) is None  # a feed's item count is unknown until it is read
