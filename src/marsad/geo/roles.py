"""What a place mention is in its sentence: a site, a reference point, or a word inside a name.

- ``site``: a place where something can happen (the default).
- ``reference``: a place used only to locate another one or as a direction/distance anchor:
  "30 كم شرق بعقوبة", "شمال العاصمة بغداد", "قرية X بريف درعا" (درعا locates X).
- ``name``: a word inside a name that is not a place here: an outlet named after a city ("شبكة دير
  الزور 24"), a person's name, kunya or family name ("الناشط فاهم أبو علي", "يدعى أحمد محمد العلي",
  "أبو بكر البغدادي"), a street, hall or armed unit named after a place ("شارع بغداد", "لواء القدس"),
  a government called by its capital ("دمشق ترد", "حكومة بغداد").

The word lists are ``GeoLexicon.roles`` (geo_lexicon.yaml); ``assign_roles`` gives each mention its
role and a one-line reason.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from marsad.geo.context import Context, words_after, words_before
from marsad.geo.lexicon import GeoLexicon, RoleWords, proclitic_forms
from marsad.geo.places import Place, Role
from marsad.text.normalize import strip_al

log = logging.getLogger(__name__)

ROLES: tuple[Role, ...] = ("site", "reference", "name")

# How wide a place is: a wider place right after a narrower one locates it.
FEATURE_RANK = {"neighbourhood": 0, "camp": 1, "airport": 1, "oil_field": 1, "gas_field": 1, "village": 1,
                "town": 2, "city": 3, "mountain": 3, "valley": 3, "road": 3, "admin3": 4, "admin2": 5,
                "desert": 5, "admin1": 6, "region": 6}
CUE_RANK = {"neighbourhood": 0, "camp": 1, "airport": 1, "base": 1, "village": 1, "town": 2, "city": 3,
            "admin3": 4, "admin2": 5, "admin1": 6}
AREA_RANK = 5  # "ريف X", "بادية X": the area around X
_WORD = re.compile(r"\d+(?:[.,]\d+)?|[^\W\d_]+")
_DIGITS = re.compile(r"^\d+$")
_HARD_BREAK = re.compile(r"[.\n؛;:!?؟]")
_INSIDE = frozenset({"في", "فى", "ب"})
_NISBA = re.compile(r"^ال\w+ي$")  # "المدني", "الكردي": an adjective or family name
_DATELINE = re.compile(r"[-–—:]\s*$")
_OUTLET_AFTER_NUMBER = re.compile(r"^\s*\d+\s*(?:[\"'”»)\].,،:؛\n]|$|ان\b|الاخباري|نيوز)")


@dataclass(frozen=True, slots=True)
class Named:
    """What ``assign_roles`` needs of one resolved mention (offsets in the match string)."""

    key: str
    start: int  # where the name starts, after its proclitic prefix
    end: int
    prefix: str
    ctx: Context
    place: Place
    villages_only: bool  # every candidate is a village or a quarter
    text_start: int = 0  # where the mention starts in the original text (a dash before it is lost in the
    # match string: "وكالة - دمشق أعلنت" is a filing line)
    common: float = 0.0  # Zipf frequency of an everyday word no cue introduces, borne only by villages or abroad


def assign_roles(text: str, value: str, named: list[Named], lexicon: GeoLexicon, *,
                 locator_gap: int) -> list[tuple[Role, str]]:
    """The role of each mention (in text order) and why, e.g. ("reference", "direction anchor ...").

    ``text`` is the original text, ``value`` the match string (``MatchString.value``) the offsets refer to."""
    roles: list[tuple[Role, str]] = []
    for n, item in enumerate(named):
        previous = named[n - 1] if n else None
        previous_role = roles[-1][0] if roles else None
        before = words_before(value, item.start - len(item.prefix), limit=5)
        why = _name_reason(text, value, item, before, previous, previous_role, lexicon)
        if why:
            roles.append(("name", why))
            continue
        why = _reference_reason(item, before, lexicon)
        if why is None and previous is not None and previous_role != "name" \
                and joined(value, previous, item, lexicon, locator_gap) and rank(item) > rank(previous):
            why = f"locates '{previous.key}', named just before it"
        roles.append(("reference", why) if why else ("site", ""))
    return roles


def rank(item: Named) -> int:
    """How wide a mention is (0 a quarter ... 6 a governorate); a cue word before it counts first."""
    if item.ctx.relation in ("countryside", "desert"):
        return max(AREA_RANK, FEATURE_RANK.get(item.place.feature, 0))
    if item.ctx.cue in CUE_RANK:
        return CUE_RANK[item.ctx.cue]
    return FEATURE_RANK.get(item.place.feature, 1)


def joined(value: str, first: Named, second: Named, lexicon: GeoLexicon, gap_limit: int) -> bool:
    """True when ``second`` follows ``first`` joined only by locating words ("X التابعة لناحية Y",
    "X بريف Y", "X، في منطقة Y"), not by "و" (a list) nor across a sentence."""
    if second.prefix.startswith("و"):
        return False
    gap = value[first.end:second.start - len(second.prefix)]
    if len(gap) > gap_limit or _HARD_BREAK.search(gap):
        return False
    words = _WORD.findall(gap)
    if not all(_locating(word, lexicon) for word in words):
        return False
    if any(word[:1] == "و" and _locating(word[1:], lexicon) for word in words):
        return False  # "قرية X وبلدة Y": a list
    if not (words or second.prefix[-1:] in ("ب", "ل") or "(" in gap):
        return False  # "طريق X Y", "عين العرب كوباني": a road's ends or two names of one place
    if "،" in gap or "," in gap:  # a comma-separated list, unless a locating word follows the comma
        return bool(words) or second.prefix.endswith("ب") or second.ctx.relation is not None
    return True


def _locating(word: str, lexicon: GeoLexicon) -> bool:
    """A word that can stand between a place and the wider place that locates it."""
    if _DIGITS.match(word):
        return True
    if _in(word, lexicon.roles.locator_links):
        return True
    return any(form in lexicon.place_cues or form in lexicon.relations or form in lexicon.directions
               or form in lexicon.distance_units or form in lexicon.locative for form in proclitic_forms(word))


def _name_reason(text: str, value: str, item: Named, before: list[str], previous: Named | None,
                 previous_role: str | None, lexicon: GeoLexicon) -> str | None:
    """Why the mention is a word inside a name, or None (``before``: the words before it, nearest last)."""
    words = lexicon.roles
    if item.common:
        return f"an everyday word (Zipf {item.common:.1f}) with no place word before it: read as a word, not a place"
    last = before[-1] if before and not item.prefix else ""
    if _in(last, words.outlet_words) or _numbered(value, item.end):
        return "part of an outlet's name"
    if _in(last, words.name_words) or (len(before) > 1 and not item.prefix and _is_cue(last, lexicon)
                                       and _in(before[-2], words.name_words)):
        return "part of the name of a street, hall, unit or council"
    if strip_al(item.key) in words.capitals and _government(text, value, item, last, words):
        return "a capital standing for its government"
    return _person_reason(value, item, before, previous, previous_role, lexicon)


def _government(text: str, value: str, item: Named, last: str, words: RoleWords) -> bool:
    """"دمشق ترد", "حكومة بغداد" (not a filing line "وكالة - أربيل أعلنت الوزارة ...")."""
    if _DATELINE.search(text[max(0, item.text_start - 3):item.text_start]):
        return False
    after = words_after(value, item.end, limit=1)
    return bool(after and _in(after[0], words.government_verbs)) or _in(last, words.government_nouns)


def _person_reason(value: str, item: Named, before: list[str], previous: Named | None,
                   previous_role: str | None, lexicon: GeoLexicon) -> str | None:
    """Why the mention is (part of) a person's name, or None."""
    words = lexicon.roles
    last = before[-1] if before and not item.prefix else ""
    if _in(last, words.kunya_words) or _in(last, words.given_names):
        return f"follows '{last}': part of a person's name"
    if previous is not None and previous_role == "name" and not item.prefix \
            and value[previous.end:item.start].strip(" \"'“”«»") == "":
        return "continues the person's name before it"
    if item.ctx.cue or item.ctx.relation or item.ctx.listed or _locative(item, before, lexicon):
        return None
    first = item.key.split(" ")[0]
    if first in words.kunya_words and " " in item.key and item.villages_only:
        return "a kunya (أبو/أم X) with no place word before it: a person's name"
    after = words_after(value, item.end, limit=1)
    if " " in item.key and _in(first, words.person_words) and item.villages_only and after \
            and (_in(after[0], words.given_names) or _NISBA.match(after[0])):
        return f"a title ('{first}') and a name, followed by another name: a person"
    for word in reversed(before[-3:]):
        if _in(word, words.person_words):
            return f"follows '{word}': a person's name"
        if not (_in(word, words.given_names) or _in(word, words.kunya_words) or _NISBA.match(word)):
            break  # only a person's other names or an adjective ("الناشط المدني فاهم") stand between
    return None


