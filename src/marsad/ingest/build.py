"""Text plus what is known about it -> a cleaned ``Document`` (the path every reader ends in)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from marsad.document import Document, stable_id
from marsad.errors import InputError
from marsad.ingest.boilerplate import Boilerplate, Cleaned
from marsad.ingest.metadata import (
    EARLIEST_PUBLISHED,
    count_words,
    dateline_date,
    detect_language,
    parse_iso_date,
    plausible_published,
    published_from_text,
    published_from_url,
)

log = logging.getLogger(__name__)

_FINAL_PUNCT = (".", "!", "?", "؟", ":", "…")


@dataclass(frozen=True, slots=True)
class ReportInfo:
    """What a reader knows about a report before its text is cleaned."""

    id: str | None = None
    url: str | None = None
    published: date | None = None
    published_from: str | None = None
    outlet: str | None = None
    title: str | None = None
    language: str | None = None
    source_path: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    def with_warning(self, message: str) -> "ReportInfo":
        """Return a copy that carries one more warning (shown by the CLI, kept in ``doc.meta``)."""
        return replace(self, warnings=(*self.warnings, message))

    def with_published(self, value: str | date | None, source: str, *, name: str) -> "ReportInfo":
        """Return a copy with ``published`` parsed from ``value``; raise ``InputError`` when not ISO."""
        if value is None or value == "":
            return self
        try:
            return replace(self, published=parse_iso_date(value), published_from=source)
        except (TypeError, ValueError) as exc:
            raise InputError(f"{name}: 'published' is not an ISO date: {value!r}") from exc


def build_document(
    text: str, info: ReportInfo, *, raw: str, name: str, rules: Boilerplate | None = None
) -> Document:
    """Clean ``text`` and fill a ``Document`` from it and ``info``; raise ``InputError`` when nothing is left."""
    if not text.strip():
        raise InputError(f"{name}: empty text")
    cleaned = (rules or Boilerplate.default()).clean(text)
    if not cleaned.text:
        raise InputError(f"{name}: no text left after removing boilerplate")
    doc = Document(
        id=info.id or stable_id(url=info.url, text=cleaned.text),
        text=cleaned.text,
        url=info.url,
        outlet=info.outlet,
        language=info.language or detect_language(cleaned.text),
        title=info.title,
        published=info.published,
        published_from=info.published_from,
        source_path=info.source_path,
        raw=raw,
        removed=cleaned.removed,
        meta=dict(info.meta),
    )
    warnings = list(info.warnings)
    _drop_implausible_date(doc, name, warnings)
    _add_text_metadata(doc, cleaned)
    _drop_implausible_date(doc, name, warnings)
    if warnings:
        doc.meta["warnings"] = warnings
    return doc


def _drop_implausible_date(doc: Document, name: str, warnings: list[str]) -> None:
    """A publication date before 1990 or after tomorrow is kept aside, not used to date events."""
    if doc.published is None or plausible_published(doc.published):
        return
    message = (f"{name}: publication date {doc.published.isoformat()} ({doc.published_from}) is implausible "
               f"(before {EARLIEST_PUBLISHED.year} or after tomorrow); not used to resolve dates")
    log.info("%s", message)
    warnings.append(message)
    doc.meta.setdefault("published_claimed", doc.published.isoformat())
    doc.published, doc.published_from = None, None


def _add_text_metadata(doc: Document, cleaned: Cleaned) -> None:
    """Outlet tag and dateline/footer date from the text, when the metadata gave none."""
    if cleaned.outlet_tag:
        doc.meta["outlet_tag"] = cleaned.outlet_tag
        doc.outlet = doc.outlet or cleaned.outlet_tag
    if doc.published is None:
        found = published_from_text(cleaned.lines, cleaned.removed)
        if found:
            doc.published, doc.published_from = found
    if doc.published is None:
        from_url = published_from_url(doc.url)
        if from_url:
            doc.published, doc.published_from = from_url, "url"
    if doc.title is None:
        doc.title = _title_line(doc.text)


def _title_line(text: str) -> str | None:
    """The first line when it reads as a headline (4+ words, short, no final punctuation, no dateline)."""
    first, _, rest = text.partition("\n")
    headline = len(first) <= 150 and count_words(first) >= 4 and not first.endswith(_FINAL_PUNCT)
    if rest and headline and dateline_date(first) is None:
        return first
    return None


def read_text(
    text: str,
    *,
    id: str | None = None,
    url: str | None = None,
    published: str | date | None = None,
    outlet: str | None = None,
    title: str | None = None,
    rules: Boilerplate | None = None,
) -> Document:
    """Make a ``Document`` from an in-memory report (plain text)."""
    name = id or url or "<text>"
    info = ReportInfo(id=id, url=url, outlet=outlet, title=title).with_published(published, "given", name=name)
    return build_document(text, info, raw=text, name=name, rules=rules)
