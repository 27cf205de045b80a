"""Tests for marsad.text.numbers: digits, words, duals, vague amounts and qualifiers."""

from __future__ import annotations

import pytest

from marsad.text.normalize import NormalizedText
from marsad.text.numbers import NumberMention, find_numbers


def _only(text: str) -> NumberMention:
    found = find_numbers(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("قُتل 12 عنصراً من قوات النظام", "12", 12),
        ("وثّقت الشبكة مقتل ١٢ مدنياً", "١٢", 12),
        ("بلغت الحصيلة 1,339 قتيلاً", "1,339", 1339),
        ("بلغت الحصيلة ١٬٣٣٩ قتيلاً", "١٬٣٣٩", 1339),
        ("بلغت الحصيلة 1.339 قتيلاً", "1.339", 1339),
        ("وقُتل 3 مدنيين و4 عناصر", "3", 3),
        ("قُتل خمسة وعشرون مدنياً", "خمسة وعشرون", 25),
        ("أصيب مئة وعشرون شخصاً", "مئة وعشرون", 120),
        ("نزح ثلاثة آلاف شخص", "ثلاثة آلاف", 3000),
        ("نزح ثلاث مئة عائلة", "ثلاث مئة", 300),
        ("نزح خمسة عشر ألفاً ومئتا شخص", "خمسة عشر ألفاً ومئتا", 15200),
        ("استقبل المخيم ألفين وخمسمئة نازح", "ألفين وخمسمئة", 2500),
        ("نزح 1.5 مليون شخص", "1.5 مليون", 1500000),
        ("نزح 3 آلاف شخص", "3 آلاف", 3000),
        ("أُصيب أحد عشر شخصاً", "أحد عشر", 11),
        ("قُتل اثنا عشر جندياً", "اثنا عشر", 12),
        ("قتلت إحدى عشرة امرأة", "إحدى عشرة", 11),
        ("قُتل سبعة عشر عنصراً", "سبعة عشر", 17),
        ("قُتل تسعون شخصاً", "تسعون", 90),
        ("وقُتل أحد العناصر", "أحد", 1),
        ("وأصيب بخمسة جروح", "خمسة", 5),
        ("ولثلاثة أيام متتالية", "ثلاثة", 3),
        ("killed twenty-five people", "twenty-five", 25),
        ("one hundred and twenty families fled", "one hundred and twenty", 120),
        ("two thousand people fled", "two thousand", 2000),
        ("a dozen fighters", "a dozen", 12),
    ],
)
def test_numbers_exact(text: str, span: str, value: int) -> None:
    mention = find_numbers(text)[0]
    assert mention.text == span
    assert text[mention.start:mention.end] == span
    assert (mention.value, mention.low, mention.high, mention.qualifier) == (value, value, value, "exact")


@pytest.mark.parametrize(
    ("text", "span", "qualifier", "value", "low", "high"),
    [
        ("قُتل ما لا يقل عن ثمانية عناصر", "ما لا يقل عن ثمانية", "at_least", 8, 8, None),
        ("قُتل 5 مدنيين على الأقل", "5 مدنيين على الأقل", "at_least", 5, 5, None),
        ("قُتل 5 على الأقل", "5 على الأقل", "at_least", 5, 5, None),
        ("قُتل أكثر من 20 عنصراً", "أكثر من 20", "more_than", 20, 21, None),
        ("قُتل ما يزيد عن 40 شخصاً", "ما يزيد عن 40", "more_than", 40, 41, None),
        ("قُتل نحو 30 شخصاً", "نحو 30", "about", 30, None, None),
        ("قُتل حوالي 30 شخصاً", "حوالي 30", "about", 30, None, None),
        ("قُتل قرابة ثلاثين شخصاً", "قرابة ثلاثين", "about", 30, None, None),
        ("قُتل ما يقارب 30 شخصاً", "ما يقارب 30", "about", 30, None, None),
        ("قُتل ما يصل إلى 50 شخصاً", "ما يصل إلى 50", "up_to", 50, None, 50),
        ("قُتل بين 5 و7 أشخاص", "بين 5 و7", "range", 5, 5, 7),
        ("قُتل ما بين خمسة وسبعة أشخاص", "ما بين خمسة وسبعة", "range", 5, 5, 7),
        ("قُتل من 10 إلى 15 عنصراً", "من 10 إلى 15", "range", 10, 10, 15),
        ("قُتل 10-15 عنصراً", "10-15", "range", 10, 10, 15),
        ("قُتل خمسة أو ستة عناصر", "خمسة أو ستة", "range", 5, 5, 6),
        ("at least 12 people were killed", "at least 12", "at_least", 12, 12, None),
        ("more than 40 were wounded", "more than 40", "more_than", 40, 41, None),
        ("about 40 died", "about 40", "about", 40, None, None),
        ("between 3 and 5 children", "between 3 and 5", "range", 3, 3, 5),
    ],
)
def test_numbers_qualified(
    text: str, span: str, qualifier: str, value: int, low: int | None, high: int | None
) -> None:
    mention = _only(text)
    assert (mention.text, mention.qualifier) == (span, qualifier)
    assert (mention.value, mention.low, mention.high) == (value, low, high)


