#!/usr/bin/env python
"""Fit the actor-role weights (``src/marsad/data/weights/roles.yaml``) on annotated reports.

Each role feature ("after an agent phrase", "the side of a casualty figure") adds an initiator
weight (a1) and a target weight (a2) to an actor's scores; ``actors.choose_parties`` takes the
best-scored actor with a positive score. This script fits those weights on the events marsad codes
from annotated reports:

- the DEVELOPMENT part of ``../shared/real`` (``benchmarks/real/split.json``; the validation part
  is never read here), the shared seed reports and our sample corpus, each with its gold file;
- every coded event matched to a gold event by the shared scorer's own matching gives one choice
  for actor1 and one for actor2: the candidates are the named actors of the incident's clauses
  (their feature counts summed per name, scaled by the vague-name factor as marsad does), plus
  "nobody" with score 0 (no candidate scores above 0: the fallback or an unidentified group);
  the gold's acceptable names say which candidate is right.

A conditional logit (softmax over the candidates of each choice) gives each feature's a1 and a2,
with a Gaussian prior centred on the hand-set weights (sd ``--sigma``): a feature many choices
show gets the weight they say, one few show keeps its prior (maximum a posteriori, scipy).

    pip install -e '.[fit]'  # scipy
    python scripts/fit_role_weights.py [--cache ~/.cache/marsad-real] [--sigma 1.0] [--dry-run]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import eval_dedup_real as real  # noqa: E402

from marsad.document import Document  # noqa: E402
from marsad.extract.actors import NON_INITIATORS  # noqa: E402
from marsad.extract.context import DocContext  # noqa: E402
from marsad.ingest import read_paths  # noqa: E402
from marsad.pipeline import Pipeline  # noqa: E402

OUT = real.ROOT / "src" / "marsad" / "data" / "weights" / "roles.yaml"
SAMPLES = real.ROOT / "src" / "marsad" / "samples"
NOBODY_NAMES = ["Unidentified Armed Group"]  # what no positive score yields (or no actor at all)
Choice = tuple[list[dict[str, float]], int]  # candidates' feature counts, index of the right one


def annotated_documents(cache: Path, pipeline: Pipeline) -> list[tuple[Document, dict[str, Any]]]:
    """(extracted document, gold) for the real development part, the seeds and the samples."""
    manifest = json.loads((real.SHARED / "real" / "manifest.json").read_text(encoding="utf-8"))
    dev = real.parts(manifest)["development"]
    pairs = []
    for doc in real.pipeline_documents(dev, cache):
        pairs.append((doc, _gold(real.SHARED / "real" / "gold" / f"{doc.id}.json")))
    for folder, gold_dir in ((real.SHARED / "seeds", real.SHARED / "gold"),
                             (SAMPLES / "ar", SAMPLES / "gold"), (SAMPLES / "en", SAMPLES / "gold")):
        for doc in read_paths([folder]):
            gold_path = gold_dir / f"{doc.id}.json"
            if gold_path.is_file():
                pairs.append((pipeline(doc), _gold(gold_path)))
    return pairs


def _gold(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def choices(doc: Document, gold: dict[str, Any], scorer: Any, weak_factor: float) -> list[tuple[int, Choice]]:
    """The actor1 (side 0) and actor2 (side 1) choices of each coded event the scorer matches to a gold event."""
    ctx = doc.analysis
    if not isinstance(ctx, DocContext):
        return []
    drafts = {event.id: draft for event, draft in ctx.coded}
    predicted = [e.to_dict() for e in doc.events]
    out: list[tuple[int, Choice]] = []
    for gold_event, index in _matches(gold.get("events", []), predicted, scorer):
        draft = drafts.get(doc.events[index].id)
        if draft is None:
            continue
        features = _candidates(draft.role_lists(), weak_factor)
        first = _choice(features, gold_event.get("actor1"), scorer, exclude=NON_INITIATORS)
        if first is not None:
            out.append((0, first))
        second = _choice(features, gold_event.get("actor2"), scorer, exclude=_names(gold_event.get("actor1"), scorer))
        if second is not None:
            out.append((1, second))
    return out


def _matches(gold_events: list[dict[str, Any]], predicted: list[dict[str, Any]], scorer: Any
             ) -> list[tuple[dict[str, Any], int]]:
    """Gold events paired with predictions as the shared scorer pairs them (best field agreement first)."""
    pairs = []
    for g in gold_events:
        for pi, p in enumerate(predicted):
            if scorer.compatible(g, p):
                pairs.append((sum(scorer.field_checks(g, p).values()), id(g), g, pi))
    pairs.sort(key=lambda t: -t[0])
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gid, g, pi in pairs:
        if gid not in used_g and pi not in used_p:
            used_g.add(gid)
            used_p.add(pi)
            out.append((g, pi))
    return out


def _candidates(role_lists: list[list[Any]], weak_factor: float) -> dict[str, dict[str, float]]:
    """Feature counts per named head actor over the incident's clauses (vague names scaled)."""
    out: dict[str, dict[str, float]] = {}
    for roles in role_lists:
        for role in roles:
            if role.head is not None or role.patron:
                continue
            counts = out.setdefault(role.name, {})
            scale = weak_factor if role.weak else 1.0
            for feature, count in role.features.items():
                counts[feature] = counts.get(feature, 0.0) + scale * count
    return out


