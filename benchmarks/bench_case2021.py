"""Score English event coding on the CASE 2021 snippets: python benchmarks/bench_case2021.py [--part P].

Reads ../shared/external/case2021/snippets_dev.tsv (skips with a message when it is absent), writes one
JSONL line per snippet ({"id", "text"}), runs the extraction exactly as ``marsad extract`` does, and
scores the records with ../shared/eval/score_subtypes.py over the development part, the validation
part (benchmarks/case2021/split.json, drawn by scripts/make_case_split.py) and the whole file.
Figures: weighted F1 over ACLED-labelled snippets, coverage (any event), non-ACLED snippets left
without an event. ``--out DIR`` keeps the JSONL files; ``--verbose`` adds per-label figures.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import sys
import tempfile
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
SNIPPETS = SHARED / "external" / "case2021" / "snippets_dev.tsv"
SCORER = SHARED / "eval" / "score_subtypes.py"
SPLIT = HERE / "case2021" / "split.json"
PARTS = ("development", "validation", "all")
HEADLINE = ("seen", "seen_weighted_f1", "seen_accuracy", "seen_macro_f1", "coverage", "unseen", "unseen_rejected")


def load_scorer(path: Path) -> ModuleType:
    """Import the shared scorer from its file."""
    spec = importlib.util.spec_from_file_location("score_subtypes", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def read_snippets(path: Path) -> list[dict[str, str]]:
    """The snippets' rows (id, snippet, case_label, acled_sub_event_type)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def write_inputs(rows: list[dict[str, str]], out: Path) -> None:
    """One JSONL line per snippet: {"id", "text"} (what `marsad extract` reads)."""
    with out.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps({"id": row["id"], "text": row["snippet"]}, ensure_ascii=False) + "\n")


def extract(inputs: Path, pred: Path) -> None:
    """Run the extraction pipeline over ``inputs`` into ``pred`` (the `marsad extract` library call)."""
    from marsad.runner import extract_paths, write_records

    write_records(extract_paths([inputs]), pred)


def score_parts(scorer: ModuleType, snippets: Path, pred: Path, split: dict[str, list[str]]) -> dict[str, dict]:
    """Score the predictions over each part of the split and over the whole file."""
    gold, guesses = scorer.load_gold(str(snippets)), scorer.load_pred(str(pred))
    out = {}
    for part in PARTS:
        ids = set(gold) if part == "all" else set(split[part])
        out[part] = scorer.score({i: g for i, g in gold.items() if i in ids}, guesses)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snippets", type=Path, default=SNIPPETS)
    parser.add_argument("--part", choices=PARTS, help="print only this part")
    parser.add_argument("--out", type=Path, help="keep the input and prediction JSONL here")
    parser.add_argument("--verbose", action="store_true", help="per-label figures too")
    args = parser.parse_args()
    if not args.snippets.exists() or not SCORER.exists():
        print(f"skipped: {args.snippets} or {SCORER} is not here (the CASE 2021 snippets are not shipped)")
        return 0
    scorer = load_scorer(SCORER)
    split = json.loads(SPLIT.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.out or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        inputs, pred = folder / "case2021-snippets.jsonl", folder / "case2021-pred.jsonl"
        write_inputs(read_snippets(args.snippets), inputs)
        extract(inputs, pred)
        results = score_parts(scorer, args.snippets, pred, split)
    for part in [args.part] if args.part else PARTS:
        result = results[part]
        print(f"{part}: " + ", ".join(f"{k} {result[k]}" for k in HEADLINE))
        if args.verbose:
            for label, row in sorted(result["per_label"].items(), key=lambda kv: kv[1]["f1"]):
                print(f"  {label:38s} P {row['precision']:.3f} R {row['recall']:.3f} F1 {row['f1']:.3f} n {row['support']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
