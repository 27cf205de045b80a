"""One report's mentions, indexed for the assembling stages (tokens, spans by position, cues).

``DocContext`` is rebuilt from ``doc.spans`` by the stages that need it; it holds no state
beyond one document and is thrown away afterwards.
"""

from __future__ import annotations

import bisect
import itertools
import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from marsad.document import Document, Span
from marsad.extract.config import ExtractConfig
from marsad.extract.kinds import KindTaxonomy
from marsad.extract.knowledge import Knowledge
from marsad.extract.outside import country_before, outside_country, template_actor
from marsad.extract.segments import Segment, clauses, paragraphs, sentences
from marsad.text.normalize import normalize
from marsad.text.tokens import Token, clitic_bases, is_arabic

log = logging.getLogger(__name__)

COUNTRY_CODES = {"Syria": "SY", "Iraq": "IQ"}
ARMED_KINDS = frozenset({"rebel", "militia"})


UNIDENTIFIED = "Unidentified Armed Group"  # what vague words ("مسلحين", "gunmen") name
# The Arabic article, after a conjunction and a preposition or not ("المسلحين", "وبالقصف", "للنظام").
_DEFINITE = re.compile(r"[وف]?(?:[بك]?ال|لل)")


def definite(word: str) -> bool:
    """True for an Arabic word written with the article."""
    return bool(_DEFINITE.match(word))

