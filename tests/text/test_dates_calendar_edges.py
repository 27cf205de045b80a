"""Date arithmetic near the calendar's ends (years 1 and 9999) never raises (issue 15)."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.text.dates import find_dates

# Every phrase kind that computes from the publication date: day words, weekdays (last and next),
# weeks, months, years, "ago", a day of a relative month, a day-month without a year.
RELATIVE = [
    "قتل خمسة مدنيين يوم الجمعة الماضي", "قتل شاب أمس", "قتل شاب غدا", "اشتباكات الأسبوع المقبل",
    "اشتباكات الشهر المقبل", "العام المقبل", "منذ ثلاثة أشهر", "في 16 الشهر المقبل", "يوم 16 آذار",
    "killed last Friday", "next Friday", "two days ago", "on 31 December", "يوم الاثنين",
]
EDGES = [date(1, 1, 1), date(1, 1, 3), date(9999, 12, 31), date(9999, 12, 28), date(1, 12, 31)]


@pytest.mark.parametrize("published", EDGES, ids=str)
@pytest.mark.parametrize("text", RELATIVE)
def test_dates_calendar_edges_never_raise(text: str, published: date) -> None:
    found = find_dates(text, published)
    assert found, text
    for mention in found:  # unresolved, or a day-month whose year is left open ("--12-31")
        assert mention.value is None or mention.value.startswith("--"), (text, published, mention)


@pytest.mark.parametrize("text", ["في 0001-01-01 قتل شاب", "بتاريخ 9999-12-31", "بتاريخ 31/12/9999"])
def test_dates_calendar_edges_written_years_outside_range_are_not_dates(text: str) -> None:
    assert all(m.value is None for m in find_dates(text, date(2024, 3, 5)))


def test_dates_calendar_edges_range_ends_still_resolve() -> None:
    from marsad.text.dates import WRITTEN_YEARS

    last = date(WRITTEN_YEARS[1], 12, 31)
    (yesterday,) = find_dates("قتل شاب أمس", last)
    assert yesterday.value == f"{WRITTEN_YEARS[1]}-12-30"
    (tomorrow,) = find_dates("قتل شاب غدا", last)
    assert tomorrow.value is None and "outside" in tomorrow.note
