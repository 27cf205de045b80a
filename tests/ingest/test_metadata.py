"""Publication dates from datelines and footers; language; ISO dates."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.ingest import detect_language, read_path, read_text
from marsad.ingest.metadata import dateline_date, footer_date, parse_iso_date

BODY = "قتل مدنيان وأصيب ثلاثة آخرون بجروح جراء قصف مدفعي استهدف بلدة كفرنبل في ريف إدلب الجنوبي، بحسب الدفاع المدني."
BODY2 = "وقال الدفاع المدني إن فرقه أسعفت المصابين إلى مستشفى قريب، وإن القصف طال أيضاً أطراف بلدة حاس المجاورة."
EN_BODY = "Islamic State fighters killed four soldiers in an ambush on a convoy near the town, a monitor said."


@pytest.mark.parametrize(("line", "expected"), [
    ("دير الزور - 14 آذار 2023", date(2023, 3, 14)),
    ("الأربعاء 3 أيار/مايو 2023", date(2023, 5, 3)),
    ("DEIR EZ-ZOR, Syria, March 14, 2023 (AFP) - " + EN_BODY, date(2023, 3, 14)),
])
def test_metadata_dateline_formats(line, expected):
    assert dateline_date(line) == expected


def test_metadata_dateline_sets_published():
    doc = read_text("\n".join(["كمين في البادية", "دير الزور - 14 آذار 2023", BODY, BODY2]))
    assert (doc.published, doc.published_from) == (date(2023, 3, 14), "text-dateline")


def test_metadata_english_dateline_in_first_paragraph():
    doc = read_text("\n".join(["IS ambush kills four", "DEIR EZ-ZOR, Syria, March 14, 2023 (AFP) - " + EN_BODY]))
    assert (doc.published, doc.published_from) == (date(2023, 3, 14), "text-dateline")


def test_metadata_footer_view_counter_sets_published():
    doc = read_text("\n".join([BODY, BODY2, "19 أبريل، 2018 782 مشاهدات", "أقسام", "أخبار"]))
    assert (doc.published, doc.published_from) == (date(2018, 4, 19), "text-footer")
    assert doc.removed[0].reason == "view-counter"
    assert "2018" not in doc.text


def test_metadata_footer_date_line_sets_published():
    doc = read_text("\n".join([BODY, BODY2, BODY, BODY2, BODY, BODY2, BODY, "نشر في 9 حزيران 2022"]))
    assert (doc.published, doc.published_from) == (date(2022, 6, 9), "text-footer")


def test_metadata_dateline_wins_over_footer():
    doc = read_text("\n".join(["حماة - 7 أيار 2023", BODY, BODY2, "8 أيار، 2023 1,204 مشاهدات"]))
    assert (doc.published, doc.published_from) == (date(2023, 5, 7), "text-dateline")


def test_metadata_fixture_dateline(fixtures):
    (doc,) = read_path(fixtures / "report_ar.txt")
    assert (doc.published, doc.published_from) == (date(2023, 5, 7), "text-dateline")


def test_metadata_metadata_date_wins_over_text():
    doc = read_text("\n".join(["دير الزور - 14 آذار 2023", BODY]), published="2023-03-15")
    assert (doc.published, doc.published_from) == (date(2023, 3, 15), "given")


@pytest.mark.parametrize("lines", [
    [BODY, BODY2],
    ["دير الزور - 14 آذار", BODY, BODY2],  # no year: not a publication date
    ["كمين في البادية", "قتل تسعة عناصر في هجوم على رتل عسكري قرب السخنة مساء الثلاثاء 14 آذار 2023، وفق ما أفادت "
     "به مصادر محلية لمراسل الشبكة في المنطقة التي تشهد هجمات متكررة منذ أشهر.", BODY2],
])
def test_metadata_no_publication_date(lines):
    doc = read_text("\n".join(lines))
    assert doc.published is None and doc.published_from is None


def test_metadata_footer_date_ignores_long_lines():
    assert footer_date(BODY + " 14 آذار 2023") is None


@pytest.mark.parametrize(("text", "expected"), [
    (BODY, "ar"),
    (EN_BODY, "en"),
    ("قال المرصد السوري (SOHR) إن داعش (ISIS) قتل 4 عناصر في ريف دير الزور.", "ar"),
    ("The Syrian Observatory (المرصد السوري) said four soldiers were killed near Palmyra.", "en"),
])
def test_metadata_detect_language(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("2023-03-14", date(2023, 3, 14)),
    ("2023-03-14T23:30:00+03:00", date(2023, 3, 14)),
    ("2023-03-14T10:00:00Z", date(2023, 3, 14)),
    (date(2023, 3, 14), date(2023, 3, 14)),
])
def test_metadata_parse_iso_date(value, expected):
    assert parse_iso_date(value) == expected


@pytest.mark.parametrize("value", ["20230314", "14/03/2023", "2023-13-45", "March 14, 2023"])
def test_metadata_parse_iso_date_refuses(value):
    with pytest.raises(ValueError):
        parse_iso_date(value)


def test_metadata_short_body_sentence_with_date_is_not_a_footer():
    doc = read_text("\n".join(["قصف على إدلب", "وقعت المجزرة في قرية البارة بريف إدلب الجنوبي يوم 14 آذار 2023."]))
    assert doc.published is None


def test_metadata_dateline_in_removed_byline():
    doc = read_text("\n".join(["كمين في البادية السورية الشرقية", "كتب: فريق التحرير | الخميس 15 حزيران 2023", BODY, BODY2]))
    assert doc.removed[0].reason == "byline"
    assert (doc.published, doc.published_from) == (date(2023, 6, 15), "text-dateline")


def test_metadata_dateline_window_skips_share_buttons():
    lines = ["كمين في البادية السورية الشرقية", "Facebook", "WhatsApp", "Telegram", "Twitter", "شارك",
             "حمص - 2 نيسان 2023", BODY, BODY2]
    doc = read_text("\n".join(lines))
    assert (doc.published, doc.published_from) == (date(2023, 4, 2), "text-dateline")


@pytest.mark.parametrize("opening", [
    "شبكة الرصد/ أفاد مصدر أمني في محافظة كركوك، اليوم السبت 2 كانون الأول/ديسمبر 2023، بمقتل جنديين بهجوم لمسلحين.",
    "Security sources in Kirkuk said today, Saturday, 2 December 2023, that two soldiers were killed in an attack.",
])
def test_metadata_today_date_in_opening(opening):
    doc = read_text("\n".join(["مقتل جنديين بهجوم في كركوك", opening, BODY2]))
    assert (doc.published, doc.published_from) == (date(2023, 12, 2), "text-dateline")
