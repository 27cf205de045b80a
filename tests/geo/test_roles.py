"""Mention roles (site / reference / name): every word of the role lists is read, in our own sentences."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml

from marsad.errors import DataFileError
from marsad.geo import Geocoder, PlaceMention
from marsad.geo.lexicon import GeoLexicon

ROOT = Path(__file__).resolve().parents[2]
LEXICON_FILE = ROOT / "src" / "marsad" / "data" / "geo_lexicon.yaml"
ROLES = yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8"))["roles"]


def role_of(geocoder: Geocoder, text: str, surface: str) -> PlaceMention:
    """The mention at ``surface`` (it must be found)."""
    start = text.index(surface)
    found = [m for m in geocoder.find_places(text) if m.start < start + len(surface) and m.end > start]
    assert found, f"{surface!r} not found in {text!r}"
    return found[0]


@pytest.mark.parametrize("word", ROLES["outlet_words"])
def test_roles_outlet_word_makes_a_name(geocoder: Geocoder, word: str) -> None:
    mention = role_of(geocoder, f"قالت {word} دير الزور إن اشتباكات وقعت", "دير الزور")
    assert mention.role == "name" and "outlet" in mention.reason


@pytest.mark.parametrize("word", ROLES["name_words"])
def test_roles_street_hall_or_unit_word_makes_a_name(geocoder: Geocoder, word: str) -> None:
    assert role_of(geocoder, f"وقع انفجار قرب {word} دير الزور مساء أمس", "دير الزور").role == "name"


@pytest.mark.parametrize("word", ROLES["person_words"])
def test_roles_person_word_makes_a_name(geocoder: Geocoder, word: str) -> None:
    # "أحمد محمد" is also a village name (Salah al-Din); after a title or marker it is a person
    assert role_of(geocoder, f"قتل {word} أحمد محمد أمس", "أحمد محمد").role == "name"


@pytest.mark.parametrize("word", ROLES["given_names"])
def test_roles_given_name_makes_what_follows_a_name(geocoder: Geocoder, word: str) -> None:
    assert role_of(geocoder, f"اعتقلت الدورية {word} أبو علي أمس", "أبو علي").role == "name"


@pytest.mark.parametrize("word", ROLES["kunya_words"])
def test_roles_kunya_word_makes_what_follows_a_name(geocoder: Geocoder, word: str) -> None:
    assert role_of(geocoder, f"اعتقلت الدورية {word} تل أبيض أمس", "تل أبيض").role == "name"


@pytest.mark.parametrize("verb", ROLES["government_verbs"])
def test_roles_capital_before_a_speech_verb_is_its_government(geocoder: Geocoder, verb: str) -> None:
    mention = role_of(geocoder, f"دمشق {verb} على البيان", "دمشق")
    assert mention.role == "name" and "government" in mention.reason


@pytest.mark.parametrize("noun", ROLES["government_nouns"])
def test_roles_government_noun_before_a_capital(geocoder: Geocoder, noun: str) -> None:
    assert role_of(geocoder, f"أعلنت {noun} بغداد الحداد", "بغداد").role == "name"


@pytest.mark.parametrize("capital", ROLES["capitals"])
def test_roles_capital_in_a_filing_line_is_no_government(geocoder: Geocoder, capital: str) -> None:
    assert role_of(geocoder, f"وكالة الأنباء - {capital} أعلنت الوزارة مقتل ثلاثة", capital).role == "site"


@pytest.mark.parametrize("link", ROLES["locator_links"])
def test_roles_locator_link_makes_the_wider_place_a_reference(geocoder: Geocoder, link: str) -> None:
    text = f"قصفت المدفعية قرية دردارة {link} ناحية تل تمر"
    assert role_of(geocoder, text, "دردارة").role == "site"
    assert role_of(geocoder, text, "تل تمر").role == "reference"


def test_roles_direction_before_a_name_is_an_anchor_but_in_its_north_is_a_site(geocoder: Geocoder) -> None:
    assert role_of(geocoder, "انفجرت عبوة جنوب غربي كركوك", "كركوك").role == "reference"
    assert role_of(geocoder, "سقطت قذائف في شمال حلب", "حلب").role == "site"
    assert role_of(geocoder, "سقطت قذائف بشمال حلب", "حلب").role == "site"
    assert role_of(geocoder, "قتل جندي قرب منبج، شمال البلاد", "منبج").role == "site"


def test_roles_a_list_joined_by_and_is_no_locator(geocoder: Geocoder) -> None:
    text = "قصفت الطائرات قرية دردارة وبلدة تل تمر"
    assert [m.role for m in geocoder.find_places(text)] == ["site", "site"]


def test_roles_a_road_between_two_towns_has_two_sites(geocoder: Geocoder) -> None:
    mentions = geocoder.find_places("كمين على طريق تل تمر الحسكة")
    assert [m.role for m in mentions] == ["site", "site"] and {m.relation for m in mentions} == {"road"}


def test_roles_serialised_in_to_dict(geocoder: Geocoder) -> None:
    mention = role_of(geocoder, "انفجرت عبوة على بعد 30 كم شرق بعقوبة", "بعقوبة")
    data = mention.to_dict()
    assert data["role"] == "reference" and "distance anchor" in data["reason"] and data["relation"] == "offset"


def test_roles_lexicon_without_role_lists_is_refused(tmp_path: Path) -> None:
    data = yaml.safe_load(LEXICON_FILE.read_text(encoding="utf-8"))
    del data["roles"]["capitals"]
    path = tmp_path / "geo_lexicon.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataFileError, match="roles.capitals"):
        GeoLexicon.load(path)


def _build_script():
    spec = importlib.util.spec_from_file_location("build_gazetteer", ROOT / "scripts" / "build_gazetteer.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("short", "full", "names"), [
    ("حملك-حميلك (((7)))", "حملك-حميلك - جنديرس - عفرين --- (((7)))", ["حملك", "حميلك"]),
    ("ابين- عفرين (((0)))", "ابين- عفرين - مركز عفرين - عفرين --- (((0)))", ["ابين"]),
    ("طنجرة (المنارة) (((9)))", "طنجرة (المنارة) - الحفة - الحفة --- (((9)))", ["طنجرة", "المنارة"]),
    ("بريهة (((3)))", "بريهة - بصيرة - مركز دير الزور --- (((3)))", ["بريهة"]),
])
def test_build_community_names(short: str, full: str, names: list[str]) -> None:
    got, _ = _build_script().community_names({"search_name_ar_short": short, "search_name_ar": full})
    assert got == names
