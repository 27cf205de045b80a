"""Pair scoring: each factor, vetoes, and the weighted score."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.dedup import DedupConfig, Mention, score_pair
from marsad.dedup.score import actors_factor, date_factor, haversine_km, place_factor, type_factor
from marsad.errors import InputError

CONFIG = DedupConfig()


def mention(make_event, mention_id="a#0", article="a", published="2024-03-05", **fields) -> Mention:
    return Mention(mention_id, article, make_event(**fields), "outlet", date.fromisoformat(published))


def test_score_type_same_subtype_beats_same_type(make_event):
    assert type_factor(make_event(), make_event())[0] == 1.0
    assert type_factor(make_event(), make_event(sub_event_type="Air/drone strike"))[0] == 0.6


def test_score_type_ied_and_air_strike_are_far_apart(make_event):
    value, why = type_factor(make_event(sub_event_type="Remote explosive/landmine/IED"),
                             make_event(sub_event_type="Air/drone strike"))
    assert value == pytest.approx(0.2) and "sub-types differ" in why


def test_score_type_battles_and_explosions_only_weakly_compatible(make_event):
    value, why = type_factor(make_event(event_type="Battles", sub_event_type="Armed clash"), make_event())
    assert value == pytest.approx(0.2) and "weakly" in why


def test_score_type_protest_and_explosion_veto(make_event):
    value, why = type_factor(make_event(event_type="Protests", sub_event_type="Peaceful protest"), make_event())
    assert value is None and "types differ" in why


def test_score_date_levels_are_ordered(make_event):
    base = mention(make_event)
    same = date_factor(base, mention(make_event, "b#0", "b"), CONFIG)[0]
    next_day_same_toll = date_factor(base, mention(make_event, "b#0", "b", event_date="2024-03-06"), CONFIG)[0]
    overlap = date_factor(base, mention(make_event, "b#0", "b", time_precision=2, event_date="2024-03-07"), CONFIG)[0]
    null = date_factor(base, mention(make_event, "b#0", "b", event_date=None), CONFIG)[0]
    assert same > next_day_same_toll > overlap > null > 0


def test_score_date_next_day_without_same_toll_is_weak(make_event):
    other = mention(make_event, "b#0", "b", event_date="2024-03-06", fatalities=2)
    assert date_factor(mention(make_event), other, CONFIG)[0] == CONFIG.date_adjacent_uncorroborated


def test_score_date_week_apart_vetoes(make_event):
    value, why = date_factor(mention(make_event), mention(make_event, "b#0", "b", event_date="2024-03-12"), CONFIG)
    assert value is None and "7 days apart" in why


def test_score_partial_date_resolved_with_publication_year(make_event):
    other = mention(make_event, "b#0", "b", event_date="--03-05", time_precision=1)
    assert date_factor(mention(make_event), other, CONFIG)[0] == CONFIG.date_overlap


def test_score_place_radius_grows_with_precision(make_event):
    near = make_event(latitude=35.8133 + 0.2, longitude=36.6097, location="Mhambal")  # about 22 km north
    assert place_factor(make_event(), near, CONFIG)[0] is None
    assert place_factor(make_event(geo_precision=2), near, CONFIG)[0] == pytest.approx(1 - 0.5 * 22.2 / 30, abs=0.02)


def test_score_place_same_name_with_al_prefix(make_event):
    a = make_event(latitude=None, longitude=None, location="al-Sukhnah", admin1="Homs")
    b = make_event(latitude=None, longitude=None, location="Sukhnah", admin1="Homs")
    assert place_factor(a, b, CONFIG) == (1.0, "same place al-Sukhnah")


def test_score_place_other_governorate_vetoes(make_event):
    a = make_event(latitude=None, longitude=None, location=None)
    b = make_event(latitude=None, longitude=None, location=None, admin1="Hama")
    assert place_factor(a, b, CONFIG)[0] is None


def test_score_actors_swapped_sides_agree(make_event):
    a = make_event(actor1="Islamic State", actor2="SDF: Syrian Democratic Forces")
    b = make_event(actor1="SDF: Syrian Democratic Forces", actor2="Islamic State")
    assert actors_factor(a, b)[0] == 1.0


def test_score_actors_unidentified_is_compatible(make_event):
    a = make_event(actor1="Unidentified Armed Group", actor2=None)
    b = make_event(actor1="Islamic State", actor2=None)
    assert actors_factor(a, b)[0] == 0.5
    assert actors_factor(make_event(actor1="Hezbollah", actor2=None), b)[0] == 0.1


def test_score_pair_same_report_never_merges(make_event):
    result = score_pair(mention(make_event), mention(make_event, "a#1", "a"), CONFIG)
    assert result.veto and result.score == 0.0


def test_score_pair_explains_itself(make_event):
    result = score_pair(mention(make_event), mention(make_event, "b#0", "b", fatalities=7), CONFIG)
    assert result.veto is None and result.score >= CONFIG.threshold
    assert "same date" in result.reason and "tolls 5 / 7 close" in result.reason


def test_score_haversine_known_distance():
    assert haversine_km(33.5138, 36.2765, 36.2021, 37.1343) == pytest.approx(310, abs=5)  # Damascus-Aleppo


def test_score_config_rejects_bad_threshold():
    with pytest.raises(InputError, match="threshold 1.5"):
        DedupConfig(threshold=1.5)
