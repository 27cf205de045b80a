"""Find place names in a report and choose, for each, the place the report means.

Among same-name candidates the choice weighs the feature (city > town > village), population,
the place cue before the name ("قرية", "محافظة"), the governorates and other places the report
names nearby (distance to them), and the country the report is about. Common words that are also
village names match only after a place cue. Spatial words around a name ("ريف X الشرقي",
"بادية X", "قرب X", "بين X و Y", "على بعد 30 كم شرق X") set the relation, the point and the
ACLED ``geo_precision`` / UCDP ``where_prec``.
"""

from __future__ import annotations

import bisect
import functools
import logging
import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from marsad.budget import check_budget
from marsad.errors import InputError
from marsad.geo.context import Context, read_context, words_before
from marsad.geo.gazetteer import EXACT, PARTIAL, VARIANT, Gazetteer, match_key
from marsad.geo.lexicon import PROCLITICS, proclitic_forms
from marsad.geo.matcher import NameMatcher, RawMatch
from marsad.geo.places import Place, PlaceMention, distance_km, midpoint, offset_point
from marsad.geo.roles import Named, assign_roles, in_list, joined, rank
from marsad.limits import Limits
from marsad.text.normalize import strip_al
from marsad.text.windows import text_windows

log = logging.getLogger(__name__)

FEATURE_PRIOR = {"city": 3.0, "town": 2.0, "village": 1.0, "neighbourhood": 1.0, "airport": 0.5,
                 "admin1": 2.0, "admin2": 0.9, "admin3": 0.7}
CURATED_PRIOR = 2.5  # supplement features: fields, deserts, mountains, roads, camps, quarters
CUE_BONUS = {
    "village": {"village": 1.5, "town": 1.5},
    "town": {"town": 1.5, "village": 1.5, "city": 1.0},
    "city": {"city": 2.0, "town": 2.0, "neighbourhood": -1.5},
    "neighbourhood": {"neighbourhood": 3.0, "village": 0.5},
    "admin3": {"admin3": 1.0, "town": 1.0, "village": 1.0, "neighbourhood": -1.5},  # "ناحية X": its seat
    "admin2": {"admin2": 1.0, "city": 1.0, "town": 1.0, "neighbourhood": -1.5},  # "قضاء X": its seat
    "admin1": {"admin1": 6.0},
    "camp": {"camp": 3.0},
    "airport": {"airport": 3.0, "city": 1.0},
    "area": {"region": 1.0, "desert": 1.0, "neighbourhood": 0.5, "valley": 1.0},
    "base": {"airport": 1.0, "town": 0.5, "village": 0.5},
    "crossing": {"town": 0.5, "village": 0.5},
    "countryside": {"city": 1.0, "town": 1.0, "admin1": 1.0, "admin2": 0.5},
    "desert": {"desert": 2.0, "city": 1.0, "town": 1.0},
}
# ACLED geo_precision and UCDP where_prec of a place named plainly, by feature.
FEATURE_PRECISION = {
    "admin1": (3, 4), "admin2": (2, 3), "admin3": (2, 3), "region": (3, 5), "desert": (2, 3),
    "valley": (2, 3), "mountain": (2, 2), "road": (2, 2), "oil_field": (2, 2), "gas_field": (2, 2),
}
BEARING = {"north": 0.0, "north-east": 45.0, "east": 90.0, "south-east": 135.0, "south": 180.0,
           "south-west": 225.0, "west": 270.0, "north-west": 315.0}
SAME_PLACE_KM = 5.0
CONFIDENT_MARGIN = 1.0
STRAY_KM = 100.0
STRAY_HOMONYMS = 3
WINDOW_CHARS = 250
CONTAINER_REACH = 150  # characters from a governorate's name to a place it is read as holding
REFERENCE_REACH = 20  # characters from a name to the city it is placed from ("X, south of Y")
MAX_PAIR_KM = 150.0  # "between X and Y" farther apart than this is not a useful midpoint
LOCATOR_GAP = 40  # characters of locating words ("التابعة لناحية", "بريف") from a place to the one locating it
_SENTENCE_BREAK = re.compile(r"[.\n؛;!?؟]")
LIST_CHARS = 80  # ... within this many characters
LIST_REACH = 6  # words back a listed name looks for the plural cue that opened its list
QUARTER_KM = 15.0  # a quarter ("حي X بحمص") lies within this distance of the city named after it
ROAD_PRECISION = (2, 3)  # "طريق X" alone: somewhere on the road out of X
SETTLEMENTS = frozenset({"city", "town", "village", "neighbourhood", "admin3", "admin2"})
COMMON_WORD_ZIPF = 3.5  # a village name this frequent as an Arabic word ("زيادة", "الروس") needs a cue


