"""Tests for marsad.text.lexicon: data file reading, tries and word lookup helpers."""

from __future__ import annotations

import re

import pytest

from marsad.errors import DataFileError
from marsad.text import lexicon
from marsad.text.lexicon import WordIndex, ends_with_phrase, read_tsv, read_yaml, trie_pattern
from marsad.text.normalize import NormalizedText


def test_lexicon_missing_file_names_it() -> None:
    with pytest.raises(DataFileError, match="data/ar/nope.tsv"):
        read_tsv("ar/nope.tsv", 2)


def test_lexicon_short_row_names_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon, "read_data_text", lambda relpath: "# c\nواحد\t1\nاثنان\n")
    with pytest.raises(DataFileError, match="line 3 needs 2"):
        read_tsv("ar/x.tsv", 2)


def test_lexicon_bad_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon, "read_data_text", lambda relpath: "a: [1, 2\n")
    with pytest.raises(DataFileError, match="invalid YAML"):
        read_yaml("ar/x.yaml")


def test_lexicon_tsv_skips_comments_and_blank_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon, "read_data_text", lambda relpath: "# c\n\n a \t 1 \n")
    assert read_tsv("ar/x.tsv", 2) == [(3, ["a", "1"])]


@pytest.mark.parametrize(
    ("word", "matches"),
    [("عشر", True), ("عشرة", True), ("عشرين", True), ("عش", False), ("a b", True), ("a  b", True), ("ab", False)],
)
def test_lexicon_trie_pattern_matches_whole_words(word: str, matches: bool) -> None:
    pattern = re.compile(trie_pattern(["عشر", "عشرة", "عشرين", "a b"]) + r"(?!\w)")
    assert bool(pattern.fullmatch(word)) is matches


def test_lexicon_trie_pattern_empty_never_matches() -> None:
    assert re.search(trie_pattern([]), "anything") is None


def test_lexicon_word_index_finds_words_and_prefixed_words() -> None:
    index = WordIndex({"ثلاثه": 3, "امس": -1}, prefixes=("و", "وب"))
    nt = NormalizedText("قتل ثلاثة أمس، وثلاثة آخرون وبثلاثة والثلاثة ثلاثةٌ أمسية")
    starts = index.starts(nt)
    words = [nt.norm[s:].split()[0].strip("،") for s, _ in starts]
    assert words == ["ثلاثه", "امس", "وثلاثه", "وبثلاثه", "ثلاثه"]


def test_lexicon_ends_with_phrase_respects_word_start() -> None:
    phrases = ("ما لا يقل عن", "نحو")
    norm = "قتل ما لا يقل عن 5 وانحو 6 نحو 7"
    assert ends_with_phrase(norm, norm.index("5"), phrases) == norm.index("ما")
    assert ends_with_phrase(norm, norm.index("6"), phrases) is None
    assert ends_with_phrase(norm, norm.index("7"), phrases) == norm.rindex("نحو")


def test_lexicon_number_word_with_bad_class(monkeypatch: pytest.MonkeyPatch) -> None:
    from marsad.text import numbers

    monkeypatch.setattr(numbers, "read_tsv", lambda relpath, columns: [(4, ["خمسة", "5", "digit"])])
    with pytest.raises(DataFileError, match="line 4 has a bad value or class"):
        numbers._load_words("ar/numbers.tsv")


def test_lexicon_month_out_of_range(monkeypatch: pytest.MonkeyPatch) -> None:
    from marsad.text import date_lexicon

    monkeypatch.setattr(date_lexicon, "read_tsv", lambda relpath, columns: [(2, ["آذار", "13", "gregorian"])])
    with pytest.raises(DataFileError, match="line 2 has a bad month"):
        date_lexicon._load_months("ar/months.tsv")


def test_lexicon_dates_yaml_missing_section(monkeypatch: pytest.MonkeyPatch) -> None:
    from marsad.text import date_lexicon

    monkeypatch.setattr(date_lexicon, "read_yaml", lambda relpath: {"weekdays": {}})
    with pytest.raises(DataFileError, match="section 'day_parts' is missing"):
        date_lexicon._load_sections("ar/dates.yaml")
