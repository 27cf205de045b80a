"""Pair scoring: each factor's weight of evidence, vetoes, the posterior and the look-alikes."""

from __future__ import annotations

import math
from datetime import date

import pytest

from marsad.dedup import DedupConfig, Mention, score_pair
from marsad.dedup.score import (
    actors_factor, date_factor, fatalities_factor, haversine_km, name_relation, place_factor, type_factor,
)
from marsad.errors import InputError

CONFIG = DedupConfig()
CLASH = dict(event_type="Battles", sub_event_type="Armed clash")


def mention(make_event, mention_id="a#0", article="a", published="2024-03-05", **fields) -> Mention:
    return Mention(mention_id, article, make_event(**fields), "outlet", date.fromisoformat(published))


def other(make_event, **fields) -> Mention:
    return mention(make_event, "b#0", "b", **fields)


def test_score_type_levels_are_ordered(make_event):
    same = type_factor(make_event(), make_event(), CONFIG)[0]
    partial = type_factor(make_event(), make_event(sub_event_type=None), CONFIG)[0]
    close = type_factor(make_event(), make_event(sub_event_type="Air/drone strike"), CONFIG)[0]
    disputed = type_factor(make_event(event_type="Violence against civilians", sub_event_type="Attack"),
                           make_event(**CLASH), CONFIG)[0]
    weak = type_factor(make_event(**CLASH), make_event(), CONFIG)[0]
    far = type_factor(make_event(sub_event_type="Remote explosive/landmine/IED"),
                      make_event(sub_event_type="Air/drone strike"), CONFIG)[0]
    assert same > partial > close > 0 > disputed > weak > far
    assert type_factor(make_event(event_type=None), make_event(), CONFIG) == (0.0, "type unknown")


def test_score_type_civilians_or_fighters_is_compatible_not_a_veto(make_event):
    value, why = type_factor(make_event(event_type="Violence against civilians", sub_event_type="Attack"),
                             make_event(**CLASH), CONFIG)
    assert value == CONFIG.type_disputed_family and "compatible" in why


def test_score_type_protest_and_explosion_veto(make_event):
    value, why = type_factor(make_event(event_type="Protests", sub_event_type="Peaceful protest"), make_event(),
                             CONFIG)
    assert value is None and "types differ" in why


def test_score_date_levels_are_ordered(make_event):
    base = mention(make_event)
    same = date_factor(base, other(make_event), CONFIG)[0]
    overlap = date_factor(base, other(make_event, time_precision=2, event_date="2024-03-07"), CONFIG)[0]
    unknown = date_factor(base, other(make_event, event_date=None), CONFIG)[0]
    next_day = date_factor(base, other(make_event, event_date="2024-03-06"), CONFIG)[0]
    two_days = date_factor(base, other(make_event, event_date="2024-03-07"), CONFIG)[0]
    assert same > overlap > unknown == 0.0 > next_day > two_days


def test_score_date_week_apart_vetoes(make_event):
    value, why = date_factor(mention(make_event), other(make_event, event_date="2024-03-12"), CONFIG)
    assert value is None and "7 days apart" in why


def test_score_partial_date_resolved_with_publication_year_is_a_day(make_event):
    value, why = date_factor(mention(make_event), other(make_event, event_date="--03-05"), CONFIG)
    assert (value, why) == (CONFIG.date_same_day, "same date")


def test_score_place_distance_against_the_coarser_radius(make_event):
    near = make_event(latitude=35.8133 + 0.2, longitude=36.6097, location="Mhambal")  # about 22 km north
    assert place_factor(make_event(), near, CONFIG)[0] < 0  # two towns 22 km apart
    value = place_factor(make_event(geo_precision=2), near, CONFIG)[0]
    assert value == pytest.approx(CONFIG.place_near * (1 - (22.2 / 30) ** 2), abs=0.05)
    assert value > 0


def test_score_place_far_beyond_the_radius_vetoes(make_event):
    far = make_event(latitude=35.8133 + 0.8, longitude=36.6097, location="Darkush")  # about 89 km
    value, why = place_factor(make_event(geo_precision=2), far, CONFIG)
    assert value is None and "89 km apart (radius 30 km)" in why