@dataclass(slots=True)
class _Item:
    """A name being resolved (working state of one ``find_places`` call)."""

    raw: RawMatch
    ctx: Context
    candidates: list[tuple[Place, int]]
    priors: list[float] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    best: int = 0
    confident: bool = False
    common: float = 0.0  # Zipf frequency when the name is an everyday word and only villages bear it
    villages: bool = False  # every candidate is a village or a quarter

    def __post_init__(self) -> None:
        self.villages = all(p.feature in ("village", "neighbourhood") for p, _ in self.candidates)

    @property
    def place(self) -> Place:
        return self.candidates[self.best][0]


class _Anchors:
    """The confident mentions of one pass, indexed for scoring the others."""

    def __init__(self, anchors: list[_Item], country: str | None) -> None:
        self.items = anchors
        self.country = country
        self._by_key: dict[str, tuple[list[Place], set[str | None]]] = {}
        self._closest: dict[tuple[str, str], float] = {}
        self._keys_at: dict[str, tuple[Place, set[str]]] | None = None
        self._by_start = sorted(anchors, key=lambda a: a.raw.start)
        self._starts = [a.raw.start for a in self._by_start]

    def near(self, start: int, reach: int) -> list[_Item]:
        """The anchors starting within ``reach`` characters of ``start`` (a bisection, not a scan)."""
        lo = bisect.bisect_left(self._starts, start - reach)
        hi = bisect.bisect_right(self._starts, start + reach)
        return self._by_start[lo:hi]

    def others(self, key: str) -> tuple[list[Place], set[str | None]]:
        """Distinct places, and their governorates, of anchors with another name than ``key``."""
        if key not in self._by_key:
            places = [p for p, keys in self._places().values() if keys != {key}]
            self._by_key[key] = (places, {p.admin1 for p in places})
        return self._by_key[key]

    def _places(self) -> dict[str, tuple[Place, set[str]]]:
        """Each anchor place (by id) with the names it is anchored under, gathered once per pass."""
        if self._keys_at is None:
            self._keys_at = {}
            for a in self.items:
                place = a.place
                self._keys_at.setdefault(place.id, (place, set()))[1].add(a.raw.key)
        return self._keys_at

    def closest(self, key: str, place: Place) -> float:
        """Distance from ``place`` to the nearest anchor with another name (cached per pass)."""
        cache_key = (key, place.id)
        if cache_key not in self._closest:
            places = self.others(key)[0]
            self._closest[cache_key] = min((_fast_km(place, p) for p in places), default=1e9)
        return self._closest[cache_key]


class _ContextBonus:
    """Bonus for a candidate from the governorates and places named near it and the report's country."""

    __slots__ = ("anchors", "key", "near_admin1", "doc_admin1", "directed", "any_other", "container")

    def __init__(self, item: _Item, anchors: _Anchors) -> None:
        key = item.raw.key
        near = [a for a in anchors.near(item.raw.start, WINDOW_CHARS) if a.raw.key != key and not _reference_of(a, item)]
        places, self.doc_admin1 = anchors.others(key)
        self.anchors, self.key, self.any_other = anchors, key, bool(places)
        self.near_admin1 = {a.place.admin1 for a in near}
        self.container = {a.place.admin1 for a in near if a.place.feature == "admin1"
                          and 0 < item.raw.start - a.raw.end <= CONTAINER_REACH}
        self.directed = [a for a in near if a.ctx.direction and a.ctx.relation in ("countryside", "desert")]

    def __call__(self, place: Place) -> float:
        country = self.anchors.country
        bonus = 1.0 if country and place.country == country else 0.0
        if not self.any_other:
            return bonus
        if place.admin1 in self.container:
            bonus += 2.0  # "وفي محافظة ديالى، ... قرب ناحية X": the governorate just named holds X
        if place.admin1 in self.near_admin1:
            bonus += 3.0
        elif place.admin1 in self.doc_admin1:
            bonus += 1.5
        if self.directed and any(_in_direction(a, place) for a in self.directed):
            bonus += 1.0
        closest = self.anchors.closest(self.key, place)
        return bonus + (2.5 if closest < 30 else 1.5 if closest < 80 else 0.5 if closest < 200 else 0.0)


