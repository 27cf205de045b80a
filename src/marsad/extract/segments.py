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
INTRO_WORDS = 6  # an Arabic line opening with "و" and this many words is a sentence, not a headline
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
        lang = "en" if (doc.language or "ar").startswith("en") else "ar"
        after_related = False
        body_seen = False
        for index, (start, end) in enumerate(_joined_lines(doc.text, knowledge, lang)):
            kind = paragraph_kind(doc.text[start:end], after_related=after_related, related_words=related,
                                  config=knowledge.config)
            after_related = kind == "related" or (after_related and kind != "body")
            body_seen = body_seen or kind == "body"
            _add_paragraph(doc, start, end, index, kind)
        if not body_seen:
            _promote_titles(doc)
        return doc

    return stage


def _joined_lines(text: str, knowledge: Knowledge, lang: str) -> list[tuple[int, int]]:
    """The report's lines as paragraphs, a sentence wrapped over several lines joined back into one
    ("قالت الشرطة\nالعراقية إن ... في مدينة\nالناصرية، الأربعاء،")."""
    lines = [(m.start(), m.end()) for m in _LINE_RE.finditer(text) if m.group().strip()]
    out: list[tuple[int, int]] = []
    for start, end in lines:
        if out and _continues(text, out[-1], start, knowledge, lang):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _continues(text: str, previous: tuple[int, int], start: int, knowledge: Knowledge, lang: str) -> bool:
    """True when the line at ``start`` carries on the sentence the previous line broke off: no blank line
    between them, no sentence end before the break, and the break falls where no sentence or title can
    end (after a preposition, a conjunction or a place noun awaiting its name) or inside a sentence that
    opened with a reporting verb or, in Arabic, with "و" (headlines do not)."""
    if text[previous[1]:start].count("\n") != 1:
        return False
    line = text[previous[0]:previous[1]].strip()
    if not line or line.rstrip(_CLOSERS).endswith(_END_PUNCT) or is_list_item(text[start:start + 4]):
        return False
    words = [NormalizedText(w).norm for w in line.split()]
    dangling, reporting = knowledge.words(lang, "dangling"), knowledge.words(lang, "reporting")
    conjunction = lang == "ar" and words[0][:1] == "و" and len(words[0]) > 2 and len(words) >= INTRO_WORDS
    opens_sentence = words[0] in reporting or (lang == "ar" and words[0][1:] in reporting) or conjunction
    return words[-1] in dangling or opens_sentence


def _add_paragraph(doc: Document, start: int, end: int, index: int, kind: str) -> None:
    """File one paragraph with its sentences and clauses."""
    doc.add_span("paragraph", start, end, kind, index)
    flat = doc.text[start:end].replace("\n", " ")  # a sentence wrapped over lines is one sentence
    for s_start, s_end in split_sentences(flat):
        doc.add_span("sentence", start + s_start, start + s_end, kind, index)
        for c_start, c_end in split_clauses(flat, s_start, s_end):
            doc.add_span("clause", start + c_start, start + c_end, kind, index)


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
