"""Places outside the gazetteer's coverage: the location as written, its country when the text names it.

The gazetteer covers Syria and Iraq. An incident elsewhere ("in the village of Af Urur in Somalia's
Puntland region") is still coded: its location is the name as the report writes it, with no
coordinates and no precision code, its country is the one the report names (``data/countries.tsv``:
names and adjectives), and the event is tagged "place: outside coverage". A name counts as a place
when a locative word comes right before it ("in", "near", "the village of": cue lists
``outside_before`` and ``outside_nouns``) or a place noun right after it ("Kunduz province"). Names
of actors, sources, months and days are no places. Only English names are read this way.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from marsad.document import Event, Span
from marsad.extract.matcher import PhraseMatcher
from marsad.text.lexicon import read_tsv
from marsad.text.normalize import NormalizedText

log = logging.getLogger(__name__)

OUTSIDE_TAG = "place: outside coverage"
NO_PLACE_TAG = "place: none named"
# a run of capitalised words, with the transliterated article ("al-Qaim", "el-Arish") and short
# lower-case joints inside a name ("Ras al Ain", "Nahr-e-Saraj", "Rio de Janeiro")
_WORD = r"(?:(?:al|el|ad|ar|as|ash|at|az|an|adh)[-\u2010])?[^\W\d_a-z][\w'\u2019\-\u2010]*"
_JOINT = r"(?:al|el|de|da|del|des|di|du|la|le|e|es|ul|bin|ibn|abu)"
_RUN_RE = re.compile(rf"{_WORD}(?:[ \t]+(?:{_JOINT}[ \t]+)?{_WORD})*")
_POSSESSIVE = ("'s", "\u2019s")
_SETTLEMENT, _DISTRICT, _PROVINCE = 1, 2, 3


@dataclass(frozen=True, slots=True)
class Country:
    """A country as ACLED writes it: name, ISO 3166 numeric code, ACLED region."""

    iso2: str
    iso: int
    name: str
    region: str


@dataclass
class CountryTable:
    """Every country of ``data/countries.tsv`` and a matcher over its names and adjectives."""

    countries: dict[str, Country]
    matcher: PhraseMatcher
    names: frozenset[str] = field(default_factory=frozenset)  # folded names that are nouns, not adjectives

    @classmethod
    def load(cls) -> "CountryTable":
        """Read ``data/countries.tsv``; raise ``DataFileError`` naming a bad line."""
        countries: dict[str, Country] = {}
        matcher = PhraseMatcher()
        nouns: set[str] = set()
        for line_no, fields in read_tsv("countries.tsv", 4):
            country = Country(fields[0], int(fields[1]), fields[2], fields[3])
            countries[country.iso2] = country
            aliases = [a.strip() for a in (fields[4] if len(fields) > 4 else "-").split(",") if a.strip() not in ("", "-")]
            for alias in [country.name] + aliases:
                matcher.add(alias, country)
                if alias == country.name or not _adjective(alias):
                    nouns.add(alias.lower())
                    nouns.add(alias.lower() + "'s")  # "Syria's" (the matcher takes the possessive)
        matcher.build()
        return cls(countries, matcher, frozenset(nouns))


def _adjective(alias: str) -> bool:
    """True for a demonym ("Nigerian", "Afghan"): it names a country less surely than its name."""
    return alias.endswith(("an", "ian", "ese", "ish", "i", "ch", "ic", "ot", "ol", "er", "ine", "ean", "ar")) \
        and " " not in alias and not alias.isupper()


@dataclass(frozen=True, slots=True)
class Written:
    """A place name as the report writes it."""

    start: int
    end: int
    name: str
    rank: int  # 1 a settlement, 2 a district or unknown, 3 a province or wider
    country: Country | None = None


def find_written_places(ctx: Any, start: int, end: int) -> list[Written]:
    """Place names written in ``[start, end)`` of an English report that the gazetteer does not know."""
    if ctx.lang != "en":
        return []
    text = ctx.doc.text
    out: list[Written] = []
    for match in _RUN_RE.finditer(text, start, end):
        name_start, name_end = _own_part(ctx, match.start(), match.end())
        if name_start >= name_end:
            continue
        rank = _place_rank(ctx, name_start, name_end)
        if rank is None or _taken(ctx, name_start, name_end):
            continue
        name = text[name_start:name_end]
        out.append(Written(name_start, name_end, name, rank, _country_near(ctx, name_start, name_end)))
    return out


def _own_part(ctx: Any, start: int, end: int) -> tuple[int, int]:
    """The part of a capitalised run that can name a place: after an owner ("Afghanistan's Kunduz"),
    without leading direction words ("Northeastern"), countries or their adjectives ("Bosnian Serb"),
    and empty for an owner itself or a compound adjective ("Kurdish-controlled")."""
    text = ctx.doc.text
    words = list(re.finditer(r"\S+", text[start:end]))
    keep = 0
    for k, word in enumerate(words):
        if word.group().endswith(_POSSESSIVE):
            keep = k + 1
    words = words[keep:]
    countries = [(o, o + len(c)) for o, c in _country_words(ctx, start, end)]
    while words and (_skippable(ctx, words[0].group())
                     or any(a <= start + words[0].start() < b for a, b in countries)):
        words = words[1:]
    if not words or any(_compound_adjective(w.group()) for w in words):
        return end, end
    return start + words[0].start(), start + words[-1].end()


def _skippable(ctx: Any, word: str) -> bool:
    """True for a direction, article or title word written with a capital ("Northeastern", "The")."""
    folded = word.lower()
    return folded in ctx.words("outside_skip") or folded in ctx.words("outside_not_names")


def _compound_adjective(word: str) -> bool:
    """True for "Kurdish-controlled", "Saudi-led", "Iran-backed": an adjective, no place."""
    parts = re.split(r"[-\u2010]", word)
    return len(parts) > 1 and parts[-1][:1].islower() and parts[0][:1].isupper()


def _place_rank(ctx: Any, start: int, end: int) -> int | None:
    """How precise a capitalised name is as a place, or None when nothing says it is one."""
    after = _words_after(ctx, end, 2)
    nouns = ctx.words("outside_nouns")
    for word in after[:1]:
        if word in nouns:
            return _noun_rank(ctx, word)
    before = _words_before(ctx, start, 4)
    if before and before[0] == "of" and len(before) > 1 and before[1] in nouns:
        return _noun_rank(ctx, before[1])
    skip = ctx.words("outside_skip")
    for word in before:
        if word in ctx.words("outside_before"):
            return _DISTRICT
        if word not in skip:
            return None
    return None


def _noun_rank(ctx: Any, word: str) -> int:
    """1 for a settlement noun ("village"), 3 for a province noun ("province"), else 2."""
    if word in ctx.words("outside_settlements"):
        return _SETTLEMENT
    return _PROVINCE if word in ctx.words("outside_provinces") else _DISTRICT


def _words_after(ctx: Any, end: int, count: int) -> list[str]:
    """The next ``count`` words after ``end``, folded (no punctuation crossed)."""
    lo, _hi = ctx.token_range(end, len(ctx.doc.text))
    words: list[str] = []
    for token in ctx.tokens[lo:lo + count]:
        if not token.norm[:1].isalnum():
            break
        words.append(token.norm)
    return words


def _words_before(ctx: Any, start: int, count: int) -> list[str]:
    """The ``count`` words before ``start``, nearest first, folded (stopping at punctuation but a hyphen)."""
    i = ctx.token_at(start) - 1
    words: list[str] = []
    while i >= 0 and len(words) < count:
        token = ctx.tokens[i]
        if token.norm[:1].isalnum():
            words.append(token.norm)
        elif token.text not in ("-", "\u2010"):
            break
        i -= 1
    return words


def _taken(ctx: Any, start: int, end: int) -> bool:
    """True when an actor, source, date, known place or calendar word covers the name."""
    for group in ("actor", "source", "date", "place"):
        for span in ctx.spans_in(group, max(0, start - 80), end + 1):
            if span.start < end and start < span.end:
                return True
    first = ctx.doc.text[start:end].split()[0].lower()
    return first in ctx.words("outside_not_names")


def _country_words(ctx: Any, start: int, end: int) -> list[tuple[int, str]]:
    """(offset, words) of the country names and adjectives inside ``[start, end)``."""
    table: CountryTable = ctx.knowledge.countries
    name = ctx.doc.text[start:end]
    return [(start + m.start, name[m.start:m.end]) for m in table.matcher.find(NormalizedText(name))]


def named_countries(ctx: Any, start: int, end: int) -> list[tuple[int, Country, bool]]:
    """Countries named in ``[start, end)`` of an English report: (offset, country, named as a noun)."""
    return [c for c in ctx.memo(("countries",), lambda: _all_countries(ctx)) if start <= c[0] < end]


def _all_countries(ctx: Any) -> list[tuple[int, Country, bool, int]]:
    """Every country name or adjective written with a capital in an English report (offset, country, noun, end)."""
    if ctx.lang != "en":
        return []
    table: CountryTable = ctx.knowledge.countries
    nt, squeezed = ctx.knowledge.folded(ctx.doc.text)
    out = []
    for match in table.matcher.find(nt, squeezed_text=squeezed):
        if ctx.doc.text[match.start:match.start + 1].isupper():
            word = ctx.doc.text[match.start:match.end].lower().replace("\u2019", "'")
            out.append((match.start, match.value, word in table.names, match.end))
    return out


def country_before(ctx: Any, start: int) -> str | None:
    """The ISO code of a country named right before offset ``start`` ("Afghan security forces",
    "Nigeria's army"), or None."""
    for offset, country, _noun, end in named_countries(ctx, max(0, start - 40), start):
        if not ctx.doc.text[end:start].strip():
            return country.iso2
    return None


def outside_country(ctx: Any) -> str | None:
    """The ISO code of the country an English report with no gazetteer place names most, or None."""
    country = report_country(ctx) if ctx.lang == "en" else None
    return country.iso2 if country is not None else None


def template_actor(ctx: Any, mapping: dict[str, str], iso2: str) -> str | None:
    """The actor a generic name stands for in a country its entry does not map ("security forces" in
    Afghanistan: "Military Forces of Afghanistan"), from the entry's "*" template; it takes the inter code
    and kind of the entry's first mapped actor."""
    template = mapping.get("*")
    country = ctx.knowledge.countries.countries.get(iso2)
    if template is None or country is None:
        return None
    name = template.format(country=country.name)
    if name not in ctx.knowledge.actors:
        from marsad.extract.knowledge import Actor  # knowledge.py loads this module
        model = next(ctx.knowledge.actors[n] for code, n in sorted(mapping.items())
                     if code != "*" and n in ctx.knowledge.actors)
        ctx.knowledge.actors[name] = Actor(name, model.inter, model.kind, iso2)
    return name


