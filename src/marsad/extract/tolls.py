"""Casualty figures: which numbers count the dead or wounded, and on whose side.

A figure is a toll when a killing or wounding word stands next to it ("مقتل 4 عناصر",
"5 قتلى", "three were killed") or when it follows such a figure in the same clause
("25 ... مقابل 13 ..."). Its side is the actor named right after it ("من قوات النظام").
"قتلى أو جرحى" (killed or wounded) is never a death toll. ``combine`` applies ACLED's rules:
the lowest of conflicting figures for one side, sides added up, injuries apart.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from marsad.document import Span
from marsad.extract import names
from marsad.extract.context import DocContext

log = logging.getLogger(__name__)

_STOPS = frozenset({"،", ",", ".", "؛", ";", ":"})
VAGUE_QUALIFIERS = frozenset({"several", "dozens", "hundreds", "thousands"})  # number_vague.tsv


@dataclass
class Toll:
    """One casualty figure in the text."""

    kind: str  # "killed" | "injured"
    value: int | None
    low: int | None
    high: int | None
    span: Span
    side: str | None = None
    side_span: Span | None = None
    cue: Span | None = None
    not_death: bool = False
    subset: bool = False  # "بينهم 5": part of the figure before it
    total: bool = False  # "ليرتفع عدد القتلى إلى 6": the incident's running total, its parts told before
    preliminary: bool = False  # "في حصيلة أولية", or told by an earlier report: a later figure supersedes it
    update: bool = False  # "في حصيلة جديدة": this figure supersedes the others
    summed: bool = False  # one figure over several sites told apart: their sum, no incident's toll
    qualifier: str = "exact"
    sources: list[str] = field(default_factory=list)

    @property
    def figure(self) -> int | None:
        """The figure ACLED would code (the value, else the low bound)."""
        return self.value if self.value is not None else self.low

    def summary(self) -> dict[str, object]:
        """The JSON value of this figure's ``figure`` span."""
        return {"figure": self.figure, "low": self.low, "high": self.high, "side": self.side,
                "not_death": self.not_death, "subset": self.subset, "total": self.total, "qualifier": self.qualifier,
                "preliminary": self.preliminary, "update": self.update, "summed": self.summed}


def clause_tolls(ctx: DocContext, start: int, end: int, *, relaxed: bool = False) -> list[Toll]:
    """The casualty figures of ``[start, end)``, read once per document (see ``find_tolls``)."""
    return ctx.memo(("tolls", start, end, relaxed), lambda: find_tolls(ctx, start, end, relaxed=relaxed))


def find_tolls(ctx: DocContext, start: int, end: int, *, relaxed: bool = False) -> list[Toll]:
    """Return the casualty figures inside ``[start, end)``.

    ``relaxed`` (for tally sentences) also takes people-counting figures with no casualty word
    of their own, as the sub-counts of a toll ("بالإضافة لـ 145 من المليشيات").
    """
    lo, hi = ctx.token_range(start, end)
    tolls: list[Toll] = []
    for span in ctx.spans_in("number", start, end):
        toll = _toll_of(ctx, span, lo, hi, tolls, relaxed)
        if toll is None:
            continue
        if toll.subset and not tolls:  # "13 شخصاً، بينهم ستة أطفال قُتلوا": the whole is the figure before
            head = _head_before(ctx, ctx.token_at(span.start), lo)
            if head is not None:
                tolls.append(_whole_of(ctx, head, toll, hi))
        tolls.append(toll)
    tolls.extend(_dual_tolls(ctx, lo, hi, tolls))
    if not relaxed:
        _add_on(ctx, tolls, lo)
    if not relaxed and not any(t.kind == "killed" for t in tolls):
        tolls.extend(_singular_victims(ctx, lo, hi) or _pronoun_victims(ctx, lo, hi))
        tolls.extend(_conjoined_duals(ctx, lo, hi, tolls))
    elif not relaxed:
        _add_named_victim(ctx, tolls)
        tolls.extend(_victim_beside_attackers(ctx, lo, hi, tolls) or _attacker_beside_victims(ctx, lo, hi, tolls))
    _mark_not_death(ctx, tolls, start, end)
    if not relaxed:
        _mark_breakdowns(tolls)
        _mark_report_stage(ctx, tolls, start, end)
    return tolls


def _head_before(ctx: DocContext, ti: int, lo: int) -> Span | None:
    """The people-counting figure just before a sub-count ("13 شخصاً على الأقل، بينهم ..."), if any."""
    cue = next((i for i in range(ti - 1, max(lo, ti - 4) - 1, -1) if ctx.is_word(i, "subcount")), None)
    if cue is None:
        return None
    start = ctx.tokens[max(lo, cue - 6)].start
    for span in sorted(ctx.spans_in("number", start, ctx.tokens[cue].start), key=lambda s: -s.start):
        hi, hj = ctx.token_range(span.start, span.end)
        if not _overlaps_date(ctx, span) and _counts_people(ctx, hi, max(hj, hi + 1), cue + 1, "killed", False):
            return span
    return None


def _whole_of(ctx: DocContext, span: Span, part: Toll, hi: int) -> Toll:
    """The toll a sub-count belongs to, of the same kind as the part."""
    value = span.value or {}
    ti, tj = ctx.token_range(span.start, span.end)
    whole = Toll(part.kind, value.get("value"), value.get("low"), value.get("high"), span, cue=part.cue,
                 qualifier=str(value.get("qualifier") or "exact"))
    whole.side, whole.side_span = _own_actor(ctx, span.start, span.end) or _side_of(ctx, max(tj, ti + 1), hi)
    return whole


