"""Group incident mentions into events (ACLED: same actors, same day, same place) and code them.

A mention is a clause holding an incident trigger. It joins the event being told unless it
opens a new one: a "new incident" cue ("وفي سياق متصل", "كذلك"), another place (another
governorate or a town far off), another day, another initiator, or another kind of violence
(an air strike is not the ground clash before it). Detail paragraphs ("وفي التفاصيل") have none
of these and so re-describe the lead's incident.
"""

from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass, field, replace
from datetime import date

from marsad.budget import check_budget
from marsad.document import Decision, Span
from marsad.extract.actors import NON_INITIATORS, ActorRole, clause_roles
from marsad.extract.background import ClauseInfo
from marsad.extract.context import DocContext, definite
from marsad.extract.places import is_dateline, is_reference, own_places, place_conflict, precision
from marsad.extract.segments import Segment
from marsad.extract.tolls import Toll, clause_tolls

log = logging.getLogger(__name__)

# UCDP where_prec from which a place is an area (a governorate or wider): it matches too much to
# pick an incident by, and it never outranks a town of the incident's own clauses.
AREA_PRECISION = 4
PROTESTERS = "Protesters"
SETTLEMENTS = frozenset({"city", "town", "village", "neighbourhood", "camp", "admin3", "admin2"})  # gazetteer features


@dataclass
class Mention:
    """A clause that tells (part of) an incident."""

    clause: ClauseInfo
    triggers: list[Span]
    roles: list[ActorRole]
    places: list[Span]
    dates: list[Span]
    tolls: list[Toll]
    strong: bool
    ref: bool
    report_dates: list[Span] = field(default_factory=list)
    detail: bool = False
    has_ref: bool = False
    during: bool = False
    lead_part: bool = False
    offsets: list[Span] = field(default_factory=list)  # "اليوم"/"أمس" with no publication date to resolve them
    weekdays: list[Span] = field(default_factory=list)  # "مساء الأربعاء" with no publication date to resolve it

    @property
    def kinds(self) -> set[str]:
        return {t.label for t in self.triggers}

    def summary(self, ctx: DocContext) -> dict[str, object]:
        """The JSON value of this mention's ``mention`` span."""
        return {"kinds": sorted(self.kinds), "strong": self.strong, "ref": self.ref, "detail": self.detail,
                "during": self.during, "new_incident": self.clause.new_incident,
                "triggers": [ctx.doc.text[t.start:t.end] for t in self.triggers],
                "place": (self.places[0].value or {}).get("name") if self.places else None,
                "date": (self.dates[0].value or {}).get("value") if self.dates else None,
                "initiator": self.initiator()}

    def initiator(self) -> str | None:
        """The actor this clause names as initiator with clear evidence."""
        best = max((r for r in self.roles if r.head is None and not r.weak and not r.patron
                    and r.name not in NON_INITIATORS),
                   key=lambda r: r.a1, default=None)
        return best.name if best is not None and best.a1 >= 2 else None


@dataclass
class Draft:
    """Mentions grouped as one incident, before coding."""

    mentions: list[Mention] = field(default_factory=list)
    inherited_date: Span | None = None
    extra_tolls: list[Toll] = field(default_factory=list)
    extra_roles: list[list[ActorRole]] = field(default_factory=list)

    def summary(self, number: int) -> dict[str, object]:
        """The JSON value of this incident's ``incident`` span."""
        place, day = self.place(), self.day() or self.inherited_date
        return {"incident": number, "mentions": [[m.clause.seg.start, m.clause.seg.end] for m in self.mentions],
                "kinds": sorted(self.kinds()), "place": (place.value or {}).get("name") if place else None,
                "date": (day.value or {}).get("value") if day else None, "initiator": self.initiator()}

    def role_lists(self) -> list[list[ActorRole]]:
        """Actor roles of the mentions (back-references only when nothing else names actors),
        plus those of attached clauses (claims of responsibility)."""
        told = [m.roles for m in self.mentions if not m.ref and m.roles]
        return (told or [m.roles for m in self.mentions]) + self.extra_roles

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    def kinds(self) -> set[str]:
        return set().union(*(m.kinds for m in self.mentions))

    def place(self) -> Span | None:
        """The most precise place any mention gives (the earliest on a tie: a village told in the details
        outranks the lead's "ريف إدلب"); a weak mention's place
        counts when that mention opened the incident ("استهدفت طائرات ... مواقع في مدينة X")."""
        ranked = [(precision(p) >= AREA_PRECISION, is_reference(p), precision(p), i, p)
                  for i, m in enumerate(self.mentions) for p in m.places[:1] if (m.strong or i == 0) and not m.ref]
        return min(ranked, key=lambda r: r[:4])[4] if ranked else None

    def own_day(self) -> Span | None:
        """A date the incident's clauses give (not the date a source reported on)."""
        return next((m.dates[0] for m in self.mentions if m.dates), None)

    def weekday(self) -> Span | None:
        """The weekday its clauses name when no publication date can turn it into a date."""
        return next((m.weekdays[0] for m in self.mentions if m.weekdays), None)

    def day(self) -> Span | None:
        """The incident's own date: its clauses' dates first, the reporting date last."""
        own = next((m.dates[0] for m in self.mentions if m.dates), None)
        return own or next((m.report_dates[0] for m in self.mentions if m.report_dates), None)

    def initiator(self) -> str | None:
        return next((m.initiator() for m in self.mentions if m.initiator()), None)


