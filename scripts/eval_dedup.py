#!/usr/bin/env python
"""Evaluate cross-report merging on the dedup test set (src/marsad/samples/dedup).

Default: the real path. Reports are read with ``marsad.ingest.read_paths``, extracted
with ``Pipeline.default()``, stored in a temporary ``Store`` (in publication order)
and scored pairwise (see samples/dedup/README.md).

``--simulate``: no extractor; each report gets its gold incident's coding with
seeded, per-report noise (dates dropped, widened or a day late as for a night
event, coordinates dropped, moved a few km or coarsened to the surrounding desert
tens of km off, actors swapped or missing, a named perpetrator left unidentified,
civilian victims coded as a clash, each outlet its own toll inside the gold range)
plus its passing mentions. This measures the merging logic under extraction
noise, not the extractor; it is labelled as such in the output. ``--seeds N``
averages N noise draws (seed 0 is the single draw of a plain ``--simulate``).

    python scripts/eval_dedup.py [--threshold 0.75] [--simulate [--seeds N]] [--json] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from marsad.dedup import DedupConfig
from marsad.dedup.evaluate import clusters_of, score_clusters
from marsad.document import Document, Event
from marsad.store import Store

SAMPLES = Path(__file__).resolve().parent.parent / "src" / "marsad" / "samples" / "dedup"
ISO = {"Syria": 760, "Iraq": 368}
IRAQ = {"Baghdad", "Anbar", "Nineveh", "Salah al-Din", "Diyala", "Kirkuk", "Erbil", "Duhok", "Sulaymaniyah"}


def extracted_docs(samples: Path) -> list[Document]:
    """Read and extract the reports with the project's ingest and pipeline."""
    from marsad.ingest import read_paths
    from marsad.pipeline import Pipeline

    pipeline = Pipeline.default()
    return [pipeline(doc) for doc in read_paths([samples / "reports.jsonl"])]


def _noisy_event(incident: dict[str, Any], rng: random.Random) -> Event:
    """The gold coding of ``incident`` as a noisy extractor might give it."""
    country = "Iraq" if incident["admin1"] in IRAQ else "Syria"
    event = Event(event_type=incident["event_type"], sub_event_type=incident["sub_event_type"],
                  actor1=incident["actor1"], actor2=incident["actor2"], event_date=incident["date"],
                  time_precision=1, admin1=incident["admin1"], location=incident["location"],
                  latitude=incident["lat"], longitude=incident["lon"], geo_precision=1, country=country,
                  iso=ISO[country], fatalities=rng.randint(incident["fatalities_low"], incident["fatalities_high"]))
    roll = rng.random
    if roll() < 0.15:
        event.event_date, event.time_precision = None, None
    elif roll() < 0.1:
        event.time_precision = 2
    if roll() < 0.2:
        event.latitude = event.longitude = event.location = None
        event.geo_precision = 3
    elif roll() < 0.2:
        event.latitude += rng.uniform(-0.04, 0.04)
        event.longitude += rng.uniform(-0.04, 0.04)
        event.location, event.geo_precision = None, 2
    if roll() < 0.2:
        event.actor1, event.actor2 = event.actor2, event.actor1
    if roll() < 0.2:
        event.actor2 = None
    if roll() < 0.2:
        event.fatalities = None
    _outlet_disagreement(event, rng)
    return event


def _outlet_disagreement(event: Event, rng: random.Random) -> None:
    """What outlets disagree on: attribution, civilian or fighter victims, the night's date, the area."""
    roll = rng.random
    if roll() < 0.15 and event.actor1 not in (None, "Civilians", "Protesters"):
        event.actor1 = "Unidentified Armed Group"
    if roll() < 0.1 and event.event_type in ("Violence against civilians", "Battles"):
        civilians = event.event_type == "Violence against civilians"
        event.event_type, event.sub_event_type = ("Battles", "Armed clash") if civilians else (
            "Violence against civilians", "Attack")
    if roll() < 0.1 and event.event_date and event.time_precision == 1:
        event.event_date = (date.fromisoformat(event.event_date) + timedelta(days=1)).isoformat()
    if roll() < 0.1 and event.latitude is not None and event.location:
        bearing, km = rng.uniform(0, 2 * math.pi), rng.uniform(20, 50)
        event.latitude += km / 111 * math.cos(bearing)
        event.longitude += km / 111 * math.sin(bearing) / math.cos(math.radians(event.latitude))
        event.location, event.geo_precision, event.where_prec = f"{event.location} desert", 2, 3


