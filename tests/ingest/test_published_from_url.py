"""A report with no publication date in its metadata or text takes the date its URL carries."""

from __future__ import annotations

from datetime import date

from marsad.ingest import read_text
from marsad.ingest.metadata import published_from_url
from marsad.pipeline import Pipeline

TEXT = "قتل ثلاثة عناصر من قوات النظام أمس بهجوم لمسلحين على حاجز قرب مدينة الميادين شرقي دير الزور."


def test_the_date_in_the_url_path_is_the_publication_date() -> None:
    doc = read_text(TEXT, url="https://news.example.org/2021/10/28/attack-near-mayadin/")
    assert (doc.published, doc.published_from) == (date(2021, 10, 28), "url")


def test_a_relative_date_resolves_against_the_url_date() -> None:
    doc = Pipeline.default()(read_text(TEXT, url="https://news.example.org/2021/10/28/attack-near-mayadin/"))
    assert [e.event_date for e in doc.events] == ["2021-10-27"]


def test_metadata_and_text_dates_come_before_the_url() -> None:
    given = read_text(TEXT, url="https://news.example.org/2021/10/28/x/", published="2021-11-02")
    assert (given.published, given.published_from) == (date(2021, 11, 2), "given")
    dateline = read_text("دير الزور - 29 تشرين الأول 2021\n" + TEXT, url="https://news.example.org/2021/10/28/x/")
    assert dateline.published_from != "url"


def test_a_url_without_a_date_gives_none() -> None:
    assert published_from_url("https://news.example.org/news/154295/like") is None
    assert published_from_url("https://news.example.org/?p=36434") is None
    assert published_from_url(None) is None
    assert read_text(TEXT, url="https://news.example.org/news/154295").published is None
