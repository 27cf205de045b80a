"""The shipped weights file: every level has a weight, coarse places never speak for a merge, bad files fail clearly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from marsad.dedup import DedupConfig
from marsad.dedup.weights import LEVELS, default_weights, parse_weights
from marsad.dedup.wording import similarity, stem, word_table
from marsad.errors import DataFileError

ROOT = Path(__file__).resolve().parents[2]


def test_weights_shipped_file_has_every_level_and_was_fitted():
    weights = default_weights()
    assert set(weights.levels) == set(LEVELS)
    for factor, levels in LEVELS.items():
        assert set(weights.levels[factor]) == set(levels)
    assert weights.weight("place", "coarse") <= 0.0
    assert "regression" in weights.about["method"] and weights.about["pairs"] > 100
    assert DedupConfig().threshold == weights.threshold and DedupConfig().prior == weights.intercept


def test_weights_dates_and_places_that_agree_outweigh_missing_ones():
    weights = default_weights()
    assert weights.weight("date", "same_day") > max(weights.weight("date", "undated_one"),
                                                   weights.weight("date", "implied_one"))
    assert weights.weight("place", "same_place") > weights.weight("place", "coarse")
    assert weights.weight("toll", "same") > weights.weight("toll", "contradict")


def test_weights_missing_level_names_the_file_and_level():
    data = {"intercept": -3, "threshold": 0.5, "factors": {f: {lv: 0.0 for lv in LEVELS[f]} for f in LEVELS}}
    del data["factors"]["date"]["same_day"]
    with pytest.raises(DataFileError, match="factor 'date' has no weight for same_day"):
        parse_weights(data, "x.yaml")
    with pytest.raises(DataFileError, match="x.yaml: expected a mapping"):
        parse_weights([1, 2], "x.yaml")


def test_weights_coarse_place_is_clipped_to_zero():
    data = {"intercept": -3, "threshold": 0.5, "factors": {f: {lv: 0.5 for lv in LEVELS[f]} for f in LEVELS}}
    assert parse_weights(data).weight("place", "coarse") == 0.0


def test_wording_rare_shared_words_count_more_than_common_ones():
    table = word_table()
    common, rare = stem("قوات"), stem("مدجنة")
    assert table.idf(rare) > table.idf(common)
    assert similarity(frozenset({rare, common}), frozenset({rare})) > similarity(frozenset({rare, common}),
                                                                                  frozenset({common}))
    assert similarity(frozenset(), frozenset({rare})) is None


def test_word_table_is_up_to_date_with_our_reports():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_word_df.py"), "--check"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
