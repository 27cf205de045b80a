"""Spellings reports use for places the sources name otherwise (place_name_fixes.tsv), and body
parts that are never places (geo_lexicon.yaml stoplist)."""

import pytest


@pytest.mark.parametrize("text,name", [
    ("قصفت طائرة مسيرة سيارة في قضاء شنكال أمس", "Sinjar"),
    ("A drone struck a car in Shingal on Thursday", "Sinjar"),
    ("Dozens of residents protested in the town of Theban on Friday", "Dhiban"),
])
def test_geocoder_kurdish_and_english_spellings(geocoder, text, name):
    assert [p.place.name for p in geocoder.find_places(text)] == [name]


def test_geocoder_body_part_is_not_a_place(geocoder):
    assert geocoder.find_places("أصيب بطلق ناري في الصدر وآخر في الرأس") == []
