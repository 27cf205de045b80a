"""Tests for marsad.text.normalize: folding rules and offset maps."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.errors import SpanError
from marsad.text.normalize import (
    folding,
    NormalizedText,
    normalize,
    normalize_char,
    normalize_key,
    strip_al,
)


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"),
        ("ى", "ي"), ("ة", "ه"), ("ؤ", "و"), ("ئ", "ي"),
        ("٠", "0"), ("٩", "9"), ("۴", "4"), ("ـ", ""),
        ("\u064e", ""), ("\u0651", ""), ("\u0670", ""), ("\u200f", ""),
        ("A", "a"), ("É", "e"), ("،", "،"), ("؛", "؛"), ("؟", "؟"),
        ("ﻻ", "لا"), ("ی", "ي"), ("ک", "ك"), ("٬", ","), ("٫", "."),
    ],
)
def test_normalize_char_folds(raw: str, folded: str) -> None:
    assert normalize_char(raw) == folded


def test_normalize_char_rejects_strings() -> None:
    with pytest.raises(ValueError, match="one character"):
        normalize_char("ab")


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("أُصيبَ إبراهيمُ في مدينةِ الميادين", "اصيب ابراهيم في مدينه الميادين"),
        ("قُتِلَ ١٢ عنصراً", "قتل 12 عنصرا"),
        ("مـــــقتل مؤيد", "مقتل مويد"),
        ("Deir EZ-Zor", "deir ez-zor"),
    ],
)
def test_normalize_sentences(raw: str, folded: str) -> None:
    assert normalize(raw) == folded


def test_normalize_key_collapses_space() -> None:
    assert normalize_key("  قوات\tالنظام \n السوري ") == "قوات النظام السوري"


@pytest.mark.parametrize(
    ("key", "every", "expected"),
    [
        ("الميادين", False, "ميادين"),
        ("الف", False, "الف"),
        ("al-mayadin", False, "mayadin"),
        ("دير الزور", False, "دير الزور"),
        ("دير الزور", True, "دير زور"),
    ],
)
def test_normalize_strip_al(key: str, every: bool, expected: str) -> None:
    assert strip_al(key, every_word=every) == expected


def test_normalize_identity_fast_path() -> None:
    nt = NormalizedText("قتل 12 عنصرا من قوات النظام في ٢٠١٨")
    assert nt.identity
    assert nt.to_text(4, 6) == (4, 6)
    assert nt.to_norm(10) == 10


def test_normalize_maps_diacritised_word_back() -> None:
    text = "وقد قُتِلَ خمسةُ جنود"
    nt = NormalizedText(text)
    start = nt.norm.index("قتل")
    a, b = nt.to_text(start, start + 3)
    assert text[a:b] == "قُتِلَ"
    assert nt.to_norm(a) == start


def test_normalize_maps_tatweel_and_ligature() -> None:
    text = "مـــقتل ﻻعب"
    nt = NormalizedText(text)
    assert nt.norm == "مقتل لاعب"
    a, b = nt.to_text(0, 4)
    assert text[a:b] == "مـــقتل"
    a, b = nt.to_text(5, 6)  # half of the lam-alef ligature widens to the whole glyph
    assert text[a:b] == "ﻻ"


def test_normalize_rejects_bad_ranges() -> None:
    nt = NormalizedText("مَرصد")
    with pytest.raises(SpanError, match="outside"):
        nt.to_text(2, 9)
    with pytest.raises(SpanError, match="outside"):
        nt.to_norm(-1)


_ALPHABET = st.sampled_from(
    list("ابتثجحخدذرسشصضطظعغفقكلمنهوي أإآٱىةؤئء0123456789٠١٢٣٤٥٦٧٨٩۴۵ ،؛؟.\n")
    + ["ـ", "\u064b", "\u064e", "\u0650", "\u0651", "\u0652", "\u0670", "\u200f", "ﻻ", "ﷲ", "É", "A", "z"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join), st.data())
def test_normalize_mapped_span_contains_norm_slice(text: str, data: st.DataObject) -> None:
    nt = NormalizedText(text)
    assert nt.norm == normalize(text)
    start = data.draw(st.integers(0, len(nt.norm)))
    end = data.draw(st.integers(start, len(nt.norm)))
    a, b = nt.to_text(start, end)
    assert 0 <= a <= b <= len(text)
    assert nt.norm[start:end] in normalize(text[a:b])
    n0, n1 = nt.to_norm(a), nt.to_norm(b)
    assert normalize(text[a:b]) == nt.norm[n0:n1]


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_normalize_word_spans_round_trip(text: str) -> None:
    nt = NormalizedText(text)
    for word_start, word_end in _word_ranges(nt.norm):
        a, b = nt.to_text(word_start, word_end)
        assert normalize(text[a:b]) == nt.norm[word_start:word_end]


def _word_ranges(norm: str) -> list[tuple[int, int]]:
    """Return the (start, end) of each space-separated run in ``norm``."""
    import re

    return [m.span() for m in re.finditer(r"\S+", norm)]


def test_normalize_fast_path_agrees_with_table() -> None:
    fold = folding()
    for code in range(0x10000):
        char = chr(code)
        if fold.complex_re.search(char) is None:
            assert fold.fold_simple(char) == fold.table[code], hex(code)


def test_normalize_table_is_idempotent() -> None:
    table = folding().table
    for code in range(0x10000):
        folded = table[code]
        assert "".join(table[ord(c)] for c in folded) == folded, hex(code)


@pytest.mark.parametrize("bad", [None, b"bytes", 12])
def test_normalize_rejects_non_text(bad: object) -> None:
    from marsad.errors import InputError
    from marsad.text import find_dates, find_numbers, split_sentences, tokenize

    for func in (NormalizedText, normalize, find_numbers, find_dates, split_sentences, tokenize):
        with pytest.raises(InputError, match="expected text"):
            func(bad)  # type: ignore[arg-type]


def test_normalize_empty_text_everywhere() -> None:
    from marsad.text import find_dates, find_numbers, split_sentences, tokenize

    assert NormalizedText("").norm == ""
    assert find_dates("") == [] and find_numbers("") == [] and split_sentences("") == [] and tokenize("") == []
