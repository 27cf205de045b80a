"""Time ingest: extraction, then storing and merging report by report, on the sample-based corpus.

    python benchmarks/bench_ingest.py [--reports 3000] [--incident 0] [--blocks 6]

Builds the corpus of ``corpus.py`` (the bundled samples repeated with unique ids and nudged figures;
with ``--incident N`` one report N times, the same incident), extracts it, then stores it into an
empty store in report order and prints a table: the store-and-merge cost per report in each block
of the run (flat when adding a report costs the same early and late) and reports per second.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus, write_incident  # noqa: E402

from marsad.runner import extract_paths, in_report_order  # noqa: E402
from marsad.store import Store  # noqa: E402


def store_times(docs: list, db: Path) -> list[float]:
    """Seconds each ``Store.add_document`` took, in order."""
    times = []
    with Store(db) as store:
        for doc in docs:
            start = time.perf_counter()
            store.add_document(doc)
            times.append(time.perf_counter() - start)
    return times


def print_blocks(times: list[float], blocks: int) -> None:
    """Mean and median milliseconds per report in ``blocks`` equal parts of the run."""
    size = max(1, len(times) // blocks)
    print(f"{'reports':>12} {'mean ms':>8} {'median ms':>10}")
    for start in range(0, len(times), size):
        part = times[start:start + size]
        print(f"{start + 1:>5}-{start + len(part):<6} {1000 * statistics.mean(part):8.2f} "
              f"{1000 * statistics.median(part):10.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=3000)
    parser.add_argument("--incident", type=int, default=0, help="one incident reported this many times")
    parser.add_argument("--blocks", type=int, default=6)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        count = write_incident(corpus, args.incident) if args.incident else write_corpus(corpus, args.reports)
        start = time.perf_counter()
        docs = list(in_report_order(extract_paths([corpus])))
        extract_s = time.perf_counter() - start
        times = store_times(docs, Path(tmp) / "bench.sqlite")
    print(f"reports: {count}  extract: {extract_s:.1f} s ({count / extract_s:.0f}/s)  "
          f"store+merge: {sum(times):.1f} s ({count / sum(times):.0f}/s)  "
          f"ingest: {count / (extract_s + sum(times)):.0f}/s")
    print_blocks(times, args.blocks)
    print(f"peak memory (max RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
