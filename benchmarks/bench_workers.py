"""Extraction with several workers: python benchmarks/bench_workers.py [--reports 600] [--workers 2] [--runs 3].

Extracts the sample-based corpus of ``corpus.py`` with ``--workers 1`` and with ``--workers N``
(``marsad.runner.extract_paths``: the pipeline loaded once, forked workers, results in input
order), alternately, and prints each run's reports per second, the medians and the median of the
paired speed-ups (the pipeline's loading is left out: it is paid once either way).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402

from marsad.pipeline import Pipeline  # noqa: E402
from marsad.runner import extract_paths  # noqa: E402


def rate(corpus: Path, pipeline: Pipeline, workers: int) -> float:
    """Reports per second extracting ``corpus`` with ``workers`` processes."""
    start = time.perf_counter()
    count = sum(1 for _ in extract_paths([corpus], pipeline=pipeline, workers=workers))
    return count / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=600)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    pipeline = Pipeline.default()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_corpus(corpus, args.reports)
        rate(corpus, pipeline, 1)  # warm-up
        pairs = [(rate(corpus, pipeline, 1), rate(corpus, pipeline, args.workers)) for _ in range(args.runs)]
    print(f"{'run':>4} {'1 worker /s':>12} {f'{args.workers} workers /s':>13} {'speed-up':>9}")
    for n, (one, many) in enumerate(pairs, 1):
        print(f"{n:>4} {one:12.0f} {many:13.0f} {many / one:9.2f}")
    print(f"median: {statistics.median(p[0] for p in pairs):.0f}/s vs {statistics.median(p[1] for p in pairs):.0f}/s, "
          f"paired speed-up {statistics.median(p[1] / p[0] for p in pairs):.2f}x ({args.reports} reports)")


if __name__ == "__main__":
    main()
