#!/usr/bin/env python3
"""Draw the validation part of the CASE 2021 development snippets, once, by a seeded draw.

    python3 scripts/make_case_split.py [--snippets ../shared/external/case2021/snippets_dev.tsv] [--seed 20270116]

The draw reads only the ids and labels (never the snippets' text): within each label (an ACLED
sub-event type, or the shared task's label for non-ACLED snippets) the ids are shuffled with the
seed and a third of them (rounded) go to validation, so both parts keep the label mix. The output,
benchmarks/case2021/split.json, is committed: validation snippets are scored at milestones only and
never read while developing.
"""
from __future__ import annotations

import argparse
import csv
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARE = 1 / 3


def read_labels(path: Path) -> dict[str, str]:
    """Snippet id -> label (ACLED sub-event type, else the shared task's own label)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row["acled_sub_event_type"] or row["case_label"]
                for row in csv.DictReader(handle, delimiter="\t")}


def draw(labels: dict[str, str], seed: int) -> list[str]:
    """A third of each label's ids, shuffled with one seeded generator over the sorted labels."""
    rng = random.Random(seed)
    chosen: list[str] = []
    for label in sorted(set(labels.values())):
        ids = sorted((i for i, value in labels.items() if value == label), key=int)
        rng.shuffle(ids)
        chosen.extend(ids[:round(len(ids) * SHARE)])
    return sorted(chosen, key=int)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snippets", default=str(ROOT.parent / "shared" / "external" / "case2021" / "snippets_dev.tsv"))
    parser.add_argument("--seed", type=int, default=20270116)
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "case2021" / "split.json"))
    args = parser.parse_args()
    labels = read_labels(Path(args.snippets))
    validation = draw(labels, args.seed)
    development = sorted(set(labels) - set(validation), key=int)
    out = {"seed": args.seed, "method": "scripts/make_case_split.py: a third of each label's ids, "
           "seeded shuffle, drawn from ids and labels only", "validation": validation,
           "development": development}
    Path(args.out).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"validation {len(validation)}, development {len(development)} -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