def simulated_docs(samples: Path, gold: dict[str, Any], seed: int = 0) -> list[Document]:
    """Documents with noisy gold codings as their events (see the module docstring)."""
    main = {r: i for i in gold["incidents"] for r in i["reports"]}
    passing = {r: i for i in gold["incidents"] for r in i.get("also_in", [])}
    docs = []
    for line in (samples / "reports.jsonl").read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        rng = random.Random(data["id"] if seed == 0 else f"{seed}:{data['id']}")
        doc = Document(id=data["id"], text=data["text"], url=data.get("url"), outlet=data.get("outlet"),
                       published=date.fromisoformat(data["published"]) if data.get("published") else None)
        doc.events.append(_noisy_event(main[doc.id], rng))
        if doc.id in passing:
            doc.events.append(_noisy_event(passing[doc.id], rng))
        docs.append(doc)
    return docs


def main_events(store: Store, docs: list[Document]) -> dict[str, str]:
    """Each report's main event: the event its first required mention went to."""
    assignment = {}
    for doc in docs:
        index = next((i for i, e in enumerate(doc.events) if e.required), None)
        if index is not None:
            row = store.conn.execute("SELECT event_id FROM mentions WHERE id = ?", (f"{doc.id}#{index}",)).fetchone()
            assignment[doc.id] = row[0]
    return assignment


def evaluate(docs: list[Document], gold: dict[str, Any], config: DedupConfig) -> dict[str, Any]:
    """Store ``docs`` in publication order and score the clustering."""
    ordered = sorted(docs, key=lambda d: (d.published or date.max, d.id))
    with Store(":memory:", config=config) as store:
        results = [store.add_document(doc) for doc in ordered]
        scores = score_clusters(clusters_of(main_events(store, ordered)), gold)
        found = {frozenset((r.article_id, r.duplicate_of)) for r in results if r.duplicate_of}
        scores["reprints_flagged"] = sum(frozenset(p) in found for p in gold["reprints"])
        scores["reports_without_events"] = sum(1 for d in docs if not d.events)
        scores["events"] = store.counts()["events"]
    return scores


def simulated_average(samples: Path, gold: dict[str, Any], config: DedupConfig, seeds: int) -> dict[str, Any]:
    """Mean (and worst) figures over ``seeds`` noise draws of the simulation."""
    runs = [evaluate(simulated_docs(samples, gold, seed), gold, config) for seed in range(seeds)]
    out: dict[str, Any] = {"seeds": seeds}
    for key in ("precision", "recall", "f1", "lookalike_merges", "background_merges", "reprint_recall"):
        out[key] = round(statistics.fmean(r[key] for r in runs), 4)
    out["min_precision"] = min(r["precision"] for r in runs)
    out["min_recall"] = min(r["recall"] for r in runs)
    out["runs_with_lookalike_merges"] = sum(1 for r in runs if r["lookalike_merges"])
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--samples", type=Path, default=SAMPLES)
    parser.add_argument("--threshold", type=float, default=DedupConfig().threshold)
    parser.add_argument("--simulate", action="store_true", help="noisy gold codings instead of the extractor")
    parser.add_argument("--seeds", type=int, default=1, help="with --simulate: average this many noise draws")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--verbose", "-v", action="store_true", help="list false and missed pairs")
    args = parser.parse_args()
    gold = json.loads((args.samples / "incidents.json").read_text(encoding="utf-8"))
    config = DedupConfig(threshold=args.threshold)
    if args.simulate and args.seeds > 1:
        scores = simulated_average(args.samples, gold, config, args.seeds)
        scores["mode"] = "simulated extraction (noisy gold codings), mean of seeds"
        print(json.dumps(scores, ensure_ascii=False, indent=None if args.json else 1))
        return 0
    docs = simulated_docs(args.samples, gold) if args.simulate else extracted_docs(args.samples)
    scores = evaluate(docs, gold, config)
    scores["mode"] = "simulated extraction (noisy gold codings)" if args.simulate else "pipeline extraction"
    if not args.verbose:
        scores = {k: (len(v) if isinstance(v, list) else v) for k, v in scores.items()}
    print(json.dumps(scores, ensure_ascii=False, indent=None if args.json else 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
