"""Paragraphs, sentences and clauses of a report, and what kind of line each paragraph is.

A news report is a title, perhaps a dateline, body paragraphs and, often, lists of other
reports' headlines ("أخبار ذات صلة"). Only body paragraphs tell this report's incidents;
titles summarise them (their figures are sums), related lines belong to other reports.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from marsad.document import Document
from marsad.extract.config import ExtractConfig
from marsad.extract.knowledge import Knowledge
from marsad.text.normalize import NormalizedText
from marsad.text.sentences import split_clauses, split_sentences

log = logging.getLogger(__name__)

_LINE_RE = re.compile(r"[^\n]+")
_END_PUNCT = (".", "!", "?", "\u061f", "\u2026", ":", "\u061b")
_CLOSERS = "\u201d\"\u00bb\u2019')] \t"
_LIST_MARK_RE = re.compile(r"^\s*[-\u2022*\u25aa\u25cf\u2013]\s")


@dataclass(frozen=True, slots=True)
class Segment:
    """A paragraph, sentence or clause: offsets and the paragraph it belongs to."""

    start: int
    end: int
    para: int
    kind: str = "body"


def paragraph_kind(text: str, *, after_related: bool, related_words: frozenset[str],
                   config: ExtractConfig | None = None) -> str:
    """Classify one line: "related", "title" (short, no final stop) or "body"."""
    config = config or ExtractConfig()
    stripped = text.strip()
    folded = NormalizedText(stripped).norm
    if any(folded.startswith(w) or folded.startswith("و" + w) for w in related_words if w):
        return "related"
    if after_related and (_LIST_MARK_RE.match(stripped) or _is_title_like(stripped, config)):
        return "related"
    if _is_title_like(stripped, config):
        return "title"
    return "body"


def _is_title_like(line: str, config: ExtractConfig) -> bool:
    """True for a short line that does not end like a sentence (a title, dateline or label);
    a sentence ending with a colon that introduces a list ("شهدت المحافظة اليوم عدة حوادث:") is not."""
    words = line.split()
    end = line.rstrip(_CLOSERS)
    if end.endswith((":", "\u061b")) and len(words) >= config.intro_min_words:
        return False
    return len(words) <= config.title_max_words and not end.endswith(_END_PUNCT[:4] + ("\u2026",)) or not words


def is_list_item(line: str) -> bool:
    """True for a line opening with a list mark ("- ", "• ")."""
    return bool(_LIST_MARK_RE.match(line))


def segment_stage(knowledge: Knowledge):
    """Return the stage that files paragraph, sentence and clause spans."""

    def stage(doc: Document) -> Document:
        related = knowledge.words(doc.language, "related")
        after_related = False
        body_seen = False
        for index, match in enumerate(_LINE_RE.finditer(doc.text)):
            if not match.group().strip():
                continue
            kind = paragraph_kind(match.group(), after_related=after_related, related_words=related,
                                  config=knowledge.config)
            after_related = kind == "related" or (after_related and kind != "body")
            body_seen = body_seen or kind == "body"
            _add_paragraph(doc, match.start(), match.end(), index, kind)
        if not body_seen:
            _promote_titles(doc)
        return doc

    return stage


def _add_paragraph(doc: Document, start: int, end: int, index: int, kind: str) -> None:
    """File one paragraph with its sentences and clauses."""
    doc.add_span("paragraph", start, end, kind, index)
    for s_start, s_end in split_sentences(doc.text[start:end]):
        a, b = start + s_start, start + s_end
        doc.add_span("sentence", a, b, kind, index)
        for c_start, c_end in split_clauses(doc.text, a, b):
            doc.add_span("clause", c_start, c_end, kind, index)


def _promote_titles(doc: Document) -> None:
    """A report with no body paragraph (a bare feed item) is read from its title lines."""
    for group in ("paragraph", "sentence", "clause"):
        doc.spans[group] = [
            doc.make_span(s.start, s.end, "body" if s.label == "title" else s.label, s.value)
            for s in doc.spans.get(group, [])
        ]


def paragraphs(doc: Document) -> list[Segment]:
    """Return the paragraphs filed by the segment stage."""
    return [Segment(s.start, s.end, int(s.value), s.label) for s in doc.spans.get("paragraph", [])]


def sentences(doc: Document) -> list[Segment]:
    """Return the sentences filed by the segment stage."""
    return [Segment(s.start, s.end, int(s.value), s.label) for s in doc.spans.get("sentence", [])]


def clauses(doc: Document) -> list[Segment]:
    """Return the clauses filed by the segment stage."""
    return [Segment(s.start, s.end, int(s.value), s.label) for s in doc.spans.get("clause", [])]
