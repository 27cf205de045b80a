"""Extraction time against report length: python benchmarks/bench_length.py [--sizes 2,30,300] [--runs 3].

Builds one long Arabic report per size (in KB of UTF-8) by joining our own sample reports
(``src/marsad/samples/ar/*.txt``) paragraph by paragraph, every figure varied so that no two
paragraphs repeat, runs ``Pipeline.default()`` on it ``--runs`` times (after one warm-up on a
small report) and prints the minimum and median seconds and the minimum milliseconds per KB.
Time per KB should be flat: a 300 KB report at most about ten times a 30 KB one.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from datetime import date
from pathlib import Path

from marsad.document import Document
from marsad.pipeline import Pipeline

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "marsad" / "samples" / "ar"
DEFAULT_SIZES = (2, 10, 30, 100, 300, 1000, 5000)
_DIGITS = re.compile(r"\d+")


def sample_paragraphs() -> list[str]:
    """Every non-empty paragraph of our own Arabic sample reports, in file order."""
    paragraphs = []
    for path in sorted(SAMPLES.glob("*.txt")):
        paragraphs += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return paragraphs


def long_report(kb: int, *, seed: int = 15, paragraphs: list[str] | None = None) -> str:
    """An Arabic report of about ``kb`` KB (UTF-8): sample paragraphs in turn, their figures varied."""
    rng = random.Random(seed)
    source = paragraphs or sample_paragraphs()
    parts: list[str] = []
    size = 0
    while size < kb * 1024:
        paragraph = _DIGITS.sub(lambda m: str(rng.randint(2, 60)) if len(m.group()) < 3 else m.group(),
                                source[len(parts) % len(source)])
        parts.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 2
    return "\n\n".join(parts)


def time_once(pipeline: Pipeline, text: str) -> float:
    """Seconds one extraction of ``text`` takes (wall clock)."""
    doc = Document(id="long", text=text, published=date(2024, 3, 20), language="ar")
    started = time.perf_counter()
    pipeline(doc)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)), help="report sizes in KB")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    pipeline = Pipeline.default()
    paragraphs = sample_paragraphs()
    time_once(pipeline, long_report(2, paragraphs=paragraphs))  # warm-up: loads the lazy knowledge
    print(f"{'KB':>6} {'min s':>9} {'median s':>9} {'ms/KB':>8}")
    for kb in (int(s) for s in args.sizes.split(",")):
        text = long_report(kb, paragraphs=paragraphs)
        times = [time_once(pipeline, text) for _ in range(args.runs)]
        real_kb = len(text.encode("utf-8")) / 1024
        print(f"{kb:>6} {min(times):>9.2f} {statistics.median(times):>9.2f} {1000 * min(times) / real_kb:>8.1f}",
              flush=True)


if __name__ == "__main__":
    main()