def _country_near(ctx: Any, start: int, end: int) -> Country | None:
    """The country named in the place's sentence, the nearest first ("Somalia's Puntland region",
    "the Kenyan border town of X": an adjective counts only before a place noun)."""
    sent = ctx.segment_of(ctx.sentences, start)
    lo, hi = (ctx.sentences[sent].start, ctx.sentences[sent].end) if sent >= 0 else (start, end)
    found = [(offset, country) for offset, country, noun, _end in named_countries(ctx, lo, hi)
             if noun or _before_place_noun(ctx, offset)]
    if not found:
        return None
    return min(found, key=lambda f: abs(f[0] - start))[1]


def _before_place_noun(ctx: Any, offset: int) -> bool:
    """True when a place noun follows a country adjective within two words ("the Syrian border town")."""
    i = ctx.token_at(offset) + 1
    nouns = ctx.words("outside_nouns") | frozenset({"capital"})
    return any(ctx.tokens[j].norm in nouns for j in range(i, min(i + 3, len(ctx.tokens))))


def report_country(ctx: Any) -> Country | None:
    """The country a report names most (names, and adjectives before a place noun; the first on a tie),
    else the one its adjectives name most."""
    found = named_countries(ctx, 0, len(ctx.doc.text))
    if not found:
        return None
    counts: dict[str, list[int]] = {}
    for offset, country, noun, _end in found:
        if noun or _before_place_noun(ctx, offset):
            score = counts.setdefault(country.iso2, [0, -offset])
            score[0] += 1
    if not counts:  # only adjectives ("Afghan security forces"): the country they name
        for offset, country, _noun, _end in found:
            counts.setdefault(country.iso2, [0, -offset])[0] += 1
    best = max(counts, key=lambda iso2: tuple(counts[iso2]))
    return ctx.knowledge.countries.countries[best]


