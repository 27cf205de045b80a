"""RSS and Atom feeds (feedparser): one ``Document`` per item."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from datetime import date
from email.utils import parsedate_to_datetime
from typing import Any

from marsad.document import Document
from marsad.errors import InputError
from marsad.ingest.boilerplate import Boilerplate
from marsad.ingest.build import ReportInfo, build_document
from marsad.ingest.html import fragment_text
from marsad.ingest.metadata import parse_iso_date

log = logging.getLogger(__name__)


def parse_feed(data: bytes, *, name: str) -> Any:
    """Parse feed bytes; raise ``InputError`` when it is not an RSS/Atom feed with items."""
    import feedparser  # imported here: only feed input needs it

    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.entries:
        problem = f" ({parsed.bozo_exception})" if parsed.bozo else ""
        raise InputError(f"{name}: not an RSS or Atom feed with items{problem}")
    if parsed.bozo:
        log.warning("%s: feed is not well-formed (%s); reading %d items", name, parsed.bozo_exception, len(parsed.entries))
    return parsed


def read_feed_bytes(
    data: bytes,
    *,
    name: str,
    source_path: str | None = None,
    on_error: Callable[[InputError], None] | None = None,
    rules: Boilerplate | None = None,
) -> Iterator[Document]:
    """Yield one ``Document`` per feed item; a bad item raises or goes to ``on_error``."""
    parsed = parse_feed(data, name=name)
    outlet = (parsed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(parsed.entries, start=1):
        try:
            yield feed_item(entry, where=f"{name}: item {number}", outlet=outlet, source_path=source_path, rules=rules)
        except InputError as exc:
            if on_error is None:
                raise
            on_error(exc)


def entry_fields(entry: Any) -> dict[str, Any]:
    """What a feed item says about its report: link, guid, title, publication day, updated stamp, body HTML."""
    published = _item_date(entry)
    return {
        "link": (entry.get("link") or "").strip() or None,
        "guid": (entry.get("id") or "").strip() or None,
        "title": (entry.get("title") or "").strip() or None,
        "published": published.isoformat() if published else None,
        "updated": (entry.get("updated") or entry.get("published") or "").strip() or None,
        "html": _item_html(entry),
    }


def _item_html(entry: Any) -> str:
    """The fullest body an item has: content:encoded/content, else summary/description."""
    for content in entry.get("content") or []:
        if (content.get("value") or "").strip():
            return content["value"]
    return entry.get("summary") or ""


def _item_date(entry: Any) -> date | None:
    """Publication date from pubDate/published, else updated: the day in the feed's own time zone."""
    for key in ("published", "updated"):
        local = _local_day(entry.get(key) or "")
        if local:
            return local
    parsed: time.struct_time | None = entry.get("published_parsed") or entry.get("updated_parsed")
    return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None


def _local_day(value: str) -> date | None:
    """The calendar day an RFC 822 or ISO 8601 timestamp names (before any conversion to UTC)."""
    value = value.strip()
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return parse_iso_date(value)
    except ValueError:
        return None


def feed_item(
    entry: Any, *, where: str, outlet: str | None, source_path: str | None = None, rules: Boilerplate | None = None
) -> Document:
    """Turn one feed item into a ``Document``; raise ``InputError`` when it has no text."""
    body = _item_html(entry)
    if not body.strip():
        raise InputError(f"{where}: no text (no content, summary or description)")
    text = fragment_text(body, name=where)
    link = (entry.get("link") or "").strip() or None
    published = _item_date(entry)
    info = ReportInfo(
        id=(entry.get("id") or "").strip() or link, url=link, outlet=outlet,
        title=(entry.get("title") or "").strip() or None, source_path=source_path,
        published=published, published_from="feed" if published else None,
    )
    return build_document(text, info, raw=body, name=where, rules=rules)
