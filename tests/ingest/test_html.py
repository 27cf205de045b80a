"""HTML pages: main text, title, date, outlet; broken pages."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.errors import InputError
from marsad.ingest import read_html, read_path
from marsad.ingest.html import domain_of

PARAGRAPH = "قتل مدنيان وأصيب ثلاثة آخرون بجروح جراء قصف مدفعي استهدف بلدة كفرنبل في ريف إدلب الجنوبي، بحسب الدفاع المدني."
PARAGRAPH2 = "وقال الدفاع المدني إن فرقه أسعفت المصابين إلى مستشفى قريب، وإن القصف طال أيضاً أطراف بلدة حاس المجاورة."


def _page(head: str = "", body: str = "") -> str:
    return (f"<html><head><meta charset='utf-8'>{head}</head><body><article>{body}"
            f"<p>{PARAGRAPH}</p><p>{PARAGRAPH2}</p></article></body></html>")


def test_html_fixture_text_and_metadata(fixtures):
    (doc,) = read_path(fixtures / "page_ar.html")
    lines = doc.text.splitlines()
    assert lines[0] == "قصف مدفعي يستهدف قرى جبل الزاوية جنوبي إدلب"
    assert lines[1].startswith("قتلت امرأة وأصيب ثلاثة أطفال")
    assert lines[-1].startswith("وتتعرض قرى جبل الزاوية")
    assert "الرئيسية" not in doc.text and "جميع الحقوق" not in doc.text
    assert doc.id == "page_ar"
    assert doc.title == "قصف مدفعي يستهدف قرى جبل الزاوية جنوبي إدلب"
    assert doc.published == date(2023, 6, 12) and doc.published_from == "html-meta"
    assert doc.outlet == "شبكة الرصد"
    assert doc.url == "https://www.example-rasd.org/news/2023/06/shelling-zawiya"
    assert doc.raw.startswith("<!DOCTYPE html>")
    assert ("(صورة: الدفاع المدني السوري)", "photo-credit") in [(r.text, r.reason) for r in doc.removed]


def test_html_outlet_from_canonical_domain():
    doc = read_html(_page('<link rel="canonical" href="https://www.north-example.net/ar/news/77">'))
    assert doc.outlet == "north-example.net"
    assert doc.url == "https://www.north-example.net/ar/news/77"


@pytest.mark.parametrize(("head", "body", "expected"), [
    ('<meta property="article:published_time" content="2022-11-03T22:10:00+03:00">', "", date(2022, 11, 3)),
    ('<meta property="og:updated_time" content="2022-11-04">', "", date(2022, 11, 4)),
    ('<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",'
     '"datePublished":"2021-02-03T10:00:00Z"}</script>', "", date(2021, 2, 3)),
    ("", '<time datetime="2020-07-08T09:00:00+03:00">8 تموز 2020</time>', date(2020, 7, 8)),
])
def test_html_publication_date_from_markup(head, body, expected):
    doc = read_html(_page(head, body))
    assert doc.published == expected and doc.published_from == "html-meta"


def test_html_given_values_win_over_page():
    head = '<meta property="og:site_name" content="Page Site"><meta property="article:published_time" content="2022-11-03">'
    doc = read_html(_page(head), id="x1", url="https://a.example/1", published="2023-01-02", outlet="Given", title="T")
    assert (doc.id, doc.outlet, doc.title, doc.published, doc.published_from) == (
        "x1", "Given", "T", date(2023, 1, 2), "given")


def test_html_truncated_page_still_gives_text(fixtures):
    (doc,) = read_path(fixtures / "truncated.html")
    assert doc.text.startswith("اندلعت اشتباكات عنيفة بين عناصر من قوات سوريا الديمقراطية")
    assert "وأفادت مصادر محلية" in doc.text


def test_html_page_without_text_is_a_clear_error(fixtures):
    with pytest.raises(InputError, match=r"no_text\.html: no article text found$"):
        list(read_path(fixtures / "no_text.html"))


def test_html_garbage_is_a_clear_error():
    with pytest.raises(InputError, match=r"^<html>: no article text found$"):
        read_html("<<<>>>")


def test_html_windows_1256_page_with_meta_charset(tmp_path):
    page = _page().replace("charset='utf-8'", "charset='windows-1256'")
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("cp1256"))
    (doc,) = read_path(path)
    assert doc.text.splitlines() == [PARAGRAPH, PARAGRAPH2]
    assert doc.meta["encoding"] == "cp1256"


def test_html_domain_of():
    assert domain_of("https://www.enabbaladi.example/archives/1") == "enabbaladi.example"
    assert domain_of(None) is None


def test_html_plain_text_without_markup_passes_through():
    doc = read_html("قتل ثلاثة أشخاص بقصف مدفعي على القرية &amp; أطرافها", published="2023-01-01")
    assert doc.text == "قتل ثلاثة أشخاص بقصف مدفعي على القرية & أطرافها"