def build_mentions(ctx: DocContext, infos: list[ClauseInfo]) -> tuple[list[Mention], list[ClauseInfo]]:
    """Return incident mentions and the incident clauses holding only casualty figures."""
    mentions: list[Mention] = []
    toll_only: list[ClauseInfo] = []
    for info in infos:
        check_budget()
        triggers = ctx.spans_in("trigger", info.seg.start, info.seg.end)
        if not info.is_incident:
            _discard(ctx, triggers, info.reason or info.status)
            continue
        coded = [t for t in triggers if "optional" not in t.value["flags"]]
        _discard(ctx, [t for t in triggers if t not in coded], "optional kind (deployment, sweep): not coded")
        if not coded:
            toll_only.append(info)
            continue
        coded = _drop_irrealis(ctx, _drop_protested(ctx, _drop_accusations(ctx, coded)))
        if not coded:
            continue
        for part, triggers in _incident_parts(ctx, info, coded):
            mention = _mention(ctx, part, triggers)
            mention.lead_part = part is not info
            if _old_protest(ctx, mention):
                _discard(ctx, triggers, "a protest movement's earlier days, told as background")
                continue
            mentions.append(mention)
    return mentions, toll_only


def _drop_accusations(ctx: DocContext, triggers: list[Span]) -> list[Span]:
    """After an arrest word, attack words are the charge ("arrested ... suspected of planning attacks")."""
    arrest = next((t for t in triggers if t.label == "arrest"), None)
    if arrest is None:
        return triggers
    charges = [t for t in triggers if t.start > arrest.start and t.label not in ("arrest", "raid")
               and not ctx.kinds.is_in(t.label, "protest")]  # "arrested twenty protesters at a rally": no charge
    _discard(ctx, charges, "the charge of an arrest, not an incident")
    return [t for t in triggers if t not in charges]


def _incident_parts(ctx: DocContext, info: ClauseInfo, triggers: list[Span]) -> list[tuple[ClauseInfo, list[Span]]]:
    """Split a clause that sums up two incidents joined by "و" ("بتفجير سيارة في مدينة الباب
    واشتباكات قرب منبج"): another kind of violence, each with its own place, is another incident."""
    for n, trigger in enumerate(triggers[1:], start=1):
        before = {ctx.kinds.family(t.label) for t in triggers[:n]}
        if ctx.kinds.family(trigger.label) in before or not _after_and(ctx, trigger):
            continue
        seg = info.seg
        here, there = own_places(ctx, seg.start, trigger.start), own_places(ctx, trigger.start, seg.end)
        if here and there and place_conflict(here[0], there[0], ctx.config.same_place_km):
            head = replace(info, seg=Segment(seg.start, trigger.start, seg.para, seg.kind))
            tail = replace(info, seg=Segment(trigger.start, seg.end, seg.para, seg.kind), new_incident=True)
            return [(head, [t for t in triggers if t.start < trigger.start]),
                    (tail, [t for t in triggers if t.start >= trigger.start])]
    return [site for part, own in _another_site(ctx, info, triggers) for site in _site_parts(ctx, part, own)]


def _another_site(ctx: DocContext, info: ClauseInfo, triggers: list[Span]) -> list[tuple[ClauseInfo, list[Span]]]:
    """"... مواقع في محيط الكسوة، وأخرى في ريف القنيطرة": "and another in" a place far from the first
    names a second incident of the same kind; it takes the clause's triggers."""
    seg = info.seg
    text = ctx.doc.text[seg.start:seg.end]
    if "خر" not in text and "another" not in text:
        return [(info, triggers)]  # none of the "another" words can be there
    lo, hi = ctx.token_range(seg.start, seg.end)
    first = triggers[0].end if triggers else seg.end
    for i in range(lo, hi):
        token = ctx.tokens[i]
        if token.start < first or not ctx.is_word(i, "another_site"):
            continue
        here = own_places(ctx, seg.start, token.start)
        there = [p for p in own_places(ctx, token.start, seg.end) if p.start - token.end <= ctx.config.another_chars]
        if here and there and place_conflict(here[0], there[0], ctx.config.same_place_km):
            head = replace(info, seg=Segment(seg.start, token.start, seg.para, seg.kind))
            tail = replace(info, seg=Segment(token.start, seg.end, seg.para, seg.kind), new_incident=True)
            return [(head, triggers), (tail, list(triggers))]
    return [(info, triggers)]


def _site_parts(ctx: DocContext, info: ClauseInfo, triggers: list[Span]) -> list[tuple[ClauseInfo, list[Span]]]:
    """One clause telling several sites: "مقتل تسعة مدنيين في قرية بليون وأربعة في قرية البارة",
    "استهدفت أطراف مدينة أريحا وقرية بزابور". Each site far from the one before is an incident of its own
    (ACLED codes one event per place); a single death figure over the sites is their sum, not an incident's."""
    seg = info.seg
    sites = _sites(ctx, seg.start, seg.end)
    deaths = [t for t in clause_tolls(ctx, seg.start, seg.end) if t.kind == "killed" and not t.not_death
              and not t.subset and t.figure is not None]
    if len(sites) < 2:
        if _counted_incidents(ctx, triggers) and len(_named_sites(ctx, seg)) >= 2:
            for toll in deaths:  # "ثلاثة تفجيرات في مدينة الصدر ... والكاظمية أسفرت عن مقتل 93": their sum
                toll.summed = True
        return [(info, triggers)]
    if len(deaths) == 1 and deaths[0].span.start < sites[0].start:
        deaths[0].summed = True  # one figure over sites told apart ("قتل 60 في مدينتي X وY"): their sum
        return [(info, triggers)]
    cuts = [_site_cut(ctx, seg, site, deaths) for site in sites[1:]]
    cuts = sorted({c for c in cuts if c is not None and c > seg.start})
    if not cuts:
        return [(info, triggers)]
    parts, start = [], seg.start
    for cut in cuts + [seg.end]:
        part = replace(info, seg=Segment(start, cut, seg.para, seg.kind), whole=info.whole or seg,
                       new_incident=info.new_incident or start > seg.start)
        own = [t for t in triggers if start <= t.start < cut]
        parts.append((part, own or list(triggers)))
        start = cut
    return parts


