"""Code a draft incident as an ACLED event: type, actors, place, date, fatalities, with evidence.

Type: a ground fight (clash, ambush, gunfire) makes a battle even with a bomb in it; otherwise
the most specific remote weapon decides; attacks on civilians are violence against civilians.
Actors: see ``actors.choose_parties``; an attack with no named perpetrator is ACLED's
"Unidentified Armed Group". Place, date and tolls come from the incident's own clauses first.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from marsad.document import Decision, Event, Span
from marsad.extract.actors import Parties, choose_parties, retarget_armed
from marsad.extract.assemble import Draft
from marsad.extract.context import UNIDENTIFIED, DocContext
from marsad.extract.kinds import KindTaxonomy
from marsad.extract.outside import fill_outside
from marsad.extract.places import filing_place, main_place, paragraph_place
from marsad.extract.segments import is_list_item
from marsad.extract.tolls import Toll, combine

log = logging.getLogger(__name__)

REGION = "Middle East"
CIVILIANS = "Civilians"
PROTESTERS = "Protesters"
_PRECISION = {"day": 1, "1": 1, "week": 2, "2": 2, "month": 3, "3": 3}


@dataclass
class Coding:
    """The ACLED type chosen for a draft and the triggers behind it."""

    event_type: str
    sub_event_type: str
    kind: str
    evidence: list[Span]
    civilian_target: bool = False  # the victims are civilians though no actor2 names them


def choose_type(ctx: DocContext, draft: Draft, parties: Parties,
                knowledge_types: dict[str, tuple[str, str]]) -> Coding | None:
    """Pick the event type of a draft from its trigger kinds and its target."""
    taxonomy = ctx.kinds
    triggers = [t for m in draft.mentions for t in m.triggers]
    strong = [t for t in triggers if not ({"weak", "support"} & set(t.value["flags"]))]
    kinds = {t.label for t in strong} or {t.label for t in triggers}
    if kinds <= taxonomy.generic:  # "هجوم" says less than the weak "التفجيرات" beside it
        kinds |= {t.label for t in triggers if "support" not in t.value["flags"]} - taxonomy.generic
    kinds |= {t.label for t in triggers if taxonomy.is_in(t.label, "territory") and _names_a_place(ctx, draft, t)}
    at_a_protest = bool(kinds & set(taxonomy.group("protest_words"))) and _people_hit(draft, unarmed=True) \
        and not kinds & set(taxonomy.group("vac"))  # "اغتيال ناشط في الاحتجاجات" is a killing, not a protest
    protesters = parties.actor2 == PROTESTERS or _protesters_hit(draft) or at_a_protest
    protest = _protest_coding(taxonomy, kinds, {t.label for t in triggers}, protesters, _kills(draft))
    if protest is not None:
        kind, (event_type, sub_type) = protest
        return Coding(event_type, sub_type, kind, [t for t in triggers if t.label == kind] or triggers)
    everywhere = frozenset(t.label for t in triggers)
    for mention in draft.mentions:  # parts make a kind within one clause ("police seized ... weapons")
        kinds = taxonomy.combined(kinds, {t.label for t in mention.triggers}, everywhere)
    kind = taxonomy.leading(kinds, hit=_people_hit(draft)) or _main_kind(taxonomy, kinds)
    if kind in ("shelling", "attack") and _by_aircraft(draft) and not kinds & set(taxonomy.group("ground_fight")):
        kind = "airstrike"  # "قصف نفذته طائرات حربية", "استهداف الطائرات الروسية": from the air is an air strike
    if kind is None and "raid" in kinds and _kills(draft):
        evidence = [t for t in triggers if t.label == "raid"]
        return Coding(*knowledge_types["clash"], "clash", evidence)  # a raid that kills: a fight
    if kind is None:
        return None
    event_type, sub_type = knowledge_types[kind]
    unarmed_target = (parties.actor2 in (None, CIVILIANS) or not parties.target_named) \
        and not _both_sides(ctx, parties.actor1)  # tribesmen shot in a tribal fight were fighting
    civilians = False
    if kind in ("attack", "shooting") and (parties.actor2 == CIVILIANS or unarmed_target and _people_hit(draft)):
        event_type, sub_type, civilians = "Violence against civilians", "Attack", True  # people shot, no armed side
    if taxonomy.is_in(kind, "vac"):
        if unarmed_target:
            civilians = True  # a targeted killing of a person
        else:
            event_type, sub_type = "Battles", "Armed clash"
    if taxonomy.is_in(kind, "territory"):
        state = parties.actor1 is not None and parties.actor1.startswith(("Military Forces", "Police Forces"))
        sub_type = "Government regains territory" if state else "Non-state actor overtakes territory"
    evidence = [t for t in triggers if t.label == kind] or triggers
    return Coding(event_type, sub_type, kind, evidence, civilians)


def _both_sides(ctx: DocContext, name: str | None) -> bool:
    """True for an actor whose fights are among its own kind (actors.yaml ``both_sides``)."""
    actor = ctx.knowledge.actors.get(name or "")
    return bool(actor and actor.both_sides)


def _by_aircraft(draft: Draft) -> bool:
    """True when the incident's initiator is named as aircraft ("الطائرات الروسية", "مسيرة تركية")."""
    return any("aircraft" in r.features and r.a1 > 0 for roles in draft.role_lists() for r in roles)