@pytest.mark.parametrize(
    ("text", "span", "qualifier", "low", "high"),
    [
        ("قُتل عشرات المدنيين", "عشرات", "dozens", 20, 99),
        ("وأصيب العشرات بجروح", "العشرات", "dozens", 20, 99),
        ("ونزح مئات العائلات", "مئات", "hundreds", 200, 999),
        ("ونزح عشرات الآلاف", "عشرات الآلاف", "thousands", 20000, 99999),
        ("قُتل بضعة عناصر", "بضعة", "several", 3, 9),
        ("أصيب عدد من المدنيين", "عدد من", "several", 2, None),
        ("dozens of others were hurt", "dozens", "dozens", 20, 99),
    ],
)
def test_numbers_vague(text: str, span: str, qualifier: str, low: int, high: int | None) -> None:
    mention = _only(text)
    assert (mention.text, mention.qualifier, mention.value) == (span, qualifier, None)
    assert (mention.low, mention.high, mention.form) == (low, high, "vague")


@pytest.mark.parametrize("word", ["عنصرين", "جنديين", "شخصين", "طفلين", "قتيلين", "مدنيان"])
def test_numbers_dual_nouns_count_two(word: str) -> None:
    mention = _only(f"قُتل {word} في القصف")
    assert (mention.text, mention.value, mention.form) == (word, 2, "dual")


@pytest.mark.parametrize("word", ["مدنيين", "مسلحين", "مقاتلين", "عسكريين"])
def test_numbers_plural_lookalikes_are_not_duals(word: str) -> None:
    assert find_numbers(f"قُتل {word} في القصف") == []


@pytest.mark.parametrize(
    "text",
    [
        "في الساعة 10:30 صباحاً",
        "أسقطت طائرة F-16 قرب المطار",
        "للمرة الـ12 هذا العام",
        "لست أدري ما حدث",
        "يوم الاثنين وصل الوفد",
        "الأحد الماضي",
        "نسبة 2.5 من السكان",
    ],
)
def test_numbers_not_counts(text: str) -> None:
    assert find_numbers(text) == []


def test_numbers_percent_unit() -> None:
    found = find_numbers("ارتفعت النسبة 15 بالمئة و3% خلال العام")
    assert [(m.text, m.value, m.unit) for m in found] == [("15 بالمئة", 15, "percent"), ("3%", 3, "percent")]


def test_numbers_several_in_one_sentence() -> None:
    text = "قُتل 11 عنصراً من قوات النظام مقابل ثلاثة من عناصر التنظيم، وأصيب ثمانية آخرون"
    assert [(m.text, m.value) for m in find_numbers(text)] == [("11", 11), ("ثلاثة", 3), ("ثمانية", 8)]


def test_numbers_accepts_normalized_text_and_maps_offsets() -> None:
    text = "قُتِلَ خَمْسَةٌ وعِشْرُونَ مدنياً"
    nt = NormalizedText(text)
    mention = _only_from(nt)
    assert mention.value == 25
    assert text[mention.start:mention.end] == mention.text
    assert mention.text.startswith("خَ")


def _only_from(nt: NormalizedText) -> NumberMention:
    found = find_numbers(nt)
    assert len(found) == 1, found
    return found[0]


def test_numbers_compound_stops_at_other_word() -> None:
    found = find_numbers("قُتل خمسة وجُرح عشرة")
    assert [(m.text, m.value) for m in found] == [("خمسة", 5), ("عشرة", 10)]


def test_numbers_exclude_date_spans() -> None:
    from marsad.text.dates import find_dates

    text = "قُتل 4 عناصر في 15 آذار 2023"
    dates = [(d.start, d.end) for d in find_dates(text)]
    assert [m.value for m in find_numbers(text)] == [4, 15, 2023]
    assert [m.value for m in find_numbers(text, exclude=dates)] == [4]


@pytest.mark.parametrize(
    ("text", "span"),
    [("عناصر الفرقة 17 في المنطقة", "17"), ("على الطريق 4 قرب المدينة", "4"), ("عند الساعة 3 فجراً", "3"),
     ("troops of Division 25 moved", "25"), ("on Route 4 near the town", "4")],
)
def test_numbers_designations_are_not_counts(text: str, span: str) -> None:
    mention = _only(text)
    assert (mention.text, mention.unit) == (span, "designation")


def test_numbers_designation_does_not_hide_next_count() -> None:
    found = find_numbers("قُتل من عناصر الفرقة 17 خمسة")
    assert [(m.value, m.unit) for m in found] == [(17, "designation"), (5, None)]