def _mark_report_stage(ctx: DocContext, tolls: list[Toll], start: int, end: int) -> None:
    """Figures a clause calls preliminary ("في حصيلة أولية") or that an earlier report gave ("وكان المرصد
    أفاد في وقت سابق بمقتل 34") give way to later ones; a figure called an update ("حصيلة جديدة") wins."""
    cues = ctx.cues_in(start, end)
    preliminary = bool(cues.get("preliminary")) or _earlier_report(ctx, start, end)
    update = bool(cues.get("update"))
    for toll in tolls:
        toll.preliminary = preliminary and not update
        toll.update = update


def _earlier_report(ctx: DocContext, start: int, end: int) -> bool:
    """True for a clause opening "وكان <source> أفاد ...": what a source had said before."""
    lo, hi = ctx.token_range(start, end)
    words = [i for i in range(lo, min(hi, lo + 8)) if ctx.tokens[i].norm[:1].isalnum()]
    return bool(words) and ctx.norm_is(words[0], "pluperfect") and any(ctx.is_word(i, "reporting") for i in words[1:5])


def _mark_breakdowns(tolls: list[Toll]) -> None:
    """"seven dead: 5 gunmen and two soldiers": figures right after a total that add up to it are its parts."""
    deaths = sorted((t for t in tolls if t.kind == "killed" and t.figure is not None and not t.not_death),
                    key=lambda t: t.span.start)
    for index, head in enumerate(deaths):
        parts: list[Toll] = []
        for part in deaths[index + 1:]:
            parts.append(part)
            running = sum(int(p.figure or 0) for p in parts)
            if len(parts) >= 2 and running == head.figure:
                for p in parts:
                    p.subset = True
                return
            if running >= int(head.figure or 0):
                break


def _is_total(ctx: DocContext, ti: int, lo: int) -> bool:
    """True when the figure at token ``ti`` ends "rise ... toll ... to N": the incident's running total."""
    before = [i for i in range(ti - 1, max(lo, ti - ctx.config.total_reach) - 1, -1) if ctx.tokens[i].norm[:1].isalnum()]
    if not before or not ctx.word_in(before[0], ctx.words("to")):
        return False
    window = before[1:ctx.config.total_reach]
    counted = any(ctx.word_in(i, ctx.words("toll_words")) or ctx.is_word(i, "killed") for i in window)
    return counted and any(ctx.word_in(i, ctx.words("rise")) for i in window)


def _rise_to(ctx: DocContext, ti: int, lo: int) -> bool:
    """True for "ارتفع عدد القتلى [...] إلى N" with the rise, the toll word and a killing word anywhere
    before "إلى" in the clause: the figure is the incident's new death toll."""
    back = ti - 1
    while back > 0 and ti - back < ctx.config.rise_reach and ctx.tokens[back - 1].text not in (".", "\n"):
        back -= 1  # a semicolon or comma inside the sentence does not end the phrase
    before = [i for i in range(ti - 1, back - 1, -1) if ctx.tokens[i].norm[:1].isalnum()]
    if not before or not ctx.word_in(before[0], ctx.words("to")):
        return False
    rise = next((i for i in before if ctx.word_in(i, ctx.words("rise"))), None)
    return rise is not None and any(ctx.is_word(i, "killed") for i in range(rise, ti)) \
        and any(ctx.word_in(i, ctx.words("toll_words")) for i in range(rise, ti))


def _dual_tolls(ctx: DocContext, lo: int, hi: int, found: list[Toll]) -> list[Toll]:
    """Dual nouns the number reader leaves out ("ارتقاء شهيدين", "جثتي"): two people, after a casualty word."""
    out: list[Toll] = []
    for i in ctx.positions("dual_nouns", lo, hi):
        if _is_number_token(ctx, i):
            continue
        kind = next((k for k in (_casualty_at(ctx, j) for j in range(max(lo, i - 2), i + 1)) if k), None)
        if kind is None:
            continue
        token = ctx.tokens[i]
        span = Span(token.start, token.end, "number", {"value": 2})
        toll = Toll(kind, 2, 2, 2, span, qualifier="dual noun")
        toll.side, toll.side_span = _own_actor(ctx, token.start, token.end) or _side_of(ctx, i + 1, hi)
        toll.subset = bool(found) and any(ctx.is_word(j, "subcount") for j in range(max(lo, i - 3), i))
        out.append(toll)
    return out


def _conjoined_duals(ctx: DocContext, lo: int, hi: int, found: list[Toll]) -> list[Toll]:
    """"مقتل قيادي في الحزب وعنصرين من قسد": a dual noun joined by "و" to a victim already counted is
    two more of the same kind."""
    victims = [t for t in found if t.kind == "killed" and not t.not_death]
    if not victims:
        return []
    out: list[Toll] = []
    last = max(victims, key=lambda t: t.span.start)
    for i in ctx.positions("dual_nouns", lo, hi):
        token = ctx.tokens[i]
        if token.start <= last.span.start or any(t.span.start <= token.start < t.span.end for t in found):
            continue
        if not (token.norm.startswith("و") and i - ctx.token_at(last.span.start) <= ctx.config.chain_gap):
            continue
        toll = Toll("killed", 2, 2, 2, Span(token.start, token.end, "number", {"value": 2}), qualifier="dual noun")
        toll.side, toll.side_span = _own_actor(ctx, token.start, token.end) or _side_of(ctx, i + 1, hi)
        out.append(toll)
    return out


