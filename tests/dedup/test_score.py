"""Pair scoring: each factor's level, the vetoes, the fitted weights, corroboration and the look-alikes."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

import pytest

from marsad.dedup import DedupConfig, Mention, score_pair
from marsad.dedup.score import (
    actors_level, date_level, haversine_km, is_fine, name_relation, place_level, toll_level, type_level,
)
from marsad.errors import InputError

CONFIG = DedupConfig()
CLASH = dict(event_type="Battles", sub_event_type="Armed clash")


def mention(make_event, mention_id="a#0", article="a", published="2024-03-05", role="main", **fields) -> Mention:
    day = date.fromisoformat(published) if published else None
    return Mention(mention_id, article, make_event(**fields), "outlet", day, role)


def other(make_event, **fields) -> Mention:
    return mention(make_event, "b#0", "b", **fields)


def weight(factor: str, level: str) -> float:
    return CONFIG.weights.weight(factor, level)


def test_score_type_levels_and_veto(make_event):
    assert type_level(make_event(), make_event()).level == "same_subtype"
    assert type_level(make_event(), make_event(sub_event_type=None)).level == "same_type"
    assert type_level(make_event(), make_event(sub_event_type="Air/drone strike")).level == "close_subtypes"
    far = type_level(make_event(sub_event_type="Remote explosive/landmine/IED"), make_event(sub_event_type="Air/drone strike"))
    assert far.level == "far_subtypes" and weight("type", "far_subtypes") < 0 < weight("type", "same_subtype")
    civilians = make_event(event_type="Violence against civilians", sub_event_type="Attack")
    assert type_level(civilians, make_event(**CLASH)).level == "disputed_family"
    protest = type_level(make_event(event_type="Protests", sub_event_type="Peaceful protest"), make_event())
    assert protest.level is None and "types differ" in protest.why


def test_score_date_levels_and_vetoes(make_event):
    base = mention(make_event)
    assert date_level(base, other(make_event), CONFIG).level == "same_day"
    assert date_level(base, other(make_event, event_date="2024-03-06"), CONFIG).level == "adjacent_day"
    assert date_level(base, other(make_event, time_precision=2, event_date="2024-03-07"), CONFIG).level == \
        "windows_overlap"
    two_days = date_level(base, other(make_event, event_date="2024-03-07"), CONFIG)
    assert two_days.level is None and "2 days apart" in two_days.why
    assert date_level(base, other(make_event, event_date="2024-03-12"), CONFIG).level is None


def test_score_missing_date_weighs_against_a_merge(make_event):
    base = mention(make_event)
    implied = date_level(base, other(make_event, event_date=None), CONFIG)
    assert implied.level == "implied_one"  # undated, published the same day
    undated = date_level(mention(make_event, published=None, event_date=None),
                         other(make_event, published=None, event_date=None), CONFIG)
    assert undated.level == "undated_both"
    assert weight("date", "same_day") > max(weight("date", "implied_one"), weight("date", "undated_both"))


def test_score_undated_report_published_long_after_vetoes(make_event):
    late = other(make_event, event_date=None, published="2024-05-01")
    assert date_level(mention(make_event), late, CONFIG).level is None


def test_score_month_day_without_year_is_compared(make_event):
    a = mention(make_event, published=None, event_date="--08-18")
    same = date_level(a, other(make_event, published=None, event_date="--08-18"), CONFIG)
    far = date_level(a, other(make_event, published=None, event_date="--03-02"), CONFIG)
    dated = date_level(a, other(make_event, event_date="2022-08-18"), CONFIG)
    assert same.level == dated.level == "same_month_day" and far.level is None


def test_score_weekday_without_date_is_compared(make_event):
    friday = Mention("a#0", "a", make_event(event_date=None), None, None, "main", 4)
    assert date_level(friday, Mention("b#0", "b", make_event(event_date=None), None, None, "main", 4),
                      CONFIG).level == "same_weekday"
    assert date_level(friday, Mention("b#0", "b", make_event(event_date=None), None, None, "main", 1),
                      CONFIG).level is None
    assert date_level(friday, other(make_event, event_date="2024-03-08"), CONFIG).level == "same_weekday"


def test_score_partial_date_resolved_with_publication_year_is_a_day(make_event):
    assert date_level(mention(make_event), other(make_event, event_date="--03-05"), CONFIG).level == "same_day"


def test_score_place_town_level_by_name_or_distance(make_event):
    assert place_level(make_event(), make_event(), CONFIG).level == "same_place"
    near = make_event(location="Ariha east", latitude=35.8133 + 0.02, longitude=36.6097)
    assert place_level(make_event(), near, CONFIG).level == "related_names"
    village = make_event(location="Mhambal", latitude=35.8133 + 0.06, longitude=36.6097)  # about 7 km
    assert place_level(make_event(), village, CONFIG).level == "within_10km"
    far = make_event(location="Darkush", latitude=35.8133 + 0.3, longitude=36.6097)  # about 33 km
    assert place_level(make_event(), far, CONFIG).level is None


def test_score_coarse_place_cannot_carry_a_merge(make_event):
    governorate = make_event(location="Idlib", latitude=35.9, longitude=36.6, geo_precision=3, where_prec=4)
    assert not is_fine(governorate)
    level = place_level(make_event(), governorate, CONFIG)
    assert level.level == "coarse" and weight("place", "coarse") <= 0
    desert = make_event(location="Jabal al-Zawiya", latitude=35.8133 - 0.45, longitude=36.6097, geo_precision=2,
                        where_prec=3)
    assert place_level(make_event(), desert, CONFIG).level == "coarse"  # 50 km, inside a district's reach
    too_far = make_event(location="Deir ez-Zor", latitude=35.33, longitude=40.14, geo_precision=3, where_prec=4)
    assert place_level(make_event(), too_far, CONFIG).level is None


def test_score_place_same_name_with_al_prefix_and_other_governorate(make_event):
    a = make_event(latitude=None, longitude=None, location="al-Sukhnah", admin1="Homs")
    b = make_event(latitude=None, longitude=None, location="Sukhnah", admin1="Homs")
    assert place_level(a, b, CONFIG).level == "same_place"
    assert name_relation("Sukhnah desert", "Mayadin desert") is None
    hama = make_event(latitude=None, longitude=None, location=None, admin1="Hama")
    assert place_level(make_event(latitude=None, longitude=None, location=None), hama, CONFIG).level is None


def test_score_actor_levels(make_event):
    pair = actors_level(make_event(actor1="Islamic State", actor2="SDF: Syrian Democratic Forces"),
                        make_event(actor1="SDF: Syrian Democratic Forces", actor2="Islamic State"))
    assert pair.level == "same_pair"
    unidentified = actors_level(make_event(actor1="Unidentified Armed Group", actor2="Military Forces of Syria"),
                                make_event(actor1="Islamic State", actor2="Military Forces of Syria"))
    assert unidentified.level == "shared_named"
    assert actors_level(make_event(actor1="Hezbollah", actor2=None),
                        make_event(actor1="Islamic State", actor2=None)).level == "conflict"
    assert actors_level(make_event(actor1=None, actor2=None), make_event()).level == "unknown"


def test_score_toll_levels(make_event):
    assert [toll_level(make_event(fatalities=4), make_event(fatalities=n)).level for n in (4, 6, 15, 90, None)] == \
        ["same", "close", "differ", "contradict", "unknown"]
    assert weight("toll", "same") > weight("toll", "contradict")


def test_score_pair_is_the_posterior_of_the_summed_weights(make_event):
    result = score_pair(mention(make_event), other(make_event, fatalities=7), CONFIG)
    total = CONFIG.prior + sum(w for _, _, w in result.levels)
    assert result.log_odds == pytest.approx(total, abs=1e-3)
    assert result.score == pytest.approx(1 / (1 + math.exp(-total)), abs=1e-4)
    assert result.mergeable and result.score >= CONFIG.threshold
    for part in ("same type Shelling/artillery/missile attack", "same date", "same place Ariha", "tolls 5 / 7 close",
                 "log-odds +"):
        assert part in result.reason


def test_score_pair_same_report_never_merges(make_event):
    result = score_pair(mention(make_event), mention(make_event, "a#1", "a"), CONFIG)
    assert result.veto and result.score == 0.0


def test_score_undated_pair_needs_corroboration(make_event):
    bare = dict(published=None, event_date=None, fatalities=None, actor1=None, actor2=None)
    coarse = dict(location="Idlib", latitude=35.93, longitude=36.63, geo_precision=3, where_prec=4)
    weak = score_pair(mention(make_event, **bare, **coarse), other(make_event, **bare, **coarse), CONFIG)
    assert weak.veto is None and not weak.corroborated and not weak.mergeable
    town = score_pair(mention(make_event, **bare), other(make_event, **bare), CONFIG)
    assert town.corroborated  # the same town



def test_score_town_named_at_it_and_around_it_is_the_same_town(make_event):
    """"near Atmah" / "Atmah" (one report places it around the town): a town-level agreement that
    corroborates an undated pair; a governorate's name placed at its capital does not."""
    at_town = dict(location="Atmah", latitude=36.3095, longitude=36.6884, geo_precision=1, where_prec=1)
    near_town = dict(at_town, geo_precision=2, where_prec=2)
    level = place_level(make_event(**at_town), make_event(**near_town), CONFIG)
    assert level.level == "same_town_area" and 0 < weight("place", "same_town_area")
    governorate = dict(location="Idlib", latitude=35.93, longitude=36.63, geo_precision=3, where_prec=4)
    assert place_level(make_event(**governorate), make_event(**governorate), CONFIG).level == "coarse"
    bare = dict(published=None, event_date=None, fatalities=None, actor1=None, actor2=None)
    pair = mention(make_event, **bare, **at_town), other(make_event, **bare, **near_town)
    assert score_pair(*pair, CONFIG).corroborated