def test_score_place_district_or_desert_widens_the_radius(make_event):
    desert = make_event(latitude=35.8133 - 0.45, longitude=36.6097, location="Jabal al-Zawiya", geo_precision=2)
    assert place_factor(make_event(), desert, CONFIG)[0] < 0  # 50 km: too far for "near a town"
    desert.where_prec = 3
    assert place_factor(make_event(), desert, CONFIG)[0] > 0


def test_score_place_road_named_after_the_town_is_related(make_event):
    town = make_event(location="As Sukhnah", latitude=34.8853, longitude=38.8711, geo_precision=2)
    road = make_event(location="Sukhnah - Deir ez-Zor road", latitude=35.1106, longitude=39.506, geo_precision=2)
    assert name_relation(town.location, road.location) == "contained"
    assert haversine_km(34.8853, 38.8711, 35.1106, 39.506) > 60
    assert place_factor(town, road, CONFIG)[0] == CONFIG.place_contained


def test_score_place_same_name_with_al_prefix(make_event):
    a = make_event(latitude=None, longitude=None, location="al-Sukhnah", admin1="Homs")
    b = make_event(latitude=None, longitude=None, location="Sukhnah", admin1="Homs")
    assert place_factor(a, b, CONFIG) == (CONFIG.place_same, "same place al-Sukhnah")
    assert name_relation("Sukhnah desert", "Mayadin desert") is None


def test_score_place_other_governorate_vetoes_and_same_one_is_neutral(make_event):
    a = make_event(latitude=None, longitude=None, location=None)
    assert place_factor(a, make_event(latitude=None, longitude=None, location=None, admin1="Hama"), CONFIG)[0] is None
    assert place_factor(a, make_event(), CONFIG)[0] == CONFIG.place_governorate_only


def test_score_actors_swapped_sides_agree(make_event):
    a = make_event(actor1="Islamic State", actor2="SDF: Syrian Democratic Forces")
    b = make_event(actor1="SDF: Syrian Democratic Forces", actor2="Islamic State")
    assert actors_factor(a, b, CONFIG)[0] == pytest.approx(2 * CONFIG.actor_shared)


def test_score_actors_unidentified_is_compatible_with_a_named_perpetrator(make_event):
    a = make_event(actor1="Unidentified Armed Group", actor2="Military Forces of Syria")
    b = make_event(actor1="Islamic State", actor2="Military Forces of Syria")
    value, why = actors_factor(a, b, CONFIG)
    assert value == pytest.approx(CONFIG.actor_shared) and "differ" not in why


def test_score_actors_missing_on_one_side_is_neutral(make_event):
    a = make_event(actor1="Popular Mobilization Forces", actor2=None)
    b = make_event(actor1="Islamic State", actor2="Popular Mobilization Forces")
    assert actors_factor(a, b, CONFIG)[0] == pytest.approx(CONFIG.actor_shared)
    assert actors_factor(make_event(actor1=None, actor2=None), b, CONFIG)[0] == 0.0


def test_score_actors_two_named_perpetrators_differ(make_event):
    a = make_event(actor1="Hezbollah", actor2=None)
    b = make_event(actor1="Islamic State", actor2=None)
    value, why = actors_factor(a, b, CONFIG)
    assert value == CONFIG.actor_conflict and "differ" in why


def test_score_fatalities_weigh_little(make_event):
    base = mention(make_event, fatalities=4)
    values = [fatalities_factor(base, other(make_event, fatalities=n), CONFIG)[0] for n in (4, 6, 15, 90)]
    assert values == sorted(values, reverse=True) and all(abs(v) <= 1.0 for v in values)
    assert fatalities_factor(base, other(make_event, fatalities=None), CONFIG)[0] == 0.0


def test_score_fatalities_next_day_rising_corroborates_falling_does_not(make_event):
    first = mention(make_event, fatalities=3)
    rising = fatalities_factor(first, other(make_event, event_date="2024-03-06", fatalities=4), CONFIG)
    falling = fatalities_factor(first, other(make_event, event_date="2024-03-06", fatalities=1), CONFIG)
    assert rising[0] > 0 > falling[0]
    assert "rising next day" in rising[1] and "falling next day" in falling[1]


