"""Which of a report's places is an incident's place.

An incident takes the place its own clause (else sentence) names — not every place of the
report. Places inside actor or source names ("قوات سوريا الديمقراطية", "دير الزور 24") and
whole countries are not incident places; among the rest the most precise wins, the first on a tie.
"""

from __future__ import annotations

import bisect
import logging
import re

from marsad.document import Span
from marsad.extract.context import DocContext
from marsad.geo.places import distance_km

log = logging.getLogger(__name__)

_ARTICLE_RE = re.compile(r"(?:al|el|ad|ar|as|at|az|ash|adh|an)-\w", re.IGNORECASE)  # transliterated "al-"
_COARSE = frozenset({"country"})
_DASHES = (" - ", " – ", " — ")
_DATELINE_MARKS = (" - ", " – ", " — ", "(", "/ ")
NAME_CHARS = 80  # longest actor or source name, in characters: spans starting this far back may cover a place


def own_places(ctx: DocContext, start: int, end: int) -> list[Span]:
    """Return the usable place spans inside ``[start, end)``, the best first."""
    spans = [s for s in ctx.spans_in("place", start, end)
             if _usable(ctx, s) and not _moved(ctx, s) and not _bordering(ctx, s)]
    counts: dict[str, int] = {}
    for span in spans:
        admin1 = str((span.value or {}).get("admin1"))
        counts[admin1] = counts.get(admin1, 0) + 1
    top = max(counts.values(), default=0)
    # a homonym in another governorate loses to the governorate most of the clause's places agree on
    # a wide countryside ("في ريف طرطوس") yields to a nearer place the clause names ("قرى ريف بانياس")
    # and a place the blow falls on ("بالقذائف على مدينة X") beats where the attackers are
    # a town that only locates an unnamed site ("البادية الواقعة جنوب بلدة X") still beats a governorate
    # a bare governorate capital ("القيادي في درعا") yields to a town named in its governorate ("بلدة موثبين")
    return sorted(spans, key=lambda s: (counts[str((s.value or {}).get("admin1"))] < top, _area_rank(s),
                                        _bare_capital(s, spans), is_reference(s), not _struck(ctx, s),
                                        _wide_countryside(s), s.start))


def _bare_capital(span: Span, spans: list[Span]) -> bool:
    """True for a capital named bare ("في درعا": city or governorate) beside another town of its governorate."""
    value = span.value or {}
    if not value.get("also_governorate"):
        return False
    return any(_area_rank(o) == 0 and not is_reference(o) and not (o.value or {}).get("also_governorate")
               and (o.value or {}).get("admin1") == value.get("admin1") for o in spans)


def _bordering(ctx: DocContext, span: Span) -> bool:
    """True for a place named by its border ("قرب الحدود الإدارية مع محافظة دير الزور"): not the site."""
    i = ctx.token_at(span.start)
    words = [j for j in range(i - 1, max(-1, i - 6), -1) if ctx.tokens[j].norm[:1].isalnum()][:4]
    return any(ctx.is_word(j, "border") for j in words)


def _moved(ctx: DocContext, span: Span) -> bool:
    """True for the start or end point of a movement ("من تدمر نحو السخنة"), not an incident site."""
    i = ctx.token_at(span.start)
    words = [j for j in range(i - 1, max(-1, i - 5), -1) if ctx.tokens[j].norm[:1].isalnum()][:3]
    if len(words) >= 2 and ctx.word_in(words[0], ctx.words("axes")) and ctx.norm_is(words[1], "from_words"):
        return True
    for pos, j in enumerate(words[:2]):
        if ctx.word_in(j, ctx.words("movement")):
            if pos + 1 < len(words) and ctx.word_in(words[pos + 1], ctx.words("near")):
                return False
            # "من" is a start point only in a from-to phrase ("من تدمر نحو السخنة"), not "القطاع الخامس من المخيم";
            # a bare "إلى" names where something spread or arrived ("امتدت الاشتباكات إلى بلدة ..."): a site
            if ctx.word_in(j, ctx.words("to")):
                return _from_before(ctx, span)
            return not ctx.norm_is(j, "from_words") or _towards_after(ctx, span)
    return False


def _from_before(ctx: DocContext, span: Span) -> bool:
    """True when a "من <place>" start point comes shortly before: the place is a movement's end."""
    for other in ctx.spans_in("place", max(0, span.start - ctx.config.from_chars), span.start):
        i = ctx.token_at(other.start)
        if any(ctx.word_in(j, ctx.words("from_words")) for j in (i - 1, i - 2) if j >= 0):
            return True
    return False


