"""What a source lists: report URLs from an RSS/Atom feed, a (news) sitemap or an HTML listing page.

Every listed URL comes with a ``signature`` of what the listing says about it (the feed item's
dates, title and text; the sitemap's lastmod): when it changes, the report is fetched again
(conditionally) and, if its text changed, coded again. A listing page gives no such signal,
so its links are fetched once.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import courlan
import feedparser
import lxml.etree
import lxml.html

from marsad.errors import InputError
from marsad.ingest.encoding import decode_bytes
from marsad.ingest.feeds import entry_fields
from marsad.ingest.metadata import parse_iso_date
from marsad.store.watch import Listed
from marsad.watch.fetch import Page, host_of

log = logging.getLogger(__name__)

KINDS = ("auto", "feed", "sitemap", "listing")
_FEED_ROOT = re.compile(rb"<(?:[\w-]+:)?(rss|feed|RDF)[\s>]")
_SITEMAP_ROOT = re.compile(rb"<(?:[\w-]+:)?(urlset|sitemapindex)[\s>]")
_HTML_START = re.compile(rb"<(!doctype\s+html|html)[\s>]", re.I)
_NOT_REPORTS = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|pdf|mp[34]|avi|mov|zip|rar|docx?|xlsx?|pptx?|css|js|ico)$",
                          re.I)
_CHROME = ("nav", "header", "footer", "aside", "form", "script", "style", "noscript")
_TRACKING = re.compile(r"(?:^|&)(?:utm_[a-z]+|fbclid|gclid|mc_[a-z]+)=[^&]*", re.I)


@dataclass(frozen=True, slots=True)
class Listing:
    """A parsed listing: its kind, the reports it lists, and (sitemap index) the sitemaps it lists."""

    kind: str
    items: list[Listed]
    children: list[str] = field(default_factory=list)


def canonical_url(url: str) -> str:
    """A report URL as the queue keys it: no fragment, no tracking parameters, host lower-cased."""
    url, _fragment = urldefrag(url.strip())
    parts = urlsplit(url)
    query = _TRACKING.sub("", parts.query).lstrip("&")
    return parts._replace(scheme=parts.scheme.lower(), netloc=parts.netloc.lower(), query=query).geturl()


def detect_kind(page: Page) -> str:
    """feed, sitemap or listing, from the first bytes (Content-Type is often wrong)."""
    head = page.body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if _SITEMAP_ROOT.search(head):
        return "sitemap"
    if _FEED_ROOT.search(head):
        return "feed"
    if _HTML_START.search(head) or (page.content_type or "").endswith("html"):
        return "listing"
    raise InputError(f"{page.final_url}: neither a feed, a sitemap nor an HTML page"
                     f" (content type {page.content_type or 'not given'})")


def parse_listing(page: Page, *, kind: str = "auto", match: str | None = None, limit: int = 500,
                  max_age_days: float | None = None) -> Listing:
    """The reports (and child sitemaps) a fetched listing names; raise ``InputError`` when malformed."""
    kind = detect_kind(page) if kind == "auto" else kind
    if kind == "feed":
        items = feed_items(page)
    elif kind == "sitemap":
        items, children = sitemap_entries(page)
        return Listing("sitemap", _select(items, limit, max_age_days), children)
    else:
        items = page_links(page, match=match)
    return Listing(kind, _select(items, limit, max_age_days))


def feed_items(page: Page) -> list[Listed]:
    """One entry per RSS/Atom item with a link (an item without one is queued with its own text).
    A well-formed feed may be empty; a broken one must still give whole items."""
    parsed = feedparser.parse(page.body, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        problem = f" ({parsed.bozo_exception})" if parsed.bozo else ""
        raise InputError(f"{page.final_url}: not an RSS or Atom feed{problem}")
    out = []
    for entry in parsed.entries:
        fields = entry_fields(entry)
        link = fields["link"] and urljoin(page.final_url, fields["link"])
        key = link or (f"{page.final_url}#{fields['guid']}" if fields["guid"] else None)
        if not key or not key.startswith(("http://", "https://")):
            continue
        url = canonical_url(key)
        item = {"title": fields["title"], "published": fields["published"], "guid": fields["guid"],
                "text": fields["html"] or None, "link": bool(link), "from": "feed"}
        sign = _signature(fields["updated"], fields["title"], fields["html"])
        out.append(Listed(url, host_of(url), sign, item))
    if parsed.bozo:
        if not out:
            raise InputError(f"{page.final_url}: malformed feed, no whole item ({parsed.bozo_exception})")
        log.warning("%s: feed is not well-formed (%s); reading %d items", page.final_url, parsed.bozo_exception,
                    len(out))
    return out


def sitemap_entries(page: Page) -> tuple[list[Listed], list[str]]:
    """Report URLs of a urlset (news sitemap fields read), or child sitemaps of a sitemap index."""
    root, broken = _xml_root(page)
    items: list[Listed] = []
    children: list[tuple[str, str]] = []
    for node in root:
        name = _local(node)
        if name not in ("url", "sitemap"):
            continue
        fields = {_local(child): (child.text or "").strip() for child in node.iter() if child is not node}
        loc = fields.get("loc")
        if not loc:
            continue
        if name == "sitemap":
            children.append((fields.get("lastmod", ""), urljoin(page.final_url, loc)))
            continue
        url = canonical_url(urljoin(page.final_url, loc))
        published = _day(fields.get("publication_date") or fields.get("lastmod"))
        item = {"title": fields.get("title") or None, "published": published, "from": "sitemap",
                "language": fields.get("language") or None}
        sign = _signature(fields.get("lastmod"), fields.get("publication_date"), fields.get("title"))
        items.append(Listed(url, host_of(url), sign, item))
    children.sort(reverse=True)  # newest first by lastmod (ISO dates sort as text)
    if broken and not items and not children:
        raise InputError(f"{page.final_url}: malformed sitemap, no whole entry ({broken})")
    return items, [url for _, url in children]


def page_links(page: Page, *, match: str | None = None) -> list[Listed]:
    """Links of an HTML listing page that look like reports: same site, outside the navigation,
    not a category or tag page; with ``match``, only URLs the regex finds something in."""
    text, _encoding = decode_bytes(page.body, name=page.final_url, html=True)
    try:
        tree = lxml.html.fromstring(text, base_url=page.final_url)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise InputError(f"{page.final_url}: not a readable HTML page ({exc})") from exc
    for node in tree.xpath("|".join(f"//{tag}" for tag in _CHROME)):
        node.drop_tree()
    pattern = re.compile(match) if match else None
    site = _site(page.final_url)
    seen: dict[str, Listed] = {}
    for anchor in tree.xpath("//a[@href]"):
        url = canonical_url(urljoin(page.final_url, anchor.get("href")))
        if url in seen or not _report_link(url, site, page.final_url, pattern):
            continue
        title = " ".join(anchor.text_content().split()) or None
        seen[url] = Listed(url, host_of(url), "", {"title": title, "from": "listing"})
    return list(seen.values())


def _report_link(url: str, site: str, listing_url: str, pattern: re.Pattern[str] | None) -> bool:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or _site(url) != site or url == canonical_url(listing_url):
        return False
    if pattern is not None:
        return bool(pattern.search(url))
    path = parts.path.rstrip("/")
    if not path or _NOT_REPORTS.search(path):
        return False
    return not courlan.is_navigation_page(url) and not courlan.is_not_crawlable(url)


def _site(url: str) -> str:
    host = urlsplit(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host


def _xml_root(page: Page) -> tuple[Any, str | None]:
    """The root of a sitemap, parsed without entities or network (lenient: what parses is read),
    and the parse error when it is not well-formed."""
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = lxml.etree.fromstring(page.body, parser)
    except lxml.etree.XMLSyntaxError as exc:
        raise InputError(f"{page.final_url}: malformed XML ({exc})") from exc
    if root is None or _local(root) not in ("urlset", "sitemapindex"):
        raise InputError(f"{page.final_url}: malformed sitemap (no urlset or sitemapindex)")
    if not parser.error_log:
        return root, None
    log.warning("%s: sitemap is not well-formed (%s); reading what parses", page.final_url,
                parser.error_log.last_error)
    return root, str(parser.error_log.last_error.message)


def _local(node: Any) -> str:
    tag = node.tag if isinstance(node.tag, str) else ""
    return tag.rsplit("}", 1)[-1]


def _day(value: str | None) -> str | None:
    """The ISO day of a sitemap date, or None."""
    if not value:
        return None
    try:
        return parse_iso_date(value[:10]).isoformat()
    except (TypeError, ValueError):
        return None


def _signature(*parts: Any) -> str:
    return hashlib.sha1(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def _select(items: list[Listed], limit: int, max_age_days: float | None) -> list[Listed]:
    """Drop reports dated older than ``max_age_days`` and keep the newest ``limit`` (undated keep their place)."""
    if max_age_days is not None:
        oldest = (datetime.now(timezone.utc) - timedelta(days=max_age_days)).date()
        items = [i for i in items if not _too_old(i.item.get("published"), oldest)]
    if len(items) <= limit:
        return items
    dated = sorted(items, key=lambda i: i.item.get("published") or "", reverse=True)
    return dated[:limit]


def _too_old(published: str | None, oldest: date) -> bool:
    return bool(published) and published < oldest.isoformat()  # type: ignore[operator]
