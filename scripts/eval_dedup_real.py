#!/usr/bin/env python
"""Score cross-report merging on the real reports of ../shared/real, by part of the split.

Two ways to get each report's events:

- ``--events gold`` (default): the report's gold events (``../shared/real/gold/<id>.json``) fed
  straight to the merger, as a perfect extractor would give them: the first acceptable value of
  each field, the gold point (or its name placed by the gazetteer when the gold has none;
  geo_precision and where_prec from the annotator's tolerance), the
  date from ``ok`` (else a window of a week or a month from ``window``), the publication date from
  the manifest, ``role`` "background" for the gold's B-events and "main" for the first required
  event. This measures the merge logic alone.
- ``--events pipeline``: the project's extraction (``Pipeline.default()``), as ``marsad ingest`` does.

The reports are stored in report order (``marsad ingest``'s: by publication day, then id) through the real ``Store`` (so the merger and every rule of
``Store.add_document``), exported with ``marsad.export`` and scored with ``../shared/eval/score_dedup.py``
on the whole manifest and on its development and validation parts (``benchmarks/real/split.json``).
The texts come from the local cache (``../shared/real/RECREATE.md``); they are never copied here.

    python scripts/eval_dedup_real.py [--events gold|pipeline] [--order report|manifest|reversed|SEED]
        [--cache ~/.cache/marsad-real] [--json] [--verbose]
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import io
import json
import random
import sys
import tempfile
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

from marsad.dedup import DedupConfig
from marsad.document import Document, Event
from marsad.export.formats import export_store
from marsad.runner import in_report_order
from marsad.store import Store

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SPLIT = ROOT / "benchmarks" / "real" / "split.json"
COUNTRY = {"IQ": ("Iraq", 368), "SY": ("Syria", 760)}


def load_module(path: Path, name: str) -> ModuleType:
    """Import a script by path (the shared scorer)."""
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{path}: cannot load")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _first(value: Any) -> Any:
    """The first acceptable value of a gold field (a list of alternatives or one value)."""
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _precision(tolerance_km: float) -> tuple[int, int]:
    """ACLED geo_precision and UCDP where_prec for a gold point's tolerance."""
    if tolerance_km <= 15:
        return 1, 1
    if tolerance_km <= 25:
        return 1, 2
    if tolerance_km <= 40:
        return 2, 3
    return 3, 4


def _gold_date(spec: dict[str, Any]) -> tuple[str | None, int | None]:
    """(event_date, time_precision) from a gold date: the first ``ok`` value, else a short window."""
    ok = spec.get("ok") or []
    if ok:
        return ok[0], 1
    window = spec.get("window")
    if window:
        lo, hi = (date.fromisoformat(d) for d in window)
        span = (hi - lo).days
        if span <= 7:
            return lo.isoformat(), 2 if span > 1 else 1
        if span <= 31 and lo.month == hi.month:
            return lo.isoformat(), 3
    return None, None


@functools.cache
def _gazetteer() -> Any:
    from marsad.geo.gazetteer import Gazetteer

    return Gazetteer.default()


def _point(place: dict[str, Any], admin1: list[str]) -> tuple[float | None, float | None]:
    """The gold point, else the first of its names the gazetteer places in the gold governorate
    (a populated place before an administrative area), as a geocoder would."""
    if place.get("lat") is not None:
        return place["lat"], place["lon"]
    for name in place.get("names") or []:
        found = [p for p, _ in _gazetteer().lookup(name) if not admin1 or p.admin1 in admin1]
        found.sort(key=lambda p: p.feature.startswith("admin"))
        if found:
            return found[0].latitude, found[0].longitude
    return None, None


def gold_event(item: dict[str, Any], country: str | None, *, main: bool) -> Event:
    """One gold event as an extractor would give it (see the module docstring)."""
    place = item.get("location") or {}
    admin1 = item.get("admin1") if isinstance(item.get("admin1"), list) else [item.get("admin1")]
    latitude, longitude = _point(place, [a for a in admin1 if a])
    geo, where = _precision(float(place.get("tolerance_km") or 100))
    event_date, precision = _gold_date(item.get("date") or {})
    tolls = item.get("fatalities") or {}
    name, iso = COUNTRY.get(country or "", (None, None))
    background = str(item["id"]).startswith("B")
    return Event(
        event_type=_first(item.get("event_type")), sub_event_type=_first(item.get("sub_event_type")),
        actor1=_first(item.get("actor1")), actor2=_first(item.get("actor2")), admin1=_first(item.get("admin1")),
        location=_first(place.get("names")), latitude=latitude, longitude=longitude,
        geo_precision=geo, where_prec=where, country=name, iso=iso, event_date=event_date,
        time_precision=precision, year=int(event_date[:4]) if event_date and event_date[0] != "-" else None,
        fatalities=_first(tolls.get("ok")), required=bool(item.get("required")),
        role="background" if background else ("main" if main else None))