def _add_on(ctx: DocContext, tolls: list[Toll], lo: int) -> None:
    """"قتل نحو 33 شخصا، إضافة إلى أشلاء لتسع جثث": a figure brought in by an addition word adds to the
    figure of the same kind before it (42 in all), rather than standing as a lower account."""
    for k, toll in enumerate(tolls):
        earlier = [t for t in tolls[:k] if t.kind == toll.kind and not t.subset and not t.summed and t.figure is not None]
        if not earlier or toll.figure is None or toll.subset:
            continue
        ti = ctx.token_at(toll.span.start)
        words = [j for j in range(ti - 1, max(lo - 1, ti - 1 - ctx.config.addition_reach), -1)
                 if ctx.tokens[j].norm[:1].isalnum()]
        if not any(ctx.word_in(j, ctx.words("addition")) for j in words):
            continue
        base, figure = earlier[-1], int(earlier[-1].figure or 0)
        base.value = figure + toll.figure
        base.low = (base.low or figure) + (toll.low or toll.figure)
        base.high = (base.high or figure) + (toll.high or toll.figure)
        base.qualifier = "figure plus an addition"
        toll.summed = True


def _own_actor(ctx: DocContext, start: int, end: int) -> tuple[str, Span] | None:
    """The actor a counted noun names itself ("عسكريان": two soldiers of the report's state)."""
    for span in ctx.spans_in("actor", start, end):
        name = ctx.resolve_actor(span) if span.start <= start and end <= span.end else None
        if name:
            return name, span
    return None


def _add_named_victim(ctx: DocContext, tolls: list[Toll]) -> None:
    """"بمقتل ضابط برتبة نقيب وثلاثة جنود": a named victim before "و" + figure adds one to it."""
    for toll in tolls:
        if toll.kind != "killed" or toll.cue is None or toll.value is None or \
                (toll.cue.start > toll.span.start and ctx.lang != "en"):
            continue
        ci = ctx.token_at(toll.cue.start)
        ti = ctx.token_at(toll.span.start)
        victims = [j for j in range(ci + 1, ti + 1) if ctx.is_word(j, "singular_victims")]
        joined = ctx.doc.text[toll.span.start - 1:toll.span.start] == "و" or any(
            ctx.tokens[j].norm.startswith("و") for j in range((victims or [ti])[0] + 1, ti + 1))
        if ctx.lang == "en":
            victims = _article_victim_before(ctx, ti)
            joined = bool(victims)
        if victims and victims[0] < ti and joined:
            toll.value += 1
            toll.low = (toll.low or 0) + 1
            toll.high = (toll.high or toll.value - 1) + 1
            toll.qualifier = "named victim plus figure"


def _article_victim_before(ctx: DocContext, ti: int) -> list[int]:
    """"an officer and two soldiers": the singular victim joined by "and" right before an English figure."""
    if ti < 3 or ctx.tokens[ti - 1].norm != "and":
        return []
    victim, article = ti - 2, ti - 3
    if ctx.is_word(victim, "singular_victims") and ctx.tokens[article].norm in ("a", "an", "one"):
        return [victim]
    return []


def _singular_victims(ctx: DocContext, lo: int, hi: int) -> list[Toll]:
    """"مقتل شاب", "اغتال ... مختار البلدة ونجله": one victim named without a figure (plus relatives)."""
    for i in ctx.positions("killed", lo, hi):
        reach = ctx.config.victim_reach_vac if ctx.tokens[i].norm.startswith(tuple(ctx.words("targeted_killing"))) \
            else ctx.config.victim_reach_en if ctx.lang == "en" else 2
        for j in _next_words(ctx, i + 1, reach, hi):
            if _is_number_token(ctx, j) or ctx.is_word(j, "dual_nouns"):
                return []
            if ctx.is_word(j, "singular_victims") or _bare(ctx, j) & ctx.knowledge.words(ctx.lang, "singular_victims"):
                if any(_is_number_token(ctx, k) and ctx.tokens[k].norm.startswith("و")
                       for k in _next_words(ctx, j + 1, 2, hi)):
                    return []  # "ضابط واثنين من المنتسبين": the figure after it counts them
                return [_victim_toll(ctx, j, hi)]
            if ctx.norm_is(j, "one_of") or ctx.norm_is(j, "one_of_them"):
                return [_one_of_toll(ctx, j, hi)]
        if ctx.lang == "en":
            before = _victim_before(ctx, i, lo)
            if before is not None:
                return [_victim_toll(ctx, before, hi)]
    return []


def _victim_beside_attackers(ctx: DocContext, lo: int, hi: int, tolls: list[Toll]) -> list[Toll]:
    """"استشهاد جندي ومقتل ثلاثة من المهاجمين": when every figure counts the attackers' own dead,
    a single victim named without a figure is the other side's loss and adds to them."""
    deaths = [t for t in tolls if t.kind == "killed"]
    if not deaths or any(t.side != "the attackers" for t in deaths):
        return []
    for i in ctx.positions("killed", lo, hi):
        found = [t for t in _singular_victims(ctx, i, hi) if t.side != "the attackers"
                 and not any(d.span.start <= t.span.start < d.span.end for d in tolls)]
        if found:
            found[0].side = found[0].side or "the victims"
            return found[:1]
    return []


