"""`marsad eval --split`: the figures of each part of a split, and a bad split file named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad import runner
from marsad.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "src" / "marsad" / "samples" / "gold"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


@pytest.fixture()
def split(tmp_path: Path) -> Path:
    ids = sorted(p.stem for p in GOLD.glob("ar*.json"))
    path = tmp_path / "split.json"
    path.write_text(json.dumps({"seed": 1, "validation": ids[:5], "development": ids[5:]}), encoding="utf-8")
    return path


def test_each_part_is_scored_on_its_own_reports(tmp_path: Path, split: Path) -> None:
    if not SCORER.is_file():
        pytest.skip("the shared scorer is not next to this checkout")
    summary = runner.evaluate(GOLD, [ROOT / "src" / "marsad" / "samples" / "ar"], out=tmp_path / "eval.jsonl",
                              scorer=SCORER, split=split)
    parts = summary["parts"]
    assert set(parts) == {"validation", "development"}  # the seed is no part
    assert parts["validation"]["articles"] == 5
    ar_gold = sum(r["gold_required"] for r in summary["per_article"] if r["article_id"].startswith("ar"))
    assert parts["validation"]["gold_events"] + parts["development"]["gold_events"] == ar_gold


@pytest.mark.parametrize("content", ["not json", "[1, 2]", '{"seed": 3}'])
def test_a_bad_split_file_is_an_error_naming_it(tmp_path: Path, content: str) -> None:
    path = tmp_path / "split.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match="split.json"):
        runner.read_split(path)