def _people_hit(draft: Draft, *, unarmed: bool = False) -> bool:
    """True when the incident's own clauses count dead or wounded people (``unarmed``: none of them
    counted as an armed side's: "ستة جنود قتلوا" are soldiers)."""
    tolls = [t for m in draft.mentions for t in m.tolls] + draft.extra_tolls
    if unarmed and any(t.side not in (None, CIVILIANS, PROTESTERS) for t in tolls if not t.not_death):
        return False
    return any(not t.not_death for t in tolls)


def _kills(draft: Draft) -> bool:
    """True when the draft's own clauses give a death toll."""
    return any(t.kind == "killed" and not t.not_death for m in draft.mentions for t in m.tolls)


def _protesters_hit(draft: Draft) -> bool:
    """True when protesters are named as the ones hit: a target of the incident's clauses."""
    return any(r.name == PROTESTERS and r.head is None and any(f != "civilians" for f in r.features) and r.a2 > r.a1
               for roles in draft.role_lists() for r in roles)


def _protest_coding(taxonomy: KindTaxonomy, kinds: set[str], all_kinds: set[str], protesters: bool,
                    killed: bool = False) -> tuple[str, tuple[str, str]] | None:
    """Type a demonstration: force used on protesters, a riot, a protest broken up (deadly: excessive
    force), or a peaceful one."""
    force = next((k for k in taxonomy.group("force_on_protesters") if k in kinds), None)
    if force is not None and protesters:
        return force, ("Protests", "Excessive force against protesters")
    if "disperse" in all_kinds and kinds <= set(taxonomy.group("protest")) and killed:
        return "disperse", ("Protests", "Excessive force against protesters")  # dispersed with deaths
    if kinds == {"disperse"}:
        return "disperse", ("Protests", "Protest with intervention")
    if force is not None or not kinds & set(taxonomy.group("protest_words")):
        return None
    if kinds & set(taxonomy.group("protest_violence")):
        return "riot", ("Riots", "Violent demonstration")
    if "disperse" in all_kinds or "arrest" in kinds:
        return "protest", ("Protests", "Protest with intervention")
    return "protest", ("Protests", "Peaceful protest")


def _names_a_place(ctx: DocContext, draft: Draft, trigger: Span) -> bool:
    """True when a territory word is followed by the place taken ("سيطرتها على مدينة معرة النعمان")."""
    places = [p for m in draft.mentions for p in m.places]
    return any(0 <= p.start - trigger.end <= ctx.config.taken_place_chars for p in places)


def _main_kind(taxonomy: KindTaxonomy, kinds: set[str]) -> str | None:
    """Return the trigger kind that types the incident: territory, then a ground fight, then the most
    specific remote weapon (an unspecified explosion is an IED), then the rest (``kinds.yaml``)."""
    for kind in taxonomy.group("territory") + taxonomy.group("ground_order"):
        if kind in kinds:
            return kind
    for kind in taxonomy.group("remote_order"):
        if kind in kinds:
            return "ied" if kind == "explosion" else kind
    return next((k for k in taxonomy.group("other_order") if k in kinds), None)