class Geocoder:
    """Finds and resolves place mentions with one gazetteer."""

    def __init__(self, gazetteer: Gazetteer, *, window_chars: int | None = None) -> None:
        self.gazetteer = gazetteer
        self.window_chars = window_chars or Limits.default().window_chars
        self.lexicon = gazetteer.lexicon
        self.matcher = NameMatcher(gazetteer)
        self._resolved: dict[tuple[str, str | None], Place | None] = {}
        words = "|".join(re.escape(w) for w in sorted(self.lexicon.countries, key=len, reverse=True))
        self._country_re = re.compile(rf"(?<!\w)(?:[وفبلك]{{0,2}})({words})(?!\w)")

    @classmethod
    @functools.cache
    def default(cls) -> "Geocoder":
        """A geocoder over the shipped gazetteer, built once per process."""
        return cls(Gazetteer.default())

    # ------------------------------------------------------------------ public API

    def find_places(self, text: str) -> list[PlaceMention]:
        """Every place mention in ``text``, in text order, each with its chosen place and reasons."""
        if not isinstance(text, str):
            raise InputError(f"find_places expects text, got {type(text).__name__}")
        windows = text_windows(text, self.window_chars)
        if len(windows) == 1:
            return self._find_in(text)
        # a long report: each place is resolved among the places of its own window (linear work)
        found: list[PlaceMention] = []
        for lo, hi in windows:
            check_budget()
            found += [replace(m, start=m.start + lo, end=m.end + lo) for m in self._find_in(text[lo:hi])]
        return found

    def _find_in(self, text: str) -> list[PlaceMention]:
        """``find_places`` over one window of text."""
        ms, raw = self.matcher.scan(text)
        items = self._select(ms.value, raw)
        if not items:
            return []
        country = self._report_country(ms.value)
        self._choose(items, country)
        items = self._contained(items, ms.value)
        items = [item for item in items if self._keep(item, items, ms.value)]
        return self._mentions(text, ms.value, items)

    def resolve(self, name: str, *, admin1: str | None = None) -> Place | None:
        """The place one name most likely means (a governorate hint helps); None when unknown."""
        cache_key = (name, admin1)
        if cache_key not in self._resolved:
            self._resolved[cache_key] = self._resolve(name, admin1)
        return self._resolved[cache_key]

    # ------------------------------------------------------------------ selection

    def _select(self, value: str, raw: list[RawMatch]) -> list[_Item]:
        """Matches that survive the stoplist, longest first where they overlap."""
        items: list[_Item] = []
        last_end = -1
        for match in raw:
            if match.start < last_end or self.lexicon.is_never(match.key) or self._glued_word(match):
                continue
            ctx = self._own_cue(read_context(value, match.start, match.end, self.lexicon), match.key)
            previous = items[-1] if items else None
            if ctx.cue is None and self.lexicon.is_number(match.key):
                continue  # "وأربعة مدنيين": a count, unless a cue names it ("منطقة الأربعين")
            own_cue = ctx.cue
            if ctx.cue is None and previous is not None and _continues_list(value, previous.raw, match):
                ctx = _inherit(ctx, previous.ctx)
            elif ctx.cue is None:
                ctx = self._list_cue(value, match, ctx)
            # an everyday word needs its own cue or one shared by "و" ("بلدات X والتوبة"), not a comma's
            cue = own_cue or (ctx.cue if match.prefix.startswith("و") else None)
            candidates = self._candidates(match.key)
            if ctx.cue is None and self.lexicon.is_stopword(match.key):
                candidates = _near_previous(candidates, previous) if ctx.listed else []
            elif ctx.cue == "area" and self.lexicon.is_stopword(match.key):
                candidates = [c for c in candidates if not _small(c[0])]  # "مناطق الإدارة" is no village
            if not candidates:
                continue
            items.append(_Item(match, ctx, candidates, common=self._common_word(match.key, cue, candidates)))
            last_end = match.end
        return items

    def _list_cue(self, value: str, match: RawMatch, ctx: Context) -> Context:
        """"أحياء السباهية والقادسية": a name joined by "و" or a comma in a list a plural cue opened
        takes that cue, though the names before it are unknown."""
        head = value[:match.start - len(match.prefix)].rstrip()
        if not (match.prefix.startswith("و") or head.endswith(("،", ",", " و"))):
            return ctx
        tail = re.split(r"[.\n؛;:]", head[-LIST_CHARS:])[-1]
        for word in reversed(re.findall(r"[^\W\d_]+", tail)[-LIST_REACH:]):
            form = match_key(word)
            bare = form[1:] if form[:1] in PROCLITICS else form
            cue = next((w for w in (form, bare) if w in self.lexicon.list_cues), None)
            if cue is not None:
                return replace(ctx, cue=self.lexicon.place_cues.get(cue), cue_word=word, listed=True)
        return ctx

    def _common_word(self, key: str, cue: str | None, candidates: list[tuple[Place, int]]) -> float:
        """The name's Zipf frequency as an Arabic word when it is an everyday word, no cue comes before it
        and only small villages bear it (such a match is a word, not a place: role "name"); else 0."""
        zipf = self.gazetteer.word_zipf.get(key, 0.0)
        if zipf < COMMON_WORD_ZIPF or cue or not all(_small(p) for p, _ in candidates):
            return 0.0
        return zipf

    def _glued_word(self, match: RawMatch) -> bool:
        """True when the letters read as a proclitic are the start of a common word ("فرقه" = its teams,
        not "ف" + "رقه"): the whole word is one that never names a place."""
        return bool(match.prefix) and self.lexicon.is_never(match.prefix + match.key)

    def _own_cue(self, ctx: Context, key: str) -> Context:
        """A name that opens with a cue word ("محافظة طرطوس" as one gazetteer name) carries that cue:
        the governorate, not the homonym city."""
        first = key.split(" ", 1)[0]
        hint = self.lexicon.place_cues.get(first) if " " in key else None
        return replace(ctx, cue=hint, cue_word=first) if hint and ctx.cue is None else ctx

    def _candidates(self, key: str) -> list[tuple[Place, int]]:
        """Places a key can mean; a partial key only when no place has the name itself."""
        found = [(self.gazetteer.places[e.index], e.kind) for e in self.gazetteer.entries(key)]
        full = [c for c in found if c[1] != PARTIAL]
        return full or found

    # ------------------------------------------------------------------ choice

    def _choose(self, items: list[_Item], country: str | None) -> None:
        """Score candidates on their own, then again with the confident others as context."""
        for item in items:
            item.priors = [self._prior(place, _penalised_kind(kind, item.raw.key), item.ctx)
                           for place, kind in item.candidates]
            item.scores = list(item.priors)
            self._pick(item)
        state = [(i.best, i.confident) for i in items]
        for _ in range(2):
            # a weak name (a small village's name without a cue, often a person's name) anchors nothing
            confident = [i for i in items if i.confident and not _is_weak(i)]
            anchors = _Anchors(confident, _places_country(confident) or country or _majority_country(confident))
            for item in items:
                bonus = _ContextBonus(item, anchors)
                item.scores = [prior + bonus(place) for prior, (place, _) in zip(item.priors, item.candidates)]
                self._pick(item)
            if state == (state := [(i.best, i.confident) for i in items]):
                break
        self._foreign_words(items, anchors.country)

    def _foreign_words(self, items: list[_Item], home: str | None) -> None:
        """An everyday word with no cue whose every place lies outside the country the report is about
        ("للحراك المدني" in a report on Karbala: the movement, not al-Hirak in Daraa) is a word too."""
        for item in items:
            zipf = self.gazetteer.word_zipf.get(item.raw.key, 0.0)
            if item.common or item.ctx.cue or zipf < COMMON_WORD_ZIPF or home is None:
                continue
            if all(place.country != home for place, _ in item.candidates):
                item.common = zipf

    def _prior(self, place: Place, kind: int, ctx: Context) -> float:
        """Score of a candidate from itself and the cue before it."""
        prior = FEATURE_PRIOR.get(place.feature, CURATED_PRIOR)
        if not place.feature.startswith("admin"):
            prior += 0.35 * math.log10(place.population + 1)
        prior -= 0.5 if kind == 1 else 2.0 if kind == PARTIAL else 0.0
        if ctx.cue:
            prior += CUE_BONUS.get(ctx.cue, {}).get(place.feature, 0.0)
        return prior

    def _pick(self, item: _Item) -> None:
        """Choose the best-scoring candidate; confident when no distant rival comes close."""
        order = sorted(range(len(item.candidates)), key=lambda i: (-item.scores[i], item.candidates[i][0].id))
        item.best = order[0]
        best = item.candidates[item.best][0]
        rivals = [item.scores[i] for i in order[1:] if _far(item.candidates[i][0], best)]
        item.confident = not rivals or item.scores[item.best] - rivals[0] >= CONFIDENT_MARGIN

    def _keep(self, item: _Item, items: list[_Item], value: str) -> bool:
        """Keep a weak name (see ``_is_weak``) only after a locative word and near a strong place, and a
        partial name ("الحطابات" for "تل الحطابات") only near a strong place, cue or not.

        The candidates are narrowed to those the strong places support; the best of them is chosen.
        A "حي X" that is no known quarter and lies far from the report's other places is dropped.
        """
        if item.ctx.cue == "neighbourhood" or item.place.feature == "neighbourhood":
            return self._keep_quarter(item, items, value)
        if _stray_homonym(item, items):
            item.notes.append("dropped: an uncertain homonym far from every other place of the report")
            return False
        partial = item.candidates[item.best][1] == PARTIAL
        if not (_is_weak(item) or partial):
            return True
        if not (item.ctx.cue or item.ctx.listed or self._locative(value, item.raw)):
            return False
        strong = [o for o in items if o is not item and not _is_weak(o)]
        supported = [i for i, (p, _) in enumerate(item.candidates) if any(_supports(o, p) for o in strong)]
        if not supported:
            return _lone_name(item)
        item.best = max(supported, key=lambda i: (item.scores[i], item.candidates[i][0].id))
        return True

    def _in_a_name(self, value: str, item: _Item) -> bool:
        """True for a place named right after a street or gate word ("شارع تل أبيض", "باب بغداد")."""
        before = words_before(value, item.raw.start - len(item.raw.prefix), 1)
        return not item.raw.prefix and bool(before) and in_list(before[-1], self.lexicon.roles.name_words)

    def _keep_quarter(self, item: _Item, items: list[_Item], value: str) -> bool:
        """"حي X": a quarter of a city the report names (within QUARTER_KM of it; one the gazetteer lacks,
        or a homonym in another city, is placed at that city); with no city named, a place within 50 km
        of another place the report names; with no other place, a known quarter."""
        others = [o.place for o in items if o is not item and not _is_weak(o)]
        cities = [o for o in items if o is not item and not _is_weak(o) and o.place.feature in ("city", "town")
                  and not self._in_a_name(value, o)]
        if cities:  # the city named next after it in its sentence ("أحياء X في مدينة دمشق"), else the nearest
            after = [o for o in cities if o.raw.start > item.raw.end and not _SENTENCE_BREAK.search(value, item.raw.end, o.raw.start)]
            city = min(after or cities, key=lambda o: abs(o.raw.start - item.raw.start)).place
            fits = [i for i, (p, _) in enumerate(item.candidates) if _fast_km(p, city) <= QUARTER_KM]
            if fits:
                item.best = max(fits, key=lambda i: (item.scores[i], item.candidates[i][0].id))
            else:
                _place_quarter(item, city)
            return True
        near = [i for i, (p, _) in enumerate(item.candidates) if any(_fast_km(p, o) < 50 for o in others)]
        if not near and not others:
            near = [i for i, (p, _) in enumerate(item.candidates) if p.feature == "neighbourhood"]
        if not near:
            return False
        if item.best not in near:
            item.best = max(near, key=lambda i: (item.scores[i], item.candidates[i][0].id))
        return True

    def _contained(self, items: list[_Item], value: str) -> list[_Item]:
        """Hold each name to the wider place the phrase locates it in: candidates outside the governorate
        it names ("قرية X بريف درعا") are refused, and a quarter the gazetteer lacks ("حي X بحمص") is
        placed at its city."""
        named = [_named(item) for item in items]
        kept = []
        for n, item in enumerate(items):
            chain = [items[j] for j in self._locators(value, named, n)]
            if chain and item.ctx.cue == "neighbourhood" and chain[0].place.feature in ("city", "town"):
                _place_quarter(item, chain[0].place)
            governorate = next((c.place.admin1 for c in chain if c.place.feature == "admin1"
                                or c.ctx.relation in ("countryside", "desert")), None)
            if governorate is None or not _settlements(item) or _move_into(item, governorate):
                kept.append(item)
            else:
                log.debug("%s refused: no candidate in %s, which the phrase names", item.raw.key, governorate)
        return kept

    def _locators(self, value: str, named: list[Named], n: int) -> list[int]:
        """Indices of the wider places right after mention ``n`` that locate it, nearest first."""
        chain, j = [], n
        while j + 1 < len(named) and joined(value, named[j], named[j + 1], self.lexicon, LOCATOR_GAP) \
                and rank(named[j + 1]) > rank(named[j]):
            j += 1
            chain.append(j)
        return chain

    def _locative(self, value: str, raw: RawMatch) -> bool:
        """Is the name glued to ب/ل or right after "في", "من", "قرب" ...?"""
        if raw.prefix and raw.prefix[-1] in "بل":
            return True
        before = words_before(value, raw.start - len(raw.prefix), limit=1)
        return bool(before) and any(f in self.lexicon.locative for f in proclitic_forms(before[-1]))

    def _report_country(self, value: str) -> str | None:
        """The country the report names most (Syria or Iraq), if any."""
        counts = Counter(self.lexicon.countries[w] for w in self._country_re.findall(value))
        if not counts:
            return None
        (top, n), *rest = counts.most_common()
        return top if not rest or n > rest[0][1] else None

    # ------------------------------------------------------------------ output

    def _mentions(self, text: str, value: str, items: list[_Item]) -> list[PlaceMention]:
        """Turn chosen items into PlaceMentions, pairing "between X and Y" and "road X - Y", each with its
        role (site, reference or name: see ``marsad.geo.roles``)."""
        paired = _pairs(value, items)
        roles = assign_roles(text, value, [_named(item) for item in items], self.lexicon, locator_gap=LOCATOR_GAP)
        mentions = []
        for n, item in enumerate(items):
            place, relation, point, prec, reason = self._spatial(item, paired.get(n))
            role, why = roles[n]
            mentions.append(PlaceMention(
                start=item.raw.text_start, end=item.raw.text_end,
                text=text[item.raw.text_start:item.raw.text_end], relation=relation, place=place,
                candidates=_distinct_candidates(item), latitude=point[0], longitude=point[1],
                geo_precision=prec[0], where_prec=prec[1], role=role,
                reason=reason + (f"; role {role}: {why}" if why else "")))
        return mentions

    def _spatial(self, item: _Item, partner: tuple[str, _Item] | None) -> tuple:
        """Place, relation, point, (geo_precision, where_prec) and the reason text for one item.

        "ريف X" / "بادية X" stay areas: the governorate (or district) X names, not X's own point."""
        ctx = item.ctx
        place = _area_place(item) or item.place
        point = (place.latitude, place.longitude)
        relation, prec = _plain_relation(item, place)
        if partner is not None:
            relation = partner[0]
            point = midpoint(point, (partner[1].place.latitude, partner[1].place.longitude))
            prec = (2, 2 if _km(place, partner[1].place) <= 50 else 3)
        elif ctx.relation == "offset" and ctx.distance_km is not None:
            relation = "offset"
            if ctx.direction:
                point = offset_point(point[0], point[1], ctx.distance_km, BEARING[ctx.direction])
            prec = (2, 2 if ctx.distance_km <= 25 else 3)
        return place, relation, point, prec, _reason(item, relation, place)

    def _resolve(self, name: str, admin1: str | None) -> Place | None:
        """Score the candidates of one name alone (cue word first, proclitics stripped)."""
        key = match_key(name)
        words = key.split(" ")
        cue = None
        if len(words) > 1 and words[0] in self.lexicon.place_cues:
            cue, key = self.lexicon.place_cues[words[0]], " ".join(words[1:])
        candidates = self._candidates(key)
        for form in proclitic_forms(key)[1:]:
            candidates = candidates or self._candidates(form)
        if not candidates:
            return None
        ctx = Context(cue=cue)
        scores = [self._prior(p, k, ctx) + (3.0 if admin1 and p.admin1 == admin1 else 0.0)
                  for p, k in candidates]
        best = max(range(len(candidates)), key=lambda i: (scores[i], candidates[i][0].id))
        return candidates[best][0]