@dataclass
class DocContext:
    """Tokens, segments and span indexes of one document."""

    doc: Document
    knowledge: Knowledge
    lang: str
    tokens: list[Token]
    token_starts: list[int]
    paragraphs: list[Segment]
    sentences: list[Segment]
    clauses: list[Segment]
    country: str | None = None
    main_group: str | None = None
    bases: list[frozenset[str]] = field(default_factory=list)
    _index: dict[str, tuple[list[Span], list[int]]] = field(default_factory=dict)
    _positions: dict[str, list[int]] = field(default_factory=dict)
    _words: dict[str, frozenset[str]] = field(default_factory=dict)
    _last_words: dict[str, frozenset[str]] = field(default_factory=dict)
    named: frozenset[str] = frozenset()

    # the extraction's analysis, filled stage by stage (status, tolls, roles, mentions, grouping, coding)
    infos: list[Any] = field(default_factory=list)
    mentions: list[Any] = field(default_factory=list)
    toll_only: list[Any] = field(default_factory=list)
    drafts: list[Any] = field(default_factory=list)
    coded: list[tuple[Any, Any]] = field(default_factory=list)
    _memo: dict[tuple, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Document, knowledge: Knowledge) -> "DocContext":
        """The analysis the extraction stages share for ``doc``: built once, then kept on ``doc.analysis``."""
        if not isinstance(doc.analysis, cls):
            doc.analysis = cls.build(doc, knowledge)
        return doc.analysis

    @classmethod
    def build(cls, doc: Document, knowledge: Knowledge) -> "DocContext":
        """Index ``doc`` (tokens, segments, country, main armed group)."""
        lang = "en" if (doc.language or "ar").startswith("en") else "ar"
        table = doc.tokens if isinstance(doc.tokens, TokenTable) else analyse_tokens(doc, knowledge)
        ctx = cls(doc, knowledge, lang, table.tokens, table.starts,
                  paragraphs(doc), sentences(doc), clauses(doc))
        ctx.bases = table.bases
        ctx._words = knowledge.cues[lang]
        ctx._last_words = {k: frozenset(p[-1] for p in v) for k, v in knowledge.multiword[lang].items() if v}
        ctx._index = {group: (sorted(spans, key=lambda s: s.start), sorted(s.start for s in spans))
                      for group, spans in doc.spans.items()}
        ctx.country = _country_of(doc) or outside_country(ctx)
        ctx.main_group = _main_group(doc)
        ctx.named = frozenset((s.value or {}).get("name") for s in doc.spans.get("actor", []) if s.label == "name")
        return ctx

    @property
    def config(self) -> "ExtractConfig":
        return self.knowledge.config

    @property
    def kinds(self) -> "KindTaxonomy":
        return self.knowledge.kinds

    def words(self, key: str) -> frozenset[str]:
        """The folded cue words of ``key`` in the report's language."""
        return self._words[key]

    def norm_is(self, index: int, key: str) -> bool:
        """True when token ``index``, as written (folded, clitics kept), is a cue word of ``key``."""
        return 0 <= index < len(self.tokens) and self.tokens[index].norm in self._words[key]

    def memo(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """Compute a per-document analysis once (figures of a clause, roles of a clause ...)."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def file(self, group: str, start: int, end: int, label: str, value: Any = None) -> Span:
        """Add a span to the document and keep this context's index of ``group`` current."""
        span = self.doc.add_span(group, start, end, label, value)
        self._index.pop(group, None)
        return span

    # --- spans by position -------------------------------------------------
    def spans_in(self, group: str, start: int, end: int) -> list[Span]:
        """Return the spans of ``group`` lying inside ``[start, end)``."""
        spans, starts = self._index.get(group) or self._reindex(group)
        lo = bisect.bisect_left(starts, start)
        hi = bisect.bisect_left(starts, end)
        return [s for s in spans[lo:hi] if s.end <= end]

    def spans_starting(self, group: str, start: int, end: int) -> list[Span]:
        """Return the spans of ``group`` starting inside ``[start, end)`` (wherever they end)."""
        spans, starts = self._index.get(group) or self._reindex(group)
        return spans[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]

    def covered(self, group: str, offset: int) -> bool:
        """True when a span of ``group`` covers ``offset`` (start <= offset < end)."""
        spans, starts = self._index.get(group) or self._reindex(group)
        reach = self._reach(group, spans)
        i = bisect.bisect_right(starts, offset)
        return i > 0 and reach[i - 1] > offset

    def overlapped(self, group: str, start: int, end: int) -> bool:
        """True when a span of ``group`` overlaps ``[start, end)``."""
        spans, starts = self._index.get(group) or self._reindex(group)
        i = bisect.bisect_left(starts, end)  # the spans starting before ``end``
        return i > 0 and self._reach(group, spans)[i - 1] > start

    def overlapping(self, group: str, start: int, end: int) -> list[Span]:
        """The spans of ``group`` overlapping ``[start, end)``, in start order."""
        if not self.overlapped(group, start, end):
            return []
        spans, starts = self._index.get(group) or self._reindex(group)
        i = bisect.bisect_left(starts, end)
        reach = self._reach(group, spans)
        first = bisect.bisect_right(reach, start, 0, i)  # before it, every span ends by ``start``
        return [s for s in spans[first:i] if s.end > start]

    def _reach(self, group: str, spans: list[Span]) -> list[int]:
        """For each span (in start order), the furthest end among it and the spans before it."""
        kept = self._memo.get(("reach", group))
        if kept is None or kept[0] is not spans:
            kept = (spans, list(itertools.accumulate((s.end for s in spans), max)))
            self._memo[("reach", group)] = kept
        return kept[1]

    def _reindex(self, group: str) -> tuple[list[Span], list[int]]:
        """Index a span group filed after the context was built."""
        spans = sorted(self.doc.spans.get(group, []), key=lambda s: s.start)
        self._index[group] = (spans, [s.start for s in spans])
        return self._index[group]

    def cues_in(self, start: int, end: int) -> dict[str, list[Span]]:
        """Return cue kind -> cue spans inside ``[start, end)``."""
        out: dict[str, list[Span]] = {}
        for span in self.spans_in("cue", start, end):
            out.setdefault(span.label, []).append(span)
        return out

    # --- tokens --------------------------------------------------------------
    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Return the index range of the tokens inside ``[start, end)``."""
        lo = bisect.bisect_left(self.token_starts, start)
        if lo > 0 and self.tokens[lo - 1].end > start:
            lo -= 1  # a span starting inside a token ("و" + "اثنين") belongs to that token
        hi = bisect.bisect_left(self.token_starts, end)
        return lo, hi

    def token_at(self, offset: int) -> int:
        """Return the index of the token that starts at or covers ``offset``."""
        idx = bisect.bisect_right(self.token_starts, offset) - 1
        return max(idx, 0)

    def is_word(self, index: int, key: str) -> bool:
        """True when token ``index`` is (a clitic form of) a cue word of ``key``, or ends a cue phrase."""
        if not 0 <= index < len(self.tokens):
            return False
        if not self.bases[index].isdisjoint(self._words[key]):
            return True
        last = self._last_words.get(key)
        return bool(last) and self.tokens[index].norm in last and any(
            self._phrase_ends_at(index, phrase)
            for phrase in self.knowledge.phrases_ending(self.lang, key, self.tokens[index].norm))

    def positions(self, key: str, lo: int, hi: int) -> list[int]:
        """Indexes of the tokens in ``[lo, hi)`` that are cue words of ``key`` (the document is scanned once per key)."""
        found = self._positions.get(key)
        if found is None:
            words, last = self._words[key], self._last_words.get(key) or frozenset()
            found = [i for i, bases in enumerate(self.bases)
                     if not bases.isdisjoint(words) or (self.tokens[i].norm in last and self.is_word(i, key))]
            self._positions[key] = found
        return found[bisect.bisect_left(found, lo):bisect.bisect_left(found, hi)]

    def _phrase_ends_at(self, index: int, phrase: tuple[str, ...]) -> bool:
        """True when the words of ``phrase`` end at token ``index`` (the first may carry clitics)."""
        first = index - len(phrase) + 1
        if first < 0 or self.tokens[index].norm != phrase[-1]:
            return False
        if any(self.tokens[first + k].norm != phrase[k] for k in range(1, len(phrase) - 1)):
            return False
        return phrase[0] in self.bases[first]

    def word_in(self, index: int, words: frozenset[str]) -> bool:
        """True when token ``index`` (or a clitic base of it) is one of ``words``."""
        return 0 <= index < len(self.tokens) and bool(self.bases[index] & words)

    def phrase_at(self, index: int, key: str, *, span: int = 3) -> int:
        """Return the length in tokens of a cue phrase of ``key`` starting at token ``index`` (0 if none)."""
        words = self.knowledge.words(self.lang, key)
        for length in range(span, 0, -1):
            if index + length > len(self.tokens):
                continue
            joined = " ".join(self.tokens[i].norm for i in range(index, index + length))
            if joined in words or any(b + joined[len(self.tokens[index].norm):] in words for b in self.bases[index]):
                return length
        return 0

    # --- segments ------------------------------------------------------------
    def segment_of(self, segments: list[Segment], offset: int) -> int:
        """Return the index of the segment containing ``offset`` (-1 when none)."""
        starts = self._starts_of(segments)
        idx = bisect.bisect_right(starts, offset) - 1
        if idx >= 0 and segments[idx].start <= offset < segments[idx].end:
            return idx
        return -1

    def _starts_of(self, segments: list[Segment]) -> list[int]:
        """The start offsets of a segment list, computed once per list (not once per look-up)."""
        kept = self._memo.get(("starts", id(segments)))
        if kept is None or kept[0] is not segments or len(kept[1]) != len(segments):
            kept = (segments, [s.start for s in segments])
            self._memo[("starts", id(segments))] = kept
        return kept[1]

    def paragraph_at(self, offset: int) -> Segment | None:
        """The paragraph containing ``offset``, or None (paragraphs are disjoint and in text order)."""
        idx = self.segment_of(self.paragraphs, offset)
        return self.paragraphs[idx] if idx >= 0 else None

    def numbered(self, para: int) -> list[Segment]:
        """The paragraph segments numbered ``para`` (a paragraph's lines), in text order."""
        def build() -> dict[int, list[Segment]]:
            out: dict[int, list[Segment]] = {}
            for p in self.paragraphs:
                out.setdefault(p.para, []).append(p)
            return out
        return self.memo(("numbered",), build).get(para, [])

    def paragraphs_upto(self, para: int) -> list[Segment]:
        """The paragraph segments numbered ``para`` or lower, in text order."""
        numbers = self.memo(("numbers",), lambda: [p.para for p in self.paragraphs])
        if self.memo(("numbers_sorted",), lambda: all(a <= b for a, b in zip(numbers, numbers[1:]))):
            return self.paragraphs[:bisect.bisect_right(numbers, para)]
        return [p for p in self.paragraphs if p.para <= para]

    def resolve_actor(self, span: Span) -> str | None:
        """Return the canonical actor an actor span stands for in this report."""
        value: dict[str, Any] = span.value or {}
        if span.label == "ref":
            own = value.get("name")
            return own if own in self.named else self.main_group or own
        if span.label == "weak" and value.get("name") == UNIDENTIFIED and UNIDENTIFIED not in self.named \
                and self.main_group and definite(self.doc.text[span.start:span.end]):
            return self.main_group  # "الاشتباكات بين المسلحين وأهالي القرية": the gunmen the report is about
        if span.label in ("generic", "object"):
            mapping = value.get("by_country") or {}
            country = country_before(self, span.start) or self.country or "SY"
            return mapping.get(country) or template_actor(self, mapping, country)
        return value.get("name")


_TOKEN_RE = re.compile(r"\d+(?:[.,\u066b\u066c]\d+)*|[^\W\d_](?:[^\W\d_]|[\u064B-\u065F\u0670\u0640\u200c\u200d])*|[^\w\s]")


@dataclass(frozen=True, slots=True)
class TokenTable:
    """A report's tokens, computed once: each word, its folded form and its clitic bases."""

    tokens: list[Token]
    starts: list[int]
    bases: list[frozenset[str]]


def analyse_tokens(doc: Document, knowledge: Knowledge) -> TokenTable:
    """Tokenize ``doc.text`` once; each distinct word is folded and split into clitic bases once per pipeline."""
    tokens, bases = _tokens(doc.text, knowledge.token_cache, knowledge.config.token_cache_max)
    return TokenTable(tokens, [t.start for t in tokens], bases)


def _tokens(text: str, cache: dict[str, tuple[str, frozenset[str]]],
            cache_max: int) -> tuple[list[Token], list[frozenset[str]]]:
    tokens: list[Token] = []
    bases: list[frozenset[str]] = []
    for match in _TOKEN_RE.finditer(text):
        word = match.group()
        entry = cache.get(word)
        if entry is None:
            norm = normalize(word)
            entry = (norm, _bases(norm))
            if len(cache) < cache_max:
                cache[word] = entry
        tokens.append(Token(match.start(), match.end(), word, entry[0]))
        bases.append(entry[1])
    return tokens, bases


def _bases(norm: str) -> frozenset[str]:
    """Clitic bases of a folded word, plus each without its accusative alef ("مقرا" -> "مقر")."""
    if not is_arabic(norm):
        return frozenset({norm})
    bases = clitic_bases(norm)
    return frozenset(bases + [b[:-1] for b in bases if b.endswith("ا") and len(b) > 3])


def _country_of(doc: Document) -> str | None:
    """Return the ISO2 code of the country most places of ``doc`` are in."""
    counts = Counter(COUNTRY_CODES.get((s.value or {}).get("country") or "", None) for s in doc.spans.get("place", []))
    counts.pop(None, None)
    return counts.most_common(1)[0][0] if counts else None


def _main_group(doc: Document) -> str | None:
    """Return the non-state armed group named most often (first named on a tie)."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for span in doc.spans.get("actor", []):
        value = span.value or {}
        if span.label == "name" and value.get("kind") in ARMED_KINDS and value.get("inter") == 2:
            counts[value["name"]] += 1
            first.setdefault(value["name"], span.start)
    if not counts:
        return None
    return max(counts, key=lambda n: (counts[n], -first[n]))