def code_draft(ctx: DocContext, draft: Draft, types: dict[str, tuple[str, str]], number: int,
               previous_place: Span | None = None) -> Event | None:
    """Turn one draft into an ``Event`` (None when it has no codable type); ``previous_place`` is the
    own place of the incident told just before (a placeless incident happens where the story is)."""
    parties = choose_parties(draft.role_lists())
    coding = choose_type(ctx, draft, parties, types)
    if coding is None:
        return None
    if ctx.kinds.is_in(coding.kind, "unnamed_perpetrator"):
        parties = choose_parties(draft.role_lists(), fallback=False)
    if coding.civilian_target:
        parties.actor2, parties.spans2 = CIVILIANS, [s for s in parties.spans2 if (s.value or {}).get("name") == CIVILIANS]
    if coding.event_type in ("Protests", "Riots"):
        _protest_parties(parties, peaceful=coding.sub_event_type == "Peaceful protest")
    if coding.sub_event_type == "Excessive force against protesters" and parties.actor2 is None:
        parties.actor2 = UNIDENTIFIED  # someone fired on them; ACLED codes an unnamed shooter so
    if coding.event_type == "Battles" and parties.actor2 == CIVILIANS:
        retarget_armed(draft.role_lists(), parties)
    if coding.event_type == "Battles" and parties.actor2 in (None, CIVILIANS) and _both_sides(ctx, parties.actor1):
        parties.actor2 = parties.actor1  # "نزاع عشائري": tribes fought tribes
    event = Event(id=f"{ctx.doc.id}-{number}", article_ids=[ctx.doc.id], required=True)
    event.event_type, event.sub_event_type = coding.event_type, coding.sub_event_type
    event.disorder_type = ctx.kinds.disorder[coding.event_type]
    for span in coding.evidence:
        event.add_evidence("event_type", span)
        event.add_evidence("sub_event_type", span)
    _fill_actors(ctx, event, parties, coding)
    _fill_place(ctx, event, draft, previous_place)
    _fill_date(ctx, event, draft)
    _fill_tolls(ctx, event, [t for m in draft.mentions for t in m.tolls] + draft.extra_tolls)
    event.notes = ctx.doc.text[draft.first.clause.seg.start:draft.first.clause.seg.end][:400]
    event.confidence = _confidence(event)
    return event


def cut_off_in(ctx: DocContext, draft: Draft) -> bool:
    """True when every clause of the incident is in the report's last sentence and the report breaks off
    inside it ("... قتل 9 أشخاص باشتباكات ق"): where it happened was never told."""
    text = ctx.doc.text.rstrip()
    if not text or text[-1] in ctx.config.sentence_ends:
        return False
    last = ctx.sentences[-1] if ctx.sentences else None
    return last is not None and all(m.clause.seg.start >= last.start for m in draft.mentions)


def _protest_parties(parties: Parties, *, peaceful: bool) -> None:
    """ACLED codes demonstrators as actor1 in every demonstration event, excessive force included; the
    force that breaks up or fires on them is actor2 (a peaceful protest has none: forces it names are
    what it denounces)."""
    armed = parties.actor1 not in (None, PROTESTERS, CIVILIANS, UNIDENTIFIED)
    force = parties.actor1 if armed and not peaceful else None
    force_spans = parties.spans1 if force else []
    protester_spans = [s for s in parties.spans2 if (s.value or {}).get("name") == PROTESTERS] \
        if parties.actor2 == PROTESTERS else []
    parties.actor1, parties.actor2 = PROTESTERS, force
    parties.spans1, parties.spans2 = protester_spans, force_spans
    parties.assoc1, parties.assoc2 = [], parties.assoc1 if force else []


def _confidence(event: Event) -> float:
    """A rough 0.5-0.9 score: how many key fields rest on the incident's own words."""
    own = ("actor1", "location", "event_date", "event_type")
    return round(0.5 + 0.1 * sum(1 for f in own if event.evidence.get(f)), 2)


def _fill_actors(ctx: DocContext, event: Event, parties: Parties, coding: Coding) -> None:
    """Set actor1/actor2, associates, inter codes and interaction."""
    if parties.actor1 is None and coding.kind == "suicide" and ctx.main_group:
        parties.actor1 = ctx.main_group  # suicide bombers are the report's armed group when it names one
    if parties.actor1 is None and not ctx.kinds.is_in(coding.kind, "no_default_initiator"):
        parties.actor1 = UNIDENTIFIED
    if parties.actor2 is None and ctx.kinds.is_in(coding.kind, "civilian_default_target"):
        parties.actor2 = CIVILIANS
    event.actor1, event.actor2 = parties.actor1, parties.actor2
    event.assoc_actor_1 = "; ".join(parties.assoc1) or None
    event.assoc_actor_2 = "; ".join(parties.assoc2) or None
    event.inter1 = _inter(ctx, parties.actor1)
    event.inter2 = _inter(ctx, parties.actor2)
    codes = sorted(c for c in (event.inter1, event.inter2) if c)
    event.interaction = int("".join(str(c) for c in codes) + ("0" if len(codes) == 1 else "")) if codes else None
    if event.actor2 == CIVILIANS:
        event.civilian_targeting = "Civilian targeting"
    for span in parties.spans1:
        event.add_evidence("actor1", span)
    for span in parties.spans2:
        event.add_evidence("actor2", span)


