"""Homonyms across borders and far away: the report's own places decide, a person's name anchors nothing."""

from __future__ import annotations

from marsad.geo import Geocoder


def _chosen(geocoder: Geocoder, text: str, surface: str) -> list[tuple[str | None, str | None]]:
    return [(m.place.admin1, m.place.country) for m in geocoder.find_places(text) if m.text == surface]


def test_geocoder_places_country_beats_an_actor_adjective(geocoder: Geocoder) -> None:
    text = ("قصفت طائرات مواقع لميليشيا حزب الله العراقي في مدينة البوكمال شرقي دير الزور، "
            "وطالت الغارات مقرا قرب مزارع الحمدان.")
    assert all(country != "Iraq" for _admin1, country in _chosen(geocoder, text, "الحمدان"))


def test_geocoder_unsure_far_homonym_is_dropped(geocoder: Geocoder) -> None:
    text = ("قصفت طائرات مواقع في مدينة البوكمال وريفها شرقي دير الزور، "
            "وطالت الغارات مقرا قرب مزارع الحمدان وسمع دوي انفجارات في مدينة دير الزور.")
    assert _chosen(geocoder, text, "الحمدان") == []


def test_geocoder_person_name_does_not_anchor_a_homonym(geocoder: Geocoder) -> None:
    text = ("قتل جندي عراقي بهجوم لداعش في ناحية قرة تبة التابعة لمحافظة ديالى، "
            "وقال المحلل كفاح محمود إن الهجوم يكشف فراغا أمنيا بين بغداد وأربيل.")
    assert _chosen(geocoder, text, "قرة تبة") and all(c == "Iraq" for _a, c in _chosen(geocoder, text, "قرة تبة"))


def test_geocoder_transliteration_apostrophe_is_ignored(geocoder: Geocoder) -> None:
    found = [(m.text, m.place.admin1) for m in geocoder.find_places("A landmine went off south of Ba'aj town.")]
    assert found == [("Ba'aj", "Nineveh")]


def test_geocoder_final_ah_may_be_left_out(geocoder: Geocoder) -> None:
    found = [(m.text, m.place.admin1) for m in geocoder.find_places("Militants were killed in Hawija district.")]
    assert found == [("Hawija", "Kirkuk")]


def test_geocoder_offsets_stay_right_after_dropped_apostrophes(geocoder: Geocoder) -> None:
    text = "Clashes in Ba'aj  and   Mosul."
    assert [text[m.start:m.end] for m in geocoder.find_places(text)] == ["Ba'aj", "Mosul"]


def test_geocoder_governorate_cue_inside_a_name_gives_the_governorate(geocoder: Geocoder) -> None:
    for text in ("في محافظة طرطوس", "شهدت محافظة إدلب قصفا"):
        [mention] = geocoder.find_places(text)
        assert mention.place.feature == "admin1" and mention.where_prec == 4


def test_geocoder_city_cue_still_gives_the_city(geocoder: Geocoder) -> None:
    [mention] = geocoder.find_places("قتل شاب في مدينة طرطوس")
    assert mention.place.feature == "city"