def _counted_incidents(ctx: DocContext, triggers: list[Span]) -> bool:
    """True when the clause counts its incidents ("ثلاثة تفجيرات", "three bombings"): two or more."""
    for trigger in triggers:
        i = ctx.token_at(trigger.start)
        before = [j for j in range(i - 1, max(-1, i - 3), -1) if ctx.tokens[j].norm[:1].isalnum()][:1]
        if before and _is_count(ctx, before[0]):
            return True
    return False


def _is_count(ctx: DocContext, index: int) -> bool:
    """True for a number of two or more at token ``index``."""
    token = ctx.tokens[index]
    for span in ctx.spans_in("number", token.start, token.end):
        value = (span.value or {}).get("value")
        if isinstance(value, int) and 2 <= value <= ctx.config.incident_count_max:
            return True
    return False


def _named_sites(ctx: DocContext, seg: Segment) -> set[str]:
    """The distinct town-level places a clause names as sites."""
    return {str((p.value or {}).get("name")) for p in own_places(ctx, seg.start, seg.end)
            if _settlement(p) and not _locator(ctx, p) and not is_reference(p)}


def _sites(ctx: DocContext, start: int, end: int) -> list[Span]:
    """The town-level places of a clause in text order, one per site (a place near the one before it
    is the same site)."""
    towns = sorted((p for p in own_places(ctx, start, end) if _settlement(p) and not _locator(ctx, p)),
                   key=lambda p: p.start)
    sites: list[Span] = []
    for place in towns:
        if not sites:
            sites.append(place)
        elif _other_site(ctx, sites[-1], place) and _joined(ctx, sites[-1], place):
            sites.append(place)
    return sites


def _other_site(ctx: DocContext, first: Span, second: Span) -> bool:
    """True when ``second`` is a site of its own: far from ``first``, or another name with its own figure
    ("تسعة مدنيين في قرية بليون وأربعة مدنيين في قرية البارة", villages a few km apart)."""
    if place_conflict(first, second, ctx.config.same_place_km):
        return True
    name = lambda p: (p.value or {}).get("name")  # noqa: E731
    if name(first) == name(second):
        return False
    lo = ctx.sentences[max(0, ctx.segment_of(ctx.sentences, first.start))].start
    deaths = [t for t in clause_tolls(ctx, lo, second.start) if t.kind == "killed" and not t.subset]
    return any(first.end <= t.span.start < second.start for t in deaths)


def _settlement(place: Span) -> bool:
    """True for a town, village, quarter or camp named as such (roads, deserts and regions are no sites)."""
    value = place.value or {}
    return not _is_area(place) and str(value.get("feature") or "") in SETTLEMENTS


def _locator(ctx: DocContext, place: Span) -> bool:
    """True for a place that only locates another ("عفرين شمال حلب", "قرب مدينة X", "30 كم شرق بعقوبة")."""
    if is_reference(place):  # the geocoder's reading: "30 كم شرق بعقوبة", "جنوب غربي كركوك"
        return True
    i = ctx.token_at(place.start)
    words = [j for j in range(i - 1, max(-1, i - 5), -1) if ctx.tokens[j].norm[:1].isalnum()][:3]
    return any(ctx.word_in(j, ctx.words("proximity")) for j in words)


def _joined(ctx: DocContext, first: Span, second: Span) -> bool:
    """True when "و" joins the part telling ``second`` to the one telling ``first`` (two sites listed, not
    the two ends of a road "بين القامشلي وعامودا")."""
    lo, hi = ctx.token_range(first.end, second.start)
    i = ctx.token_at(first.start)
    if "between" in (first.label, second.label) or any(ctx.word_in(j, ctx.words("between")) for j in (i - 1, i - 2)):
        return False
    return any(ctx.tokens[j].norm == "و" or (ctx.tokens[j].norm.startswith("و") and ctx.tokens[j].norm[1:] in ctx.bases[j])
               for j in range(lo, hi))


def _site_cut(ctx: DocContext, seg: Segment, site: Span, deaths: list[Toll]) -> int | None:
    """Where the part telling ``site`` begins: at the "و" before its own figure, else before its place."""
    figure = next((t for t in reversed(deaths) if t.span.start < site.start), None)
    anchor = figure.span.start if figure is not None and not _between_sites(ctx, figure, site) else site.start
    i = ctx.token_at(anchor)
    for j in range(i, max(ctx.token_range(seg.start, seg.end)[0], i - 4), -1):
        norm = ctx.tokens[j].norm
        if norm == "و" or (norm.startswith("و") and norm[1:] in ctx.bases[j]):
            return ctx.tokens[j].start
        if ctx.tokens[j].text in ("،", ","):
            return ctx.tokens[j].end
    return None


def _between_sites(ctx: DocContext, figure: Toll, site: Span) -> bool:
    """True when another place stands between a figure and ``site`` (the figure is the earlier site's)."""
    return any(figure.span.end <= p.start < site.start for p in ctx.spans_in("place", figure.span.end, site.start))


def _after_and(ctx: DocContext, trigger: Span) -> bool:
    """True when a trigger word carries the conjunction "و" or follows it."""
    i = ctx.token_at(trigger.start)
    return ctx.tokens[i].norm.startswith("و") and not ctx.doc.text[trigger.start:trigger.end].startswith("و") \
        or ctx.doc.text[trigger.start:trigger.start + 1] == "و" or (i > 0 and ctx.tokens[i - 1].norm == "و")


