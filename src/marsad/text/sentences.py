"""Sentence and clause boundaries for Arabic and English news text.

A sentence ends at a line break, at ". ! ? ؟ ؛", at ".." / "..." / "…", with
any closing quotes or brackets kept on the sentence they close. A full stop
does not end a sentence inside a number ("1.5", "U.S."), after a listed
abbreviation ("د." doctor, "Gen."), or inside a short quotation.
"""

from __future__ import annotations

import functools
import logging
import re

from marsad.errors import SpanError
from marsad.text.lexicon import read_tsv, read_words
from marsad.text.normalize import NormalizedText, normalize_key, require_text

log = logging.getLogger(__name__)

_CLOSERS = "\u201d\"\u00bb\u2019')]"
_BOUNDARY_RE = re.compile(
    rf"\n|(?:\.{{2,}}|\u2026|[.!?\u061f\u061b]+)[{re.escape(_CLOSERS)}]*(?=\s|$|[\u0621-\u064a])"
)
QUOTE_MAX = 250  # a quotation longer than this may hold whole sentences of its own
_QUOTE_RE = re.compile(
    f"\u201c[^\u201c\u201d\n]{{1,{QUOTE_MAX}}}\u201d|\u00ab[^\u00ab\u00bb\n]{{1,{QUOTE_MAX}}}\u00bb"
    f"|\"[^\"\n]{{1,{QUOTE_MAX}}}\""
)
_WORD_BEFORE_RE = re.compile(r"([^\W\d_]+(?:\.[^\W\d_]+)*)\s*$")
_DIGIT_BEFORE_RE = re.compile(r"\d\s*$")
_HAS_WORD_RE = re.compile(r"\w")
_TERMINATORS = "\n.!?\u061f\u061b\u2026"
_QUOTE_OPENERS = "\u201c\u00ab\""


class SentenceSplitter:
    """Splits text into sentences and clauses using the shipped abbreviation and opener lists."""

    def __init__(self) -> None:
        self.ar_abbrev = frozenset(normalize_key(w) for w in read_words("ar/abbreviations.txt"))
        self.en_abbrev = frozenset(w.lower() for w in read_words("en/abbreviations.txt"))
        self.openers = self._load_openers()
        self.clause_re = self._compile_clause_re(self.openers)

    @staticmethod
    def _load_openers() -> dict[str, str]:
        """Return folded clause opener -> kind, Arabic and English."""
        openers: dict[str, str] = {}
        for relpath in ("ar/clause_openers.tsv", "en/clause_openers.tsv"):
            for _, fields in read_tsv(relpath, 2):
                openers[normalize_key(fields[0])] = fields[1]
        return openers

    @staticmethod
    def _compile_clause_re(openers: dict[str, str]) -> re.Pattern[str]:
        """Match a comma or semicolon followed by an opener (with an optional wa-/fa-)."""
        words = "|".join(re.escape(w) for w in sorted(openers, key=len, reverse=True))
        return re.compile(rf"[\u060c,;\u061b]\s*(?=(?:[وف])?(?:{words})(?!\w))")

    def split(self, text: str) -> list[tuple[int, int]]:
        """Return (start, end) of each sentence, whitespace trimmed."""
        quotes = _quote_spans(require_text(text, "split_sentences"))
        spans: list[tuple[int, int]] = []
        start = 0
        for match in _boundaries(text):
            if match.group() == "\n":
                end = match.start()
            elif self._is_boundary(text, match, quotes):
                end = match.end()
            else:
                continue
            _append_trimmed(spans, text, start, end)
            start = end
        _append_trimmed(spans, text, start, len(text))
        return spans

    def _is_boundary(self, text: str, match: re.Match[str], quotes: list[tuple[int, int]]) -> bool:
        """Decide whether a terminator match really ends a sentence."""
        pos = match.start()
        if any(qs < pos and match.end() < qe for qs, qe in quotes):
            return False
        if match.group().rstrip(_CLOSERS) != ".":
            return True
        return not self._is_abbreviation(text, pos)

    def _is_abbreviation(self, text: str, dot: int) -> bool:
        """True when the word before the full stop at ``dot`` is a listed abbreviation or an initial."""
        word_match = _WORD_BEFORE_RE.search(text, max(0, dot - 30), dot)
        if word_match is None:
            return False
        word = word_match.group(1)
        if word.isascii():
            return word.lower() in self.en_abbrev or (len(word) == 1 and word.isupper())
        if normalize_key(word) not in self.ar_abbrev:
            return False
        # "2019م." and "1440 هـ." end sentences: a year marker, not a title.
        return _DIGIT_BEFORE_RE.search(text, max(0, word_match.start() - 6), word_match.start()) is None

    def clauses(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """Split ``text[start:end]`` at a comma followed by a clause opener ("، فيما", "، وقتل")."""
        if not 0 <= start <= end <= len(require_text(text, "split_clauses")):
            raise SpanError(f"split_clauses: range {start}:{end} is outside the text (length {len(text)})")
        chunk = NormalizedText(text[start:end])
        cuts = [m.end() for m in self.clause_re.finditer(chunk.norm)]
        spans: list[tuple[int, int]] = []
        prev = 0
        for cut in cuts + [len(chunk.norm)]:
            a, b = chunk.to_text(prev, cut)
            _append_trimmed(spans, text, start + a, start + b)
            prev = cut
        return spans


def _positions(text: str, chars: str) -> list[int]:
    """Sorted positions of any of ``chars`` (``str.find`` scans: much faster than a regex pass)."""
    found: list[int] = []
    for char in chars:
        i = text.find(char)
        while i != -1:
            found.append(i)
            i = text.find(char, i + 1)
    found.sort()
    return found


def _boundaries(text: str) -> list[re.Match[str]]:
    """Every candidate sentence end: a line break or a run of terminators (matched where they start)."""
    out: list[re.Match[str]] = []
    consumed = 0
    for pos in _positions(text, _TERMINATORS):
        if pos < consumed:
            continue
        match = _BOUNDARY_RE.match(text, pos)
        if match is not None:
            out.append(match)
            consumed = match.end()
    return out


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of short quotations (“…”, «…», "…"), inside which a full stop does not split."""
    spans: list[tuple[int, int]] = []
    consumed = 0
    for pos in _positions(text, _QUOTE_OPENERS):
        if pos < consumed:
            continue
        match = _QUOTE_RE.match(text, pos)
        if match is not None:
            spans.append(match.span())
            consumed = match.end()
    return spans


def _append_trimmed(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    """Append ``(start, end)`` without surrounding whitespace, if any word character is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end and _HAS_WORD_RE.search(text, start, end):
        spans.append((start, end))


@functools.cache
def default_splitter() -> SentenceSplitter:
    """Return the splitter built from the shipped lists (loaded once)."""
    return SentenceSplitter()


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) character offsets of each sentence of ``text``."""
    return default_splitter().split(text)


def split_clauses(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the clauses of ``text[start:end]`` (one sentence, usually)."""
    return default_splitter().clauses(text, start, len(text) if end is None else end)