def _attacker_beside_victims(ctx: DocContext, lo: int, hi: int, tolls: list[Toll]) -> list[Toll]:
    """"مقتل ثلاثة جنود ... وقتل أحد المهاجمين" / "المهاجمين انسحبوا وقتل أحدهم": one attacker killed
    beside the victims' figure is a side of its own, added to it."""
    if any(t.side == "the attackers" for t in tolls):
        return []
    for i in ctx.positions("killed", lo, hi):
        after = _next_words(ctx, i + 1, 1, hi)
        if not after or any(t.span.start <= ctx.tokens[after[0]].start < t.span.end for t in tolls):
            continue
        j = after[0]
        norm = ctx.tokens[j].norm
        them = norm in ctx.words("one_of_them") and _attackers_before(ctx, i)
        if them or (norm in ctx.words("one_of") and _attackers_at(ctx, j + 1, hi)):
            token = ctx.tokens[j]
            return [Toll("killed", 1, 1, 1, Span(token.start, token.end, "number", {"value": 1}),
                         side="the attackers", qualifier="one of the attackers")]
    return []


def _pronoun_victims(ctx: DocContext, lo: int, hi: int) -> list[Toll]:
    """"ما أدى إلى مقتلهما": a killing noun with a dual ("هما", two) or singular ("ه", "ها", one) pronoun
    counts the victims named before it; a plural one ("مقتلهم") takes the people-counting figure before it."""
    for i in ctx.positions("killed", lo, hi) if ctx.lang == "ar" else []:
        for base in ctx.bases[i]:
            count = _pronoun_count(ctx, base, i)
            if count:
                token = ctx.tokens[i]
                span = Span(token.start, token.end, "number", {"value": count})
                return [Toll("killed", count, count, count, span, cue=Span(token.start, token.end, "cue", "killed"),
                             qualifier="pronoun of the victims")]
    return []


def _pronoun_count(ctx: DocContext, base: str, index: int) -> int:
    """The number of victims a pronoun on a killing word stands for (0 when none is known)."""
    killed = ctx.knowledge.words(ctx.lang, "killed")
    if base.endswith("هما") and base[:-3] in killed:
        return 2
    if (base.endswith("ها") and base[:-2] in killed) or (base.endswith("ه") and base[:-1] in killed):
        return 1
    if base.endswith(("هم", "هن")) and base[:-2] in killed:
        return _people_figure_before(ctx, index) or _names_before(ctx, index)
    return 0


def _names_before(ctx: DocContext, index: int) -> int:
    """"“أ” وكل من “ب” و“ج” ... ما أدى لمقتلهم": the quoted names listed before in the sentence."""
    sentence = ctx.segment_of(ctx.sentences, ctx.tokens[index].start)
    start = ctx.sentences[sentence].start if sentence >= 0 else ctx.tokens[max(0, index - ctx.config.pronoun_reach)].start
    return names.named_before(ctx, start, ctx.tokens[index].start)


def _names_after(ctx: DocContext, start: int, hi: int) -> int:
    """The quoted names joined to a victim just named ("القيادي X، والقياديين "أ - ب - ج"")."""
    if start >= hi:
        return 0
    return names.named_after(ctx, ctx.tokens[start].start, ctx.tokens[hi - 1].end)


def _people_figure_before(ctx: DocContext, index: int) -> int:
    """The last figure counting people before token ``index`` in its sentence ("على ثلاثة شبان ... مقتلهم")."""
    sentence = ctx.segment_of(ctx.sentences, ctx.tokens[index].start)
    start = ctx.sentences[sentence].start if sentence >= 0 else ctx.tokens[max(0, index - ctx.config.pronoun_reach)].start
    for span in sorted(ctx.spans_in("number", start, ctx.tokens[index].start), key=lambda s: -s.start):
        ti, tj = ctx.token_range(span.start, span.end)
        value = (span.value or {}).get("value")
        people = _counts_people(ctx, ti, max(tj, ti + 1), index, "killed", False)
        if isinstance(value, int) and people and not _is_year(ctx, span, ti):
            return value
    return 0


def _one_of_toll(ctx: DocContext, index: int, hi: int) -> Toll:
    """"وقتل أحد المهاجمين": one of a group; the attackers are a side of their own, added to the victims."""
    token = ctx.tokens[index]
    toll = Toll("killed", 1, 1, 1, Span(token.start, token.end, "number", {"value": 1}), qualifier="one of a group")
    them = token.norm in ctx.words("one_of_them")
    if (them and _attackers_before(ctx, index)) or (not them and _attackers_at(ctx, index + 1, hi)):
        toll.side = "the attackers"
    else:
        toll.side, toll.side_span = _side_of(ctx, index + 1, hi)
    return toll


def _attackers_at(ctx: DocContext, index: int, hi: int) -> bool:
    """True when the words from ``index`` name the attackers ("المهاجمين", "من المهاجمين", "of the attackers")."""
    words = [j for j in _next_words(ctx, index, 3, hi) if not ctx.norm_is(j, "of_words")]
    return bool(words) and words[0] <= index + 2 and ctx.word_in(words[0], ctx.words("attackers"))


def _attackers_before(ctx: DocContext, index: int) -> bool:
    """True when the attackers are named shortly before token ``index`` ("المهاجمين انسحبوا ... وقتل أحدهم")."""
    return any(ctx.word_in(k, ctx.words("attackers")) for k in range(max(0, index - ctx.config.pronoun_reach), index))


def _victim_before(ctx: DocContext, index: int, lo: int) -> int | None:
    """"a civilian was shot dead": one victim named before an English passive killing verb."""
    words = [j for j in range(index - 1, max(lo, index - ctx.config.victim_reach_en) - 1, -1)
             if ctx.tokens[j].norm[:1].isalnum()]
    for k, j in enumerate(words):
        if ctx.is_word(j, "singular_victims"):
            articles = {ctx.tokens[m].norm for m in words[k + 1:k + 3]}  # "an SDF fighter": one word may qualify it
            passive = any(ctx.tokens[m].norm in ("was", "is", "has") for m in words[:k])
            return j if passive and articles & {"a", "an", "one"} else None
    return None


