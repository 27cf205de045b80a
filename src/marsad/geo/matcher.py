"""Dictionary matching of gazetteer names in a text (pyahocorasick over normalised text).

A name matches on word boundaries, after up to two proclitics (و ف ب ل ك: "بالميادين",
"والرقة") and in the "لل" form ("للرقة" = ل + الرقة). Offsets are mapped back to the text.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import ahocorasick

from marsad.geo.gazetteer import Gazetteer
from marsad.geo.lexicon import PROCLITICS
from marsad.text.normalize import NormalizedText

log = logging.getLogger(__name__)

_SEPARATOR_CHARS = frozenset(" \t\n\r\f\v-\u2010\u2011\u2012\u2013\u2014\u2015_/\u00a0")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_LATIN_AH = re.compile(r"[a-z]{3,}ah$")
_SEPARATOR_TABLE = {ord(c): " " for c in _SEPARATOR_CHARS}
_APOSTROPHES = "'`\u2018\u2019\u02bb\u02bc\u02bf\u02be"
_INNER_APOSTROPHE = re.compile(rf"(?<=[^\W\d_])[{_APOSTROPHES}](?=[^\W\d_])")
_DROPPED = re.compile(rf" {{2,}}|{_INNER_APOSTROPHE.pattern}")


@dataclass(frozen=True, slots=True)
class RawMatch:
    """A key found in the match string: its range there, in the text, and the proclitic prefix."""

    key: str
    start: int  # in the match string
    end: int
    text_start: int
    text_end: int
    prefix: str  # proclitics glued to the name ("ب", "وال" ...), "" when none


class MatchString:
    """The normalised text with every run of spaces and dashes made one space.

    ``to_text(start, end)`` maps a range back to the original text.
    """

    __slots__ = ("text", "value", "_norm_index", "_norm")

    def __init__(self, text: str) -> None:
        self._norm = NormalizedText(text)
        spaced = self._norm.norm.translate(_SEPARATOR_TABLE)  # one to one: offsets unchanged
        self.text = text
        self._norm_index: list[int] | None = None
        if "  " not in spaced and not _INNER_APOSTROPHE.search(spaced):
            self.value = spaced
            return
        # runs of spaces become one; apostrophes inside a word ("Ba'aj") go, as in the match keys
        pieces: list[str] = []
        index: list[int] = []
        prev = 0
        for match in _DROPPED.finditer(spaced):
            start, end = match.span()
            keep = start + 1 if spaced[start] == " " else start
            pieces.append(spaced[prev:keep])
            index.extend(range(prev, keep))
            prev = end
        pieces.append(spaced[prev:])
        index.extend(range(prev, len(spaced) + 1))
        self.value = "".join(pieces)
        self._norm_index = index

    def to_text(self, start: int, end: int) -> tuple[int, int]:
        """Map ``[start, end)`` of the match string to the original text."""
        if self._norm_index is None:
            return self._norm.to_text(start, end)
        norm_start = self._norm_index[start]
        norm_end = self._norm_index[end - 1] + 1 if end > start else norm_start
        return self._norm.to_text(norm_start, norm_end)


class NameMatcher:
    """An Aho-Corasick automaton over every match key of a gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._automaton = ahocorasick.Automaton()
        words: dict[str, list[tuple[str, bool]]] = {}
        for key in gazetteer.keys():
            words.setdefault(key, []).append((key, False))
            if key.startswith("ال") and len(key) > 4:
                words.setdefault(key[1:], []).append((key, True))  # "للرقة" holds "لرقة"
            elif _LATIN_AH.search(key) and not gazetteer.entries(key[:-1]):
                words.setdefault(key[:-1], []).append((key, False))  # "Hawija" is "Hawijah" (final ة)
        for word, values in words.items():
            self._automaton.add_word(word, (len(word), tuple(values)))
        self._automaton.make_automaton()
        log.debug("name matcher: %d words", len(words))

    def scan(self, text: str) -> tuple[MatchString, list[RawMatch]]:
        """All keys found on word boundaries, in text order (overlaps included)."""
        ms = MatchString(text)
        value = ms.value
        found: list[RawMatch] = []
        for end_index, (length, options) in self._automaton.iter(value):
            end = end_index + 1
            if end < len(value) and value[end].isalnum():
                continue
            start = end - length
            prefix = _word_prefix(value, start)
            for key, lil in options:
                if _prefix_ok(prefix, key, lil):
                    t0, t1 = ms.to_text(start, end)
                    if _ARABIC.match(key) or _capitalised(text[t0:t1]):
                        found.append(RawMatch(key, start, end, t0, t1, prefix))
                    break
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        return ms, found


CONJUNCTIONS = frozenset("وف")


def _capitalised(surface: str) -> bool:
    """A Latin name must be written as a proper noun ("Hit", "al-Mayadin"), not a word ("hit")."""
    return any(ch.isupper() for ch in surface)


def _word_prefix(value: str, start: int) -> str:
    """The letters of the same word before ``start``."""
    pos = start
    while pos > 0 and value[pos - 1].isalnum():
        pos -= 1
        if start - pos > 3:
            return value[pos:start]
    return value[pos:start]


def _prefix_ok(prefix: str, key: str, lil: bool) -> bool:
    """Is the glued prefix made of proclitics (and, for the "لل" form, ending in ل)?"""
    if lil:
        return prefix.endswith("ل") and len(prefix) <= 2 and all(c in PROCLITICS for c in prefix)
    if not prefix:
        return True
    if not _ARABIC.match(key):
        return False
    if len(prefix) == 2:  # a conjunction, then a preposition ("وب", "فل"): "لفرقة" is no "ل" + "ف" + "رقة"
        return prefix[0] in CONJUNCTIONS and prefix[1] in PROCLITICS and prefix[1] not in CONJUNCTIONS
    return len(prefix) <= 1 and all(c in PROCLITICS for c in prefix)
