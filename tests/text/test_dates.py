"""Tests for marsad.text.dates: absolute, relative, weekday and period dates."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.text.dates import DateMention, find_dates
from marsad.text.normalize import NormalizedText

PUB = date(2018, 4, 19)  # a Thursday


def _only(text: str, published: date | None = PUB, **kwargs: int) -> DateMention:
    found = find_dates(text, published, **kwargs)
    assert len(found) == 1, found
    mention = found[0]
    assert text[mention.start:mention.end] == mention.text
    return mention


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("وقع الهجوم في 15 آذار 2023", "15 آذار 2023", "2023-03-15"),
        ("وقع الهجوم في 15 آذار/مارس 2023", "15 آذار/مارس 2023", "2023-03-15"),
        ("وقع الهجوم في 15 مارس (آذار) 2023", "15 مارس (آذار) 2023", "2023-03-15"),
        ("الأربعاء، 15 آذار/مارس 2023", "الأربعاء، 15 آذار/مارس 2023", "2023-03-15"),
        ("في 3 تشرين الثاني/نوفمبر 2019", "3 تشرين الثاني/نوفمبر 2019", "2019-11-03"),
        ("في 1 كانون الثاني 2020", "1 كانون الثاني 2020", "2020-01-01"),
        ("في 1 كانون الأول 2020", "1 كانون الأول 2020", "2020-12-01"),
        ("في 7 أبريل 2021", "7 أبريل 2021", "2021-04-07"),
        ("في 7 إبريل 2021", "7 إبريل 2021", "2021-04-07"),
        ("في 1 جانفي 2020", "1 جانفي 2020", "2020-01-01"),
        ("في 14 جويلية 2020", "14 جويلية 2020", "2020-07-14"),
        ("في 20 أوت 2020", "20 أوت 2020", "2020-08-20"),
        ("في الـ15 من شهر آذار 2023", "الـ15 من شهر آذار 2023", "2023-03-15"),
        ("في الخامس من آذار 2023", "الخامس من آذار 2023", "2023-03-05"),
        ("في 15 آذار عام 2023", "15 آذار عام 2023", "2023-03-15"),
        ("في 15 آذار 2023م", "15 آذار 2023م", "2023-03-15"),
        ("بتاريخ 15/3/2023 قرب المدينة", "15/3/2023", "2023-03-15"),
        ("بتاريخ 2023-03-15 قرب المدينة", "2023-03-15", "2023-03-15"),
        ("بتاريخ 2023/03/15 قرب المدينة", "2023/03/15", "2023-03-15"),
        ("بتاريخ ١٥/٣/٢٠٢٣ قرب المدينة", "١٥/٣/٢٠٢٣", "2023-03-15"),
        ("الموافق 23 شعبان 1444 هـ", "23 شعبان 1444 هـ", "2023-03-15"),
        ("on 12 August 2021 near the town", "12 August 2021", "2021-08-12"),
        ("on August 12, 2021 near the town", "August 12, 2021", "2021-08-12"),
    ],
)
def test_dates_absolute(text: str, span: str, value: str) -> None:
    mention = _only(text)
    assert (mention.text, mention.value, mention.precision) == (span, value, 1)
    assert mention.kind == "absolute" and not mention.year_inferred


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("في 14 تشرين الأول/أكتوبر من العام الماضي", "14 تشرين الأول/أكتوبر من العام الماضي", "2017-10-14"),
        ("في 14 تشرين الأول من العام الجاري", "14 تشرين الأول من العام الجاري", "2018-10-14"),
        ("في 12 آب الجاري", "12 آب الجاري", "2018-08-12"),
        ("في 16 آذار الماضي", "16 آذار الماضي", "2018-03-16"),
        ("في 16 نيسان الماضي", "16 نيسان الماضي", "2017-04-16"),
        ("في 16 الشهر الماضي", "16 الشهر الماضي", "2018-03-16"),
        ("في الـ15 من الشهر الجاري", "الـ15 من الشهر الجاري", "2018-04-15"),
        ("في الخامس عشر من الشهر الجاري", "الخامس عشر من الشهر الجاري", "2018-04-15"),
        ("في الحادي والعشرين من شهر أيلول الماضي", "الحادي والعشرين من شهر أيلول الماضي", "2017-09-21"),
    ],
)
def test_dates_year_from_context(text: str, span: str, value: str) -> None:
    mention = _only(text)
    assert (mention.text, mention.value, mention.kind) == (span, value, "absolute")
    assert not mention.year_inferred


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("قُتل يوم 3 نيسان", "2018-04-03"),
        ("قُتل يوم 20 نيسان", "2018-04-20"),  # within two days after publication
        ("قُتل يوم 3 أيار", "2017-05-03"),  # after publication: last year's
        ("killed on Aug. 12", "2017-08-12"),
    ],
)
def test_dates_year_inferred_from_publication(text: str, value: str) -> None:
    mention = _only(text)
    assert (mention.value, mention.year_inferred) == (value, True)
    assert "publication" in mention.note


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("قُتل 5 عناصر أمس", "أمس", "2018-04-18"),
        ("قُتل 5 عناصر يوم أمس الأربعاء", "يوم أمس الأربعاء", "2018-04-18"),
        ("قُتل 5 عناصر مساء أمس", "مساء أمس", "2018-04-18"),
        ("قُتل 5 عناصر البارحة", "البارحة", "2018-04-18"),
        ("قُتل 5 عناصر أمس الأول", "أمس الأول", "2018-04-17"),
        ("قُتل 5 عناصر أول أمس", "أول أمس", "2018-04-17"),
        ("قُتل 5 عناصر الليلة الماضية", "الليلة الماضية", "2018-04-18"),
        ("قُتل 5 عناصر فجر اليوم", "فجر اليوم", "2018-04-19"),
        ("قُتل 5 عناصر صباح اليوم الخميس", "صباح اليوم الخميس", "2018-04-19"),
        ("وقُتل 5 عناصر ظهر أمس", "ظهر أمس", "2018-04-18"),
        ("قُتل 5 عناصر قبل يومين", "قبل يومين", "2018-04-17"),
        ("قُتل 5 عناصر منذ يومين", "منذ يومين", "2018-04-17"),
        ("قُتل 5 عناصر قبل ثلاثة أيام", "قبل ثلاثة أيام", "2018-04-16"),
        ("قُتل 5 عناصر قبل 4 أيام", "قبل 4 أيام", "2018-04-15"),
        ("five were killed yesterday", "yesterday", "2018-04-18"),
        ("five were killed two days ago", "two days ago", "2018-04-17"),
    ],
)
def test_dates_relative_days(text: str, span: str, value: str) -> None:
    mention = _only(text)
    assert (mention.text, mention.value, mention.precision, mention.kind) == (span, value, 1, "relative")


def test_dates_relative_weekday_disagreement_noted() -> None:
    mention = _only("قُتل 5 عناصر يوم أمس الاثنين")
    assert mention.value == "2018-04-18"
    assert "WARNING" in mention.note and "Monday" in mention.note


def test_dates_relative_agreement_noted() -> None:
    assert "weekday agrees" in _only("قُتل 5 عناصر أمس الأربعاء").note


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("قُتل يوم الجمعة", "يوم الجمعة", "2018-04-13"),
        ("قُتل فجر الجمعة", "فجر الجمعة", "2018-04-13"),
        ("قُتل الأربعاء", "الأربعاء", "2018-04-18"),
        ("قُتل الخميس الماضي", "الخميس الماضي", "2018-04-12"),  # same weekday as publication
        ("قُتل يوم الخميس", "يوم الخميس", "2018-04-19"),  # bare weekday of publication: that day
        ("قُتل يوم السبت المقبل", "يوم السبت المقبل", "2018-04-21"),
        ("killed on Wednesday", "Wednesday", "2018-04-18"),
        ("killed early Thursday", "early Thursday", "2018-04-19"),  # the publication day, as in Arabic
        ("killed last Thursday", "last Thursday", "2018-04-12"),
        ("قُتل ليلة الثلاثاء إلى الأربعاء", "ليلة الثلاثاء إلى الأربعاء", "2018-04-17"),
        ("killed last Sunday", "last Sunday", "2018-04-15"),
    ],
)
def test_dates_weekdays(text: str, span: str, value: str) -> None:
    mention = _only(text)
    assert (mention.text, mention.value, mention.kind, mention.precision) == (span, value, "weekday", 1)


@pytest.mark.parametrize(
    ("text", "span", "value", "precision", "kind"),
    [
        ("خلال الأسبوع الماضي", "الأسبوع الماضي", "2018-04-12", 2, "relative"),
        ("خلال الشهر الماضي", "الشهر الماضي", "2018-03", 3, "month"),
        ("خلال الشهر الجاري", "الشهر الجاري", "2018-04", 3, "month"),
        ("خلال العام الماضي", "العام الماضي", "2017", 3, "year"),
        ("خلال السنة الحالية", "السنة الحالية", "2018", 3, "year"),
        ("في شهر آذار الماضي", "شهر آذار الماضي", "2018-03", 3, "month"),
        ("في آب الماضي", "آب الماضي", "2017-08", 3, "month"),
        ("في تشرين الثاني من العام الماضي", "تشرين الثاني من العام الماضي", "2017-11", 3, "month"),
        ("في آذار/مارس 2023", "آذار/مارس 2023", "2023-03", 3, "month"),
        ("في عام 2019", "عام 2019", "2019", 3, "year"),
        ("منذ انسحابه أواخر عام 2017", "أواخر عام 2017", "2017", 3, "year"),
        ("منذ أيام", "منذ أيام", "2018-04-16", 2, "relative"),
        ("قبل أسبوعين", "قبل أسبوعين", "2018-04-05", 2, "relative"),
        ("last week", "last week", "2018-04-12", 2, "relative"),
        ("last month", "last month", "2018-03", 3, "month"),
        ("in March 2021", "March 2021", "2021-03", 3, "month"),
    ],
)
def test_dates_periods(text: str, span: str, value: str, precision: int, kind: str) -> None:
    mention = _only(text)
    assert (mention.text, mention.value, mention.precision, mention.kind) == (span, value, precision, kind)


@pytest.mark.parametrize(
    ("text", "span", "value", "kind"),
    [
        ("منذ 24 مارس 2019 قُتل 1339 مدنياً", "منذ 24 مارس 2019", "2019-03-24", "since"),
        ("منذ 24 آذار/مارس 2011", "منذ 24 آذار/مارس 2011", "2011-03-24", "since"),
        ("منذ مطلع العام الجاري", "منذ مطلع العام الجاري", "2018", "since"),
        ("منذ بداية الشهر الجاري", "منذ بداية الشهر الجاري", "2018-04", "since"),
        ("منذ عام 2011", "منذ عام 2011", "2011", "since"),
        ("منذ 2011 قُتل الآلاف", "منذ 2011", "2011", "since"),
        ("since 2011, thousands died", "since 2011", "2011", "since"),
        ("وذلك في 2019", "2019", "2019", "year"),
        ("حتى 15 آذار 2023", "حتى 15 آذار 2023", "2023-03-15", "until"),
        ("since March 24, 2019", "since March 24, 2019", "2019-03-24", "since"),
        ("until 5 May 2020", "until 5 May 2020", "2020-05-05", "until"),
    ],
)
def test_dates_since_until(text: str, span: str, value: str, kind: str) -> None:
    mention = _only(text)
    assert (mention.text, mention.value, mention.kind) == (span, value, kind)


def test_dates_weekday_picks_year_without_publication() -> None:
    # 12 August fell on a Thursday only in 2021 between 2011 and 2023.
    mention = _only("قُتل الخميس 12 آب", None, latest_year=2023)
    assert (mention.value, mention.year_inferred) == ("2021-08-12", True)
    assert "only year" in mention.note


def test_dates_weekday_ambiguous_year_left_open() -> None:
    # 15 March was a Wednesday in 2017 and 2023.
    mention = _only("الأربعاء 15 آذار", None, latest_year=2023)
    assert (mention.value, mention.year_inferred) == ("--03-15", False)


def test_dates_weekday_overrides_publication_year_when_it_disagrees() -> None:
    mention = _only("قُتل الخميس 12 آب", date(2023, 3, 1))
    assert (mention.value, mention.year_inferred) == ("2021-08-12", True)


@pytest.mark.parametrize(
    ("text", "span", "value", "precision"),
    [
        ("بين 5 و6 آذار 2023", "5 و6 آذار 2023", "2023-03-05", 2),
        ("من 5 إلى 7 آذار 2023", "5 إلى 7 آذار 2023", "2023-03-05", 2),
        ("on 5-7 March 2023", "5-7 March 2023", "2023-03-05", 2),
        ("من 1 إلى 20 آذار 2023", "1 إلى 20 آذار 2023", "2023-03-01", 3),
    ],
)
def test_dates_day_ranges_take_first_day(text: str, span: str, value: str, precision: int) -> None:
    mention = _only(text)
    assert (mention.text, mention.value, mention.precision) == (span, value, precision)


def test_dates_written_weekday_disagreement_noted() -> None:
    mention = _only("الجمعة 15 آذار 2023")
    assert mention.value == "2023-03-15"
    assert "WARNING" in mention.note


def test_dates_day_month_without_year_or_publication() -> None:
    assert _only("في 12 آب", None).value == "--08-12"


@pytest.mark.parametrize(
    "text",
    ["قُتل 5 عناصر أمس", "قُتل يوم الجمعة", "خلال الأسبوع الماضي", "في 16 الشهر الماضي", "قبل يومين"],
)
def test_dates_relative_without_publication_is_none(text: str) -> None:
    mention = _only(text, None)
    assert mention.value is None
    assert "publication" in mention.note


@pytest.mark.parametrize(
    "text",
    [
        "في اليوم التالي للهجوم",
        "اليوم الأول من المعركة",
        "قبل يومين من الهجوم",
        "في 31 شباط 2020",
        "مارس الضغط على الفصائل",
        "الساعة 10:30",
        "نسبة 2.5 من السكان",
    ],
)
def test_dates_not_dates(text: str) -> None:
    assert find_dates(text, PUB) == []


def test_dates_several_in_order_with_offsets() -> None:
    text = "قُتل عنصران أمس، بعد هجوم مماثل في 3 نيسان الجاري، وثالث منذ 24 آذار 2011"
    found = find_dates(text, PUB)
    assert [m.value for m in found] == ["2018-04-18", "2018-04-03", "2011-03-24"]
    assert [m.kind for m in found] == ["relative", "absolute", "since"]
    for mention in found:
        assert text[mention.start:mention.end] == mention.text


def test_dates_accepts_normalized_text_with_diacritics() -> None:
    text = "قُتِلَ خمسةٌ أَمْسِ الأربعاءَ"
    mention = find_dates(NormalizedText(text), PUB)[0]
    assert mention.value == "2018-04-18"
    assert text[mention.start:mention.end] == mention.text


def test_dates_unresolved_weekday_is_kept_past_or_this_week_only():
    """No publication date: the weekday a phrase names is kept for merging, not a coming one."""
    days = {m.text: m.weekday for m in find_dates(
        "قتل ثلاثة مساء الخميس، فيما دعا البرلمان لجلسة الاثنين المقبل، بعد هجوم أمس الأربعاء", None)}
    assert days == {"مساء الخميس": 3, "الاثنين المقبل": None, "أمس الأربعاء": 2}