# ---------------------------------------------------------------------- helpers


def _reference_of(anchor: _Item, item: _Item) -> bool:
    """True when ``anchor`` is the place ``item`` is placed from ("Diwaniyah, south of Baghdad", "X جنوب
    بغداد"): a bearing from a city, which says nothing about which governorate ``item`` is in."""
    gap = anchor.raw.start - item.raw.end
    return bool(anchor.ctx.direction) and item.ctx.direction == anchor.ctx.direction and 0 < gap <= REFERENCE_REACH


def _penalised_kind(kind: int, key: str) -> int:
    """The match kind to score: a Latin name without its article ("Diwaniyah" for "Al Diwaniyah") is
    how English reports write it, so it counts as an exact match."""
    return EXACT if kind == VARIANT and key[:1].isascii() else kind


def _small(place: Place) -> bool:
    """A village or quarter of under 1,000 people from the sources (not a curated entry)."""
    return place.feature in ("village", "neighbourhood") and place.population < 1000 and not place.approx


def _is_weak(item: _Item) -> bool:
    """A name without a place cue that only small villages bear (single word), or a partial name."""
    if item.ctx.cue:
        return False
    if item.candidates[item.best][1] == PARTIAL:
        return True
    small = all(_small(p) for p, _ in item.candidates)
    return small and " " not in item.raw.key