def _towards_after(ctx: DocContext, span: Span) -> bool:
    """True when "نحو/باتجاه/إلى" follows the place shortly: a movement from it."""
    lo, hi = ctx.token_range(span.end, span.end + ctx.config.towards_chars)
    return any(ctx.word_in(i, ctx.words("towards")) for i in range(lo, hi))


def _struck(ctx: DocContext, span: Span) -> bool:
    """True for a place right after "على" ("على مدينة X", "على قرية X"): the target of the blow."""
    i = ctx.token_at(span.start)
    before = [j for j in range(i - 1, max(-1, i - 3), -1) if ctx.tokens[j].norm[:1].isalnum()]
    if before and ctx.norm_is(before[0], "on_words"):
        return True
    return len(before) > 1 and ctx.norm_is(before[1], "on_words") and ctx.norm_is(before[0], "site_nouns")


def _wide_countryside(span: Span) -> bool:
    """True for "ريف X" read as X's whole countryside (where_prec 3 or wider)."""
    return span.label == "countryside" and _precision(span) >= 3


def _area_rank(span: Span) -> int:
    """0 for towns and districts (in text order), 1 for governorates and wider regions."""
    return 0 if _precision(span) <= 3 else 1


def precision(span: Span) -> int:
    """UCDP-style precision of a place span (1 best)."""
    return _precision(span)


def _usable(ctx: DocContext, span: Span, *, dateline_ok: bool = False) -> bool:
    """False for countries, datelines ("BAGHDAD (AP) —") and places inside an actor's or a source's name."""
    value = span.value or {}
    if value.get("feature") in _COARSE or value.get("latitude") is None or value.get("role") == "name":
        return False  # a country, or a word inside a person's, outlet's or unit's name
    if not dateline_ok and is_dateline(ctx, span):
        return False
    first = ctx.doc.text[span.start:span.start + 1]
    if ctx.lang == "en" and first.isalpha() and first.islower() and not _ARTICLE_RE.match(ctx.doc.text, span.start):
        return False  # "hit", "bab": English words that are also place names ("al-Busayrah" is a name)
    for group in ("actor", "source"):
        near = ctx.spans_in(group, max(0, span.start - NAME_CHARS), span.end)
        if any(o.start <= span.start < o.end or span.start <= o.start < span.end for o in near):
            return False
    return True


def is_reference(span: Span) -> bool:
    """True for a place that only locates another ("30 كم شرق بعقوبة", "جنوب غربي كركوك")."""
    return (span.value or {}).get("role") == "reference"


def is_dateline(ctx: DocContext, span: Span, *, reach: int = 3) -> bool:
    """True for a place (or date) opening a paragraph and followed by a dash or bracket: the filing line."""
    para = ctx.paragraph_at(span.start)
    if para is None:
        return False
    if span.start - para.start > max(reach, ctx.config.dateline_start_chars):
        return _in_dateline_head(ctx, para.start, span)
    tail = ctx.doc.text[span.end:span.end + ctx.config.dateline_chars]
    return any(mark in tail for mark in _DATELINE_MARKS)


def _in_dateline_head(ctx: DocContext, para_start: int, span: Span) -> bool:
    """True inside a filing line's head ("ERBIL, Kurdistan Region - ..."): a dash closes it soon after
    a paragraph that opens on a capitalised place."""
    head = ctx.doc.text[para_start:para_start + ctx.config.dateline_head_chars]
    dash = min((head.find(m) for m in _DASHES if m in head), default=-1)
    return dash > 0 and span.end <= para_start + dash and head[:1].isupper() and head.split(",")[0].isupper()


def _precision(span: Span) -> int:
    """UCDP-style precision of a place span (1 best)."""
    value = span.value or {}
    return int(value.get("where_prec") or value.get("geo_precision") or 4)


def place_conflict(a: Span, b: Span, max_km: float) -> bool:
    """True when two place spans cannot be the site of one incident."""
    va, vb = a.value or {}, b.value or {}
    if va.get("admin1") and vb.get("admin1") and va["admin1"] != vb["admin1"]:
        return True
    if _is_area(va) or _is_area(vb) or va.get("name") == vb.get("name"):
        return False
    if va.get("also_governorate") or vb.get("also_governorate"):
        return False  # "في الحسكة" may name the governorate: it tells no site apart from a town in it
    try:
        km = distance_km(float(va["latitude"]), float(va["longitude"]), float(vb["latitude"]), float(vb["longitude"]))
    except (KeyError, TypeError, ValueError):
        return False
    return km > max_km


