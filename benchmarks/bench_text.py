"""Time the text layer on the bundled sample reports: python benchmarks/bench_text.py [--words N].

Prints microseconds per call for NormalizedText, split_sentences, find_numbers and
find_dates on a report of about N words (sample reports joined and cut), best of 5 runs,
measured in CPU time.
"""

from __future__ import annotations

import argparse
import time
import timeit
from collections.abc import Callable
from datetime import date
from importlib import resources

from marsad.text import NormalizedText, find_dates, find_numbers, split_sentences
from marsad.text.date_lexicon import default_date_lexicon
from marsad.text.sentences import default_splitter


def sample_text(words: int) -> str:
    """Join the Arabic sample reports and cut the result to ``words`` words."""
    folder = resources.files("marsad").joinpath("samples", "ar")
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir(), key=lambda p: p.name)
             if p.name.endswith(".txt")]
    tokens = "\n\n".join(texts).split(" ")
    return " ".join(tokens[:words])


def best_us(func: Callable[[], object], number: int) -> float:
    """Best-of-5 CPU time of one call in microseconds (CPU time: other processes skew wall time less)."""
    timer = timeit.Timer(func, timer=time.process_time)
    return min(timer.repeat(number=number, repeat=5)) / number * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=400)
    parser.add_argument("--number", type=int, default=200)
    args = parser.parse_args()
    text = sample_text(args.words)
    published = date(2023, 3, 15)
    default_date_lexicon(), default_splitter()  # build the lexicons outside the timings
    nt = NormalizedText(text)
    cases = {
        "NormalizedText": lambda: NormalizedText(text),
        "split_sentences": lambda: split_sentences(text),
        "find_numbers": lambda: find_numbers(text),
        "find_dates": lambda: find_dates(text, published),
        "find_numbers (shared NormalizedText)": lambda: find_numbers(nt),
        "find_dates (shared NormalizedText)": lambda: find_dates(nt, published),
    }
    print(f"text: {len(text.split())} words, {len(text)} characters")
    for name, func in cases.items():
        print(f"{name:40s} {best_us(func, args.number):8.0f} us")


if __name__ == "__main__":
    main()