def _names(value: Any, scorer: Any) -> set[str]:
    return {scorer.norm(v) for v in scorer.as_list(value) if v}


def _choice(features: dict[str, dict[str, float]], acceptable: Any, scorer: Any, exclude: Any
            ) -> tuple[list[dict[str, float]], int] | None:
    """The candidates (nobody first) and the index of the right one; None when there is nothing to
    choose or the gold's actor is none of the candidates and not what "nobody" stands for."""
    names = [n for n in features if n not in exclude and scorer.norm(n) not in exclude]
    if not names:
        return None
    right = _names(acceptable, scorer)
    candidates = [{}] + [features[n] for n in names]
    hits = [i + 1 for i, n in enumerate(names) if scorer.norm(n) in right]
    if hits:
        return candidates, hits[0]
    if right <= _names(NOBODY_NAMES, scorer):  # no actor, or the unnamed group marsad codes when none scores
        return candidates, 0
    return None  # named by a rule other than the role scores: nothing to learn here


def fit(data: list[Choice], prior: dict[str, tuple[float, float]], sigma: float, side: int
        ) -> dict[str, float]:
    """MAP conditional-logit weights of one side (0: a1, 1: a2), prior centred on the hand weights."""
    import numpy as np
    from scipy.optimize import minimize
    from scipy.special import logsumexp

    names = sorted(prior)
    column = {n: i for i, n in enumerate(names)}
    mats, rights = [], []
    for candidates, right in data:
        mat = np.zeros((len(candidates), len(names)))
        for row, counts in enumerate(candidates):
            for feature, count in counts.items():
                if feature in column:
                    mat[row, column[feature]] = count
        mats.append(mat)
        rights.append(right)
    mean = np.array([prior[n][side] for n in names])

    def loss(w: Any) -> tuple[float, Any]:
        total, grad = 0.0, np.zeros_like(w)
        for mat, right in zip(mats, rights):
            scores = mat @ w
            norm = logsumexp(scores)
            total -= scores[right] - norm
            probs = np.exp(scores - norm)
            grad -= mat[right] - probs @ mat
        diff = w - mean
        return total + float(diff @ diff) / (2 * sigma ** 2), grad + diff / sigma ** 2

    result = minimize(loss, mean.copy(), jac=True, method="L-BFGS-B")
    return {n: round(float(result.x[column[n]]), 3) for n in names}


def accuracy(data: list[Choice], weights: dict[str, float]) -> float:
    """Share of choices where the right candidate scores highest (nobody scores 0)."""
    if not data:
        return 0.0
    right = 0
    for candidates, index in data:
        scores = [sum(weights.get(f, 0.0) * c for f, c in counts.items()) for counts in candidates]
        right += max(range(len(scores)), key=lambda i: (scores[i], -i)) == index
    return right / len(data)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "marsad-real")
    parser.add_argument("--sigma", type=float, default=1.0, help="prior standard deviation of each weight")
    parser.add_argument("--dry-run", action="store_true", help="print the weights, do not write them")
    args = parser.parse_args()
    data = yaml.safe_load(OUT.read_text(encoding="utf-8"))
    prior = {n: (float(f["a1"]), float(f["a2"])) for n, f in data["features"].items()}
    if data.get("fitted"):
        hand = data["fitted"]["prior"]  # refits start from the hand weights (a new feature: its own)
        prior = {n: tuple(hand[n]) if n in hand else prior[n] for n in prior}
    scorer = real.load_module(real.SHARED / "eval" / "score.py", "shared_score")
    pipeline = Pipeline.default()
    weak = float(data.get("weak_factor", 0.5))
    sides: tuple[list[Choice], list[Choice]] = ([], [])
    for doc, gold in annotated_documents(args.cache, pipeline):
        for side, choice in choices(doc, gold, scorer, weak):
            sides[side].append(choice)
    fitted = [fit(sides[side], prior, args.sigma, side) for side in (0, 1)]
    before = [accuracy(sides[s], {n: prior[n][s] for n in prior}) for s in (0, 1)]
    after = [accuracy(sides[s], fitted[s]) for s in (0, 1)]
    for name, feature in data["features"].items():
        feature["a1"], feature["a2"] = fitted[0][name], fitted[1][name]
    data["fitted"] = {
        "method": "conditional logit over each coded event's candidate actors (and nobody), Gaussian prior "
                  "centred on the hand weights (maximum a posteriori, scipy); see scripts/fit_role_weights.py",
        "fitted": dt.date.today().isoformat(), "prior_sd": args.sigma,
        "sources": ["../shared/real development part", "../shared/seeds", "samples (ar, en)"],
        "choices": {"actor1": len(sides[0]), "actor2": len(sides[1])},
        "right_choice_before": {"actor1": round(before[0], 3), "actor2": round(before[1], 3)},
        "right_choice_after": {"actor1": round(after[0], 3), "actor2": round(after[1], 3)},
        "prior": {n: list(prior[n]) for n in prior}}
    print(json.dumps({k: data["fitted"][k] for k in ("choices", "right_choice_before", "right_choice_after")}))
    text = _header(OUT) + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=110)
    if args.dry_run:
        print(text)
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT.relative_to(real.ROOT)}: written")
    return 0


def _header(path: Path) -> str:
    """The file's leading comment block, kept."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(line for line in lines[:next((i for i, ln in enumerate(lines) if not ln.startswith("#")), 0)])


if __name__ == "__main__":
    sys.exit(main())
