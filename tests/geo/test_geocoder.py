"""Choosing among homonyms, the stoplist, longest match, spatial relations and precision codes."""

from __future__ import annotations

import json

import pytest

from marsad.errors import InputError
from marsad.geo import Geocoder, PlaceMention, distance_km


def only(mentions: list[PlaceMention], surface: str) -> PlaceMention:
    found = [m for m in mentions if m.text == surface]
    assert len(found) == 1, [m.text for m in mentions]
    return found[0]


def test_geocoder_find_places_in_text_order(geocoder: Geocoder) -> None:
    text = "قتل جنديان في الميادين ثم انتقلت الاشتباكات إلى البوكمال ودير الزور"
    mentions = geocoder.find_places(text)
    assert [m.place.name for m in mentions] == ["Al Mayadin", "Abu Kamal", "Deir ez-Zor"]
    assert all(text[m.start:m.end] == m.text for m in mentions)


@pytest.mark.parametrize(("text", "surface", "admin1"), [
    ("هاجم التنظيم الرصافة في بادية الرقة الجنوبية", "الرصافة", "Raqqa"),
    ("انفجرت سيارة في حي الرصافة ببغداد", "الرصافة", "Baghdad"),
    ("قتل شخص في السخنة بريف حمص الشرقي", "السخنة", "Homs"),
    ("قتل شخص في قرية السخنة بريف منبج شرقي حلب", "السخنة", "Aleppo"),
    ("سقطت قذائف على البو كمال الحدودية مع العراق", "البو كمال", "Deir ez-Zor"),
])
def test_geocoder_context_chooses_homonym(geocoder: Geocoder, text: str, surface: str, admin1: str) -> None:
    assert only(geocoder.find_places(text), surface).place.admin1 == admin1


@pytest.mark.parametrize("text", [
    "أكد الجيش تحقيق النصر على الإرهاب وعودة الأمن والسلام",
    "قالت الحكومة إن اليوم يوم الحرية وإن حزب الشعب يؤيد القوات",
    "نشرت قناة الجزيرة تقريراً عن التضامن مع الضحايا في حالات كثيرة",
])
def test_geocoder_common_words_need_a_place_cue(geocoder: Geocoder, text: str) -> None:
    assert geocoder.find_places(text) == []


def test_geocoder_common_word_after_place_cue_matches(geocoder: Geocoder) -> None:
    mention = only(geocoder.find_places("سقطت قذائف على حي التضامن جنوبي دمشق"), "التضامن")
    assert mention.place.admin1 == "Damascus"


def test_geocoder_area_cue_does_not_license_common_word_villages(geocoder: Geocoder) -> None:
    assert geocoder.find_places("وتشهد مناطق الإدارة الذاتية تصعيداً") == []


def test_geocoder_everyday_word_naming_only_a_town_abroad_is_a_word(geocoder: Geocoder) -> None:
    """"للحراك المدني" in a report about Basra: the movement, not the town al-Hirak in Daraa; the same
    word in a report about Daraa stays the town."""
    iraq = "اعتقلت الشرطة في البصرة والناصرية ناشطين من الحراك المدني في العراق"
    assert [m.role for m in geocoder.find_places(iraq) if "حراك" in m.text] == ["name"]
    syria = "قصفت قوات النظام بلدة الحراك وبلدة المليحة الغربية بريف درعا في سوريا"
    assert only(geocoder.find_places(syria), "الحراك").place.admin1 == "Daraa"


def test_geocoder_prefers_longest_match(geocoder: Geocoder) -> None:
    mention = only(geocoder.find_places("هاجمت خلايا التنظيم حقل آرك شرقي تدمر"), "حقل آرك")
    assert mention.place.feature == "gas_field"


def test_geocoder_countryside_of_a_governorate_stays_an_area(geocoder: Geocoder) -> None:
    mention = only(geocoder.find_places("قتل ثلاثة في ريف دير الزور الشرقي"), "دير الزور")
    assert (mention.relation, mention.geo_precision, mention.where_prec) == ("countryside", 3, 4)
    assert mention.place.feature == "admin1" and mention.place.name == "Deir ez-Zor" and "east" in mention.reason
    city = geocoder.gazetteer.get("wof:421202167")
    assert (mention.latitude, mention.longitude) != (city.latitude, city.longitude)


