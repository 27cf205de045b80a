"""What the words around a place name say: a place cue, a spatial relation, a direction, a distance."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from marsad.geo.lexicon import GeoLexicon, proclitic_forms
from marsad.text.normalize import strip_al

log = logging.getLogger(__name__)

_WORD = re.compile(r"\d+(?:[.,]\d+)?|[^\W\d_]+")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")
_FILLERS = frozenset({"من", "على", "في", "عن", "الى", "الي", "حوالي", "نحو", "مسافة", "بعد", "قرابة",
                      "تقريبا", "مسافه", "منطقه", "بلده", "مدينه", "of", "the", "in", "a", "about", "some"})
_PREPOSITIONS = frozenset({"في", "فى", "على", "علي", "عند", "من", "الى", "الي", "in", "at", "on", "of"})
LOOKBACK_WORDS = 6


@dataclass(frozen=True, slots=True)
class Context:
    """Cues read around one name."""

    cue: str | None = None  # feature hint of the word right before ("village", "admin1", ...)
    cue_word: str | None = None
    relation: str | None = None  # countryside/desert/outskirts/near/between/road
    direction: str | None = None  # east/west/north/south (or "north-east" ...)
    distance_km: float | None = None
    listed: bool = False  # joined by "و" or a comma to the place named right before


def words_before(value: str, start: int, limit: int = LOOKBACK_WORDS) -> list[str]:
    """The last ``limit`` words before ``start`` in the match string, nearest last."""
    head = value[max(0, start - 120):start]
    cut = max(head.rfind("."), head.rfind("،"), head.rfind(","), head.rfind("؛"), head.rfind("\n"))
    return _WORD.findall(head[cut + 1:])[-limit:]


def words_after(value: str, end: int, limit: int = 2) -> list[str]:
    """The first ``limit`` words after ``end`` in the match string."""
    return _WORD.findall(value[end:end + 40])[:limit]


def read_context(value: str, start: int, end: int, lexicon: GeoLexicon) -> Context:
    """Read the cue, relation, direction and distance before (and the direction after) a name."""
    before, after = words_before(value, start), words_after(value, end)
    cue, cue_word = _cue(before, lexicon)
    relation = _relation(before, lexicon)
    following = lexicon.after.get(after[0]) if after else None
    if following in ("countryside", "desert", "outskirts"):
        relation = relation or following
    elif following and cue is None:
        cue, cue_word = following, after[0]
    direction = _direction(before, lexicon) or _direction_after(after, lexicon)
    distance = _distance(before, lexicon)
    if distance is not None:
        relation = "offset"
    elif relation is None and direction and _direction(before, lexicon):
        relation = "near"
    return Context(cue, cue_word, relation, direction, distance)


def _cue(before: list[str], lexicon: GeoLexicon) -> tuple[str | None, str | None]:
    """The feature hint of the nearest cue word (skipping one filler such as "من")."""
    for word in reversed(before[-2:]):
        for form in proclitic_forms(word):
            if form in lexicon.place_cues:
                return lexicon.place_cues[form], form
        if word not in _FILLERS:
            return None, None
    return None, None


def _relation(before: list[str], lexicon: GeoLexicon) -> str | None:
    """The nearest relation word within the last five words, stopping at another content word.

    A road word counts only when no preposition stands between ("طريق X", not "بجانب طريق في X")."""
    crossed = False
    for distance, word in enumerate(reversed(before[-5:])):
        forms = _forms(word)
        for form in forms:
            if form in lexicon.relations:
                relation = lexicon.relations[form]
                return None if relation == "road" and crossed else relation
        if distance and not _skippable(forms, lexicon):
            return None
        crossed = crossed or word in _PREPOSITIONS
    return None


def _forms(word: str) -> list[str]:
    """The word without proclitics, with and without the article ("بالأطراف" -> "اطراف")."""
    forms = proclitic_forms(word)
    return forms + [strip_al(f) for f in forms if f.startswith("ال")]


def _skippable(forms: list[str], lexicon: GeoLexicon) -> bool:
    return any(f in _FILLERS or f in lexicon.place_cues or f in lexicon.directions
               or _NUMBER.match(f) or f in lexicon.distance_units for f in forms)


def _direction(before: list[str], lexicon: GeoLexicon) -> str | None:
    """A compass word among the last three words before the name ("شرق", "جنوب غرب")."""
    found = [lexicon.directions[f] for w in before[-3:] for f in proclitic_forms(w)[:1]
             if f in lexicon.directions]
    return _combine(found)


def _direction_after(after: list[str], lexicon: GeoLexicon) -> str | None:
    """"ريف X الشرقي", "ريف X الشمالي الشرقي"."""
    found = []
    for word in after:
        if word not in lexicon.directions:
            break
        found.append(lexicon.directions[word])
    return _combine(found)


def _combine(found: list[str]) -> str | None:
    """"north" + "east" -> "north-east" (north/south first)."""
    if not found:
        return None
    ns = next((d for d in found if d in ("north", "south")), None)
    ew = next((d for d in found if d in ("east", "west")), None)
    return "-".join(d for d in (ns, ew) if d)


def _distance(before: list[str], lexicon: GeoLexicon) -> float | None:
    """"على بعد 30 كم (شرق) من X" -> 30.0."""
    for i in range(len(before) - 1):
        if _NUMBER.match(before[i]) and before[i + 1] in lexicon.distance_units:
            value = float(before[i].replace(",", "."))
            return value * lexicon.distance_units[before[i + 1]]
    return None
