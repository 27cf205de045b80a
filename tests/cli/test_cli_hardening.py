"""No input ends a run, every problem is named and counted, outputs that cannot be written are one
line (issue 15). Through the real entry point (CliRunner), then checks through the library."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad import runner as runner_module
from marsad.cli import app
from marsad.pipeline import Pipeline
from marsad.store import Store

runner = CliRunner()
TEXT = ("قتل ستة عناصر من قوات النظام في هجوم لتنظيم داعش على نقطة عسكرية قرب مدينة الميادين بريف دير الزور "
        "الشرقي يوم الجمعة الماضي، وأصيب آخرون أمس، بحسب المرصد السوري لحقوق الإنسان.")
# Five different incidents (different places, tolls and words), so none is a reprint of another.
REPORTS = [
    TEXT,
    "أصيب ثلاثة أطفال بانفجار لغم أرضي في قرية قرب مدينة منبج شرقي حلب أمس الخميس، وفق مصادر محلية.",
    "Two civilians were wounded by shelling on the outskirts of Tafas in rural Daraa on Friday, local sources said.",
    "اعتقلت قوات الأمن العراقية خمسة مطلوبين في حملة دهم بقضاء الحويجة جنوب غربي كركوك يوم الاثنين.",
    "قتل شاب برصاص مجهولين في بلدة الشحيل بريف دير الزور الشرقي مساء أمس الأربعاء، بحسب ناشطين.",
]


def _batch(folder: Path, *published: str) -> Path:
    path = folder / "batch.jsonl"
    lines = [json.dumps({"id": f"r{i}", "text": REPORTS[i], "published": p}, ensure_ascii=False)
             for i, p in enumerate(published)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_cli_hardening_calendar_edge_dates_do_not_end_the_run(tmp_path: Path) -> None:
    batch = _batch(tmp_path, "2024-03-05", "0001-01-01", "9999-12-31", "0001-01-02", "2024-03-06")
    db = tmp_path / "s.sqlite"
    result = runner.invoke(app, ["ingest", str(batch), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "added 5" in result.output
    assert f"warning: {batch}: line 2: publication date 0001-01-01 (jsonl) is implausible" in result.output
    assert f"{batch}: line 3: publication date 9999-12-31" in result.output
    with Store(db) as store:
        assert store.get_article("r4").published is not None
        doc = store.get_article("r1")
        assert doc.published is None and doc.meta["published_claimed"] == "0001-01-01"


@pytest.mark.parametrize("command", [["extract", "{reports}", "--out", "{out}"],
                                     ["export", "--db", "{db}", "--out", "{out}"],
                                     ["demo", "--db", "{db}", "--out", "{folder}"]])
def test_cli_hardening_unwritable_out_is_one_line(tmp_path: Path, command: list[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "r.txt").write_text(TEXT, encoding="utf-8")
    db = tmp_path / "s.sqlite"
    Store(db).close()
    values = {"reports": str(tmp_path / "reports"), "out": str(blocker / "out.jsonl"), "db": str(db),
              "folder": str(blocker / "out")}
    result = runner.invoke(app, [part.format(**values) for part in command])
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    target = blocker / ("out" if command[0] == "demo" else "out.jsonl")
    what = "cannot create the output folder" if command[0] == "demo" else "cannot write"
    assert lines == [f"error: {target}: {what} ({blocker} is a file, not a folder)"], result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_cli_hardening_unreadable_folder_is_counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "reports"
    (folder / "locked").mkdir(parents=True)
    (folder / "r.txt").write_text(TEXT, encoding="utf-8")
    real_scandir = os.scandir
    monkeypatch.setattr(os, "scandir", lambda p: (_ for _ in ()).throw(PermissionError(13, "Permission denied", str(p)))
                        if Path(p).name == "locked" else real_scandir(p))
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "s.sqlite")])
    assert result.exit_code == 1
    assert "added 1" in result.output and "errors 1" in result.output
    assert f"{folder / 'locked'}: cannot read folder (Permission denied)" in result.output


class CountingPipeline(Pipeline):
    """The default stages, counting the reports they run on."""

    def __init__(self) -> None:
        super().__init__(stages=Pipeline.default().stages)
        self.runs = 0

    def __call__(self, doc):  # type: ignore[no-untyped-def]
        self.runs += 1
        return super().__call__(doc)


def test_cli_hardening_reingest_skips_extraction_of_unchanged_reports(tmp_path: Path) -> None:
    batch = _batch(tmp_path, "2024-03-05", "2024-03-06", "2024-03-07")
    pipeline = CountingPipeline()
    with Store(tmp_path / "s.sqlite") as store:
        first = runner_module.ingest_paths([batch], store, pipeline=pipeline)
        assert (len(first.added), pipeline.runs) == (3, 3)
        again = runner_module.ingest_paths([batch], store, pipeline=pipeline)
        assert (len(again.unchanged), pipeline.runs) == (3, 3)  # hash first: nothing extracted again
        forced = runner_module.ingest_paths([batch], store, pipeline=pipeline, force=True)
        assert pipeline.runs == 6 and len(forced.updated) == 3


def test_cli_hardening_a_failing_report_does_not_end_the_run(tmp_path: Path) -> None:
    batch = _batch(tmp_path, "2024-03-05", "2024-03-06", "2024-03-07")

    def broken(doc):  # type: ignore[no-untyped-def]
        if doc.id == "r1":
            raise RecursionError("maximum recursion depth exceeded")
        return doc

    pipeline = Pipeline(stages=[("broken", broken)])
    with Store(tmp_path / "s.sqlite") as store:
        summary = runner_module.ingest_paths([batch], store, pipeline=pipeline)
        assert summary.added == ["r0", "r2"]
        assert summary.errors == [f"{batch}: r1: extraction failed (RecursionError: maximum recursion depth exceeded)"]