def test_score_undated_disagreement_cancels_an_agreement(make_event):
    """Undated, same town and toll, but other named shooters and no incident wording in common:
    two agreements, two disagreements, not corroborated (another year's strike on the town)."""
    bare = dict(published=None, event_date=None, fatalities=2)
    a = mention(make_event, **bare, actor1="Military Forces of Syria")
    a = replace(a, words=frozenset({"مسير", "سيار"}))
    b = replace(other(make_event, **bare, actor1="Military Forces of Russia"), words=frozenset({"مدجن"}))
    assert not score_pair(a, b, CONFIG).corroborated
    assert score_pair(a, replace(b, words=a.words), CONFIG).corroborated


# --- the patterns that must merge and the look-alikes that must not ------------------

def test_score_civilians_or_fighters_same_place_and_day_merge(make_event):
    a = mention(make_event, event_type="Violence against civilians", sub_event_type="Attack",
                actor1="Unidentified Armed Group", actor2="Civilians", fatalities=1)
    b = other(make_event, **CLASH, actor1="Unidentified Armed Group", actor2="Islamic State", fatalities=None)
    assert score_pair(a, b, CONFIG).score >= CONFIG.threshold


def test_score_night_attack_dated_a_day_apart_with_rising_toll_merges(make_event):
    a = mention(make_event, **CLASH, actor1="Islamic State", actor2="Popular Mobilization Forces", fatalities=3)
    b = other(make_event, **CLASH, actor1="Popular Mobilization Forces", actor2=None, event_date="2024-03-06",
              fatalities=4)
    result = score_pair(a, b, CONFIG)
    assert result.score >= CONFIG.threshold and "toll rising next day" in result.reason