def _drop_protested(ctx: DocContext, triggers: list[Span]) -> list[Span]:
    """After a protest word, violence named as what is denounced ("تظاهرة منددة بالغارات") is no incident."""
    protest_kinds = ctx.kinds.group("protest")
    protest = next((t for t in triggers if t.label in protest_kinds), None)
    if protest is None:
        return triggers
    objects = [t for t in triggers if t.start > protest.start and t.label not in protest_kinds
               and _after_protest_object(ctx, t)]
    _discard(ctx, objects, "what a protest denounces, not an incident")
    return [t for t in triggers if t not in objects]


def _drop_irrealis(ctx: DocContext, triggers: list[Span]) -> list[Span]:
    """A call, plan or threat right before an incident word names what did not happen ("دعوات للتظاهر",
    "كانوا يخططون لاقتحام المبنى", "توعد بشن المزيد من الهجمات")."""
    unreal = [t for t in triggers if _after_word(ctx, t, "irrealis", ctx.config.irrealis_reach)]
    _discard(ctx, unreal, "a call, plan or threat, not an incident")
    reacted = [t for t in triggers if t not in unreal and _after_word(ctx, t, "reaction", ctx.config.reaction_reach,
                                                                         over_commas=True)]
    _discard(ctx, reacted, "what a statement condemns or describes: an incident told elsewhere")
    unreal += reacted
    return [t for t in triggers if t not in unreal]


def _after_word(ctx: DocContext, trigger: Span, key: str, reach: int, *, over_commas: bool = False) -> bool:
    """True when a cue word of ``key`` stands within ``reach`` words before the trigger, in its sentence
    (and its clause, unless ``over_commas``: a condemnation's subject may hold commas)."""
    seen = 0
    for j in range(ctx.token_at(trigger.start) - 1, -1, -1):
        text = ctx.tokens[j].text
        if text in (".", "؛", ";", "\n") or (text in ("،", ",") and not over_commas):
            return False
        if not ctx.tokens[j].norm[:1].isalnum():
            continue
        if ctx.is_word(j, key):
            return True
        seen += 1
        if seen >= reach:
            return False
    return False


def _after_protest_object(ctx: DocContext, trigger: Span) -> bool:
    """True when a "denouncing / against" word stands just before the trigger."""
    i = ctx.token_at(trigger.start)
    return any(ctx.is_word(j, "protest_object") for j in range(max(0, i - ctx.config.protest_object_reach), i + 1))


def _old_protest(ctx: DocContext, mention: Mention) -> bool:
    """A protest dated over a week before publication is the movement's history ("اندلعت الاحتجاجات في ...")."""
    published = ctx.doc.published
    if published is None or not mention.dates or not mention.kinds <= set(ctx.kinds.group("protest")):
        return False
    day = _day_of(mention.dates[0])
    return day is not None and (published - date.fromisoformat(day)).days > ctx.config.old_protest_days


def _mention(ctx: DocContext, info: ClauseInfo, triggers: list[Span]) -> Mention:
    """Build the mention of one incident clause."""
    seg = info.seg
    sent = ctx.sentences[info.sentence] if info.sentence >= 0 else seg
    roles = _roles(ctx, seg.start, seg.end, sent.start)
    places = own_places(ctx, seg.start, seg.end) or own_places(ctx, sent.start, sent.end)
    if not places or _is_area(places[0]):
        places = _town_referred_to(ctx, seg) + places  # "اشتباكات في البلدة": the town named before
    all_dates = _dates(ctx, seg.start, seg.end) or _dates(ctx, sent.start, sent.end)
    reported = [d for d in all_dates if _is_report_date(ctx, d, sent.start)]
    dates = [d for d in all_dates if d not in reported]
    whole = info.whole or seg  # a part's figures are read in its whole clause ("و35 آخرين" keeps its kind)
    tolls = [t for t in clause_tolls(ctx, whole.start, whole.end) if seg.start <= t.span.start < seg.end]
    _victims_are_targets(ctx, roles, tolls)
    strong = any(not ({"weak", "support"} & set(t.value["flags"])) for t in triggers)
    ref = strong and all(_is_reference(ctx, t) for t in triggers if not ({"weak", "support"} & set(t.value["flags"])))
    detail = any(c.start - seg.start <= ctx.config.detail_chars for c in info.cues.get("detail", []))
    has_ref = any(_is_reference(ctx, t) for t in triggers)
    told_before = ctx.spans_in("trigger", sent.start, seg.end)  # "وخلال التوغل، اعتقلت ...": during the incident
    during = any(_is_reference(ctx, t, key="during") for t in told_before)
    offsets = [] if all_dates else _offsets(ctx, seg.start, seg.end) or _offsets(ctx, sent.start, sent.end)
    weekdays = [] if all_dates else _weekdays(ctx, seg.start, seg.end, sent.start) or \
        _weekdays(ctx, sent.start, sent.end, sent.start)
    if weekdays and _relative_day(ctx, sent.start, sent.end):
        weekdays = []  # "أعلن، الاثنين، عن هجوم وقع قبل يومين": the weekday is not the incident's day
    return Mention(info, triggers, roles, places, dates, tolls, strong, ref, reported, detail, has_ref, during,
                   offsets=offsets, weekdays=weekdays)


def _offsets(ctx: DocContext, start: int, end: int) -> list[Span]:
    """Relative days of a report with no publication date ("اليوم", "أمس"): comparable with each other."""
    return [s for s in ctx.spans_in("date", start, end) if isinstance(s.value, dict) and s.value.get("offset") is not None]