def test_geocoder_desert_of_a_town(geocoder: Geocoder) -> None:
    mention = only(geocoder.find_places("انفجر لغم بجامعي الكمأة في بادية السلمية"), "السلمية")
    assert mention.relation == "desert" and mention.geo_precision == 2 and mention.where_prec == 3


def test_geocoder_curated_desert(geocoder: Geocoder) -> None:
    mention = only(geocoder.find_places("كمين في بادية الميادين"), "بادية الميادين")
    assert mention.place.feature == "desert" and mention.place.admin1 == "Deir ez-Zor"


def test_geocoder_outskirts_and_near(geocoder: Geocoder) -> None:
    mentions = geocoder.find_places("اشتباكات على أطراف بلدة العشارة وقرب مدينة الميادين")
    assert only(mentions, "العشارة").relation == "outskirts"
    near = only(mentions, "الميادين")
    assert (near.relation, near.geo_precision, near.where_prec) == ("near", 2, 2)


def test_geocoder_outskirts_with_article_and_direction(geocoder: Geocoder) -> None:
    mentions = geocoder.find_places("هجوم عند الأطراف الجنوبية لمدينة الميادين")
    mention = only(mentions, "الميادين")
    assert mention.relation == "outskirts" and "south" in mention.reason


def test_geocoder_listed_name_inherits_countryside(geocoder: Geocoder) -> None:
    mentions = geocoder.find_places("تصاعد القصف في ريفي حلب وإدلب")
    assert [m.relation for m in mentions] == ["countryside", "countryside"]


def test_geocoder_quarter_named_like_a_far_place_is_placed_at_the_city_told(geocoder: Geocoder) -> None:
    # "حي صلاح الدين" is an Aleppo quarter, not the Iraqi governorate: placed at the city the report names
    mentions = geocoder.find_places("سقطت قذيفتان على مدينة حلب، وقتل طفل في حي صلاح الدين")
    assert [m.place.name for m in mentions] == ["Aleppo", "Aleppo"]


def test_geocoder_quarter_of_another_city_is_placed_at_the_city_told(geocoder: Geocoder) -> None:
    mentions = geocoder.find_places("اشتباكات في حي الأندلس وشارع تل أبيض شمال المدينة في الرقة")
    assert only(mentions, "حي الأندلس").place.name == "Ar-Raqqa"


def test_geocoder_names_listed_after_a_plural_cue_are_quarters(geocoder: Geocoder) -> None:
    # the first name is unknown to the gazetteer; the second is also a village 18 km out of the city
    mentions = geocoder.find_places("غارات على أحياء السباهية والقادسية غربي مدينة الرقة")
    assert only(mentions, "القادسية").place.name == "Ar-Raqqa"


def test_geocoder_a_city_named_after_a_gate_is_part_of_a_name(geocoder: Geocoder) -> None:
    mentions = geocoder.find_places("وصلت قسد إلى منطقة باب بغداد شرقي الرقة")
    assert all(m.place.name != "Baghdad" or m.role == "name" for m in mentions)


def test_geocoder_between_gives_midpoint(geocoder: Geocoder) -> None:
    mentions = geocoder.find_places("وقع الهجوم بين تدمر والسخنة")
    palmyra, sukhnah = only(mentions, "تدمر"), only(mentions, "السخنة")
    assert palmyra.relation == sukhnah.relation == "between"
    assert (palmyra.latitude, palmyra.longitude) == (sukhnah.latitude, sukhnah.longitude)
    assert distance_km(palmyra.latitude, palmyra.longitude, 34.72, 38.58) < 5


def test_geocoder_offset_with_direction(geocoder: Geocoder) -> None:
    mention = only(geocoder.find_places("انفجر لغم على بعد 30 كم شرق مدينة تدمر"), "تدمر")
    assert mention.relation == "offset"
    assert 28 < distance_km(mention.latitude, mention.longitude, 34.56, 38.28) < 32
    assert mention.longitude > mention.place.longitude


