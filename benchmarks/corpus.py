"""A benchmark corpus from the bundled samples: every sample report repeated with unique ids and
small perturbations (figures nudged, publication day moved), written as JSONL.

    python benchmarks/corpus.py --reports 3000 --out /tmp/corpus.jsonl
    python benchmarks/corpus.py --incident 1000 --out /tmp/one.jsonl   # one report 1,000 times

Imported by the other benchmark scripts (``write_corpus``, ``write_incident``).
"""

from __future__ import annotations

import argparse
import json
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

from marsad.ingest import read_paths
from marsad.runner import sample_corpus_paths

_SMALL_NUMBER = re.compile(r"(?<![\d/.-])\d{1,2}(?![\d/.-])")


def sample_records() -> list[dict[str, Any]]:
    """The bundled sample reports as JSONL records (id, text, published, outlet, url, title)."""
    out = []
    for doc in read_paths(sample_corpus_paths()):
        out.append({"id": doc.id, "text": doc.text, "published": doc.published.isoformat() if doc.published else None,
                    "outlet": doc.outlet, "url": doc.url, "title": doc.title})
    return out


def perturbed(record: dict[str, Any], copy: int) -> dict[str, Any]:
    """Copy ``copy`` of a record: a unique id, small figures raised by ``copy % 3``, published
    ``copy`` weeks later (copy 0 is the record itself under a new id)."""
    shift = copy % 3
    text = _SMALL_NUMBER.sub(lambda m: str(int(m.group()) + shift), record["text"]) if shift else record["text"]
    out = {**record, "id": f"{record['id']}~{copy}", "text": text}
    if record.get("published") and copy:
        from datetime import date

        out["published"] = (date.fromisoformat(record["published"]) + timedelta(weeks=copy)).isoformat()
    return {k: v for k, v in out.items() if v is not None}


def write_corpus(out: Path, count: int) -> int:
    """Write ``count`` perturbed copies of the samples (round after round) to ``out``."""
    records = sample_records()
    with out.open("w", encoding="utf-8") as fh:
        for i in range(count):
            fh.write(json.dumps(perturbed(records[i % len(records)], i // len(records)), ensure_ascii=False) + "\n")
    return count


def write_incident(out: Path, count: int, *, source_id: str = "dd-001") -> int:
    """Write one sample report ``count`` times as other outlets' reports of the same day: the same
    incident reported ``count`` times (figures nudged so they are not exact copies)."""
    record = next(r for r in sample_records() if r["id"] == source_id)
    with out.open("w", encoding="utf-8") as fh:
        for i in range(count):
            text = record["text"] + f"\n\nالمصدر {i}"  # a distinct tail line: not the same text hash
            item = {**record, "id": f"{source_id}~{i}", "text": text, "outlet": f"outlet {i % 50}"}
            fh.write(json.dumps({k: v for k, v in item.items() if v is not None}, ensure_ascii=False) + "\n")
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=3000)
    parser.add_argument("--incident", type=int, default=0, help="one incident this many times instead")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    n = write_incident(args.out, args.incident) if args.incident else write_corpus(args.out, args.reports)
    print(f"{n} reports -> {args.out}")


if __name__ == "__main__":
    main()