def _is_area(value: dict) -> bool:
    """True for governorates, districts and other areas that contain towns (a district named as its town,
    "مدينة إدلب", is a town: its mention's precision says so)."""
    feature = str(value.get("feature") or "")
    precise = int(value.get("where_prec") or 4) <= 3 and int(value.get("geo_precision") or 3) <= 2
    return (feature.startswith("admin") and not precise) or feature in ("desert", "region", "area") \
        or int(value.get("where_prec") or 1) >= 4


def filing_place(ctx: DocContext, span: Span) -> bool:
    """True for the city of an outlet's filing line ("روداو – أربيل", "ERBIL —"): where the report
    was written, not where anything happened."""
    para = ctx.paragraph_at(span.start)
    if para is None or para.end - para.start > ctx.config.filing_line_chars:
        return False
    before = ctx.doc.text[para.start:span.start].rstrip()
    return is_dateline(ctx, span) or before.endswith(("–", "-", "—", "/"))


def main_place(ctx: DocContext) -> Span | None:
    """The report's own place: the first place of its title/dateline lines, else its most named place
    (found once per version of the place group, however many incidents ask)."""
    places = ctx.doc.spans.get("place", [])
    return ctx.memo(("main_place", id(places), len(places)), lambda: _main_place(ctx, places))


def _main_place(ctx: DocContext, places: list[Span]) -> Span | None:
    spans = [s for s in places if _usable(ctx, s, dateline_ok=True)]
    if not spans:
        return None
    heads = [p for p in ctx.paragraphs if p.kind == "title"][:3]
    for para in heads:
        inside = [s for s in spans if para.start <= s.start < para.end]
        if inside:
            return sorted(inside, key=lambda s: (_precision(s), s.start))[0]
    counts: dict[str, int] = {}
    for span in spans:
        counts[str((span.value or {}).get("name"))] = counts.get(str((span.value or {}).get("name")), 0) + 1
    return max(spans, key=lambda s: (counts[str((s.value or {}).get("name"))], -_precision(s), -s.start))


def paragraph_place(ctx: DocContext, para: int, near: int) -> Span | None:
    """The usable place of paragraph ``para`` nearest to offset ``near``."""
    spans, starts = _usable_in_paragraph(ctx, para)
    if not spans:
        return None
    i = bisect.bisect_left(starts, near)  # the nearest starts lie either side of ``near``
    gap = min(abs(starts[j] - near) for j in (i - 1, i) if 0 <= j < len(starts))
    nearest = [ks for at in {near - gap, near + gap}
               for ks in spans[bisect.bisect_left(starts, at):bisect.bisect_right(starts, at)]]
    return min(nearest, key=lambda ks: (_precision(ks[1]), ks[0]))[1]  # then the first filed, as before


def _usable_in_paragraph(ctx: DocContext, para: int) -> tuple[list[tuple[int, Span]], list[int]]:
    """The usable places of paragraph ``para`` as (filing position, span) in start order, and their starts
    (found once per paragraph, not again for every incident that asks)."""
    places = ctx.doc.spans.get("place", [])
    names = tuple(len(ctx.doc.spans.get(group, [])) for group in ("actor", "source"))  # what ``_usable`` reads

    def build() -> tuple[list[tuple[int, Span]], list[int]]:
        usable = sorted(((k, s) for k, s in enumerate(_places_by_paragraph(ctx).get(para, [])) if _usable(ctx, s)),
                        key=lambda ks: (ks[1].start, ks[0]))
        return usable, [s.start for _, s in usable]
    return ctx.memo(("usable_in_paragraph", para, id(places), len(places), names), build)


def _places_by_paragraph(ctx: DocContext) -> dict[int, list[Span]]:
    """The report's place spans by the number of the paragraph they start in, in filing order
    (grouped once per version of the place group, not scanned again for every incident)."""
    places = ctx.doc.spans.get("place", [])

    def build() -> dict[int, list[Span]]:
        out: dict[int, list[Span]] = {}
        for span in places:
            para = ctx.paragraph_at(span.start)
            if para is not None:
                out.setdefault(para.para, []).append(span)
        return out
    return ctx.memo(("places_by_paragraph", id(places), len(places)), build)
