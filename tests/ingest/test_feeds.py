"""RSS and Atom feeds: one Document per item."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.errors import InputError
from marsad.ingest import read_feed_bytes, read_path


def test_feeds_rss_items(fixtures):
    errors: list[InputError] = []
    first, second = read_path(fixtures / "feed_ar.xml", on_error=errors.append)
    assert first.id == "rasd-feed-101"
    assert second.id == "https://example-rasd.org/news/102"  # no guid: the link
    assert first.url == "https://example-rasd.org/news/101"
    assert first.title == "مقتل عنصرين من قسد بهجوم في ريف الرقة"
    assert (first.published, first.published_from) == (date(2023, 3, 14), "feed")
    assert first.outlet == second.outlet == "شبكة الرصد"
    assert first.text.splitlines()[0].startswith("قتل عنصران من قوات سوريا الديمقراطية")
    assert "<p>" not in first.text and "Facebook" not in first.text
    assert first.raw.startswith("<p>")
    assert second.text.startswith("استهدفت طائرة مسيرة تركية")  # from <description>
    assert [str(e) for e in errors] == [f"{fixtures / 'feed_ar.xml'}: item 3: no text (no content, summary or description)"]


def test_feeds_atom_entry(fixtures):
    (doc,) = read_path(fixtures / "feed_ar.atom")
    assert (doc.id, doc.outlet, doc.url) == ("urn:example:sharq:55", "مرصد الشرق", "https://example-sharq.org/2023/04/55")
    assert doc.published == date(2023, 4, 2)
    assert doc.text.startswith("اندلعت اشتباكات بين فصيلين")


def test_feeds_bad_item_raises_without_on_error(fixtures):
    with pytest.raises(InputError, match=r"feed_ar\.xml: item 3: no text"):
        list(read_path(fixtures / "feed_ar.xml"))


def test_feeds_not_a_feed(tmp_path):
    path = tmp_path / "notes.xml"
    path.write_text("<notes><note>قتل شخص</note></notes>", encoding="utf-8")
    with pytest.raises(InputError, match=r"notes\.xml: not an RSS or Atom feed with items"):
        list(read_path(path))


def test_feeds_local_day_of_pubdate_and_plain_summary():
    rss = ("<rss version='2.0'><channel><title>T</title><item><title>x</title><link>https://e.example/1</link>"
           "<pubDate>Wed, 15 Mar 2023 01:30:00 +0300</pubDate>"
           "<description>قصف مدفعي على قرية &amp; أطرافها</description></item></channel></rss>")
    (doc,) = read_feed_bytes(rss.encode("utf-8"), name="f.rss")
    assert doc.published == date(2023, 3, 15)  # the outlet's day, not UTC's 14 March
    assert doc.text == "قصف مدفعي على قرية & أطرافها"


def test_feeds_windows_1256_declared_feed():
    rss = ("<?xml version='1.0' encoding='windows-1256'?><rss version='2.0'><channel><title>شبكة</title>"
           "<item><guid>g1</guid><pubDate>Wed, 15 Mar 2023 10:00:00 +0200</pubDate>"
           "<description>قتل شخصان بانفجار لغم في ريف حماة.</description></item></channel></rss>")
    (doc,) = read_feed_bytes(rss.encode("cp1256"), name="f.rss")
    assert (doc.id, doc.outlet, doc.text) == ("g1", "شبكة", "قتل شخصان بانفجار لغم في ريف حماة.")
