"""The actor-role weights are fitted (scripts/fit_role_weights.py), and the fitter learns what choices show."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from marsad.extract.weights import load_role_weights

ROOT = Path(__file__).resolve().parents[2]


def _fitter():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(ROOT / "scripts"))
    spec = importlib.util.spec_from_file_location("fit_role_weights", ROOT / "scripts" / "fit_role_weights.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_shipped_weights_say_how_they_were_fitted() -> None:
    weights = load_role_weights()
    assert weights.fitted and "conditional logit" in weights.fitted["method"]
    assert set(weights.fitted["prior"]) == set(weights.features)
    assert weights.fitted["choices"]["actor1"] > 100


def test_a_feature_the_choices_favour_gains_weight_and_one_they_refute_loses_it() -> None:
    fitter = _fitter()
    prior = {"good": (1.0, 0.0), "bad": (1.0, 0.0)}
    # "good" marks the right candidate, "bad" a wrong one; nobody (index 0) scores 0.
    data = [([{}, {"good": 1.0}, {"bad": 1.0}], 1)] * 30
    weights = fitter.fit(data, prior, 1.0, 0)
    assert weights["good"] > 1.0 > weights["bad"]
    assert fitter.accuracy(data, weights) == 1.0


def test_a_feature_no_choice_shows_keeps_its_prior() -> None:
    fitter = _fitter()
    prior = {"seen": (1.0, 0.0), "unseen": (2.5, 0.0)}
    weights = fitter.fit([([{}, {"seen": 1.0}], 1)] * 5, prior, 1.0, 0)
    assert weights["unseen"] == pytest.approx(2.5, abs=1e-3)


def test_nobody_is_right_when_the_gold_names_the_unnamed_group() -> None:
    fitter = _fitter()
    scorer = fitter.real.load_module(fitter.real.SHARED / "eval" / "score.py", "shared_score") \
        if (fitter.real.SHARED / "eval" / "score.py").is_file() else None
    if scorer is None:
        pytest.skip("the shared scorer is not next to this checkout")
    features = {"Islamic State": {"after_by": 1.0}}
    assert fitter._choice(features, ["Unidentified Armed Group"], scorer, exclude=set()) == ([{}, features["Islamic State"]], 0)
    assert fitter._choice(features, ["Islamic State"], scorer, exclude=set())[1] == 1
    assert fitter._choice(features, ["Military Forces of Syria"], scorer, exclude=set()) is None