def fill_outside(ctx: Any, event: Event, clauses: list[tuple[int, int]]) -> None:
    """Set an event's location as written when the gazetteer found no place for it: the most precise
    name of its own clauses, else of its sentences, else of the report; its country when the text names
    one; no coordinates. Tagged "place: outside coverage" (or "place: none named" with no name at all)."""
    place = _best(ctx, clauses)
    country = (place.country if place else None) or report_country(ctx)
    event.latitude = event.longitude = event.geo_precision = event.where_prec = None
    if place is not None:
        event.location = place.name
        if place.rank == _PROVINCE:
            event.admin1 = place.name
        span = ctx.file("location", place.start, place.end, "outside", {"name": place.name, "rank": place.rank})
        event.add_evidence("location", span)
    elif country is not None:
        event.location = country.name
    if country is not None:
        event.country, event.iso, event.region = country.name, country.iso, country.region
    event.tags = OUTSIDE_TAG if event.location else NO_PLACE_TAG


def _best(ctx: Any, clauses: list[tuple[int, int]]) -> Written | None:
    """The most precise written place of the clauses, then of their sentences, then of the report."""
    scopes = [clauses, _sentences_of(ctx, clauses), [(0, len(ctx.doc.text))]]
    for scope in scopes:
        found = [w for start, end in scope for w in find_written_places(ctx, start, end)]
        if found:
            return min(found, key=lambda w: (w.rank, w.start))
    return None


def _sentences_of(ctx: Any, clauses: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences holding the given clauses."""
    out = []
    for start, _end in clauses:
        i = ctx.segment_of(ctx.sentences, start)
        if i >= 0:
            out.append((ctx.sentences[i].start, ctx.sentences[i].end))
    return sorted(set(out))


__all__ = ["Country", "CountryTable", "NO_PLACE_TAG", "OUTSIDE_TAG", "country_before", "fill_outside",
           "find_written_places", "named_countries", "outside_country", "report_country", "template_actor"]
