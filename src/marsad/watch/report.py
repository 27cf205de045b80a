"""A fetched report -> ``Document``, through the same ingest functions files go through.

HTML pages go to ``ingest.html_document`` (trafilatura), plain text to ``build_document``,
a feed item without a page (or whose page has no article text) to the item's own text. The
outlet and language given with the source win; the listing's title and date fill what the
page lacks. Anything else raises ``InputError`` ("not a report").
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from marsad.document import Document, stable_id
from marsad.errors import InputError
from marsad.ingest.build import ReportInfo, build_document
from marsad.ingest.encoding import decode_bytes
from marsad.ingest.html import fragment_text, html_document

log = logging.getLogger(__name__)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
FEED_ITEM_TYPE = "application/x-marsad-feed-item"  # a feed item's own text, queued without a page
REPORT_TYPES = HTML_TYPES | TEXT_TYPES | {FEED_ITEM_TYPE}
# Charsets servers declare by default whatever the page is in: checked against the bytes, not trusted.
_WEAK_CHARSETS = frozenset({"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "windows-1252", "cp1252"})


def is_report_type(content_type: str | None) -> bool:
    """Whether a response of this media type can be a report (no type: look at it anyway)."""
    return content_type is None or content_type in REPORT_TYPES


def report_info(url: str, item: dict[str, Any], *, outlet: str | None, lang: str | None) -> ReportInfo:
    """What the source and its listing say about the report at ``url``."""
    published: date | None = None
    if item.get("published"):
        published = date.fromisoformat(item["published"])
    return ReportInfo(id=stable_id(url=url), url=url, outlet=outlet, title=item.get("title"),
                      language=lang or item.get("language"), published=published,
                      published_from=item.get("from") if published else None,
                      meta={"watched_from": item.get("from")})


def fetched_document(url: str, body: bytes, *, content_type: str | None, charset: str | None,
                     final_url: str | None, item: dict[str, Any], outlet: str | None,
                     lang: str | None) -> Document:
    """The ``Document`` of a fetched report; raise ``InputError`` when it is not one."""
    info = report_info(url, item, outlet=outlet, lang=lang)
    if content_type == FEED_ITEM_TYPE:
        return feed_item_document(item, info, name=url)
    if not is_report_type(content_type):
        raise InputError(f"{url}: not a report (content type {content_type})")
    text = decode_page(body, charset=charset, name=url, html=content_type not in TEXT_TYPES)
    try:
        if content_type in TEXT_TYPES:
            return build_document(text, info, raw=text, name=url)
        return html_document(text, info, name=url)
    except InputError:
        if item.get("text"):  # the page has no article text the extractor finds; the feed gave one
            log.info("%s: no article text in the page; using the feed item's text", url)
            return feed_item_document(item, info, name=url)
        raise


def feed_item_document(item: dict[str, Any], info: ReportInfo, *, name: str) -> Document:
    """A report from a feed item's own text (content:encoded or description)."""
    html = item.get("text") or ""
    if not html.strip():
        raise InputError(f"{name}: not a report (the feed item has no text)")
    text = fragment_text(html, name=name)
    return build_document(text, info, raw=html, name=name)


def decode_page(body: bytes, *, charset: str | None, name: str, html: bool) -> str:
    """Bytes -> text: the charset the server declared when the bytes really are in it, else
    marsad's own detection (meta charset, UTF-8, Windows-1256...), which names the problem."""
    if charset and charset not in _WEAK_CHARSETS:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            log.info("%s: declared charset %s does not fit the bytes; detecting", name, charset)
    text, _encoding = decode_bytes(body, name=name, html=html)
    return text