def _stray_homonym(item: _Item, items: list[_Item]) -> bool:
    """A small place the choice is unsure of (no clear winner, or a name many villages share), whose every
    candidate lies over STRAY_KM from all the report's confident places and outside their governorate:
    some local name the gazetteer lacks ("مزارع الحمدان" by Albu Kamal), not one of those villages."""
    unsure = not item.confident or len(item.candidates) >= STRAY_HOMONYMS
    if not unsure or item.place.feature not in ("village", "neighbourhood"):
        return False
    anchors = [o.place for o in items if o is not item and o.confident and not _is_weak(o)]
    if len({a.admin1 for a in anchors}) != 1:
        return False
    return all(p.admin1 != anchors[0].admin1 and min(_fast_km(p, a) for a in anchors) > STRAY_KM
               for p, _ in item.candidates)


def _lone_name(item: _Item) -> bool:
    """A name of 5+ letters (without "ال") that means one place only: kept after a locative word."""
    letters = sum(ch.isalnum() for ch in strip_al(item.raw.key))
    whole = all(kind != PARTIAL for _, kind in item.candidates)
    return letters >= 5 and whole and all(not _far(p, item.place) for p, _ in item.candidates)


def _supports(strong: _Item, place: Place) -> bool:
    """A strong mention supports a place within 40 km, or anywhere in the governorate it names."""
    if _km(strong.place, place) < 40:
        return True
    wide = strong.place.feature == "admin1" or strong.ctx.relation in ("countryside", "desert")
    return wide and strong.place.admin1 == place.admin1


