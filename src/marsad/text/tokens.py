"""Clitic-aware word tokens for Arabic (and English) news text.

Arabic writes conjunctions (wa-, fa-), prepositions (bi-, li-, ka-) and the
article (al-) attached to the next word: "wal-milishiyat" is "and the
militias". ``clitic_variants`` lists the ways a folded word can be split into
proclitics and a base, so dictionary lookups can try each base; it is
deliberately conservative (a minimum base length keeps "wasal" from becoming
"wa" + "sal").
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from marsad.text.normalize import normalize, require_text

log = logging.getLogger(__name__)

# A token is a number with separators ("1,339", "1.5", "١٬٣٣٩"), a word of letters with
# Arabic marks, tatweel and joiners inside (hyphen/apostrophe parts allowed: "al-Bab",
# "F-16"), or one punctuation mark. Digits split from letters: "و3" is "و" + "3".
_MARKS = "\u064B-\u065F\u0670\u0640\u200c\u200d"
_LETTERS = rf"(?:[^\W\d_]|[{_MARKS}])+"
_ALNUM = rf"[\w{_MARKS}]+"
_TOKEN_RE = re.compile(
    rf"\d+(?:[.,\u066b\u066c]\d+)*|{_LETTERS}(?:[-'\u2019]{_ALNUM})*|[^\w\s]"
)

ARTICLE = "ال"
CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")
# Shortest base left after removing proclitics: three letters for a bare stem,
# two letters after the article (al-Hol -> "hol" is short but real).
MIN_BASE_LEN = 3
MIN_BASE_AFTER_ARTICLE = 2
# Suffixes tried by ``strip_suffixes``, longest first; the stem must keep three letters.
SUFFIXES = ("ون", "ين", "ان", "ات", "ها", "هم", "ه")
MIN_STEM_LEN = 3


@dataclass(frozen=True, slots=True)
class Token:
    """A word or punctuation mark: ``text[start:end]`` and its folded form."""

    start: int
    end: int
    text: str
    norm: str


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into word, number and punctuation tokens with character offsets."""
    return [
        Token(m.start(), m.end(), m.group(), normalize(m.group()))
        for m in _TOKEN_RE.finditer(require_text(text, "tokenize"))
    ]


def _conj_prep_splits(word: str) -> list[tuple[str, str]]:
    """Return (prefix, rest) for an optional conjunction then an optional preposition."""
    splits = [("", word)]
    for conj in CONJUNCTIONS:
        if word.startswith(conj):
            splits.append((conj, word[1:]))
    for prefix, rest in list(splits):
        for prep in PREPOSITIONS:
            if rest.startswith(prep):
                splits.append((prefix + prep, rest[1:]))
    return splits


def _article_splits(prefix: str, rest: str) -> list[tuple[str, str]]:
    """Return the ways ``rest`` may carry the article, as (prefix, base) pairs."""
    out: list[tuple[str, str]] = []
    if prefix.endswith("ل") and rest.startswith("ل") and not rest.startswith(ARTICLE):
        # li- + al- is written "lil-": the alef of the article drops out.
        if len(rest) - 1 >= MIN_BASE_AFTER_ARTICLE:
            out.append((prefix, ARTICLE + rest[1:]))
            out.append((prefix + "ل", rest[1:]))
    if rest.startswith(ARTICLE) and len(rest) - 2 >= MIN_BASE_AFTER_ARTICLE:
        out.append((prefix + ARTICLE, rest[2:]))
    return out


def clitic_variants(word_norm: str) -> list[tuple[str, str]]:
    """List (prefix, base) splits of a folded word, the unsplit word first.

    "والميليشيات" gives ("و", "الميليشيات") and ("وال", "ميليشيات");
    "للنظام" gives ("ل", "النظام") and ("لل", "نظام").
    """
    variants: list[tuple[str, str]] = []
    for prefix, rest in _conj_prep_splits(word_norm):
        if prefix == "" or _long_enough(rest):
            variants.append((prefix, rest))
        variants.extend(_article_splits(prefix, rest))
    return _unique(variants)


def _long_enough(base: str) -> bool:
    """True when ``base`` is long enough to be a word after removing a proclitic."""
    limit = MIN_BASE_AFTER_ARTICLE + 2 if base.startswith(ARTICLE) else MIN_BASE_LEN
    return len(base) >= limit


def _unique(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Drop repeated pairs, keeping the first occurrence."""
    seen: set[tuple[str, str]] = set()
    out = []
    for pair in pairs:
        if pair not in seen:
            seen.add(pair)
            out.append(pair)
    return out


def clitic_bases(word_norm: str) -> list[str]:
    """Return just the candidate bases of ``clitic_variants`` (unsplit word first)."""
    return list(dict.fromkeys(base for _, base in clitic_variants(word_norm)))


def strip_suffixes(word_norm: str) -> list[tuple[str, str]]:
    """List (stem, suffix) pairs for plural, dual and pronoun suffixes, the unsplit word first.

    "عناصرها" gives ("عناصر", "ها"); "مسلحين" gives ("مسلح", "ين").
    """
    out = [(word_norm, "")]
    for suffix in SUFFIXES:
        if word_norm.endswith(suffix) and len(word_norm) - len(suffix) >= MIN_STEM_LEN:
            out.append((word_norm[: -len(suffix)], suffix))
    return out


_ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064a]")


def is_arabic(word: str) -> bool:
    """True when ``word`` contains an Arabic letter."""
    return _ARABIC_LETTER_RE.search(word) is not None
