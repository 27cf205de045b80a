"""Listings: RSS and Atom feeds, news sitemaps and sitemap indexes, HTML listing pages."""

from __future__ import annotations

import pytest

from marsad.errors import InputError
from marsad.watch.fetch import Page
from marsad.watch.listing import canonical_url, detect_kind, parse_listing


def _page(site, path: str) -> Page:  # type: ignore[no-untyped-def]
    body, content_type, _ = site.document(path)
    return Page(site.url(path), site.url(path), 200, body, content_type.split(";")[0])


@pytest.fixture
def published(site):  # type: ignore[no-untyped-def]
    for slug in ("ariha", "mayadin", "qamishli"):
        site.publish(slug)
    return site


@pytest.mark.parametrize("path, kind", [("/feed.xml", "feed"), ("/atom.xml", "feed"), ("/sitemap.xml", "sitemap"),
                                        ("/sitemap-index.xml", "sitemap"), ("/news/", "listing")])
def test_listing_detects_kind(published, path, kind) -> None:  # type: ignore[no-untyped-def]
    assert detect_kind(_page(published, path)) == kind


@pytest.mark.parametrize("path", ["/feed.xml", "/atom.xml", "/sitemap.xml"])
def test_listing_reads_report_urls_titles_and_dates(published, path) -> None:  # type: ignore[no-untyped-def]
    listing = parse_listing(_page(published, path))
    urls = {item.url for item in listing.items}
    assert urls == {published.url(f"/news/{s}.html") for s in ("ariha", "mayadin", "qamishli")}
    ariha = next(i for i in listing.items if i.url.endswith("ariha.html"))
    assert ariha.item["title"] == "قصف مدفعي على أريحا جنوبي إدلب"
    assert ariha.item["published"] == "2026-05-05"
    assert ariha.signature and ariha.host == published.url("").split("//")[1]


def test_listing_atom_keeps_the_item_text(published) -> None:  # type: ignore[no-untyped-def]
    listing = parse_listing(_page(published, "/atom.xml"))
    assert all("قتل" in item.item["text"] for item in listing.items)


def test_listing_signature_changes_when_a_report_is_updated(published) -> None:  # type: ignore[no-untyped-def]
    before = {i.url: i.signature for i in parse_listing(_page(published, "/sitemap.xml")).items}
    published.change("ariha", "نص معدل")
    after = {i.url: i.signature for i in parse_listing(_page(published, "/sitemap.xml")).items}
    changed = [url for url in before if before[url] != after[url]]
    assert changed == [published.url("/news/ariha.html")]


def test_listing_sitemap_index_lists_child_sitemaps(published) -> None:  # type: ignore[no-untyped-def]
    listing = parse_listing(_page(published, "/sitemap-index.xml"))
    assert listing.items == [] and listing.children == [published.url("/sitemap.xml")]


def test_listing_page_links_skip_navigation_and_other_sites(published) -> None:  # type: ignore[no-untyped-def]
    published.extra_links = ["/tag/syria/", "https://elsewhere.example/news/1.html", "/media/photo.jpg",
                             "/news/ariha.html#comments"]
    urls = sorted(i.url for i in parse_listing(_page(published, "/news/")).items)
    assert urls == sorted(published.url(f"/news/{s}.html") for s in ("ariha", "mayadin", "qamishli"))


def test_listing_page_match_selects_report_urls(published) -> None:  # type: ignore[no-untyped-def]
    listing = parse_listing(_page(published, "/news/"), match=r"/news/(ariha|daraa)\.html$")
    assert [i.url for i in listing.items] == [published.url("/news/ariha.html")]


def test_listing_limit_keeps_the_newest(published) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from newsite import DAY

    published.publish("daraa", at=DAY + timedelta(days=1))
    listing = parse_listing(_page(published, "/feed.xml"), limit=1)
    assert [i.url for i in listing.items] == [published.url("/news/daraa.html")]


def test_listing_age_limit_drops_old_reports(published) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime, timezone

    published.publish("daraa", at=datetime.now(timezone.utc))
    listing = parse_listing(_page(published, "/sitemap.xml"), max_age_days=30)
    assert [i.url for i in listing.items] == [published.url("/news/daraa.html")]


@pytest.mark.parametrize("body, problem", [
    (b"<?xml version='1.0'?><rss version='2.0'><channel><title>x</title><item><title>a</ti", "malformed feed"),
    (b"<?xml version='1.0'?><urlset><oops", "malformed sitemap"),
    (b"\x00\x01\x02binary", "neither a feed, a sitemap nor an HTML page"),
])
def test_listing_malformed_raises_input_error(site, body, problem) -> None:  # type: ignore[no-untyped-def]
    page = Page(site.url("/feed.xml"), site.url("/feed.xml"), 200, body, "application/xml")
    with pytest.raises(InputError) as info:
        parse_listing(page)
    assert problem in str(info.value) and site.url("/feed.xml") in str(info.value)


def test_listing_empty_feed_is_not_a_fault(site) -> None:  # type: ignore[no-untyped-def]
    body = b"<?xml version='1.0'?><rss version='2.0'><channel><title>quiet</title></channel></rss>"
    assert parse_listing(Page(site.url("/feed.xml"), site.url("/feed.xml"), 200, body, "application/xml")).items == []


def test_listing_truncated_feed_keeps_whole_items(published) -> None:  # type: ignore[no-untyped-def]
    body = _page(published, "/feed.xml").body
    cut = body[: body.rindex(b"<item>") + 20]  # the last item cut in its middle
    page = Page(published.url("/feed.xml"), published.url("/feed.xml"), 200, cut, "application/rss+xml")
    assert len(parse_listing(page).items) == 2


def test_canonical_url_drops_fragment_and_tracking() -> None:
    url = "HTTP://Example.ORG/news/1.html?id=3&utm_source=x&fbclid=y#top"
    assert canonical_url(url) == "http://example.org/news/1.html?id=3"
