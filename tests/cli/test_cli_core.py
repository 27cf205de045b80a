"""The core commands end to end: extract, ingest, eval, demo (CliRunner, then checks through the library)."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.cli import app

REPORT = """دير الزور - 14 آذار 2023

قتل ستة عناصر من قوات النظام وأصيب آخرون في هجوم شنه عناصر من تنظيم داعش على نقطة عسكرية قرب مدينة الميادين بريف دير الزور الشرقي، فجر أمس الاثنين، بحسب المرصد السوري لحقوق الإنسان.
"""

runner = CliRunner()


@pytest.fixture()
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "r1.txt").write_text(REPORT, encoding="utf-8")
    return folder


def test_cli_extract_writes_one_record_per_report(reports, tmp_path):
    out = tmp_path / "p.jsonl"
    result = runner.invoke(app, ["extract", str(reports), "--out", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["article_id"] for r in records] == ["r1"]
    event = records[0]["events"][0]
    assert event["event_type"] == "Battles"
    assert event["admin1"] == "Deir ez-Zor"
    assert event["fatalities"] == 6
    assert event["event_date"] == "2023-03-13"
    assert all(span["text"] for spans in event["evidence"].values() for span in spans)


def test_cli_extract_skips_a_bad_file_and_names_it(reports, tmp_path):
    (reports / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "p.jsonl"
    result = runner.invoke(app, ["extract", str(reports), "--out", str(out)])
    assert result.exit_code == 1  # like ingest: a skipped report is a failed run, the good ones are written
    assert "empty.txt" in result.output and "1 skipped" in result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


def test_cli_ingest_twice_stores_once(reports, tmp_path):
    from marsad.store import Store

    db = tmp_path / "s.sqlite"
    first = runner.invoke(app, ["ingest", str(reports), "--db", str(db)])
    second = runner.invoke(app, ["ingest", str(reports), "--db", str(db)])
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert "unchanged 1" in second.output
    with Store(db) as store:
        assert len(list(store.iter_events())) == 1


def test_cli_ingest_bad_file_exits_1_and_keeps_good_ones(reports, tmp_path):
    from marsad.store import Store

    (reports / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    db = tmp_path / "s.sqlite"
    result = runner.invoke(app, ["ingest", str(reports), "--db", str(db)])
    assert result.exit_code == 1
    assert "bin.txt" in result.output
    with Store(db) as store:
        assert store.has_article("r1")


def test_cli_eval_prints_scores(tmp_path, reports):
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "r1.json").write_text(json.dumps({
        "article_id": "r1", "events": [{
            "id": "E1", "required": True, "event_type": "Battles", "sub_event_type": ["Armed clash"],
            "actor1": ["Islamic State"], "actor2": ["Military Forces of Syria"], "admin1": ["Deir ez-Zor"],
            "location": {"names": ["Al Mayadin"], "lat": 35.02, "lon": 40.45, "tolerance_km": 15},
            "date": {"ok": ["2023-03-13"]}, "fatalities": {"ok": [6]}}],
        "tallies": [], "traps": []}), encoding="utf-8")
    scorer = Path(__file__).resolve().parents[3] / "shared" / "eval" / "score.py"
    if not scorer.exists():
        pytest.skip("the shared scorer is not beside the checkout")
    result = runner.invoke(app, ["eval", str(gold), str(reports), "--out", str(tmp_path / "e.jsonl"),
                                 "--scorer", str(scorer)])
    assert result.exit_code == 0, result.output
    assert "f1: 1.0" in result.output


def test_cli_demo_stores_and_exports(tmp_path):
    db, out = tmp_path / "demo.sqlite", tmp_path / "out"
    result = runner.invoke(app, ["demo", "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    for name in ("events.csv", "events.jsonl", "events.geojson", "reports.jsonl"):
        assert (out / name).stat().st_size > 0
    lines = (out / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert any(len(json.loads(line)["article_ids"]) > 1 for line in lines), "no merged multi-source event"
