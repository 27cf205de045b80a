"""Benchmark: ingesting a batch again when none of its reports changed (target: no extraction at all).

Writes 3,000 generated Arabic reports (our own template sentences: towns, tolls, actors and days
varied) to a JSONL batch, ingests it once with ``marsad ingest``, then times ``marsad ingest`` of the
same batch again (every report unchanged), ``--runs`` times, and prints the median and the range.
The commands run as separate processes, as a user runs them; ``PYTHONPATH`` is passed through, so
the same script times another checkout (``PYTHONPATH=/path/to/old/src``).

Usage: python benchmarks/bench_reingest.py [--reports 3000] [--runs 3]
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

TOWNS = [("الميادين", "دير الزور"), ("البوكمال", "دير الزور"), ("أريحا", "إدلب"), ("معرة النعمان", "إدلب"),
         ("منبج", "حلب"), ("الباب", "حلب"), ("تل رفعت", "حلب"), ("القامشلي", "الحسكة"), ("الشدادي", "الحسكة"),
         ("الطبقة", "الرقة"), ("تدمر", "حمص"), ("السخنة", "حمص"), ("طفس", "درعا"), ("الصنمين", "درعا"),
         ("جاسم", "درعا"), ("الحويجة", "كركوك"), ("الطارمية", "بغداد"), ("الفلوجة", "الأنبار"),
         ("القائم", "الأنبار"), ("سنجار", "نينوى"), ("تلعفر", "نينوى"), ("بعقوبة", "ديالى"),
         ("خانقين", "ديالى"), ("سامراء", "صلاح الدين"), ("بيجي", "صلاح الدين"), ("الناصرية", "ذي قار"),
         ("جسر الشغور", "إدلب"), ("عفرين", "حلب"), ("رأس العين", "الحسكة"), ("الشحيل", "دير الزور")]
TEMPLATES = [
    "قتل {n} مدنيين بقصف مدفعي على مدينة {town} في محافظة {gov}، يوم {day}، بحسب مصادر محلية.",
    "أصيب {n} أشخاص بانفجار عبوة ناسفة قرب {town} بريف {gov} {day_word}، وفق ما أفاد به ناشطون.",
    "قتل {n} عناصر من قوات النظام في هجوم لتنظيم داعش على نقطة عسكرية قرب {town} في {gov} يوم {day}.",
    "اعتقلت قوات الأمن {n} مطلوبين في حملة دهم في {town} التابعة لمحافظة {gov} يوم {day}.",
    "شنت طائرة مسيرة غارة على سيارة قرب {town} في {gov}، ما أسفر عن مقتل {n} أشخاص، يوم {day}.",
]
DAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
NUMBERS = ["اثنين", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة", "أحد عشر",
           "اثني عشر", "ثلاثة عشر", "أربعة عشر", "خمسة عشر", "ستة عشر", "سبعة عشر", "ثمانية عشر",
           "تسعة عشر", "عشرين", "واحد وعشرين"]


def write_batch(path: Path, count: int) -> None:
    """``count`` distinct reports, one JSON object per line, with publication dates a day apart."""
    combos = itertools.product(TEMPLATES, TOWNS, NUMBERS)
    with path.open("w", encoding="utf-8") as fh:
        for i, (template, (town, gov), n) in enumerate(itertools.islice(combos, count)):
            day = DAYS[i % 7]
            text = template.format(n=n, town=town, gov=gov, day=day, day_word=f"مساء أمس {day}")
            published = (date(2022, 1, 1) + timedelta(days=i % 900)).isoformat()
            fh.write(json.dumps({"id": f"bench-{i:05d}", "text": text, "published": published,
                                 "outlet": "bench"}, ensure_ascii=False) + "\n")


def ingest(batch: Path, db: Path) -> float:
    """Seconds one ``marsad ingest`` process takes (start to exit)."""
    command = [sys.executable, "-c", "from marsad.cli import main; main()", "ingest", str(batch), "--db", str(db)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"marsad ingest failed:\n{done.stdout}\n{done.stderr}")
    print("   ", " ".join(done.stdout.split()))
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        batch, db = Path(tmp) / "batch.jsonl", Path(tmp) / "bench.sqlite"
        write_batch(batch, args.reports)
        print(f"first ingest of {args.reports:,} reports:")
        first = ingest(batch, db)
        print(f"    {first:.1f} s")
        print(f"ingest again, all {args.reports:,} unchanged ({args.runs} runs):")
        again = [ingest(batch, db) for _ in range(args.runs)]
    print(f"\n| what | seconds |\n|---|---|\n| first ingest | {first:.1f} |\n"
          f"| re-ingest, unchanged (median of {args.runs}) | {statistics.median(again):.2f} "
          f"(min {min(again):.2f}, max {max(again):.2f}) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
