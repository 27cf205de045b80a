"""Dictionary phrase matching over folded Arabic/English text with one Aho-Corasick automaton.

Phrases are folded with ``normalize_key``; a document is folded once (``NormalizedText``) and
scanned once per matcher, so the work per report is linear in its length. A match must sit on
word boundaries, except that Arabic proclitics (wa-, fa-, bi-, li-, ka-, al-) may come before it
and, for matchers built with ``suffixes``, a listed suffix may follow it. A trailing ``*`` in a
phrase allows any ending; a short all-capital English phrase ("IS", "AP") matches only in capitals.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

import ahocorasick

from marsad.text.intervals import Intervals
from marsad.text.normalize import NormalizedText, normalize_key

log = logging.getLogger(__name__)

_AR_PREFIXES = frozenset({
    "", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك", "ال", "وال", "بال", "فال", "كال",
    "وبال", "فبال", "وكال", "س", "وس", "فس",
})
_AR_PREFIXES_AFTER_AL = frozenset({"", "و", "ف", "ب", "ك", "وب", "فب", "وك", "ل", "ول", "فل"})  # "لـالحرس"
_LIL_PREFIXES = frozenset({"", "و", "ف"})
AR_SUFFIXES = frozenset({
    "", "ا", "ه", "ها", "هم", "هما", "ات", "ين", "ون", "وا", "ت", "تا", "ان", "تان", "تين", "وه", "وها",
    "ته", "تها", "تهم", "اته", "اتها", "اتهم", "يا", "ن", "نا", "تم",
})
NAME_SUFFIXES = frozenset({"", "ي", "ا"})  # "ا": the accusative ending ("عمالاً")


@dataclass(frozen=True, slots=True)
class Match:
    """A dictionary phrase found in a text: offsets in the original text and what it means."""

    start: int
    end: int
    key: str
    value: Any


@dataclass(frozen=True, slots=True)
class _Entry:
    value: Any
    stem: bool
    case: str | None
    lil: bool
    arabic: bool


def _is_arabic(text: str) -> bool:
    """True when ``text`` holds an Arabic letter."""
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


class PhraseMatcher:
    """Phrases -> values, matched on word boundaries in folded text."""

    def __init__(self, *, suffixes: frozenset[str] = NAME_SUFFIXES, definite: bool = False) -> None:
        self._entries: dict[str, list[_Entry]] = {}
        self._automaton: Any = None
        self.suffixes = suffixes
        self.definite = definite

    def __len__(self) -> int:
        return sum(len(v) for v in self._entries.values())

    def add(self, phrase: str, value: Any) -> None:
        """Register ``phrase`` (any spelling) for ``value``."""
        stem = phrase.endswith("*")
        raw = phrase.rstrip("*").strip()
        key = squeeze(normalize_key(raw))[0]
        if not key:
            return
        arabic = _is_arabic(key)
        case = raw if (not arabic and raw.isupper() and len(raw) <= 5) else None
        self._entries.setdefault(key, []).append(_Entry(value, stem, case, False, arabic))
        if arabic and self.definite:
            for variant in _definite_forms(key):
                self._entries.setdefault(variant, []).append(_Entry(value, stem, None, False, True))
        if arabic and key.startswith("ال") and len(key) > 3:
            self._entries.setdefault("لل" + key[2:], []).append(_Entry(value, stem, None, True, True))

    def build(self) -> None:
        """Compile the automaton; call once after the last ``add``."""
        automaton = ahocorasick.Automaton()
        for key in self._entries:
            automaton.add_word(key, key)
        if self._entries:
            automaton.make_automaton()
        self._automaton = automaton

    def keys(self) -> list[str]:
        """The folded phrases registered."""
        return list(self._entries)

    def values(self) -> list[Any]:
        """Every value registered (one per phrase spelling)."""
        return [entry.value for entries in self._entries.values() for entry in entries]

    def find_all(self, nt: NormalizedText, norm: str | None = None,
                 squeezed_text: tuple[str, list[int]] | None = None) -> list[Match]:
        """Return every boundary-respecting match in ``nt`` (overlaps included).

        Quotation marks inside a name ("تنظيم “الدولة”") are skipped while matching;
        ``squeezed_text`` is ``squeeze(nt.norm)`` when the caller already has it.
        """
        if self._automaton is None or not self._entries:
            return []
        squeezed, back = squeezed_text or squeeze(norm if norm is not None else nt.norm)
        out: list[Match] = []
        for end_idx, key in self._automaton.iter(squeezed):
            start = end_idx - len(key) + 1
            end = end_idx + 1
            for entry in self._entries[key]:
                if self._accept(nt, squeezed, start, end, key, entry, back):
                    t_start, _ = nt.to_text(back[_token_start(squeezed, start)], back[_token_start(squeezed, start)])
                    last = back[self._token_end(squeezed, end) - 1]
                    _, t_end = nt.to_text(last, last + 1)
                    out.append(Match(t_start, t_end, key, entry.value))
        return out

    def find(self, nt: NormalizedText, norm: str | None = None,
             squeezed_text: tuple[str, list[int]] | None = None) -> list[Match]:
        """Return non-overlapping matches, the longest first where two overlap, in text order."""
        matches = sorted(self.find_all(nt, norm, squeezed_text), key=lambda m: (-(len(m.key)), m.start))
        taken: list[Match] = []
        seen: set[tuple[int, int, str]] = set()
        occupied = Intervals()
        for match in matches:
            ident = (match.start, match.end, match.key)
            if occupied.overlaps(match.start, match.end) and ident not in seen:
                continue
            taken.append(match)
            seen.add(ident)
            occupied.add(match.start, match.end)
        return sorted(taken, key=lambda m: (m.start, m.end))


    def _accept(self, nt: NormalizedText, norm: str, start: int, end: int, key: str, entry: _Entry,
                back: list[int]) -> bool:
        """Check word boundaries, clitics, suffixes and capitals for one match."""
        prefix = norm[_token_start(norm, start):start]
        if entry.lil:
            ok_prefix = prefix in _LIL_PREFIXES
        elif entry.arabic:
            ok_prefix = prefix in (_AR_PREFIXES_AFTER_AL if key.startswith("ال") else _AR_PREFIXES)
        else:
            ok_prefix = prefix == ""
        if not ok_prefix:
            return False
        suffix = norm[end:self._token_end(norm, end)]
        if not (entry.stem or suffix == "" or (entry.arabic and suffix in self.suffixes)
                or (not entry.arabic and _possessive(suffix, back, end))):
            return False
        if entry.case is not None:
            t_start, _ = nt.to_text(back[start], back[start])
            _, t_end = nt.to_text(back[end - 1], back[end - 1] + 1)
            return nt.text[t_start:t_end] == entry.case
        return True

    @staticmethod
    def _token_end(norm: str, end: int) -> int:
        """Return the end of the word that ``end`` falls in."""
        while end < len(norm) and norm[end].isalnum():
            end += 1
        return end


_QUOTES = frozenset("\"'\u201c\u201d\u00ab\u00bb\u2018\u2019\u201e")
_QUOTE_CLASS = "\"'\u201c\u201d\u00ab\u00bb\u2018\u2019\u201e"
_SQUEEZE_NEEDED_RE = re.compile(f"[{_QUOTE_CLASS}]|[ \\t\u00a0]{{2}}|[\\t\u00a0]")
_PIECE_RE = re.compile(f"[{_QUOTE_CLASS}]+|[ \\t\u00a0]+|[^{_QUOTE_CLASS} \\t\u00a0]+")


def squeeze(norm: str) -> tuple[str, list[int]]:
    """Drop quotation marks and collapse blank runs; return the string and, per character,
    its offset in ``norm`` (plus one past the end)."""
    if not _SQUEEZE_NEEDED_RE.search(norm):
        return norm, list(range(len(norm) + 1))
    parts: list[str] = []
    back: list[int] = []
    for match in _PIECE_RE.finditer(norm):
        piece = match.group()
        if piece[0] in _QUOTES:
            continue
        if piece[0] in " \t\u00a0":
            parts.append(" ")
            back.append(match.start())
        else:
            parts.append(piece)
            back.extend(range(match.start(), match.end()))
    back.append(len(norm))
    return "".join(parts), back


_NOT_AGREEING = frozenset({"من", "في", "علي", "الي", "عن", "مع", "ب", "ل", "و", "او", "ضد", "بين", "نحو"})


def _definite_forms(key: str) -> list[str]:
    """The definite form of an Arabic noun phrase: its adjectives take "ال" with the noun
    ("ضربة جوية" -> "[ال]ضربة الجوية", "عبوة ناسفة" -> "[ال]عبوة الناسفة"); the noun's own "ال"
    is a proclitic the matcher already allows."""
    words = key.split(" ")
    if not 2 <= len(words) <= 3 or any(w in _NOT_AGREEING or len(w) < 3 for w in words[1:]):
        return []
    if any(w.startswith("ال") for w in words):
        return []
    return [" ".join([words[0]] + ["ال" + w for w in words[1:]])]


def _possessive(suffix: str, back: list[int], end: int) -> bool:
    """True for an English "'s" after a phrase ("Syria's", "the army's"): the quote was squeezed out before it."""
    return suffix == "s" and back[end] > back[end - 1] + 1


def _token_start(norm: str, start: int) -> int:
    """Return the start of the word that ``start`` falls in."""
    while start > 0 and norm[start - 1].isalnum():
        start -= 1
    return start
