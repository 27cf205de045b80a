"""Tests for marsad.text.sentences: sentence and clause boundaries."""

from __future__ import annotations

import pytest

from marsad.text.sentences import split_clauses, split_sentences


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_sentences_arabic_terminators() -> None:
    text = "قُتل ثلاثة عناصر في ريف دير الزور. وأصيب آخرون؟ نعم! وتستمر المعارك؛ وسط نزوح"
    assert _sentences(text) == [
        "قُتل ثلاثة عناصر في ريف دير الزور.",
        "وأصيب آخرون؟",
        "نعم!",
        "وتستمر المعارك؛",
        "وسط نزوح",
    ]


def test_sentences_headline_double_dot_and_lines() -> None:
    text = "كمين في البادية يوقع 9 قتلى.. والطيران يكثف غاراته\n\nوقال المرصد إن الهجوم وقع ليلاً"
    assert _sentences(text) == [
        "كمين في البادية يوقع 9 قتلى..",
        "والطيران يكثف غاراته",
        "وقال المرصد إن الهجوم وقع ليلاً",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "ارتفعت النسبة إلى 1.5 بالمئة خلال العام",
        "قال د. أحمد الخالد إن الوضع خطير",
        "أكد م. سامر أن الجسر تضرر",
        "The U.S. military said the strike hit a depot",
        "Gen. Smith and Dr. Jones spoke",
        "وصرح قائلا: \"قتل 3. وجرح 5\" في الهجوم",
        "وقال «أصيب 4. ونقلوا إلى المشفى» بحسب المصدر",
    ],
)
def test_sentences_no_split_inside(text: str) -> None:
    assert _sentences(text) == [text]


def test_sentences_year_marker_ends_sentence() -> None:
    text = "بدأت الحملة عام 2019م. ثم توقفت"
    assert _sentences(text) == ["بدأت الحملة عام 2019م.", "ثم توقفت"]


def test_sentences_closing_quote_stays() -> None:
    text = "وقال: \"انتهت العملية.\" ثم غادر"
    assert _sentences(text) == ["وقال: \"انتهت العملية.\"", "ثم غادر"]


def test_sentences_offsets_are_trimmed() -> None:
    text = "  أولى.   ثانية.  \n"
    for a, b in split_sentences(text):
        assert text[a:b] == text[a:b].strip()
    assert _sentences(text) == ["أولى.", "ثانية."]


def test_sentences_empty_and_punctuation_only() -> None:
    assert split_sentences("") == []
    assert split_sentences(" ... \n ؟ ") == []


def test_sentences_clauses_split_two_incidents() -> None:
    text = (
        "قُتل عنصران من قوات النظام بهجوم في ريف حمص، فيما أصيب مدنيان بقصف على إدلب، "
        "وقُتل طفل بانفجار لغم في ريف حماة، وهو ما أكده المرصد"
    )
    clauses = [text[a:b] for a, b in split_clauses(text)]
    assert clauses == [
        "قُتل عنصران من قوات النظام بهجوم في ريف حمص،",
        "فيما أصيب مدنيان بقصف على إدلب،",
        "وقُتل طفل بانفجار لغم في ريف حماة، وهو ما أكده المرصد",
    ]


def test_sentences_clauses_respect_range() -> None:
    text = "مقدمة. قصفت الطائرات بلدة في إدلب، بينما اندلعت اشتباكات في درعا. خاتمة"
    start, end = split_sentences(text)[1]
    clauses = [text[a:b] for a, b in split_clauses(text, start, end)]
    assert clauses == ["قصفت الطائرات بلدة في إدلب،", "بينما اندلعت اشتباكات في درعا."]


def test_sentences_clauses_english() -> None:
    text = "Two soldiers were killed in Homs, while a civilian was wounded in Idlib"
    assert [text[a:b] for a, b in split_clauses(text)] == [
        "Two soldiers were killed in Homs,",
        "while a civilian was wounded in Idlib",
    ]


def test_sentences_clauses_reject_bad_range() -> None:
    from marsad.errors import SpanError

    with pytest.raises(SpanError, match="outside the text"):
        split_clauses("قصير", 0, 99)
