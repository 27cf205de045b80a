"""Property tests: the text layer never crashes and its spans always slice back to their text."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text import find_dates, find_numbers, split_clauses, split_sentences, tokenize
from marsad.text.normalize import NormalizedText, normalize

_FRAGMENTS = [
    "قُتل", "خمسة", "وعشرين", "عنصراً", "على الأقل", "أكثر من", "بين", "و", "7", "١٢", "1,339",
    "عشرات", "العشرات", "مئة", "ألف", "آلاف", "عنصرين", "أمس", "الأربعاء", "يوم", "فجر", "اليوم",
    "الماضي", "الجاري", "الشهر", "العام", "من", "14", "تشرين الأول", "/", "أكتوبر", "(", ")", "آذار",
    "2019", "منذ", "حتى", "قبل", "يومين", "أيام", "شعبان", "1444", "هـ", "الخامس", "عشر", "15/3/2023",
    "yesterday", "Wednesday", "last", "week", "August", "12", "at least", "dozens", "twenty-five",
    "،", ".", "..", "؟", "!", "؛", "\n", "\u064e", "\u0651", "ـ", "\u200f", "د.", "U.S.", "«", "»", '"',
    "-", "10:30", "F-16", "الـ", "%", "بالمئة", "نحو", "ما لا يقل عن", "الخميس", "12 آب", "في",
]


def _texts() -> st.SearchStrategy[str]:
    parts = st.lists(st.sampled_from(_FRAGMENTS), max_size=25)
    seps = st.sampled_from([" ", "", "  ", "\n"])
    return st.tuples(parts, st.lists(seps, min_size=25, max_size=25)).map(
        lambda pair: "".join(p + s for p, s in zip(pair[0], pair[1]))
    )


@settings(max_examples=250, deadline=None)
@given(_texts(), st.sampled_from([None, date(2018, 4, 19), date(2023, 1, 2)]))
def test_robustness_dates_and_numbers_slice_back(text: str, published: date | None) -> None:
    nt = NormalizedText(text)
    for mention in [*find_dates(nt, published), *find_numbers(nt)]:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.text
        assert normalize(mention.text).strip()


@settings(max_examples=250, deadline=None)
@given(_texts())
def test_robustness_sentences_and_tokens_slice_back(text: str) -> None:
    previous_end = 0
    for start, end in split_sentences(text):
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        for c_start, c_end in split_clauses(text, start, end):
            assert start <= c_start < c_end <= end
        previous_end = end
    for token in tokenize(text):
        assert text[token.start:token.end] == token.text