def _next_words(ctx: DocContext, start: int, count: int, hi: int) -> list[int]:
    """Word-token indexes from ``start`` on (punctuation skipped), at most ``count``."""
    out = []
    i = start
    while i < hi and len(out) < count:
        if ctx.tokens[i].norm[:1].isalnum():
            out.append(i)
        i += 1
    return out


def _bare(ctx: DocContext, index: int) -> set[str]:
    """Clitic bases of a token without a final accusative alef ("قياديا" -> "قيادي")."""
    return {b[:-1] for b in ctx.bases[index] if b.endswith("ا") and len(b) > 3}


def _victim_toll(ctx: DocContext, index: int, hi: int) -> Toll:
    """A toll of one victim (and each relative joined to him: "ونجله")."""
    token = ctx.tokens[index]
    kin = [j for j in _next_words(ctx, index + 1, ctx.config.kin_reach, hi) if ctx.is_word(j, "kin")]
    count = 1 + len(kin) + _joined_victims(ctx, index + 1, hi) + _names_after(ctx, index + 1, hi)
    span = Span(token.start, token.end, "number", {"value": count})
    toll = Toll("killed", count, count, count, span, qualifier="named victims")
    toll.side, toll.side_span = _side_of(ctx, index + 1, hi)
    return toll


def _joined_victims(ctx: DocContext, start: int, hi: int) -> int:
    """"استشهاد طفلة وامرأة", "a man and a child": further single victims joined by "و"/"and";
    a rank may stand between them ("ضابط برتبة ملازم أول وجندي"), a new clause ("وإصابة") ends them."""
    count = 0
    for j in _next_words(ctx, start, ctx.config.joined_reach, hi):
        norm = ctx.tokens[j].norm
        if ctx.tokens[j - 1].text in _STOPS:
            break
        if norm in ("and", "a", "an"):
            continue
        if _joined_victim(ctx, j, first=count == 0):
            count += 1
        elif norm.startswith("و") or ctx.lang == "en" or _casualty_at(ctx, j):
            break
    return count


def _joined_victim(ctx: DocContext, index: int, *, first: bool) -> bool:
    """True for "وامرأة" (Arabic) or "and a child" (English, one more victim at most)."""
    victims = ctx.knowledge.words(ctx.lang, "singular_victims")
    if ctx.tokens[index].norm.startswith("و"):
        return bool(_clitic_free(ctx, index) & victims)
    return ctx.lang == "en" and first and ctx.is_word(index, "singular_victims") \
        and ctx.tokens[index - 1].norm in ("a", "an") and ctx.tokens[index - 2].norm == "and"


def _clitic_free(ctx: DocContext, index: int) -> set[str]:
    """The token without a leading "و" and its clitic bases."""
    norm = ctx.tokens[index].norm
    return set(ctx.bases[index]) | ({norm[1:]} if norm.startswith("و") else set())


def _toll_of(ctx: DocContext, span: Span, lo: int, hi: int, previous: list[Toll], relaxed: bool) -> Toll | None:
    """Read one number span as a toll, or return None."""
    value = span.value or {}
    if (value.get("value") is None and value.get("low") is None) or _overlaps_date(ctx, span):
        return None
    ti, tj = ctx.token_range(span.start, span.end)
    tj = max(tj, ti + 1)
    if _counts_units(ctx, tj) or _is_year(ctx, span, ti):
        return None
    vague = value.get("value") is None
    kind, cue = _casualty_near(ctx, ti, tj, lo, hi, relaxed and not vague)
    if kind is None:
        if vague:
            return None  # "dozens of strikes": a vague amount counts people only beside a casualty word
        kind = _chained_kind(ctx, ti, previous, relaxed)
    if kind is None and not relaxed and _rise_to(ctx, ti, lo):
        kind, cue = "killed", None  # "ارتفع عدد قتلى التظاهرات ... إلى ثلاثة": the running total, said far back
    total = kind == "killed" and not relaxed and (cue is not None and _is_total(ctx, ti, lo) or _rise_to(ctx, ti, lo))
    if kind is None or not (total or _counts_people(ctx, ti, tj, hi, kind, relaxed)):
        return None
    toll = Toll(kind, value.get("value"), value.get("low"), value.get("high"), span, cue=cue,
                qualifier=str(value.get("qualifier") or "exact"))
    own = _own_actor(ctx, span.start, span.end)
    if own is None and _attackers_at(ctx, tj, hi):
        toll.side = "the attackers"  # "ثلاثة من المهاجمين": the attackers' own dead, a side of their own
    else:
        toll.side, toll.side_span = own or _side_of(ctx, tj, hi)
    after_subcount = any(ctx.is_word(i, "subcount") for i in range(max(lo, ti - 3), ti))
    of_victims = any(ctx.word_in(i, ctx.words("subcount_of_victims")) for i in range(max(lo, ti - 2), ti))
    toll.subset = after_subcount and (bool(previous) or of_victims or _head_before(ctx, ti, lo) is not None) or \
        bool(previous) and previous[-1].subset and kind == previous[-1].kind and _joined_by_and(ctx, ti, previous[-1])
    toll.total = total
    if toll.side is None and previous and previous[-1].side and not toll.subset and \
            (_versus_before(ctx, ti, previous[-1])
             or (kind == previous[-1].kind and _joined_by_and(ctx, ti, previous[-1]))):
        toll.side = f"opponent of {previous[-1].side}"  # "4 SDF fighters and two of the attackers": another share
    return toll