def _continues_list(value: str, previous: RawMatch, match: RawMatch) -> bool:
    """"X وY" / "X، Y": a name joined to the place right before it (a list of places)."""
    gap = value[previous.end:match.start - len(match.prefix)].strip()
    return (gap == "" and match.prefix.startswith("و")) or gap in ("،", ",", "و")


def _inherit(ctx: Context, previous: Context) -> Context:
    """A listed name ("ريفي حلب وإدلب", "بلدات X وY") takes the cue and area relation of the one before."""
    relation = ctx.relation
    if relation is None and previous.relation in ("countryside", "desert", "outskirts", "near"):
        relation = previous.relation
    return replace(ctx, cue=previous.cue, cue_word=previous.cue_word, relation=relation, listed=True)


def _near_previous(candidates: list[tuple[Place, int]], previous: _Item | None) -> list[tuple[Place, int]]:
    """Candidates of a listed common word within 30 km of a candidate of the place before it."""
    if previous is None:
        return []
    return [c for c in candidates if any(_km(c[0], p) < 30 for p, _ in previous.candidates)]


def _in_direction(anchor: _Item, place: Place) -> bool:
    """"X بريف Y الشمالي": is the candidate in the direction the anchor's countryside names?"""
    if anchor.ctx.relation not in ("countryside", "desert") or not anchor.ctx.direction:
        return False
    if _km(anchor.place, place) < 1:
        return False
    north = place.latitude - anchor.place.latitude
    east = (place.longitude - anchor.place.longitude) * math.cos(math.radians(place.latitude))
    bearing = math.degrees(math.atan2(east, north)) % 360
    diff = abs((bearing - BEARING[anchor.ctx.direction] + 180) % 360 - 180)
    return diff <= 60


