#!/usr/bin/env python3
"""Draw the validation part of the real development set (../shared/real), once, by a seeded draw.

    python3 scripts/make_real_split.py [--manifest ../shared/real/manifest.json] [--seed 20261207]

Units are drawn whole: a family of multi-outlet groups (the group name's leading word, so an incident
and its look-alikes stay together) or a single report. Units are shuffled with the seed and taken
until a third of the reports is reached. The output, benchmarks/real/split.json, is committed: the
validation ids are scored only at milestones and never read while developing.
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARE = 1 / 3


def family(group: str) -> str:
    """The family of a multi-outlet group: its name's leading word(s) (look-alikes share it)."""
    words = group.split("_")
    return "_".join(words[:2]) if words[0] == "al" else words[0]


def draw(entries: list[dict], seed: int) -> list[str]:
    units: dict[str, list[str]] = {}
    for entry in entries:
        group = entry.get("same_incident_group")
        key = f"group:{family(group)}" if group else f"single:{entry['id']}"
        units.setdefault(key, []).append(entry["id"])
    keys = sorted(units)
    random.Random(seed).shuffle(keys)
    target = round(len(entries) * SHARE)
    chosen: list[str] = []
    for key in keys:
        if len(chosen) >= target:
            break
        if len(chosen) + len(units[key]) > target + 2:
            continue
        chosen.extend(units[key])
    return sorted(chosen)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", default=str(ROOT.parent / "shared" / "real" / "manifest.json"))
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "real" / "split.json"))
    args = parser.parse_args()
    entries = json.loads(Path(args.manifest).read_text(encoding="utf-8"))
    validation = draw(entries, args.seed)
    development = sorted(e["id"] for e in entries if e["id"] not in set(validation))
    out = {"seed": args.seed, "method": "scripts/make_real_split.py: whole group families and singles, "
           "seeded shuffle, a third of the reports", "validation": validation, "development": development}
    Path(args.out).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"validation {len(validation)}, development {len(development)} -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