def test_score_lookalike_same_town_consecutive_days_falling_toll_stays_apart(make_event):
    a = mention(make_event, **CLASH, actor1="Islamic State", actor2="SDF: Syrian Democratic Forces", fatalities=4)
    b = other(make_event, **CLASH, actor1="Islamic State", actor2="SDF: Syrian Democratic Forces",
              event_date="2024-03-06", fatalities=1)
    assert score_pair(a, b, CONFIG).score < CONFIG.threshold


def test_score_lookalike_same_day_two_towns_46_km_apart_stay_apart(make_event):
    a = mention(make_event, **CLASH, location="Tafas", latitude=32.7371, longitude=36.0665, admin1="Daraa")
    b = other(make_event, **CLASH, location="Busra al-Sham", latitude=32.5174, longitude=36.4816, admin1="Daraa")
    assert score_pair(a, b, CONFIG).veto


def test_score_lookalike_ied_and_air_strike_same_place_and_day_stay_apart(make_event):
    a = mention(make_event, sub_event_type="Remote explosive/landmine/IED", actor1="Islamic State",
                actor2="Military Forces of Iraq", fatalities=2)
    b = other(make_event, sub_event_type="Air/drone strike", actor1="Military Forces of Iraq",
              actor2="Islamic State", fatalities=4)
    assert score_pair(a, b, CONFIG).score < CONFIG.threshold


def test_score_haversine_known_distance():
    assert haversine_km(33.5138, 36.2765, 36.2021, 37.1343) == pytest.approx(310, abs=5)  # Damascus-Aleppo


def test_score_config_rejects_bad_values():
    with pytest.raises(InputError, match="threshold 1.5"):
        DedupConfig(threshold=1.5)
    with pytest.raises(InputError, match="radii"):
        DedupConfig(veto_radii=0.5)


def test_score_weekday_on_one_side_only_compares_with_nothing(make_event):
    """An undated report naming a weekday and one naming nothing: as undated as two bare reports;
    two weekdays two days apart are two incidents."""
    bare = dict(published=None, event_date=None)
    thursday = replace(mention(make_event, **bare), weekday=3)
    assert date_level(thursday, other(make_event, **bare), CONFIG).level == "undated_both"
    assert date_level(thursday, replace(other(make_event, **bare), weekday=5), CONFIG).level is None
