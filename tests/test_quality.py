"""Extraction quality, scored with the shared scorer: the targets of the extraction issue.

The seeds (../shared/gold) and our own sample corpus must meet F1 >= 0.90, fully-correct
rate >= 0.80, no trap hits and full tally recall. Evaluation sets 1-3 (written independently,
see benchmarks/eval_sets/README.md) have floors that guards against regressions on unseen text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad import runner

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"

TARGETS = {"f1": 0.90, "fully_correct_rate": 0.80, "trap_hits": 0, "tally_recall": 1.0}
SETS = {
    "seeds": (SHARED / "gold", SHARED / "seeds", TARGETS),
    "samples": (ROOT / "src/marsad/samples/gold", ROOT / "src/marsad/samples", TARGETS),
    "set1": (ROOT / "benchmarks/eval_sets/set1/gold", ROOT / "benchmarks/eval_sets/set1/reports",
             {"f1": 0.93, "fully_correct_rate": 0.75, "trap_hits": 0, "tally_recall": 1.0}),
    "set2": (ROOT / "benchmarks/eval_sets/set2/gold", ROOT / "benchmarks/eval_sets/set2/reports",
             {"f1": 0.92, "fully_correct_rate": 0.50, "trap_hits": 0, "tally_recall": 0.9}),
    "set3": (ROOT / "benchmarks/eval_sets/set3/gold", ROOT / "benchmarks/eval_sets/set3/reports",
             {"f1": 0.91, "fully_correct_rate": 0.58, "trap_hits": 0, "tally_recall": 1.0}),
}


@pytest.fixture(scope="module")
def scores(tmp_path_factory) -> dict[str, dict]:
    if not SCORER.exists():
        pytest.skip(f"the shared scorer is not at {SCORER}")
    out = tmp_path_factory.mktemp("quality")
    results = {}
    for name, (gold, reports, _) in SETS.items():
        if gold.exists():
            results[name] = runner.evaluate(gold, [reports], out=out / f"{name}.jsonl", scorer=SCORER)
    return results


@pytest.mark.parametrize("name", list(SETS))
def test_quality_meets_targets(scores, name):
    if name not in scores:
        pytest.skip(f"{name}: gold files not present")
    summary, targets = scores[name], SETS[name][2]
    shown = json.dumps({k: summary[k] for k in ("f1", "fully_correct_rate", "trap_hits", "tally_recall")})
    assert summary["f1"] >= targets["f1"], shown
    assert summary["fully_correct_rate"] >= targets["fully_correct_rate"], shown
    assert summary["trap_hits"] <= targets["trap_hits"], shown
    assert (summary["tally_recall"] or 0) >= targets["tally_recall"], shown