def _inter(ctx: DocContext, name: str | None) -> int | None:
    """Return the ACLED inter code of a canonical actor name."""
    actor = ctx.knowledge.actors.get(name or "")
    return actor.inter if actor else None


def _fill_place(ctx: DocContext, event: Event, draft: Draft, previous: Span | None = None) -> None:
    """Set location fields from the incident's own place, else its paragraph's, else the place of the
    incident told before it, else the report's; with no gazetteer place at all, the place as written
    (``outside.fill_outside``: outside coverage, no coordinates)."""
    span = draft.place()
    how = "own clause"
    if span is None:
        first = draft.first.clause
        span, how = paragraph_place(ctx, first.para, first.seg.start), "same paragraph"
    if span is None:
        span, how = main_place(ctx), "report's main place"
        if previous is not None and (span is None or filing_place(ctx, span)):
            span, how = previous, "the incident told before (the report's only other place is where it was filed)"
    if span is None:
        fill_outside(ctx, event, [(m.clause.seg.start, m.clause.seg.end) for m in draft.mentions])
        return
    value = span.value or {}
    event.location = value.get("name")
    event.admin1, event.admin2, event.admin3 = value.get("admin1"), value.get("admin2"), value.get("admin3")
    event.country, event.iso, event.region = value.get("country"), value.get("iso"), REGION
    event.latitude, event.longitude = value.get("latitude"), value.get("longitude")
    event.geo_precision, event.where_prec = value.get("geo_precision"), value.get("where_prec")
    for field_name in ("location", "admin1", "latitude", "longitude"):
        event.add_evidence(field_name, span)
    event.tags = f"place: {how}"


def _fill_date(ctx: DocContext, event: Event, draft: Draft) -> None:
    """Set event_date from the incident's clauses, an inherited date, or the publication day."""
    span, how = draft.day(), "from the incident's sentence"
    if span is None and draft.inherited_date is not None:
        span, how = draft.inherited_date, "inherited from the incident told before ('in a related context')"
    if span is None:
        span, how = _paragraph_date(ctx, draft), "from the incident's paragraph"
    if span is not None:
        value = span.value or {}
        event.event_date = value.get("value")
        event.time_precision = _PRECISION.get(str(value.get("precision") or "day"), 1)
        event.date_note = f"{how}: {ctx.doc.text[span.start:span.end]!r}" + (f" ({value['note']})" if value.get("note") else "")
        event.add_evidence("event_date", span)
    elif ctx.doc.published and any(m.clause.today for m in draft.mentions):
        event.event_date, event.time_precision = ctx.doc.published.isoformat(), 1
        event.date_note = "publication date: the report says it happened today"
    elif (weekday := draft.weekday()) is not None:
        event.date_note = f"{ctx.doc.text[weekday.start:weekday.end]!r} names the weekday only: no publication date to date it"
        event.add_evidence("event_date", weekday)  # merging compares the weekday (Mention.weekday)
    else:
        event.date_note = "no date in the text for this incident"
    if event.event_date and event.event_date[:4].isdigit():
        event.year = int(event.event_date[:4])


def _paragraph_date(ctx: DocContext, draft: Draft) -> Span | None:
    """A date elsewhere in the incident's first paragraph, from its incident clauses only."""
    from marsad.extract.assemble import _dates

    para = draft.first.clause.para
    paragraphs = ctx.paragraphs_upto(para)
    for p in reversed(paragraphs):
        dates = _dates(ctx, p.start, p.end)
        if dates:
            return dates[0]
        if not (p.para == para or is_list_item(ctx.doc.text[p.start:p.end])):
            return None  # list items take the date of the paragraph that introduces the list
    return None


def _fill_tolls(ctx: DocContext, event: Event, tolls: list[Toll]) -> None:
    """Set fatalities (ACLED's lowest figure), low/best/high and injuries, with their spans."""
    unique: dict[int, Toll] = {}
    for toll in tolls:
        unique.setdefault(toll.span.start, toll)
    for toll in unique.values():
        if toll.not_death or toll.subset:
            why = "killed-or-wounded figure: not a death toll" if toll.not_death else "part of the figure before it"
            ctx.doc.decisions.append(Decision(toll.span, False, f"figure not added to event {event.id}: {why}"))
    combined = combine(list(unique.values()))
    event.fatalities = combined.fatalities
    event.fatalities_low, event.fatalities_best, event.fatalities_high = combined.low, combined.best, combined.high
    event.injured = combined.injured
    for span in combined.evidence:
        event.add_evidence("fatalities", span)
    for span in combined.injured_evidence:
        event.add_evidence("injured", span)