def _fast_km(a: Place, b: Place) -> float:
    """Equirectangular distance: close enough for scoring at these latitudes, and cheap."""
    dx = (a.longitude - b.longitude) * math.cos(math.radians((a.latitude + b.latitude) / 2))
    return 111.2 * math.hypot(dx, a.latitude - b.latitude)


def _km(a: Place, b: Place) -> float:
    return distance_km(a.latitude, a.longitude, b.latitude, b.longitude)


def _far(a: Place, b: Place) -> bool:
    return _fast_km(a, b) > SAME_PLACE_KM * 2


def _places_country(anchors: list[_Item]) -> str | None:
    """The country of the report's confident places when at least two distinct ones all lie in it:
    stronger evidence than a country adjective inside an actor's name ("حزب الله العراقي")."""
    names = {a.place.id for a in anchors}
    countries = {a.place.country for a in anchors}
    return next(iter(countries)) if len(names) >= 2 and len(countries) == 1 else None


def _majority_country(anchors: list[_Item]) -> str | None:
    counts = Counter(a.place.country for a in anchors)
    if not counts:
        return None
    (top, n), *rest = counts.most_common()
    return top if not rest or n > rest[0][1] else None


def _pairs(value: str, items: list[_Item]) -> dict[int, tuple[str, _Item]]:
    """"بين X و Y" and "طريق X - Y": each of the two items points at the other."""
    paired: dict[int, tuple[str, _Item]] = {}
    for n in range(len(items) - 1):
        first, second = items[n], items[n + 1]
        gap = value[first.raw.end:second.raw.start - len(second.raw.prefix)].strip()
        joined_by_and = gap in ("و", "and") or (gap == "" and second.raw.prefix.startswith("و"))
        if first.ctx.relation == "between" and joined_by_and:
            relation = "between"
        elif first.ctx.relation == "road" and gap == "" and not second.raw.prefix:
            relation = "road"
        else:
            continue
        if _km(first.place, second.place) <= MAX_PAIR_KM:
            paired[n], paired[n + 1] = (relation, second), (relation, first)
    return paired


def _named(item: _Item) -> Named:
    """What the role and locator rules need of one item."""
    return Named(item.raw.key, item.raw.start, item.raw.end, item.raw.prefix, item.ctx, item.place, item.villages,
                 item.raw.text_start, item.common)


