""""منتصف آذار" / "mid-March": the middle of a month is its 15th, at week precision."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.text.dates import find_dates

PUB = date(2021, 3, 25)


@pytest.mark.parametrize("text, phrase", [
    ("قتل ثلاثة عناصر في منتصف آذار الجاري بهجوم قرب الميادين", "منتصف آذار الجاري"),
    ("قتل ثلاثة عناصر في أواسط شهر آذار 2021 بهجوم قرب الميادين", "أواسط شهر آذار 2021"),
    ("Three soldiers were killed in mid-March 2021 near al-Mayadin", "mid-March 2021"),
    ("Three soldiers were killed in the middle of March 2021 near al-Mayadin", "the middle of March 2021"),
])
def test_the_middle_of_a_month_is_its_fifteenth_at_week_precision(text: str, phrase: str) -> None:
    [mention] = find_dates(text, PUB)
    assert (mention.text, mention.value, mention.precision) == (phrase, "2021-03-15", 2)
    assert "middle of the month" in mention.note


def test_a_month_without_middle_stays_a_month() -> None:
    [mention] = find_dates("قتل ثلاثة عناصر في آذار 2021 بهجوم قرب الميادين", PUB)
    assert (mention.value, mention.precision) == ("2021-03", 3)



def test_a_relative_day_without_publication_date_keeps_its_offset() -> None:
    [today, yesterday] = find_dates("قتل أربعة مدنيين مساء اليوم، وأمس قتل جندي", None)
    assert (today.value, today.offset, yesterday.value, yesterday.offset) == (None, 0, None, -1)
    [dated] = find_dates("قتل جندي أمس", PUB)
    assert (dated.value, dated.offset) == ("2021-03-24", None)
