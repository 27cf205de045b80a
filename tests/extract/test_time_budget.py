"""A per-report time budget stops runaway extraction with an error naming the report; the run goes on
with the other reports and counts it as failed (CLI, library, API) (issue 15)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.budget import check_budget, time_budget
from marsad.cli import app
from marsad.errors import DataFileError, TimeBudgetError
from marsad.limits import Limits, limits_from
from marsad.pipeline import Pipeline
from marsad.runner import extract_to_file, ingest_paths, sample_corpus_paths
from marsad.store import Store

SHORT = "قتل ثلاثة مدنيين بقصف مدفعي لقوات النظام على بلدة كفرنبل في ريف إدلب الجنوبي يوم الأحد."
BUDGET = 0.3  # seconds: the long report (about 300 KB) needs several


def _long_text() -> str:
    """About 300 KB of our own Arabic sample reports, one after another."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(sample_corpus_paths()[0].glob("*.txt"))]
    text = "\n\n".join(texts)
    return "\n\n".join([text] * (300_000 // len(text.encode("utf-8")) + 1))


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.default()


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "long.txt").write_text(_long_text(), encoding="utf-8")
    (folder / "short.txt").write_text(SHORT, encoding="utf-8")
    return folder


def test_time_budget_check_raises_naming_the_report() -> None:
    with time_budget(0.001, "reports/x.txt"):
        check_budget()  # not spent yet
        time.sleep(0.01)
        with pytest.raises(TimeBudgetError, match=r"reports/x\.txt: extraction stopped after 0\.001 s"):
            check_budget()
    check_budget()  # outside the block: no budget


@pytest.mark.parametrize("seconds", [None, 0])
def test_time_budget_none_or_zero_is_no_limit(seconds) -> None:  # type: ignore[no-untyped-def]
    with time_budget(seconds, "x"):
        time.sleep(0.002)
        check_budget()


def test_time_budget_shipped_limits_and_bad_values() -> None:
    assert Limits.default() == Limits(60.0, 60_000)
    assert limits_from({"time_budget_seconds": 0}, "x.yaml").time_budget_seconds == 0
    for bad in ({"time_budget_seconds": -1}, {"time_budget_seconds": "fast"}, {"window_chars": 10},
                {"budget": 3}, ["x"]):
        with pytest.raises(DataFileError, match="x.yaml"):
            limits_from(bad, "x.yaml")


def test_time_budget_stops_a_long_report_and_the_run_goes_on(reports: Path, tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    started = time.monotonic()
    summary = extract_to_file([reports], tmp_path / "out.jsonl", pipeline=pipeline, time_budget=BUDGET)
    assert time.monotonic() - started < 30  # the long report alone takes several seconds unbudgeted
    assert summary.written == 1 and len(summary.errors) == 1
    assert "long.txt" in summary.errors[0] and "time budget" in summary.errors[0]
    assert '"article_id": "short"' in (tmp_path / "out.jsonl").read_text(encoding="utf-8")


def test_time_budget_ingest_counts_the_report_failed(reports: Path, tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    with Store(tmp_path / "db.sqlite") as store:
        summary = ingest_paths([reports], store, pipeline=pipeline, time_budget=BUDGET)
        assert summary.added == ["short"] and len(summary.errors) == 1 and "long.txt" in summary.errors[0]
        assert store.has_article("short") and not store.has_article("long")


def test_time_budget_cli_option(reports: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["extract", str(reports), "--out", str(out), "--time-budget", str(BUDGET)])
    assert result.exit_code == 1
    assert "1 reports extracted, 1 skipped" in result.output and "long.txt" in result.output
    assert "time budget" in result.output


def test_time_budget_api_refuses_a_slow_report_naming_it(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from marsad.api import create_app
    from marsad.store.auth import create_token

    store = Store(tmp_path / "api.sqlite")
    auth = {"Authorization": f"Bearer {create_token(store.path, 'poster')}"}
    with TestClient(create_app(store, time_budget=BUDGET)) as client:
        slow = client.post("/api/articles", json={"id": "slow-1", "text": _long_text()}, headers=auth)
        assert slow.status_code == 422 and "article slow-1" in slow.json()["detail"]
        assert "time budget" in slow.json()["detail"]
        assert client.post("/api/articles", json={"id": "fast-1", "text": SHORT}, headers=auth).status_code == 201
    assert not store.has_article("slow-1") and store.has_article("fast-1")
    store.close()
