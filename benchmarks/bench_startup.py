"""Start-up time of the command line: python benchmarks/bench_startup.py [--runs 5].

Times, as whole processes, ``marsad --help`` and ``marsad extract`` of one short report (the
pipeline loaded, one report extracted) and prints the minimum and median wall and CPU seconds
of ``--runs`` runs after one warm-up. Targets (issue 14): --help <= 0.2 s, extract <= 0.8 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MARSAD = [sys.executable, "-c", "import sys; from marsad.cli import main; sys.argv[0] = 'marsad'; main()"]
REPORT = "قتل ثلاثة عناصر من قوات النظام بهجوم على حاجز قرب مدينة الميادين بريف دير الزور الشرقي أمس.\n"


def timed(command: list[str], runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds (children's user + system) of each of ``runs`` runs after a warm-up."""
    walls, cpus = [], []
    for index in range(runs + 1):
        before = os.times()
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        after = os.times()
        if index:
            walls.append(wall)
            cpus.append(after.children_user - before.children_user + after.children_system - before.children_system)
    return walls, cpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.txt"
        report.write_text(REPORT, encoding="utf-8")
        commands = {"marsad --help": [*MARSAD, "--help"],
                    "marsad extract (1 report)": [*MARSAD, "extract", str(report), "--out", str(Path(tmp) / "o.jsonl")]}
        print(f"{'command':<28} {'wall min':>9} {'wall med':>9} {'cpu min':>8} {'cpu med':>8}")
        for name, command in commands.items():
            walls, cpus = timed(command, args.runs)
            print(f"{name:<28} {min(walls):9.3f} {statistics.median(walls):9.3f} "
                  f"{min(cpus):8.3f} {statistics.median(cpus):8.3f}")


if __name__ == "__main__":
    main()