def test_score_pair_is_the_posterior_of_the_summed_evidence(make_event):
    result = score_pair(mention(make_event), other(make_event, fatalities=7), CONFIG)
    total = CONFIG.prior + CONFIG.type_same + CONFIG.date_same_day + CONFIG.place_same \
        + CONFIG.actor_shared + CONFIG.actor_shared_vague + CONFIG.toll_close  # Civilians is vague
    assert result.log_odds == pytest.approx(total)
    assert result.score == pytest.approx(1 / (1 + math.exp(-total)), abs=1e-4)


def test_score_pair_explains_each_factor(make_event):
    result = score_pair(mention(make_event), other(make_event, fatalities=7), CONFIG)
    assert result.veto is None and result.score >= CONFIG.threshold
    for part in ("same type Shelling/artillery/missile attack (+1.5)", "same date (+2.0)", "same place Ariha (+2.0)",
                 "tolls 5 / 7 close (+0.1)", "log-odds +"):
        assert part in result.reason


def test_score_pair_same_report_never_merges(make_event):
    result = score_pair(mention(make_event), mention(make_event, "a#1", "a"), CONFIG)
    assert result.veto and result.score == 0.0


# --- the patterns that must merge and the look-alikes that must not ------------------

def test_score_rising_toll_and_unidentified_attacker_merge(make_event):
    a = mention(make_event, **CLASH, actor1="Unidentified Armed Group", actor2="Military Forces of Syria",
                fatalities=4, geo_precision=2)
    b = other(make_event, **CLASH, actor1="Islamic State", actor2="Military Forces of Syria", fatalities=11,
              location="Ariha outskirts", latitude=35.8133 + 0.11, geo_precision=2)  # 12 km off
    assert score_pair(a, b, CONFIG).score >= CONFIG.threshold


def test_score_civilians_or_fighters_same_place_and_day_merge(make_event):
    a = mention(make_event, event_type="Violence against civilians", sub_event_type="Attack",
                actor1="Unidentified Armed Group", actor2="Civilians", fatalities=1)
    b = other(make_event, **CLASH, actor1="Unidentified Armed Group", actor2="Islamic State", fatalities=None)
    assert score_pair(a, b, CONFIG).score >= CONFIG.threshold


def test_score_night_attack_dated_a_day_apart_with_rising_toll_merges(make_event):
    a = mention(make_event, **CLASH, actor1="Islamic State", actor2="Popular Mobilization Forces", fatalities=3)
    b = other(make_event, **CLASH, actor1="Popular Mobilization Forces", actor2=None, event_date="2024-03-06",
              fatalities=4)
    assert score_pair(a, b, CONFIG).score >= CONFIG.threshold


def test_score_lookalike_same_town_consecutive_days_stays_apart(make_event):
    a = mention(make_event, **CLASH, actor1="Islamic State", actor2="SDF: Syrian Democratic Forces", fatalities=2)
    b = other(make_event, **CLASH, actor1="Islamic State", actor2="SDF: Syrian Democratic Forces",
              event_date="2024-03-06", fatalities=1)
    assert score_pair(a, b, CONFIG).score < CONFIG.threshold
    b.event.fatalities, b.event.actor1 = None, "Unidentified Armed Group"  # nothing corroborates the next day
    assert score_pair(a, b, CONFIG).score < CONFIG.threshold


def test_score_lookalike_same_day_two_towns_46_km_apart_stay_apart(make_event):
    a = mention(make_event, **CLASH, actor1="Unidentified Armed Group", actor2="Military Forces of Syria",
                location="Tafas", latitude=32.7371, longitude=36.0665, admin1="Daraa", fatalities=3)
    b = other(make_event, **CLASH, actor1="Unidentified Armed Group", actor2="Military Forces of Syria",
              location="Busra al-Sham", latitude=32.5174, longitude=36.4816, admin1="Daraa", fatalities=2)
    assert score_pair(a, b, CONFIG).score < CONFIG.threshold
    b.event.geo_precision = 2  # "near Busra": still two towns
    assert score_pair(a, b, CONFIG).score < CONFIG.threshold


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


def test_score_actors_victim_named_differently_is_compatible(make_event):
    a = make_event(actor1=None, actor2="SDF: Syrian Democratic Forces")
    b = make_event(actor1="Military Forces of Turkey", actor2="Civilians")  # one outlet says a civilian died
    assert actors_factor(a, b, CONFIG)[0] == 0.0
