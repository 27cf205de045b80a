#!/usr/bin/env python
"""Fit the weights of evidence of event merging and write ``src/marsad/data/dedup/weights.yaml``.

Labelled pairs come only from the DEVELOPMENT part of ``../shared/real`` (``benchmarks/real/split.json``;
the validation part is never read here) and from our own dedup set (``src/marsad/samples/dedup``):

- each report's mentions as the merger sees them (``report_mentions``: roles, weekday, wording),
  once from the gold events (``scripts/eval_dedup_real.py --events gold``) and once from the
  project's extraction, so the weights fit both clean and extracted mentions;
- every pair of mentions of two reports that no rule vetoes and neither of which is a background
  recap: two main incidents are one incident when the gold says the reports share one; a pair
  with another mention is labelled "two incidents" when the reports' main incidents differ
  (such a merge joins two reports of different incidents) and left out when they share it.

Each factor's levels are one-hot features, its reference level (the one that says nothing:
"unknown", "none", "other_other", "undated_both") left out, so its weight is 0. A logistic
regression gives the intercept and each level's weight in nats, with a Gaussian prior on each
weight (``PRIOR``, what was known before fitting, sd ``--sigma``): a level many pairs show gets
the weight they say, one few pairs show stays near its prior (maximum a posteriori with scipy).
Coarse places are clipped to 0 at most. The threshold and the member floor (no chaining) are then
chosen on the development reports merged through the real store: the highest F0.5 (precision
counts double) over the gold-fed and extracted runs and our own set.

    pip install -e '.[fit]'  # scipy
    python scripts/fit_dedup_weights.py [--cache ~/.cache/marsad-real] [--sigma 1.0] [--dry-run]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_dedup as own_set  # noqa: E402
import eval_dedup_real as real  # noqa: E402

from marsad.dedup import DedupConfig  # noqa: E402
from marsad.dedup.score import pair_levels  # noqa: E402
from marsad.dedup.weights import LEVELS, Weights, parse_weights  # noqa: E402
from marsad.document import Document  # noqa: E402
from marsad.store.merger import BACKGROUND, MAIN, report_mentions  # noqa: E402

OUT = real.ROOT / "src" / "marsad" / "data" / "dedup" / "weights.yaml"
REFERENCE = {"type": "unknown", "date": "undated_both", "place": "unknown", "actors": "unknown", "toll": "unknown",
             "trend": "none", "wording": "unknown", "roles": "other_other"}
FEATURES = [(f, lv) for f, levels in LEVELS.items() for lv in levels if lv != REFERENCE[f]]
THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
FLOORS = [0.2, 0.3, 0.4, 0.5]


def labelled_pairs(docs: list[Document], group: dict[str, str | None]) -> list[tuple[list[tuple[str, str]], int]]:
    """(levels, label) for every unvetoed cross-report pair of non-background mentions."""
    config = DedupConfig()
    mentions = [m for doc in docs for m in report_mentions(doc) if m.role != BACKGROUND]
    out = []
    for a, b in itertools.combinations(mentions, 2):
        if a.article_id == b.article_id:
            continue
        same = group.get(a.article_id) is not None and group.get(a.article_id) == group.get(b.article_id)
        if same and not (a.role == MAIN and b.role == MAIN):
            continue  # the gold does not say which other incidents two reports of one incident share
        levels = pair_levels(a, b, config)
        if levels[-1].level is None:
            continue
        out.append(([(lv.factor, lv.level or "") for lv in levels], int(same)))
    return out


# Prior means of the weights (nats, against each factor's reference level): what the project knew
# before fitting. The fit moves each weight from its prior as far as the labelled pairs say; a
# level few pairs show stays near it.
PRIOR: dict[str, dict[str, float]] = {
    "type": {"same_subtype": 1.5, "same_type": 1.0, "close_subtypes": 0.3, "far_subtypes": -3.0,
             "disputed_family": -0.5, "weak_family": -1.0},
    "date": {"same_day": 2.0, "adjacent_day": -2.0, "near_days": -1.0, "windows_overlap": 0.5,
             "same_month_day": 1.5, "adjacent_month_day": -2.0, "same_weekday": 0.5, "adjacent_weekday": -1.5,
             "implied_one": -0.5, "implied_both": 0.0, "undated_one": -0.5},
    "place": {"same_place": 2.0, "same_town_area": 1.0, "related_names": 1.0, "within_3km": 1.8, "within_10km": 1.0,
              "within_20km": -0.5, "coarse": 0.0},
    "actors": {"same_pair": 1.2, "shared_named": 0.6, "shared_vague": 0.2, "compatible": 0.0, "conflict": -1.5},
    "toll": {"same": 0.4, "same_zero": 0.1, "close": 0.1, "differ": -0.3, "contradict": -1.0},
    "trend": {"rising_next_day": 1.0, "falling_next_day": -1.0},
    "wording": {"high": 1.0, "mid": 0.5, "low": 0.0, "none": -0.5},
    "roles": {"main_main": 0.5, "main_other": -0.5},
}


def design(pairs: list[tuple[list[tuple[str, str]], int]]) -> tuple[Any, Any]:
    """The one-hot matrix (one column per non-reference level) and the labels."""
    import numpy as np

    index = {key: i for i, key in enumerate(FEATURES)}
    x = np.zeros((len(pairs), len(FEATURES)))
    for row, (levels, _) in enumerate(pairs):
        for key in levels:
            if key in index:
                x[row, index[key]] = 1.0
    return x, np.array([label for _, label in pairs], dtype=float)


def fit(pairs: list[tuple[list[tuple[str, str]], int]], sigma: float) -> tuple[float, dict[str, dict[str, float]]]:
    """Logistic regression with a Gaussian prior (mean ``PRIOR``, sd ``sigma``) on each weight, the
    intercept free: the maximum a posteriori (intercept, weight of every level)."""
    import numpy as np
    from scipy.optimize import minimize
    from scipy.special import expit

    x, y = design(pairs)
    prior = np.array([PRIOR[f][lv] for f, lv in FEATURES])

    def loss(theta: Any) -> tuple[float, Any]:
        b, w = theta[0], theta[1:]
        z = b + x @ w
        p = expit(z)
        nll = float(np.sum(np.logaddexp(0, z) - y * z)) + float(np.sum((w - prior) ** 2)) / (2 * sigma ** 2)
        grad_w = x.T @ (p - y) + (w - prior) / sigma ** 2
        return nll, np.concatenate([[np.sum(p - y)], grad_w])

    theta = minimize(loss, np.concatenate([[-3.0], prior]), jac=True, method="L-BFGS-B").x
    weights: dict[str, dict[str, float]] = {f: {REFERENCE[f]: 0.0} for f in LEVELS}
    for (factor, level), value in zip(FEATURES, theta[1:], strict=True):
        weights[factor][level] = round(float(value), 3)
    weights["place"]["coarse"] = min(weights["place"]["coarse"], 0.0)
    return round(float(theta[0]), 3), {f: {lv: weights[f][lv] for lv in LEVELS[f]} for f in LEVELS}


def f_half(result: dict[str, Any]) -> float:
    p, r = result["precision"], result["recall"]
    return 1.25 * p * r / (0.25 * p + r) if p + r else 0.0


def choose_threshold(weights: Weights, runs: list[tuple[str, list[Document], Any]]
                     ) -> tuple[tuple[float, float], dict[tuple[float, float], dict[str, Any]]]:
    """The (threshold, member floor) with the best mean F0.5 over the development runs (ties: the
    stricter)."""
    table = {}
    for threshold, floor in itertools.product(THRESHOLDS, FLOORS):
        config = DedupConfig(threshold=threshold, member_floor=floor, weights=weights)
        table[(threshold, floor)] = {name: score(docs, config) for name, docs, score in runs}
    best = max(table, key=lambda k: (round(sum(f_half(r) for r in table[k].values()) / len(runs), 4), k))
    return best, table


def _real_score(manifest: list[dict[str, Any]]) -> Any:
    scorer = real.load_module(real.SHARED / "eval" / "score_dedup.py", "score_dedup")
    return lambda docs, config: scorer.score(manifest, real.store_events(real.ordered(docs, "report"), config))


def _own_score(gold: dict[str, Any]) -> Any:
    return lambda docs, config: own_set.evaluate(docs, gold, config)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "marsad-real")
    parser.add_argument("--sigma", type=float, default=1.0, help="prior standard deviation of each weight (nats)")
    parser.add_argument("--dry-run", action="store_true", help="print the weights, do not write them")
    args = parser.parse_args()
    manifest = json.loads((real.SHARED / "real" / "manifest.json").read_text(encoding="utf-8"))
    dev = real.parts(manifest)["development"]  # the validation part is never used here
    group = {e["id"]: e.get("same_incident_group") for e in dev}
    gold_docs = real.gold_documents(dev, args.cache, real.SHARED / "real" / "gold")
    pipeline_docs = real.pipeline_documents(dev, args.cache)
    own_gold = json.loads((own_set.SAMPLES / "incidents.json").read_text(encoding="utf-8"))
    own_docs = own_set.extracted_docs(own_set.SAMPLES)
    own_group = {r: i["id"] for i in own_gold["incidents"] for r in i["reports"]}
    simulated = [own_set.simulated_docs(own_set.SAMPLES, own_gold, seed) for seed in range(1, 4)]
    pairs = (labelled_pairs(gold_docs, group) + labelled_pairs(pipeline_docs, group)
             + labelled_pairs(own_docs, own_group) + [p for docs in simulated for p in labelled_pairs(docs, own_group)])
    intercept, levels = fit(pairs, args.sigma)
    provisional = parse_weights({"intercept": intercept, "threshold": 0.5, "factors": levels})
    runs = [("real development, gold events", gold_docs, _real_score(dev)),
            ("real development, extracted", pipeline_docs, _real_score(dev)),
            ("own dedup set, extracted", own_docs, _own_score(own_gold))]
    (threshold, floor), table = choose_threshold(provisional, runs)
    about = {"method": "logistic regression over one-hot factor levels, Gaussian prior on each weight "
                       "(maximum a posteriori, scipy); see scripts/fit_dedup_weights.py",
             "fitted": dt.date.today().isoformat(), "prior_sd": args.sigma, "pairs": len(pairs),
             "one_incident_pairs": sum(label for _, label in pairs),
             "sources": ["../shared/real development part (gold events and extracted)",
                         "samples/dedup (extracted, and gold codings with simulated noise, seeds 1-3)"],
             "threshold": "threshold and member floor: best mean F0.5 of the development runs",
             "at_threshold": {name: {k: round(v[k], 3) for k in ("precision", "recall")}
                              for name, v in table[(threshold, floor)].items()}}
    data = {"about": about, "intercept": intercept, "threshold": threshold, "member_floor": floor,
            "factors": levels}
    text = ("# Weights of evidence (nats) of cross-report event merging: marsad.dedup.weights.\n"
            "# Written by scripts/fit_dedup_weights.py; do not edit by hand.\n"
            + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110))
    for key, runs_at in table.items():
        print(key, {n: (round(v["precision"], 3), round(v["recall"], 3)) for n, v in runs_at.items()})
    if args.dry_run:
        print(text)
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT.relative_to(real.ROOT)}: {len(pairs)} pairs, threshold {threshold}, member floor {floor}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