def _versus_before(ctx: DocContext, ti: int, last: Toll) -> bool:
    """True when "مقابل" (versus) joins this figure to the previous one: the other side's dead."""
    last_end = ctx.token_range(last.span.start, last.span.end)[1]
    return any(ctx.word_in(i, ctx.words("versus")) for i in range(last_end, ti))


def _joined_by_and(ctx: DocContext, ti: int, last: Toll) -> bool:
    """True when "و"/"and" alone joins this figure to the previous one ("4 SDF fighters and two of the attackers")."""
    last_end = ctx.token_range(last.span.start, last.span.end)[1]
    words = [i for i in range(last_end, ti) if ctx.tokens[i].norm[:1].isalnum()]
    token = ctx.tokens[ti]
    joined = ctx.doc.text[max(0, token.start - 1):token.start] == "و" or \
        bool(words and ctx.tokens[words[-1]].norm in ("and", "و"))
    gap = ctx.doc.text[last.span.end:token.start]
    return joined and len(words) <= ctx.config.side_lookahead and not any(stop in gap for stop in ".؛;")


def _is_year(ctx: DocContext, span: Span, ti: int) -> bool:
    """True for a four-digit year ("منذ مطلع العام 2023") read as a number."""
    value = (span.value or {}).get("value")
    text = ctx.doc.text[span.start:span.end].strip()
    return isinstance(value, (int, float)) and ctx.config.year_min <= value <= ctx.config.year_max and len(text) == 4 and text.isdigit()


def _counts_units(ctx: DocContext, tj: int) -> bool:
    """True when the word after a figure is a unit it counts ("40 يوماً", "5 غارات"); a definite word
    is none ("40 مدنياً على الأقل اليوم": today)."""
    if tj >= len(ctx.tokens) or not ctx.is_word(tj, "not_people"):
        return False
    return not ctx.tokens[tj].text.startswith(("ال", "وال"))


def _overlaps_date(ctx: DocContext, span: Span) -> bool:
    """True when a number is part of a date ("24 مارس 2019")."""
    return any(d.start <= span.start < d.end or span.start <= d.start < span.end
               for d in ctx.spans_in("date", span.start - 80, span.end + 80))


def _casualty_at(ctx: DocContext, index: int) -> str | None:
    """Return "killed"/"injured" when token ``index`` is a casualty word."""
    if ctx.is_word(index, "killed"):
        return "killed"
    if ctx.is_word(index, "injured"):
        return "injured"
    return None


def _casualty_near(ctx: DocContext, ti: int, tj: int, lo: int, hi: int,
                   relaxed: bool = False) -> tuple[str | None, Span | None]:
    """Find the casualty word closest to the number tokens ``[ti, tj)``."""
    best: tuple[int, str, int] | None = None
    crossed_and = False
    for dist in range(1, ctx.config.toll_look_before + 1):
        i = ti - dist
        if i < lo or _is_number_token(ctx, i) or ctx.tokens[i].text in _STOPS or _other_event_word(ctx, i):
            break
        kind = _casualty_at(ctx, i)
        if kind:
            best = (ctx.config.toll_look_after_en_relaxed + 1 if crossed_and else dist, kind, i)
            break
        crossed_and = crossed_and or ctx.tokens[i].norm == "and"  # "killed and three others wounded"
    inside = next(((k, j) for j in range(ti, tj) if (k := _casualty_at(ctx, j))), None)
    if inside is not None:  # "7 قتلى مدنيين على الأقل": the figure's own noun is the casualty word
        best = (0, inside[0], inside[1])
    after = (ctx.config.toll_look_after_en_relaxed if relaxed else ctx.config.toll_look_after_en) \
        if ctx.lang == "en" else ctx.config.toll_look_after_ar
    for j in range(tj - 1, min(hi, tj + after + _name_tokens(ctx, tj, tj + after))):
        kind = _casualty_at(ctx, j)
        if kind and (best is None or (j - tj + 1 < best[0] and not _conjoined(ctx, j))):
            best = (j - tj + 1, kind, j)
            break
    if best is None and ctx.lang == "ar":
        best = _agreeing_verb(ctx, tj, hi)
    if best is None:
        return None, None
    token = ctx.tokens[best[2]]
    return best[1], Span(token.start, token.end, "cue", best[1])


def _name_tokens(ctx: DocContext, start: int, stop: int) -> int:
    """Tokens of English actor names (and their bracketed acronyms) in ``[start, stop)``: "three members of
    the Syrian Democratic Forces (SDF) were killed" keeps its verb as close as "three fighters were killed"."""
    if ctx.lang != "en" or start >= min(stop, len(ctx.tokens)):
        return 0
    first, last = ctx.tokens[start].start, ctx.tokens[min(stop, len(ctx.tokens)) - 1].end
    count = 0
    for span in ctx.spans_in("actor", first, last):
        ti, tj = ctx.token_range(span.start, span.end)
        count += max(0, tj - ti - 1)
        if tj + 2 < len(ctx.tokens) and ctx.tokens[tj].text == "(" and ctx.tokens[tj + 2].text == ")":
            count += 3
    return count


def _conjoined(ctx: DocContext, index: int) -> bool:
    """True for a casualty word opening a conjoined clause ("مقاتل واحد وجرح ثلاثة"): it counts the next figure."""
    norm = ctx.tokens[index].norm
    return norm.startswith("و") and norm[1:] in ctx.bases[index]