def _weekdays(ctx: DocContext, start: int, end: int, sent_start: int) -> list[Span]:
    """Weekdays a report with no publication date names in the incident's clause ("مساء الأربعاء"),
    the incident's own before the day a source spoke on ("أعلنت الوزارة، اليوم الخميس، ...")."""
    found = [s for s in ctx.spans_in("date", start, end) if isinstance(s.value, dict)
             and s.value.get("weekday") is not None and s.value.get("value") is None]
    return sorted(found, key=lambda s: _is_report_date(ctx, s, sent_start))


def _relative_day(ctx: DocContext, start: int, end: int) -> bool:
    """The sentence counts days from an unknown day ("أمس", "قبل يومين") without naming a weekday."""
    return any(isinstance(s.value, dict) and s.value.get("value") is None and s.value.get("kind") == "relative"
               and s.value.get("weekday") is None and s.value.get("offset") != 0
               for s in ctx.spans_in("date", start, end))


def _town_referred_to(ctx: DocContext, seg: Segment) -> list[Span]:
    """The town a definite site noun with no name refers back to ("في البلدة ومحيطها", "المدينة"): the last
    town-level place named before the clause, in its paragraph or the one before."""
    lo, hi = ctx.token_range(seg.start, seg.end)
    if not any(ctx.norm_is(i, "site_anaphor") for i in range(lo, hi)):
        return []
    start = max((p.start for p in ctx.numbered(seg.para - 1)), default=seg.start)
    told = [i.seg for i in _infos_between(ctx, start, seg.start) if i.is_incident]  # not history
    towns = [p for c in told for p in own_places(ctx, c.start, c.end) if not _is_area(p) and not is_reference(p)]
    return [max(towns, key=lambda p: p.start)] if towns else []


def _victims_are_targets(ctx: DocContext, roles: list[ActorRole], tolls: list[Toll]) -> None:
    """The side whose dead a figure counts is the target ("قُتل ضابط في المخابرات العسكرية")."""
    sides = {(t.side_span.start, t.side_span.end) for t in tolls if t.side_span is not None}
    for role in roles:
        if (role.span.start, role.span.end) in sides and not role.weak:  # "12 شخصا": people of unknown side
            role.add(ctx, "figure_side")


def _roles(ctx: DocContext, start: int, end: int, sent_start: int) -> list[ActorRole]:
    """Actor roles of a clause; an initiator named earlier in its sentence is borrowed when it names none."""
    roles = clause_roles(ctx, start, end)
    if any(r.a1 > 0 for r in roles) or sent_start >= start:
        return roles
    earlier = [r for r in clause_roles(ctx, sent_start, start) if r.a1 > 0 and r.head is None]
    for role in earlier:
        role.a2 = 0
        role.reasons.append("initiator borrowed from the start of the sentence")
    return earlier + roles


def _is_report_date(ctx: DocContext, span: Span, sent_start: int) -> bool:
    """True for the date a source reported on ("أفاد مصدر أمني، اليوم السبت، بمقتل ..."), not the incident's."""
    if is_dateline(ctx, span, reach=ctx.config.dateline_date_chars):
        return True
    i = ctx.token_at(span.start)
    lo = ctx.token_at(sent_start)
    for j in range(i - 1, max(lo - 1, i - ctx.config.report_reach), -1):
        if ctx.word_in(j, ctx.words("complementizer")) or _trigger_token(ctx, j):
            return False
        if ctx.is_word(j, "reporting"):
            return True
    return False


def _trigger_token(ctx: DocContext, index: int) -> bool:
    """True when token ``index`` lies in a trigger span."""
    token = ctx.tokens[index]
    return any(t.start <= token.start < t.end for t in ctx.spans_in("trigger", token.start - 60, token.end + 60))


def _dates(ctx: DocContext, start: int, end: int) -> list[Span]:
    """Date spans that can date an incident (with a value, not a "since" period)."""
    out = []
    for span in ctx.spans_in("date", start, end):
        value = span.value if isinstance(span.value, dict) else {}
        if _day_value(value.get("value")) and str(value.get("kind") or "") not in ("since", "period", "range"):
            i = ctx.token_at(span.start)
            if not ctx.is_word(i - 1, "since") and not any(ctx.word_in(j, ctx.words("until")) for j in (i - 1, i - 2, i)):
                out.append(span)
    return out


def _day_value(value: object) -> bool:
    """True for a full ISO day ("2024-05-09") or a day without its year ("--05-09")."""
    return isinstance(value, str) and len(value) == 10 and value[:2] != "--" or \
        isinstance(value, str) and len(value) == 7 and value.startswith("--")


def _is_reference(ctx: DocContext, trigger: Span, *, key: str = "reference") -> bool:
    """True when a trigger points back at an incident already told ("بعد الهجوم", "تلك الغارات");
    a finite verb only in a relative clause on a definite noun ("الصيادين الذين اختطفوا"), never after a
    demonstrative ("وتزامناً مع ذلك، قصفت": the demonstrative ends the phrase before it)."""
    i = ctx.token_at(trigger.start)
    if "verb" in (trigger.value or {}).get("flags", ()):
        return key == "reference" and _relative_on_definite(ctx, i)
    words = ctx.words(key)
    before = [j for j in range(i - 1, max(-1, i - 3), -1) if ctx.tokens[j].norm[:1].isalnum()][:1]
    after = [j for j in range(i + 1, min(len(ctx.tokens), i + 2))]
    return any(ctx.word_in(j, words) for j in before + after)


def _relative_on_definite(ctx: DocContext, i: int) -> bool:
    """Token ``i`` follows a relative pronoun whose noun is definite ("الصيادين القطريين الذين اختطفوا")."""
    return i >= 2 and ctx.norm_is(i - 1, "relative") and definite(ctx.tokens[i - 2].norm)


