"""Night words and weekdays that name the publication day."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.text.dates import find_dates

PUB = date(2023, 6, 6)  # a Tuesday


@pytest.mark.parametrize("text", ["هاجموا منتصف الليلة الفائتة حاجزا", "قصفت الطائرات الليلة المنصرمة مواقع",
                                  "قُتل شاب ليلة البارحة في البلدة", "هاجموا الليلة الماضية نقطة"])
def test_dates_last_night_is_the_day_before_publication(text: str) -> None:
    assert [m.value for m in find_dates(text, PUB)] == ["2023-06-05"]


def test_dates_bare_weekday_of_publication_is_that_day() -> None:
    assert [m.value for m in find_dates("أفاد مصدر أمني، يوم الثلاثاء، بمقتل جندي", PUB)] == ["2023-06-06"]


def test_dates_last_weekday_of_publication_is_a_week_back() -> None:
    assert [m.value for m in find_dates("قُتل جندي الثلاثاء الماضي", PUB)] == ["2023-05-30"]