def _agreeing_verb(ctx: DocContext, tj: int, hi: int) -> tuple[int, str, int] | None:
    """"5 مدنيين، بينهم امرأة وطفلان، قتلوا": a plural casualty verb later in the clause agrees with the
    counted subject before it (no other figure in between)."""
    for j in range(tj, min(hi, tj + ctx.config.agree_reach)):
        token = ctx.tokens[j]
        if token.text in (".", "؛", ";", ":"):
            return None
        if j > tj and _is_number_token(ctx, j) and not ctx.is_word(j, "dual_nouns"):
            return None
        kind = _casualty_at(ctx, j)
        if kind and token.norm.endswith("وا"):
            return (j - tj + 1, kind, j)
    return None


def _other_event_word(ctx: DocContext, index: int) -> bool:
    """True for an arrest or abduction word ("واعتقال شخصين"): the figure after it is not a toll."""
    token = ctx.tokens[index]
    return any(ctx.kinds.is_in(t.label, "not_toll_before") for t in ctx.spans_in("trigger", token.start, token.end + 1))


def _is_number_token(ctx: DocContext, index: int) -> bool:
    """True when token ``index`` is inside a number span."""
    token = ctx.tokens[index]
    return any(s.start < token.end and token.start < s.end for s in ctx.spans_in("number", token.start - 20, token.end + 20))


def _chained_kind(ctx: DocContext, ti: int, previous: list[Toll], relaxed: bool) -> str | None:
    """Inherit the kind of the previous toll when the figure is joined to it ("و", "مقابل")."""
    if not previous:
        return "killed" if relaxed else None
    last = previous[-1]
    last_end = ctx.token_range(last.span.start, last.span.end)[1]
    if ti - last_end > ctx.config.chain_gap:
        return "killed" if relaxed else None
    token = ctx.tokens[ti]
    wa_attached = token.norm.startswith("و") and token.norm[1:] in ctx.bases[ti]  # "وأربعة مدنيين"
    joined = ctx.doc.text[max(0, token.start - 1):token.start] == "و" or wa_attached \
        or ctx.word_in(ti - 1, ctx.words("connectors")) \
        or any(ctx.word_in(i, ctx.words("connectors")) for i in range(max(last_end, ti - 3), ti)) \
        or ":" in ctx.doc.text[last.span.end:token.start]  # "seven dead: 5 gunmen and two soldiers"
    return last.kind if joined or relaxed else None


def _counts_people(ctx: DocContext, ti: int, tj: int, hi: int, kind: str, relaxed: bool) -> bool:
    """True when the figure counts people (a person noun, an actor or a casualty noun near it)."""
    window = range(ti, min(hi, tj + 3))
    if any(ctx.is_word(i, "person_nouns") or ctx.is_word(i, "killed") or ctx.is_word(i, "injured")
           or ctx.word_in(i, ctx.words("attackers")) for i in window):
        return True
    if any(ctx.is_word(i, "dual_nouns") for i in range(ti, tj)):
        return True
    end = ctx.tokens[min(hi, tj + 3) - 1].end if hi > ti else ctx.tokens[ti].end
    if ctx.spans_in("actor", ctx.tokens[ti].start, end):
        return True
    return relaxed


def _side_of(ctx: DocContext, tj: int, hi: int) -> tuple[str | None, Span | None]:
    """Return the actor whose dead a figure counts: the first actor named right after it."""
    if tj >= len(ctx.tokens):
        return None, None
    start = ctx.tokens[min(tj, len(ctx.tokens) - 1)].start
    stop_index = min(hi, tj + ctx.config.side_lookahead) - 1
    if stop_index < tj:
        return None, None
    stop = ctx.tokens[stop_index].end
    for span in sorted(ctx.spans_in("actor", start, stop), key=lambda s: s.start):
        if span.label == "patron" or ctx.is_word(ctx.token_at(span.start) - 1, "former") \
                or ctx.is_word(ctx.token_at(span.start) - 2, "former"):
            continue  # "القيادي السابق في X": what the victim once belonged to
        if _number_between(ctx, start, span.start, skip_injured=True) or _cause_between(ctx, start, span.start):
            break
        name = ctx.resolve_actor(span)
        if name and _subcount_between(ctx, tj, ctx.token_at(span.start)):
            return name, None  # "12 شخصا بينهم مدنيون": counted with them, but not the evidence of who was hit
        if name:
            return name, span
    return None, None


def _subcount_between(ctx: DocContext, tj: int, ai: int) -> bool:
    """True when "بينهم"/"including" stands between a figure and an actor: "12 شخصا بينهم مدنيون" names
    a part of the dead, so it is no evidence that the place hit was theirs."""
    return any(ctx.is_word(i, "subcount") for i in range(tj, ai))


def _cause_between(ctx: DocContext, start: int, end: int) -> bool:
    """True when an incident word or a cause word ("جراء", "إثر") stands between a figure and an actor:
    "استشهد عسكريان جراء عدوان إسرائيلي" names who struck, not whose dead they are."""
    if any(start <= t.start < end for t in ctx.spans_in("trigger", start, end)):
        return True
    lo, hi = ctx.token_range(start, end)
    return any(ctx.word_in(i, ctx.words("cause")) for i in range(lo, hi))


def _number_between(ctx: DocContext, start: int, end: int, *, skip_injured: bool = False) -> bool:
    """True when a number span starts in ``[start, end)`` (one counting the wounded may be skipped:
    "مقتل 4 عناصر وإصابة اثنين آخرين من الميليشيات" names one side for both)."""
    for span in ctx.spans_starting("number", start, end):
        index = ctx.token_at(span.start)
        if not (skip_injured and ctx.is_word(index - 1, "injured")):
            return True
    return False


