"""How a report tells an incident: its distinctive words, and how much two reports share.

Two undated reports of one town, one type and one actor pair may still be two incidents years
apart (a protest shooting in 2019 and another in 2022); what tells them apart is the incident's
own wording: the names, the targets, the circumstances. A mention's words are the folded stems
of the sentences its evidence lies in, plus the report's headline and lead for its main incident.
Words count by their rarity (inverse document frequency over our own written reports, shipped as
``data/dedup/word_df.tsv``): "قتل" (killed) says nothing, a name or "صهريج" (tanker) says much.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from marsad.document import Document, Event
from marsad.text.lexicon import read_tsv
from marsad.text.sentences import split_sentences
from marsad.text.normalize import normalize
from marsad.text.tokens import clitic_bases, strip_suffixes

LEAD_SENTENCES = 2  # the report's lead: its title and first sentences tell its main incident
MIN_STEM = 3
MAX_WORDS = 120


@dataclass(frozen=True, slots=True)
class WordTable:
    """Document frequencies of folded stems over ``documents`` reports."""

    documents: int
    frequency: dict[str, int]

    def idf(self, word: str) -> float:
        """Inverse document frequency (smoothed): a word no report used weighs most."""
        return math.log((self.documents + 1) / (self.frequency.get(word, 0) + 1))


@functools.cache
def word_table() -> WordTable:
    """The shipped table (``data/dedup/word_df.tsv``: a ``# documents N`` line, then stem<TAB>count)."""
    rows = read_tsv("dedup/word_df.tsv", 2)
    frequency = {fields[0]: int(fields[1]) for _, fields in rows if fields[0] != "@documents"}
    documents = next(int(fields[1]) for _, fields in rows if fields[0] == "@documents")
    return WordTable(documents, frequency)


@functools.lru_cache(maxsize=65536)
def stem(word_norm: str) -> str:
    """A folded word without its clitics and plural or pronoun suffix (consistent, not a lemma)."""
    base = clitic_bases(word_norm)[-1]
    return strip_suffixes(base)[-1][0]


_WORD_RE = re.compile(r"[^\W\d_]+")


def stems(text: str) -> list[str]:
    """The stems of the words of ``text`` (folded once; letters only, three letters or more)."""
    out = []
    for word in _WORD_RE.findall(normalize(text).lower()):
        stemmed = stem(word)
        if len(stemmed) >= MIN_STEM:
            out.append(stemmed)
    return out


def incident_words(doc: Document, event: Event, *, main: bool) -> frozenset[str]:
    """The stems of the sentences holding the event's evidence; with the headline and lead when
    ``main`` (the report's main incident). Capped at the ``MAX_WORDS`` rarest."""
    text = doc.text
    bounds = split_sentences(text) if text.strip() else []
    starts = {s.start for spans in event.evidence.values() for s in spans if 0 <= s.start < len(text)}
    parts = [text[a:b] for a, b in bounds if any(a <= s < b for s in starts)]
    if main:
        parts.append(doc.title or "")
        parts += [text[a:b] for a, b in bounds[:LEAD_SENTENCES]]
    words = set(stems(" ".join(parts)))
    table = word_table()
    return frozenset(sorted(words, key=lambda w: (-table.idf(w), w))[:MAX_WORDS])


def similarity(a: frozenset[str], b: frozenset[str]) -> float | None:
    """Cosine of the two word sets weighted by rarity (None when either has no words)."""
    if not a or not b:
        return None
    table = word_table()
    weight = {w: table.idf(w) ** 2 for w in a | b}
    shared = sum(weight[w] for w in a & b)
    norm = math.sqrt(sum(weight[w] for w in a) * sum(weight[w] for w in b))
    return shared / norm if norm else 0.0
