#!/usr/bin/env python
"""Build ``src/marsad/data/dedup/word_df.tsv``: in how many of our own written reports each stem occurs.

The reports are the ones written for this project (``src/marsad/samples/ar``, ``en``, ``dedup`` and
``benchmarks/eval_sets/*/reports``), never third-party text. Stems seen in one report only are left
out (an unseen stem already weighs most). ``--check`` fails when the shipped file is out of date.

    python scripts/build_word_df.py [--check]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from marsad.dedup.wording import stems

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "marsad" / "data" / "dedup" / "word_df.tsv"


def our_reports() -> list[str]:
    """The texts of every report written for this project."""
    samples = ROOT / "src" / "marsad" / "samples"
    texts = [p.read_text(encoding="utf-8") for folder in ("ar", "en") for p in sorted((samples / folder).glob("*.txt"))]
    for line in (samples / "dedup" / "reports.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            texts.append(json.loads(line)["text"])
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "benchmarks" / "eval_sets").glob("*/reports/*"))
              if p.suffix in (".txt", ".html")]
    return texts


def table(texts: list[str]) -> str:
    """The TSV text: a header, the document count, then stem and count, most frequent first."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(set(stems(text)))
    lines = ["# Document frequency of folded word stems (marsad.dedup.wording.stem) in our own written reports,",
             "# built by scripts/build_word_df.py; stems in a single report are left out.",
             f"@documents\t{len(texts)}"]
    lines += [f"{word}\t{n}" for word, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if n >= 2]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--check", action="store_true", help="fail when the shipped table is out of date")
    args = parser.parse_args()
    text = table(our_reports())
    if args.check:
        same = OUT.is_file() and OUT.read_text(encoding="utf-8") == text
        print("word_df.tsv is up to date" if same else "word_df.tsv is out of date: run scripts/build_word_df.py")
        return 0 if same else 1
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {text.count(chr(10)) - 3} stems over {len(our_reports())} reports")
    return 0


if __name__ == "__main__":
    sys.exit(main())