def _mark_not_death(ctx: DocContext, tolls: list[Toll], start: int, end: int) -> None:
    """Flag figures followed by "قتلى أو جرحى" / "killed or wounded": not death tolls."""
    for cue in ctx.cues_in(start, end).get("not_death", []):
        for toll in tolls:
            right_after = toll.span.end <= cue.start <= toll.span.end + 2
            if right_after or (toll.span.start <= cue.start <= toll.span.end + 40 and _is_either(ctx, cue)):
                toll.not_death = True
    lo, hi = ctx.token_range(start, end)
    for toll in tolls:
        if _killed_or_injured(ctx, ctx.token_range(toll.span.start, toll.span.end)[1], hi):
            toll.not_death = True


def _killed_or_injured(ctx: DocContext, tj: int, hi: int) -> bool:
    """"12 قتيلاً أو جريحاً", "9 killed or wounded": one casualty kind, "or", the other kind right after a
    figure; the dead among them are unknown (any spelling of the two nouns, not a fixed phrase)."""
    words = _next_words(ctx, tj, 4, hi)
    for k in range(len(words) - 2):
        first, middle, last = words[k:k + 3]
        if ctx.tokens[middle].norm in ("او", "or") and _casualty_at(ctx, first) and _casualty_at(ctx, last) \
                and _casualty_at(ctx, first) != _casualty_at(ctx, last):
            return True
    return False


def _is_either(ctx: DocContext, cue: Span) -> bool:
    """True when the not-death cue is an "or" phrase ("قتلى أو جرحى", "killed or wounded")."""
    text = ctx.doc.text[cue.start:cue.end]
    return " أو " in text or " او " in text or " or " in text.lower() or "بين" in text


@dataclass
class Combined:
    """An event's casualty figures after ACLED's rules."""

    fatalities: int | None = None
    low: int | None = None
    best: int | None = None
    high: int | None = None
    injured: int | None = None
    evidence: list[Span] = field(default_factory=list)
    injured_evidence: list[Span] = field(default_factory=list)


def combine(tolls: list[Toll]) -> Combined:
    """Combine an event's tolls: per side the lowest figure, sides summed; unsided figures bound the total."""
    out = Combined()
    deaths = [t for t in tolls if t.kind == "killed" and not t.not_death and not t.subset and not t.summed
              and t.figure is not None]
    injuries = [t for t in tolls if t.kind == "injured" and not t.subset and not t.summed and t.figure is not None]
    totals = [t for t in deaths if t.total]
    if deaths:
        out.low, out.high, out.evidence = _total(_standing(deaths))
        out.high = max(out.high, _total(deaths)[1])
        out.evidence = [t.span for t in deaths]
        if totals:
            out.low, out.high = _running_total(totals, out.low, out.high)
        out.fatalities = out.low
        out.best = out.low
    if injuries:
        out.injured, _, out.injured_evidence = _total(injuries)
    return out


def _standing(deaths: list[Toll]) -> list[Toll]:
    """The figures that stand for the lowest-figure rule: an update over the rest, later figures over
    preliminary ones, stated figures over a vague amount's floor ("عشرات" is not 20 beside "40")."""
    current = [t for t in deaths if not t.preliminary] or deaths
    current = [t for t in current if t.update] or current
    current = [t for t in current if t.qualifier not in VAGUE_QUALIFIERS] or current
    # "اغتيال القيادي X وعدة شخصيات ... مقتلهم جميعا": one victim named is one of the dead, not a count
    # (a pronoun on the killing word counts the whole group it refers back to)
    whole = [t for t in current if t.qualifier == "pronoun of the victims"]
    named = [t.figure or 0 for t in current if t.qualifier == "named victims"]
    if whole and named and max(t.figure or 0 for t in whole) > max(named):
        return [t for t in current if t.qualifier != "named victims"]
    return current


def _running_total(totals: list[Toll], low: int, high: int) -> tuple[int, int]:
    """The incident's stated running total replaces the sum of the figures told before it
    (the last one stated wins: it is the update); the high bound keeps the largest figure."""
    last = max(totals, key=lambda t: t.span.start)
    figure = int(last.figure or 0)
    return figure, max(high, int(last.high or figure))


def _vague_side(toll: Toll) -> bool:
    """A side named only vaguely ("5 militants", "مسلحين") may be any side: the figure is read as unsided."""
    return toll.side_span is not None and toll.side_span.label == "weak"


def _total(tolls: list[Toll]) -> tuple[int, int, list[Span]]:
    """Return (low, high, evidence) over sides: sum of per-side minima and maxima."""
    sides: dict[str, list[Toll]] = {}
    unsided: list[Toll] = []
    for toll in tolls:
        (sides.setdefault(toll.side, []) if toll.side and not _vague_side(toll) else unsided).append(toll)
    for toll in list(unsided):
        same = next((g for g in sides.values() if any(t.figure == toll.figure for t in g)), None)
        if same is not None:  # a repeated figure ("25" in the lead and in the detail) counts once
            same.append(toll)
            unsided.remove(toll)
    low = sum(min(t.figure for t in group) for group in sides.values())  # type: ignore[type-var]
    high = sum(max(t.high or t.figure for t in group) for group in sides.values())  # type: ignore[type-var]
    if unsided:
        u_low = min(t.figure for t in unsided)  # type: ignore[type-var]
        u_high = max(t.high or t.figure for t in unsided)  # type: ignore[type-var]
        low = min(low, u_low) if sides else u_low
        high = max(high, u_high)
    evidence = [t.span for t in tolls]
    return int(low), int(high), evidence
