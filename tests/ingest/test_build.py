"""In-memory reports: read_text ids, published, language, errors."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.document import stable_id
from marsad.errors import InputError
from marsad.ingest import read_text

TEXT = "قتل عنصران من قوات النظام بانفجار لغم في ريف حمص الشرقي.\nوأصيب ثالث بجروح خطيرة."


def test_build_read_text_id_defaults_to_stable_id():
    assert read_text(TEXT, published="2023-01-01").id == stable_id(text=TEXT)
    assert read_text(TEXT, url="https://e.example/7", published="2023-01-01").id == stable_id(url="https://e.example/7")
    assert read_text(TEXT, id="r-1", published="2023-01-01").id == "r-1"


def test_build_read_text_keeps_raw_and_fields():
    doc = read_text(TEXT + "\nFacebook", id="r", url="u", outlet="o", title="t", published=date(2023, 2, 3))
    assert doc.raw == TEXT + "\nFacebook" and doc.text == TEXT
    assert (doc.url, doc.outlet, doc.title, doc.published, doc.published_from) == ("u", "o", "t", date(2023, 2, 3), "given")
    assert doc.source_path is None


def test_build_read_text_bad_published():
    with pytest.raises(InputError, match=r"^r: 'published' is not an ISO date: '2023-02-30'$"):
        read_text(TEXT, id="r", published="2023-02-30")


def test_build_read_text_empty():
    with pytest.raises(InputError, match=r"^<text>: empty text$"):
        read_text(" \n ")


def test_build_read_text_only_boilerplate():
    with pytest.raises(InputError, match="no text left after removing boilerplate"):
        read_text("Facebook\nWhatsApp\n—")


def test_build_language_detection():
    assert read_text(TEXT, published="2023-01-01").language == "ar"
    english = "Two soldiers were killed by a landmine east of Homs, the Observatory said."
    assert read_text(english, published="2023-01-01").language == "en"


@pytest.mark.parametrize(("first", "title"), [
    ("مقتل عنصرين بانفجار لغم في ريف حمص", "مقتل عنصرين بانفجار لغم في ريف حمص"),
    ("القامشلي – نورث برس", None),  # too short: a dateline, not a headline
    ("الأربعاء 15 آذار/مارس 2023", None),  # a dated dateline
    ("قتل عنصران من قوات النظام بانفجار لغم في ريف حمص.", None),  # a sentence
])
def test_build_title_from_first_line(first, title):
    doc = read_text(first + "\n" + TEXT, published="2023-01-01")
    assert doc.title == title