def _reference_reason(item: Named, before: list[str], lexicon: GeoLexicon) -> str | None:
    """Why the mention is a direction or distance anchor, or None."""
    ctx = item.ctx
    if ctx.relation == "offset":
        return f"distance anchor ({ctx.distance_km:g} km {ctx.direction or 'from it'})"
    if ctx.relation == "near" and ctx.direction and _direction_anchor(before, lexicon):
        return f"direction anchor ({ctx.direction} of it)"
    return None


def _direction_anchor(before: list[str], lexicon: GeoLexicon) -> bool:
    """"شرق X", "جنوب غربي X": a compass word right before the name; not "في شمال X" / "بشمال X"
    (the north part of X, a site) nor a compass word after it ("قرب X، شمال البلاد")."""
    if before and _is_cue(before[-1], lexicon):
        before = before[:-1]  # "جنوب شرقي مدينة الموصل"
    i = len(before)
    while i > 0 and len(before) - i < 3 and _is_direction(before[i - 1], lexicon):
        i -= 1
    if i == len(before):
        return False
    first = before[i]
    if first[:1] == "ب" and first[1:] in lexicon.directions:
        return False
    return not (i > 0 and before[i - 1] in _INSIDE)


def _is_direction(word: str, lexicon: GeoLexicon) -> bool:
    return any(f in lexicon.directions for f in proclitic_forms(word))


