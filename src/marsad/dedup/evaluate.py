"""Pairwise evaluation of report clustering against a gold set (``samples/dedup/incidents.json``).

A report's cluster is the merged event of its main mention (its first required
event, the incident its lead describes). Pairs of reports sharing a cluster are
compared with the gold pairs of reports sharing a main incident.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from typing import Any

Pair = frozenset[str]


def pairs(clusters: Iterable[Iterable[str]]) -> set[Pair]:
    """Unordered pairs of members sharing a cluster."""
    return {frozenset(p) for c in clusters for p in itertools.combinations(sorted(set(c)), 2)}


def clusters_of(assignment: Mapping[str, str]) -> list[list[str]]:
    """Group report ids by the event they were assigned to."""
    grouped: dict[str, list[str]] = {}
    for report_id, event_id in sorted(assignment.items()):
        grouped.setdefault(event_id, []).append(report_id)
    return list(grouped.values())


def _incident_pairs(gold: Mapping[str, Any], a: str, b: str) -> set[Pair]:
    by_id = {i["id"]: i for i in gold["incidents"]}
    return {frozenset((x, y)) for x in by_id[a]["reports"] for y in by_id[b]["reports"]}


def score_clusters(system: Iterable[Iterable[str]], gold: Mapping[str, Any]) -> dict[str, Any]:
    """Pairwise precision, recall and F1, plus look-alike, reprint and background checks."""
    g = pairs(i["reports"] for i in gold["incidents"])
    s = pairs(system)
    tp = len(s & g)
    precision = tp / len(s) if s else 1.0
    recall = tp / len(g) if g else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    lookalike = set().union(*(_incident_pairs(gold, a, b) for a, b, *_ in
                              gold.get("lookalike_pairs", []) + gold.get("lookalikes_other_years", [])))
    reprints = [frozenset(p) for p in gold.get("reprints", [])]
    background = [frozenset(p) for p in gold.get("shared_background", [])]
    return {
        "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
        "gold_pairs": len(g), "system_pairs": len(s), "true_pairs": tp,
        "lookalike_merges": len(s & lookalike),
        "reprint_recall": round(sum(p in s for p in reprints) / len(reprints), 4) if reprints else 1.0,
        "background_merges": sum(p in s for p in background),
        "false_pairs": sorted(sorted(p) for p in s - g), "missed_pairs": sorted(sorted(p) for p in g - s),
    }