def _discard(ctx: DocContext, triggers: list[Span], reason: str) -> None:
    """Record that these triggers do not make an incident, and why."""
    for span in triggers:
        ctx.doc.decisions.append(Decision(span, False, f"trigger not coded: {reason}"))


def group_mentions(ctx: DocContext, mentions: list[Mention], toll_only: list[ClauseInfo]) -> list[Draft]:
    """Group mentions into drafts of events, in text order."""
    drafts: list[Draft] = []
    leads = _LeadDrafts()
    pending: list[Mention] = []
    for mention in mentions:
        check_budget()
        _drop_pending(ctx, [p for p in pending if p.clause.sentence != mention.clause.sentence])
        pending = [p for p in pending if p.clause.sentence == mention.clause.sentence]
        target = _target_draft(ctx, drafts, mention, leads)
        if target is None:
            if mention.ref and drafts:
                _discard(ctx, mention.triggers, "refers back to an incident told before")
                continue
            if not mention.strong and not _weak_can_open(mention, _sentence_kills(ctx, mention)):
                pending.append(mention)
                continue
            target = Draft(inherited_date=_inherit(drafts, mention))
            drafts.append(target)
        target.mentions.extend(pending + [mention])
        leads.note(target)
        pending = []
    _drop_pending(ctx, pending)
    _attach_toll_only(ctx, drafts, toll_only)
    return drafts


class _LeadDrafts:
    """The drafts told only by parts of a summary lead, in draft order (kept as mentions join them,
    so finding them costs their number, not every draft's)."""

    def __init__(self) -> None:
        self.drafts: list[Draft] = []
        self._ids: set[int] = set()

    def note(self, draft: Draft) -> None:
        """Add a draft all of whose mentions are lead parts; drop one that no longer is."""
        lead = all(m.lead_part for m in draft.mentions)
        if lead and id(draft) not in self._ids:
            self.drafts.append(draft)
            self._ids.add(id(draft))
        elif not lead and id(draft) in self._ids:
            self.drafts = [d for d in self.drafts if d is not draft]
            self._ids.discard(id(draft))


def _drop_pending(ctx: DocContext, pending: list[Mention]) -> None:
    """Record weak or supporting mentions that found no incident to join."""
    for mention in pending:
        _discard(ctx, mention.triggers, "weak or supporting word with no incident to join")


def _sentence_kills(ctx: DocContext, mention: Mention) -> bool:
    """True when the mention's sentence counts dead before it ("قُتل 40 مدنياً، وجرح 47 آخرون في انفجار ...")."""
    info = mention.clause
    if info.sentence < 0:
        return False
    sent = ctx.sentences[info.sentence]
    return any(t.kind == "killed" and not t.not_death and not t.subset
               for t in clause_tolls(ctx, sent.start, info.seg.start))


def _weak_can_open(mention: Mention, sentence_kills: bool = False) -> bool:
    """A weak or support trigger opens an incident only with a death toll beside it, a day and a place, or
    aircraft that struck a place; breaking up a protest opens one when the clause counts its dead or
    wounded ("مقتل متظاهر خلال تفريق المحتجين")."""
    support_only = all("support" in t.value["flags"] for t in mention.triggers)
    killed = any(t.kind == "killed" and not t.not_death for t in mention.tolls)
    if support_only and mention.kinds == {"disperse"}:
        return any(not t.not_death for t in mention.tolls)
    if support_only:
        return killed and mention.kinds == {"raid"}  # a raid that kills is a fight (ACLED: armed clash)
    dates = mention.dates or mention.report_dates
    dated_and_placed = bool(dates and mention.places and _day_of(dates[0]))
    return dated_and_placed or killed or _aircraft_struck(mention) or sentence_kills and bool(mention.places)


def _aircraft_struck(mention: Mention) -> bool:
    """"إثر استهداف طائرة حربية روسية سوقاً في ...": aircraft named as the ones who struck, at a place."""
    return bool(mention.places) and any("aircraft" in r.features and r.a1 > 0 and r.a1 > r.a2 for r in mention.roles)


def _inherit(drafts: list[Draft], mention: Mention) -> Span | None:
    """A new incident opened by "وفي سياق متصل" (or told "during" the one before) takes its date."""
    if drafts and (mention.clause.new_incident or mention.clause.same_time or mention.during):
        previous = drafts[-1]
        return previous.day() or previous.inherited_date
    return None


def _target_draft(ctx: DocContext, drafts: list[Draft], mention: Mention, leads: _LeadDrafts) -> Draft | None:
    """Return the draft ``mention`` re-describes, or None when it opens a new incident."""
    if not drafts:
        return None
    if mention.clause.new_incident and not mention.ref:
        return _summed_in_lead(ctx, leads.drafts, mention)
    last = drafts[-1]
    if mention.ref:
        return next((d for d in reversed(drafts) if _fits(ctx, d, mention)), None)
    if mention.detail:
        same_place = _draft_at_place(ctx, drafts, mention)
        if same_place is not None and _fits(ctx, same_place, mention, detail=True) \
                and not _day_conflict(ctx, same_place, mention):
            return same_place
        if _fits(ctx, last, mention, detail=True) and not _day_conflict(ctx, last, mention) \
                and not _admin1_conflict(last, mention) and not _town_conflict(ctx, last, mention):
            return last
    if not mention.strong:
        near = [d for d in drafts if mention.clause.para - d.mentions[-1].clause.para <= 1]
        found = next((d for d in reversed(near) if _compatible(ctx, d, mention, loose=True)), None)
        return found or _definite_retelling(ctx, drafts, mention)
    if _compatible(ctx, last, mention, loose=False):
        return last
    return _definite_retelling(ctx, drafts, mention)