def _place_quarter(item: _Item, city: Place) -> None:
    """"حي X بحمص": keep the candidates within QUARTER_KM of the city; none there, the quarter is placed
    at the city itself (ACLED codes a city quarter at its city)."""
    fits = [i for i, (p, _) in enumerate(item.candidates) if _fast_km(p, city) <= QUARTER_KM]
    if fits:
        item.best = max(fits, key=lambda i: (item.scores[i], item.candidates[i][0].id))
        return
    item.candidates, item.scores, item.priors, item.best, item.villages = [(city, VARIANT)], [0.0], [0.0], 0, False
    item.notes.append(f"a quarter the gazetteer lacks: placed at {city.name}, named after it")


def _settlements(item: _Item) -> bool:
    """True when every candidate is a settlement or sub-district (a mountain range or a desert can
    reach over a governorate's border)."""
    return all(p.feature in SETTLEMENTS for p, _ in item.candidates)


def _move_into(item: _Item, governorate: str | None) -> bool:
    """Keep only the candidates in the governorate the phrase names; False when there are none."""
    if item.place.admin1 == governorate:
        return True
    fits = [i for i, (p, _) in enumerate(item.candidates) if p.admin1 == governorate]
    if not fits:
        return False
    item.best = max(fits, key=lambda i: (item.scores[i], item.candidates[i][0].id))
    item.notes.append(f"the phrase places it in {governorate}")
    return True


def _area_place(item: _Item) -> Place | None:
    """For "ريف X" / "بادية X" where X is a governorate's capital: the governorate (its countryside is the
    governorate's rural part), None otherwise (a town's countryside keeps the town, at precision 2/3)."""
    place = item.place
    if item.ctx.relation not in ("countryside", "desert") or place.feature not in ("city", "town"):
        return None
    return next((p for p, kind in item.candidates if kind != PARTIAL and p.feature == "admin1"
                 and p.admin1 == place.admin1), None)


def _plain_relation(item: _Item, place: Place) -> tuple[str, tuple[int, int]]:
    """Relation and precision from the cue/relation words and the place's feature."""
    ctx, kind = item.ctx, item.candidates[item.best][1]
    prec = FEATURE_PRECISION.get(place.feature, (2, 2) if place.approx else (1, 1))
    relation = ctx.relation if ctx.relation in ("countryside", "desert", "outskirts", "near") else "in"
    if ctx.relation == "road" and place.feature in ("city", "town", "village"):
        return "road", ROAD_PRECISION
    if relation == "countryside":
        prec = (max(prec[0], 2), max(prec[1], 3 if place.feature in ("city", "town", "admin1", "admin2") else 2))
    elif relation == "desert":
        prec = (3, 4) if place.feature == "admin1" else (2, 3)
    elif relation == "outskirts":
        prec = (2 if place.feature == "city" else max(prec[0], 1), max(prec[1], 2))
    elif relation == "near":
        prec = (max(prec[0], 2), max(prec[1], 2))
    elif ctx.cue in ("admin2", "admin3") and place.feature in ("city", "town", "village"):
        relation, prec = "admin", (2, 3)  # "قضاء X" / "ناحية X": the district, placed at its seat
    elif kind == PARTIAL:
        relation, prec = "partial", (max(prec[0], 2), max(prec[1], 2))
    elif place.feature.startswith("admin"):
        relation = "admin"
    return relation, prec


def _distinct_candidates(item: _Item, limit: int = 6) -> list[Place]:
    """The chosen place first, then the other candidates by score, one per location."""
    order = sorted(range(len(item.candidates)), key=lambda i: (i != item.best, -item.scores[i],
                                                             item.candidates[i][0].id))
    chosen: list[Place] = []
    for i in order:
        place = item.candidates[i][0]
        if all(_fast_km(place, c) > SAME_PLACE_KM or place.feature != c.feature for c in chosen):
            chosen.append(place)
        if len(chosen) == limit:
            break
    return chosen


def _reason(item: _Item, relation: str, place: Place) -> str:
    """One line saying why this place was chosen and how the point was placed."""
    ctx = item.ctx
    parts = [f"{len(item.candidates)} candidate(s); chose {item.place.feature} {item.place.name} ({place.admin1})"]
    if place is not item.place:
        parts.append(f"an area: placed as {place.feature} {place.name}")
    if ctx.cue_word:
        parts.append(f"cue '{ctx.cue_word}' -> {ctx.cue}")
    if relation != "in":
        parts.append(f"relation {relation}" + (f" ({ctx.direction})" if ctx.direction else ""))
    if ctx.distance_km is not None:
        parts.append(f"{ctx.distance_km:g} km from the place")
    if item.candidates[item.best][1] != EXACT:
        parts.append("spelling variant" if item.candidates[item.best][1] == 1 else "name without qualifier")
    if not item.confident:
        parts.append("low confidence")
    return "; ".join(parts + item.notes)
