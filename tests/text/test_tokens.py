"""Tests for marsad.text.tokens: offsets, clitic splits and suffixes."""

from __future__ import annotations

import pytest

from marsad.text.normalize import normalize
from marsad.text.tokens import clitic_bases, clitic_variants, is_arabic, strip_suffixes, tokenize


def test_tokens_offsets_slice_back() -> None:
    text = "قُتِلَ ١٢ عنصراً من قوات النظام، و3 مدنيين في al-Mayadin بـ F-16."
    for tok in tokenize(text):
        assert text[tok.start:tok.end] == tok.text
        assert tok.norm == normalize(tok.text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قتل 1,339 شخصا", ["قتل", "1,339", "شخصا"]),
        ("و١٬٣٣٩ قتيلا", ["و", "1,339", "قتيلا"]),
        ("نسبة 1.5 بالمئة", ["نسبه", "1.5", "بالميه"]),
        ("(al-Bab)، F-16", ["(", "al-bab", ")", "،", "f-16"]),
        ("أُصيبَ الطفلُ؟", ["اصيب", "الطفل", "؟"]),
    ],
)
def test_tokens_split(text: str, expected: list[str]) -> None:
    assert [t.norm for t in tokenize(text)] == expected


@pytest.mark.parametrize(
    ("word", "base"),
    [
        ("والميليشيات", "الميليشيات"),
        ("والميليشيات", "ميليشيات"),
        ("بالميادين", "الميادين"),
        ("لقوات", "قوات"),
        ("للنظام", "النظام"),
        ("وللمدنيين", "المدنيين"),
        ("فالقوات", "القوات"),
        ("وبالرقة", "الرقه"),
        ("كالعادة", "العاده"),
        ("وبحسب", "حسب"),
    ],
)
def test_tokens_clitic_variants_find_base(word: str, base: str) -> None:
    assert base in clitic_bases(normalize(word))


@pytest.mark.parametrize(
    ("word", "not_base"),
    [
        ("وقع", "قع"),  # "occurred": a three-letter word keeps its first letter
        ("والي", "ي"),  # "governor"
        ("بلد", "لد"),
        ("لل", ""),
        ("الف", "ف"),
    ],
)
def test_tokens_clitic_variants_conservative(word: str, not_base: str) -> None:
    assert not_base not in clitic_bases(normalize(word))


def test_tokens_clitic_variants_unsplit_first() -> None:
    variants = clitic_variants("والميليشيات")
    assert variants[0] == ("", "والميليشيات")
    assert ("وال", "ميليشيات") in variants
    assert len(variants) == len(set(variants))


@pytest.mark.parametrize(
    ("word", "stem", "suffix"),
    [
        ("عناصرها", "عناصر", "ها"),
        ("مسلحين", "مسلح", "ين"),
        ("المسلحون", "المسلح", "ون"),
        ("عنصران", "عنصر", "ان"),
        ("عملياتهم", "عمليات", "هم"),
    ],
)
def test_tokens_strip_suffixes(word: str, stem: str, suffix: str) -> None:
    pairs = strip_suffixes(word)
    assert pairs[0] == (word, "")
    assert (stem, suffix) in pairs


def test_tokens_strip_suffixes_keeps_short_words() -> None:
    assert strip_suffixes("بين") == [("بين", "")]


def test_tokens_is_arabic() -> None:
    assert is_arabic("قوات") and not is_arabic("forces 12")
