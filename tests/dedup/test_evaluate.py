"""Pairwise clustering scores (the dedup set's metric)."""

from __future__ import annotations

from marsad.dedup.evaluate import clusters_of, pairs, score_clusters

GOLD = {
    "incidents": [{"id": "I1", "reports": ["a", "b", "c"]}, {"id": "I2", "reports": ["d", "e"]},
                  {"id": "I3", "reports": ["f"]}],
    "reprints": [["a", "b"]],
    "shared_background": [["c", "f"]],
    "lookalike_pairs": [["I1", "I2", "same town next day"]],
}


def test_evaluate_pairs_are_unordered_and_unique():
    assert pairs([["b", "a"], ["a", "b", "b"]]) == {frozenset({"a", "b"})}


def test_evaluate_perfect_clustering():
    scores = score_clusters([["a", "b", "c"], ["d", "e"], ["f"]], GOLD)
    assert (scores["precision"], scores["recall"], scores["f1"]) == (1.0, 1.0, 1.0)
    assert scores["reprint_recall"] == 1.0 and scores["lookalike_merges"] == 0


def test_evaluate_counts_lookalike_and_background_merges():
    scores = score_clusters([["a", "b", "c", "d"], ["e"], ["f"]], GOLD)
    assert scores["lookalike_merges"] == 3 and scores["true_pairs"] == 3
    assert scores["precision"] == 0.5 and scores["recall"] == 0.75
    assert score_clusters([["c", "f"]], GOLD)["background_merges"] == 1


def test_evaluate_nothing_merged_has_precision_one_recall_zero():
    scores = score_clusters([["a"], ["b"]], GOLD)
    assert (scores["precision"], scores["recall"], scores["reprint_recall"]) == (1.0, 0.0, 0.0)


def test_evaluate_clusters_of_groups_by_event():
    assert clusters_of({"a": "E1", "b": "E1", "c": "E2"}) == [["a", "b"], ["c"]]
