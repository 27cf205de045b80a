"""HTML pages -> main text, title, publication date and outlet (trafilatura, no network)."""

from __future__ import annotations

import functools
import html as htmllib
import logging
import re
from configparser import ConfigParser
from dataclasses import dataclass, replace
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urlparse

from marsad.document import Document
from marsad.errors import InputError
from marsad.ingest.boilerplate import Boilerplate
from marsad.ingest.build import ReportInfo, build_document

log = logging.getLogger(__name__)

MIN_WORDS = 3  # fewer words is a menu or a caption, not a report
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}
_PAGE_TAG = re.compile(r"<(?:html|body|head)[\s>/]", re.IGNORECASE)
# Elements whose text is not the report's; elements that end a line of text.
_HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object"})
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
    "table", "tbody", "thead", "tfoot", "tr", "ul", "title",
})
_CELLS = frozenset({"td", "th"})
_SPACES = re.compile(r"[ \t\u00a0]+")


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    """What trafilatura found in a page."""

    text: str
    title: str | None = None
    published: date | None = None
    sitename: str | None = None
    url: str | None = None


@functools.cache
def _config() -> ConfigParser:
    """trafilatura settings: no timeout signal (threads), accept short articles."""
    from trafilatura.settings import use_config  # imported here: only HTML input needs it

    config = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "20")
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
    return config


def extract_article(html: str, *, url: str | None = None, name: str = "<html>") -> HtmlArticle:
    """Main text (one line per paragraph) and metadata of a page; raise ``InputError`` when no text.

    A fragment (markup without ``<html>``, ``<head>`` or ``<body>``) is all article: its text is
    read as it is. A page goes to trafilatura, then its baseline extractor, then the plain text of
    every element (pages nested deeper than lxml's tree allows end up there).
    """
    if not _PAGE_TAG.search(html):
        text = markup_text(html)
        if len(text.split()) < MIN_WORDS:
            raise InputError(f"{name}: no article text found")
        return HtmlArticle(text)
    import trafilatura  # only for pages: fragments and plain text never load it

    found = trafilatura.bare_extraction(
        html, url=url, favor_recall=True, include_comments=False, with_metadata=True,
        date_extraction_params=_DATE_PARAMS, config=_config(),
    )
    text = (found.text or "") if found is not None else ""
    for fallback in (_baseline_text, markup_text):
        if len(text.split()) < MIN_WORDS:
            text = fallback(html)
    if len(text.split()) < MIN_WORDS:
        raise InputError(f"{name}: no article text found")
    if found is None:
        return HtmlArticle(text)
    return HtmlArticle(text, found.title, _iso_day(found.date), found.sitename, found.url)


def _baseline_text(html: str) -> str:
    """trafilatura's baseline extractor, the fallback for broken or unusual pages (or text without markup)."""
    if "<" not in html:
        return htmllib.unescape(html)
    try:
        import trafilatura

        _, text, _ = trafilatura.baseline(html)
    except (ValueError, TypeError) as exc:
        log.debug("baseline extraction failed: %s", exc)
        return ""
    return text or ""


class _TextCollector(HTMLParser):
    """The text of any markup, streamed (no tree, so no depth limit): a line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        self._separate(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        self._separate(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._separate(tag)

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)

    def _separate(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")
        elif tag in _CELLS:
            self.parts.append(" ")


def markup_text(html: str) -> str:
    """Every visible text node of ``html`` (scripts, styles and the head left out), a line per block."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(collector.parts).splitlines())
    return "\n".join(line for line in lines if line)


def _iso_day(value: str | None) -> date | None:
    """Parse trafilatura's "YYYY-MM-DD" date, None when absent or odd."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def fragment_text(fragment: str, *, name: str) -> str:
    """Text of an HTML fragment (a feed item's content); plain text passes through unescaped."""
    if "<" not in fragment:
        return htmllib.unescape(fragment)
    return extract_article(f"<html><body><article>{fragment}</article></body></html>", name=name).text


def domain_of(url: str | None) -> str | None:
    """The host of ``url`` without a leading "www.", or None."""
    host = urlparse(url).hostname if url else None
    if host and host.startswith("www."):
        host = host[4:]
    return host or None


def html_document(html: str, info: ReportInfo, *, name: str, rules: Boilerplate | None = None) -> Document:
    """Extract a page and build its ``Document``; what ``info`` already says wins over the page."""
    article = extract_article(html, url=info.url, name=name)
    url = info.url or article.url
    merged = replace(
        info,
        url=url,
        title=info.title or article.title,
        outlet=info.outlet or article.sitename or domain_of(url),
    )
    if merged.published is None and article.published is not None:
        merged = replace(merged, published=article.published, published_from="html-meta")
    return build_document(article.text, merged, raw=html, name=name, rules=rules)


def read_html(
    html: str,
    *,
    id: str | None = None,
    url: str | None = None,
    published: str | date | None = None,
    outlet: str | None = None,
    title: str | None = None,
    rules: Boilerplate | None = None,
) -> Document:
    """Make a ``Document`` from an in-memory HTML page."""
    name = id or url or "<html>"
    info = ReportInfo(id=id, url=url, outlet=outlet, title=title).with_published(published, "given", name=name)
    return html_document(html, info, name=name, rules=rules)
