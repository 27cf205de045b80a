"""Name matching: proclitics, the "لل" form, word boundaries, offsets back to the text."""

from __future__ import annotations

import pytest

from marsad.geo import Geocoder
from marsad.geo.matcher import MatchString


@pytest.mark.parametrize(("text", "surface"), [
    ("قصف على بالميادين أمس", "الميادين"),
    ("وصلت التعزيزات والرقة هادئة", "الرقة"),
    ("نقل الجرحى للرقة مساء", "لرقة"),
    ("وبالبوكمال اشتباكات", "البوكمال"),
    ("هجوم في ريف حمص", "حمص"),
])
def test_matcher_strips_proclitics(geocoder: Geocoder, text: str, surface: str) -> None:
    _, found = geocoder.matcher.scan(text)
    assert surface in [text[m.text_start:m.text_end] for m in found]


@pytest.mark.parametrize("text", ["زار الحمصيون السوق", "قال الميادينيون", "استمع البحلبي"])
def test_matcher_needs_word_boundaries(geocoder: Geocoder, text: str) -> None:
    _, found = geocoder.matcher.scan(text)
    keys = {m.key for m in found}
    assert not keys & {"حمص", "الميادين", "حلب"}


def test_matcher_maps_offsets_back_over_diacritics(geocoder: Geocoder) -> None:
    text = "قُتِلَ جنديان فِي المَيَادِين فجراً"
    mentions = geocoder.find_places(text)
    assert [text[m.start:m.end] for m in mentions] == ["المَيَادِين"]


def test_matcher_collapses_spaces_and_dashes() -> None:
    ms = MatchString("طريق  دير الزور – تدمر")
    assert ms.value == "طريق دير الزور تدمر"
    start = ms.value.index("تدمر")
    assert ms.to_text(start, start + 4) == (18, 22)


def test_matcher_latin_names_must_be_capitalised(geocoder: Geocoder) -> None:
    mentions = geocoder.find_places("A drone hit a car near Hit, west of Ramadi.")
    assert [m.text for m in mentions] == ["Hit", "Ramadi"]