def _numbered(value: str, end: int) -> bool:
    """"دير الزور 24": a number right after the name that ends the phrase (not "... 2 يونيو", "24 ساعة")."""
    return bool(_OUTLET_AFTER_NUMBER.match(value, end))


def _locative(item: Named, before: list[str], lexicon: GeoLexicon) -> bool:
    """A locative word ("في", "من", "قرب") or a glued ب/ل right before the name."""
    if item.prefix and item.prefix[-1] in "بل":
        return True
    return bool(before) and any(f in lexicon.locative for f in proclitic_forms(before[-1]))


def _is_cue(word: str, lexicon: GeoLexicon) -> bool:
    return any(f in lexicon.place_cues for f in proclitic_forms(word))


def in_list(word: str, words: frozenset[str]) -> bool:
    """Is the word, or the word without its proclitics, in the list (see ``_in``)?"""
    return _in(word, words)


def _in(word: str, words: frozenset[str]) -> bool:
    """Is the word, or the word without its proclitics ("ولواء", "للناشط"), in the list? (The words of the
    match string are normalised already: only the article is dropped, as in the lists.)"""
    return bool(word) and not words.isdisjoint(_bare_forms(word))


@functools.lru_cache(maxsize=8192)
def _bare_forms(word: str) -> frozenset[str]:
    """The word with and without its proclitics, each without a leading article."""
    return frozenset(strip_al(f) for f in proclitic_forms(word))