def test_geocoder_road_between_two_towns(geocoder: Geocoder) -> None:
    mentions = geocoder.find_places("استهدف كمين حافلة على طريق حمص - تدمر")
    homs, palmyra = only(mentions, "حمص"), only(mentions, "تدمر")
    assert homs.relation == palmyra.relation == "road"
    assert homs.latitude == palmyra.latitude


def test_geocoder_curated_road_segment(geocoder: Geocoder) -> None:
    mention = only(geocoder.find_places("كمين على طريق دير الزور - تدمر"), "طريق دير الزور - تدمر")
    assert mention.place.feature == "road"


def test_geocoder_governorate_alone(geocoder: Geocoder) -> None:
    mention = only(geocoder.find_places("قتل مدنيان في محافظة حمص"), "محافظة حمص")
    assert mention.place.feature == "admin1"
    assert (mention.geo_precision, mention.where_prec, mention.relation) == (3, 4, "admin")


def test_geocoder_district_cue_uses_its_seat(geocoder: Geocoder) -> None:
    mention = only(geocoder.find_places("هجوم قرب قضاء الرطبة غربي الأنبار"), "الرطبة")
    assert distance_km(mention.latitude, mention.longitude, 33.04, 40.28) < 10


def test_geocoder_name_without_qualifier(geocoder: Geocoder) -> None:
    mention = only(geocoder.find_places("انفجار في وضحة قرب مسكنة شرقي حلب"), "وضحة")
    assert mention.relation in ("partial", "near") and mention.place.admin1 == "Aleppo"


def test_geocoder_small_village_needs_support(geocoder: Geocoder) -> None:
    assert geocoder.find_places("قال عدوان إن الموقف واضح") == []


def test_geocoder_mention_to_dict_is_json(geocoder: Geocoder) -> None:
    mention = geocoder.find_places("قصف على الميادين")[0]
    data = json.loads(json.dumps(mention.to_dict(), ensure_ascii=False))
    assert data["name"] == "Al Mayadin" and data["admin1"] == "Deir ez-Zor"
    assert data["candidates"][0]["id"] == data["place_id"]
    assert {"start", "end", "latitude", "longitude", "geo_precision", "where_prec", "reason"} <= set(data)


def test_geocoder_rejects_non_text(geocoder: Geocoder) -> None:
    with pytest.raises(InputError, match="expects text"):
        geocoder.find_places(None)  # type: ignore[arg-type]


@pytest.mark.parametrize(("name", "expected"), [
    ("الميادين", "Al Mayadin"), ("ديرالزور", "Deir ez-Zor"), ("البو كمال", "Abu Kamal"),
    ("بالميادين", "Al Mayadin"), ("Palmyra", "Palmyra"), ("محافظة حمص", "Homs"),
])
def test_geocoder_resolve_single_name(geocoder: Geocoder, name: str, expected: str) -> None:
    place = geocoder.resolve(name)
    assert place is not None and place.name == expected


def test_geocoder_resolve_uses_governorate_hint(geocoder: Geocoder) -> None:
    assert geocoder.resolve("الرصافة", admin1="Raqqa").admin1 == "Raqqa"
    assert geocoder.resolve("الرصافة", admin1="Baghdad").admin1 == "Baghdad"
    assert geocoder.resolve("مكان لا وجود له") is None


def test_geocoder_english_report(geocoder: Geocoder) -> None:
    text = ("Clashes on the outskirts of the town of Hajin, in Deir ez-Zor province; a mine exploded "
            "30 km east of Palmyra, and a drone hit a car on the road between Qamishli and Amuda.")
    mentions = {m.text: m for m in geocoder.find_places(text)}
    assert mentions["Hajin"].relation == "outskirts"
    assert mentions["Deir ez-Zor"].place.feature == "admin1"
    assert mentions["Palmyra"].relation == "offset"
    assert mentions["Qamishli"].relation == mentions["Amuda"].relation == "between"
