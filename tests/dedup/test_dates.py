"""Date windows of mentions."""

from __future__ import annotations

from datetime import date

from marsad.dedup import date_window


def test_dates_exact_day():
    window = date_window("2024-03-05", 1, None)
    assert (window.lo, window.hi, window.kind) == (date(2024, 3, 5), date(2024, 3, 5), "exact")


def test_dates_month_precision_covers_the_month():
    window = date_window("2024-02-10", 3, None)
    assert (window.lo, window.hi, window.kind) == (date(2024, 2, 1), date(2024, 2, 29), "window")


def test_dates_partial_date_after_publication_goes_to_previous_year():
    assert date_window("--12-30", 1, date(2024, 1, 2)).lo == date(2023, 12, 30)


def test_dates_no_date_implies_days_before_publication():
    window = date_window(None, None, date(2024, 3, 5))
    assert (window.lo, window.hi, window.kind) == (date(2024, 3, 3), date(2024, 3, 5), "implied")


def test_dates_nothing_known_gives_none():
    assert date_window(None, None, None) is None
    assert date_window("not-a-date", 1, None) is None