def _definite_retelling(ctx: DocContext, drafts: list[Draft], mention: Mention) -> Draft | None:
    """"الضربات قرب الكسوة": a definite incident noun at a place an earlier incident was told at
    re-tells that incident (another source's account), even after another incident came between."""
    strong = [t for t in mention.triggers if not ({"weak", "support"} & set(t.value["flags"]))] \
        or [t for t in mention.triggers if "support" not in t.value["flags"]][:1]
    if not strong or not mention.places or not all(_definite(ctx, t) for t in strong):
        return None
    name = (mention.places[0].value or {}).get("name")
    for draft in reversed(drafts):
        place = draft.place()
        if place is not None and (place.value or {}).get("name") == name and not _is_area(place) \
                and _fits(ctx, draft, mention) and not _day_conflict(ctx, draft, mention):
            return draft
    return None


def _definite(ctx: DocContext, trigger: Span) -> bool:
    """True for a trigger written with the article ("الضربات", "والهجوم", "بالقصف")."""
    word = ctx.doc.text[trigger.start:trigger.end].split()
    return bool(word) and definite(word[0])


def _infos_between(ctx: DocContext, start: int, end: int) -> list[ClauseInfo]:
    """The clause analyses starting inside ``[start, end)``, in order (a bisection when, as built, they
    are in text order)."""
    starts = ctx.memo(("info_starts", id(ctx.infos), len(ctx.infos)), lambda: [i.seg.start for i in ctx.infos])
    if ctx.memo(("info_sorted", id(ctx.infos), len(ctx.infos)), lambda: starts == sorted(starts)):
        return ctx.infos[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
    return [i for i in ctx.infos if start <= i.seg.start < end]


def _summed_in_lead(ctx: DocContext, drafts: list[Draft], mention: Mention) -> Draft | None:
    """The incident a summary lead split off ("... واشتباكات قرب منبج") that this paragraph now tells
    in full ("وفي ريف منبج، دارت اشتباكات ..."): same kind of violence at the same place."""
    for draft in drafts:
        if not all(m.lead_part for m in draft.mentions) or not _fits(ctx, draft, mention):
            continue
        if mention.clause.para == draft.first.clause.para and mention.clause.sentence == draft.first.clause.sentence:
            continue  # a part split off this very sentence is another site, not the lead's incident retold
        place = draft.place()
        if place is not None and mention.places and not place_conflict(place, mention.places[0], ctx.config.same_place_km):
            return draft
    return None


def _compatible(ctx: DocContext, draft: Draft, mention: Mention, *, loose: bool) -> bool:
    """True when ``mention`` can describe the same incident as ``draft``."""
    if not _fits(ctx, draft, mention):
        return False
    place = draft.place()
    if place is not None and mention.places and place_conflict(place, mention.places[0], ctx.config.same_place_km):
        if not loose or _admin1_conflict(draft, mention):
            return False
    if _day_conflict(ctx, draft, mention):
        return False
    if loose:
        return True
    mine, theirs = mention.initiator(), draft.initiator()
    return not (mine and theirs and mine != theirs)


def _draft_at_place(ctx: DocContext, drafts: list[Draft], mention: Mention) -> Draft | None:
    """The latest draft told at the place a detail clause names ("خسارة الهبيط")."""
    if not mention.places:
        return None
    for draft in reversed(drafts):
        place = draft.place()
        if place is not None and not _is_area(place) and not place_conflict(place, mention.places[0], ctx.config.same_place_km):
            return draft
    return None


def _is_area(span: Span) -> bool:
    """True for a governorate or wider place (it matches too much to pick a draft by)."""
    return precision(span) >= AREA_PRECISION


def _town_conflict(ctx: DocContext, draft: Draft, mention: Mention) -> bool:
    """True when the draft and the mention each name a town, far apart: a detail told elsewhere is another
    incident ("وأضاف المراسل أن قوات النظام قصفت محيط قرية بزابور" after strikes on Bsabt)."""
    place = draft.place()
    if place is None or not mention.places or not (_exact(place) and _exact(mention.places[0])):
        return False  # "قرب مدينة كركوك" then "في ناحية الرشاد": the details place the same incident better
    return place_conflict(place, mention.places[0], ctx.config.same_place_km)


def _exact(place: Span) -> bool:
    """True for a town named as the site itself ("في قرية X"), not near it, around it or by its district."""
    value = place.value or {}
    return place.label in ("in", "outskirts") and int(value.get("geo_precision") or 3) <= 2 and not _is_area(place)


def _admin1_conflict(draft: Draft, mention: Mention) -> bool:
    """True when the draft and the mention lie in different governorates."""
    place = draft.place()
    if place is None or not mention.places:
        return False
    a, b = (place.value or {}).get("admin1"), (mention.places[0].value or {}).get("admin1")
    return bool(a and b and a != b)


def _day_conflict(ctx: DocContext, draft: Draft, mention: Mention) -> bool:
    """True when the draft and the mention give two different days."""
    day = draft.own_day() or draft.inherited_date
    if day is None or not mention.dates:
        return _offset_conflict(ctx, draft, mention)
    return bool(_day_of(day) and _day_of(mention.dates[0]) and _day_of(day) != _day_of(mention.dates[0]))


def _offset_conflict(ctx: DocContext, draft: Draft, mention: Mention) -> bool:
    """With no publication date: a clause opening on another relative day than the incident's ("مساء
    اليوم ... هجوم"; then "وأمس، قتل جندي ...") tells another day's incident."""
    theirs = next((m.offsets[0] for m in draft.mentions if m.offsets), None)
    if theirs is None or not mention.offsets or draft.own_day() or mention.dates:
        return False
    first = mention.offsets[0]
    opens = first.start - mention.clause.seg.start <= ctx.config.opening_day_chars
    return opens and _offset_of(theirs) != _offset_of(first)


def _offset_of(span: Span) -> str | None:
    """"اليوم" / "أمس" with no publication date: the day as an offset from it ("P-1"), comparable
    only with another such offset."""
    offset = span.value.get("offset") if isinstance(span.value, dict) else None
    return f"P{offset:+d}" if isinstance(offset, int) else None


def _fits(ctx: DocContext, draft: Draft, mention: Mention, *, detail: bool = False) -> bool:
    """True when the mention's kinds of violence can belong to the draft's incident; force used on
    protesters belongs to their protest ("أطلقت قوات الأمن النار على المحتجين" after "خرج المتظاهرون")."""
    retold = _retold(ctx, draft, mention)
    if ctx.kinds.fit(draft.kinds(), mention.kinds, detail=detail, retold=retold):
        return True
    protest, force = set(ctx.kinds.group("protest")), set(ctx.kinds.group("force_on_protesters"))
    theirs, mine = draft.kinds(), mention.kinds
    if theirs & protest and mine & force:
        return _names_protesters(mention)
    return bool(mine & protest and theirs & force) and any(_names_protesters(m) for m in draft.mentions)


def _retold(ctx: DocContext, draft: Draft, mention: Mention) -> bool:
    """True for a mention naming its incident with a definite noun ("وأسفر القصف التركي ...") whose
    initiator, if it names one, is the draft's."""
    strong = [t for t in mention.triggers if not ({"weak", "support"} & set(t.value["flags"]))]
    if not strong or not all(_definite(ctx, t) for t in strong):
        return False
    mine, theirs = mention.initiator(), draft.initiator()
    return not (mine and theirs and mine != theirs)


def _names_protesters(mention: Mention) -> bool:
    """True when a mention names the protesters as a party or counts them among the victims."""
    return any(r.name == PROTESTERS for r in mention.roles) or any(t.side == PROTESTERS for t in mention.tolls)


def _day_of(span: Span) -> str | None:
    """Return a span's date value when it is a full day."""
    value = span.value.get("value") if isinstance(span.value, dict) else None
    return value if isinstance(value, str) and len(value) == 10 else None


class _Told:
    """The drafts' mentions as (clause start, draft index, paragraph), sorted, and by sentence."""

    def __init__(self, drafts: list[Draft]) -> None:
        told = [(m.clause.seg.start, i, m.clause.para, m.clause.sentence) for i, d in enumerate(drafts)
                for m in d.mentions]
        self.all = sorted((start, i, para) for start, i, para, _ in told)
        self.all_starts = [t[0] for t in self.all]
        self.by_sentence: dict[int, list[tuple[int, int]]] = {}
        for start, i, _, sentence in sorted(told):
            self.by_sentence.setdefault(sentence, []).append((start, i))


def _owner_of(ctx: DocContext, drafts: list[Draft], info: ClauseInfo, told: _Told) -> tuple[Draft | None, bool]:
    """The incident a trigger-less clause belongs to, and whether it is told after the clause.

    A clause opening with a result word belongs to the incident told last before it in its paragraph;
    else an incident word later in the same sentence ("قُتل عنصران ... إثر انفجار عبوة") owns the
    clause; otherwise the incident told last before it, within ``ExtractConfig.attach_paras`` paragraphs.
    """
    k = bisect.bisect_left(told.all_starts, info.seg.start)  # those told before it end at k
    if k and told.all[k - 1][2] == info.para and _tells_result(ctx, info):
        return drafts[told.all[k - 1][1]], False  # "...؛ أسفر عن مقتل 10، في حين ...": the result of what came before
    same = told.by_sentence.get(info.sentence, [])
    j = bisect.bisect_right([start for start, _ in same], info.seg.start)  # the first told after the clause
    if j < len(same):
        return drafts[same[j][1]], True
    if k == 0:
        return None, False
    _, i, para = told.all[k - 1]
    return (drafts[i] if info.para - para <= ctx.config.attach_paras else None), False


def _tells_result(ctx: DocContext, info: ClauseInfo) -> bool:
    """True when the clause opens with a result word ("أسفر عن مقتل 10"): it tells what the incident
    before it did."""
    lo, hi = ctx.token_range(info.seg.start, info.seg.end)
    return any(ctx.word_in(i, ctx.words("result")) for i in range(lo, min(hi, lo + 3)))


def _attach_toll_only(ctx: DocContext, drafts: list[Draft], toll_only: list[ClauseInfo]) -> None:
    """Give trigger-less clauses to their incident: casualty figures ("كما أصيب شخصان"), the
    victims they name, and a claim of responsibility ("تبناه تنظيم الدولة")."""
    told = _Told(drafts)  # the drafts' mentions do not change here, only their extra tolls and roles
    for info in toll_only:
        owner, ahead = _owner_of(ctx, drafts, info, told)
        if owner is None or (info.new_incident and not ahead):
            continue
        tolls = clause_tolls(ctx, info.seg.start, info.seg.end)
        owner.extra_tolls.extend(tolls)
        roles = clause_roles(ctx, info.seg.start, info.seg.end)
        _victims_are_targets(ctx, roles, tolls)
        victims = [r for r in roles if r.head is None and r.a2 >= ctx.config.victim_score and r.a2 > r.a1
                   and r.a1 < ctx.config.claim_score]
        if victims:
            owner.extra_roles.append(victims)
        claimed = [r for r in roles if r.a1 >= ctx.config.claim_score and r.head is None]
        for role in claimed:
            role.a2 = 0
            role.reasons.append("claimed or carried out the incident told before")
        if claimed:
            owner.extra_roles.append(claimed)