def gold_documents(manifest: list[dict[str, Any]], cache: Path, gold_dir: Path) -> list[Document]:
    """Each cached report with its gold events (the first required, non-background one is "main")."""
    docs = []
    for entry in manifest:
        gold = json.loads((gold_dir / f"{entry['id']}.json").read_text(encoding="utf-8"))
        main = next((e["id"] for e in gold["events"] if e.get("required") and not e["id"].startswith("B")), None)
        published = date.fromisoformat(entry["pub_date"]) if entry.get("pub_date") else None
        doc = Document(id=entry["id"], text=_text(cache, entry["id"]), url=entry.get("url"),
                       outlet=entry.get("outlet"), published=published)
        doc.events = [gold_event(e, entry.get("country"), main=e["id"] == main) for e in gold["events"]]
        docs.append(doc)
    return docs


def pipeline_documents(manifest: list[dict[str, Any]], cache: Path) -> list[Document]:
    """Each cached report read and extracted as ``marsad ingest`` does."""
    from marsad.ingest import read_paths
    from marsad.pipeline import Pipeline

    lines = [json.dumps({"id": e["id"], "text": _text(cache, e["id"]), "url": e.get("url"),
                         "published": e.get("pub_date")}, ensure_ascii=False) for e in manifest]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "real.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        pipeline = Pipeline.default()
        return [pipeline(doc) for doc in read_paths([path])]


def _text(cache: Path, report_id: str) -> str:
    path = cache / f"{report_id}.txt"
    if not path.is_file():
        raise SystemExit(f"{path}: missing; re-create the cache (../shared/real/RECREATE.md)")
    return path.read_text(encoding="utf-8")


def ordered(docs: list[Document], order: str) -> list[Document]:
    """The reports in report order (as ``marsad ingest`` stores a batch), manifest order, reversed,
    or shuffled by a seed."""
    if order == "report":
        return list(in_report_order(docs))
    if order == "manifest":
        return list(docs)
    if order == "reversed":
        return docs[::-1]
    shuffled = list(docs)
    random.Random(int(order)).shuffle(shuffled)
    return shuffled


def store_events(docs: list[Document], config: DedupConfig) -> list[dict[str, Any]]:
    """Add ``docs`` to a fresh store in the given order; return the exported JSONL records."""
    with Store(":memory:", config=config) as store:
        for doc in docs:
            store.add_document(doc)
        out = io.StringIO()
        export_store(store, "jsonl", out)
    return [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]


def parts(manifest: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The whole manifest and its development and validation parts."""
    split = json.loads(SPLIT.read_text(encoding="utf-8"))
    dev, val = set(split["development"]), set(split["validation"])
    return {"all": manifest, "development": [e for e in manifest if e["id"] in dev],
            "validation": [e for e in manifest if e["id"] in val]}


def evaluate(events: list[dict[str, Any]], manifest: list[dict[str, Any]]) -> dict[str, Any]:
    """score_dedup's figures on every part of the manifest."""
    scorer = load_module(SHARED / "eval" / "score_dedup.py", "score_dedup")
    return {name: scorer.score(entries, events) for name, entries in parts(manifest).items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", choices=("gold", "pipeline"), default="gold")
    parser.add_argument("--order", default="report",
                        help="report (publication day, then id: as marsad ingest), manifest, reversed, or a seed")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "marsad-real")
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--verbose", "-v", action="store_true", help="list wrong and missed pairs")
    args = parser.parse_args()
    manifest = json.loads((SHARED / "real" / "manifest.json").read_text(encoding="utf-8"))
    docs = (gold_documents(manifest, args.cache, SHARED / "real" / "gold") if args.events == "gold"
            else pipeline_documents(manifest, args.cache))
    config = DedupConfig() if args.threshold is None else DedupConfig(threshold=args.threshold)
    scores = evaluate(store_events(ordered(docs, args.order), config), manifest)
    if args.json:
        print(json.dumps(scores))
        return 0
    for name, result in scores.items():
        print(f"{args.events:8} {name:11} precision {result['precision']:.3f} recall {result['recall']:.3f} "
              f"({result['correct_pairs']} of {result['true_pairs']} true pairs; {result['merged_pairs']} merged)")
        if args.verbose and name == "all":
            for a, b in result["wrong_merges"]:
                print(f"  wrong merge: {a} + {b}")
            for a, b in result["missed"]:
                print(f"  missed: {a} + {b}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
