"""Who did what to whom: initiator (actor1) and target (actor2) scores for the actors of a clause.

Arabic marks the initiator with agent phrases ("هجوم شنه داعش", "عبوة زرعها مجهولون", "هجوم
لداعش"), by being the subject of an attack verb ("هاجمت خلايا داعش", "عناصر التنظيم شنوا"),
or by opening "بين X و Y"; the target follows "ضد", "على", "مع", "في صفوف", or is the side of a
casualty figure ("مقتل 25 عنصرا من قوات النظام"). Actors joined by "و" share a role (the first
is the main one, the rest associated); "التابعة لـ X" makes X a patron (associated). Civilians
are never initiators; aircraft ("الطيران الروسي") always are.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace

from marsad.document import Decision, Span
from marsad.extract.context import DocContext
from marsad.text.normalize import normalize

log = logging.getLogger(__name__)

# Actor kinds made of factions that can fight one another under one canonical name (rebels, militias).
FACTIONAL = frozenset({"rebel", "militia"})
# Vocabulary actors that never initiate violence.
NON_INITIATORS = frozenset({"Civilians", "Protesters"})


@dataclass
class ActorRole:
    """One actor mention with its role evidence."""

    name: str
    span: Span
    weak: bool = False
    a1: float = 0.0
    a2: float = 0.0
    head: int | None = None  # index of the actor it is coordinated with or the patron of
    patron: bool = False
    actor_kind: str | None = None
    alias: str = ""  # the words that named it ("فرقة الحمزة"): two factions of one canonical actor differ here
    reasons: list[str] = field(default_factory=list)
    features: dict[str, int] = field(default_factory=dict)

    def add(self, ctx: DocContext, feature: str) -> None:
        """Record one piece of role evidence and add its weights (``data/weights/roles.yaml``)."""
        weight = ctx.knowledge.role_weights.feature(feature)
        self.a1 += weight.a1
        self.a2 += weight.a2
        self.features[feature] = self.features.get(feature, 0) + 1
        self.reasons.append(weight.says)

    def drop(self, ctx: DocContext, feature: str, reason: str) -> None:
        """Take back one piece of evidence recorded by ``add`` (scaled as ``weaken`` scaled it)."""
        if not self.features.get(feature):
            return
        weight = ctx.knowledge.role_weights.feature(feature)
        scale = ctx.knowledge.role_weights.weak_factor if self.weak else 1.0
        self.a1 -= weight.a1 * scale
        self.a2 -= weight.a2 * scale
        self.features[feature] -= 1
        if not self.features[feature]:
            del self.features[feature]
        self.reasons.append(reason)

    def weaken(self, ctx: DocContext) -> None:
        """An actor named only vaguely ("مسلحين") is weaker evidence either way."""
        if self.weak:
            self.a1 *= ctx.knowledge.role_weights.weak_factor
            self.a2 *= ctx.knowledge.role_weights.weak_factor

    def summary(self) -> dict[str, object]:
        """The JSON value of this mention's ``role`` span."""
        return {"name": self.name, "a1": round(self.a1, 3), "a2": round(self.a2, 3), "weak": self.weak,
                "head": self.head, "patron": self.patron, "features": dict(self.features),
                "reasons": list(self.reasons)}


def clause_roles(ctx: DocContext, start: int, end: int) -> list[ActorRole]:
    """The actor roles of ``[start, end)``, scored once per document; each call gets its own copies
    (later rules adjust the scores of one incident's roles)."""
    roles = ctx.memo(("roles", start, end), lambda: actor_roles(ctx, start, end))
    return [replace(r, reasons=list(r.reasons), features=dict(r.features)) for r in roles]


def actor_roles(ctx: DocContext, start: int, end: int) -> list[ActorRole]:
    """Score every actor mention inside ``[start, end)`` as initiator and target."""
    roles: list[ActorRole] = []
    lo, hi = ctx.token_range(start, end)
    sources = ctx.spans_in("source", start, end)
    for span in sorted(ctx.spans_in("actor", start, end), key=lambda s: s.start):
        name = ctx.resolve_actor(span)
        announced = False
        if name and any(o.start <= span.start < o.end for o in sources):
            announced = _announces_own_action(ctx, span, hi)
            if not announced:
                continue
        if not name or _agreeing_adjective(ctx, span):
            continue
        if name in NON_INITIATORS and roles and _adjacent(ctx, roles[-1].span, span):
            continue  # "Islamic State group official": a member of the actor just named, not a civilian
        role = ActorRole(name, span, weak=span.label == "weak", patron=span.label == "patron",
                         actor_kind=(span.value or {}).get("kind"),
                         alias=normalize(ctx.doc.text[span.start:span.end]))
        _score(ctx, role, roles, lo, hi)
        if announced:
            role.add(ctx, "announced_own_action")
        roles.append(role)
    roles = _owner_for_generic(ctx, _drop_former(ctx, roles, lo, hi))
    _claims(ctx, roles, hi)
    _between(ctx, roles, lo)
    _verb_objects(ctx, roles, lo, hi)
    _charges(ctx, roles, lo)
    return roles


def _agreeing_adjective(ctx: DocContext, span: Span) -> bool:
    """A generic actor word in the indefinite accusative right after a noun in the same case is that
    noun's adjective, not an actor ("نفذ توغلاً عسكرياً": a military incursion, no soldier)."""
    if span.label != "generic":
        return False
    index = ctx.token_range(span.start, span.end)[0]
    if index == 0:
        return False
    before = ctx.tokens[index - 1].text
    return _accusative(ctx.doc.text[span.start:span.end]) and _accusative(before)


def _accusative(word: str) -> bool:
    """Ends in the indefinite accusative ending (fathatan, written on the alef or before it)."""
    return word.endswith(("\u064b", "\u064bا", "ا\u064b"))


def _owner_for_generic(ctx: DocContext, roles: list[ActorRole]) -> list[ActorRole]:
    """"نقطة عسكرية تابعة لـ X", "قوات الأمن التابعة لقسد": a generic force or object named with its owner is
    the owner's; the owner takes its place and its role evidence."""
    dropped: set[int] = set()
    for role in roles:
        if role.head is None or not role.patron:
            continue
        generic = roles[role.head]
        if generic.span.label not in ("generic", "object") or generic.head is not None:
            continue
        role.head, role.patron = None, False
        role.a1, role.a2 = role.a1 + generic.a1, role.a2 + generic.a2
        for feature, count in generic.features.items():
            role.features[feature] = role.features.get(feature, 0) + count
        role.reasons.append(f"owner of the {ctx.doc.text[generic.span.start:generic.span.end]!r} named before it")
        dropped.add(id(generic))
    return _renumbered(roles, [r for r in roles if id(r) not in dropped])


def _renumbered(roles: list[ActorRole], kept: list[ActorRole]) -> list[ActorRole]:
    """Keep ``kept`` of ``roles``, pointing coordination links at the new positions (or at none)."""
    if len(kept) == len(roles):
        return kept
    index = {id(r): k for k, r in enumerate(kept)}
    for role in kept:
        head = roles[role.head] if role.head is not None else None
        role.head = index.get(id(head)) if head is not None else None
    return kept


def _drop_former(ctx: DocContext, roles: list[ActorRole], lo: int, hi: int) -> list[ActorRole]:
    """"اغتيال القيادي السابق في فصائل المعارضة", "قادة في فصائل المعارضة سابقا": the group a victim once
    belonged to is neither side; "على الحدود مع تركيا": a country named by its border is a place."""
    kept: list[ActorRole] = []
    for role in roles:
        first, last = ctx.token_range(role.span.start, role.span.end)
        near = _words_before(ctx, first, 2, lo) + _words_after(ctx, last, 1, hi)
        if any(ctx.is_word(i, "former") for i in near):
            ctx.doc.decisions.append(Decision(role.span, False, "actor not a party: what a victim once belonged to"))
            # "قادة عسكريين في فصائل المعارضة سابقا": the generic word for its members goes with it
            kept = [k for k in kept if not (k.span.label == "generic" and k.span.end <= role.span.start
                                            and ctx.token_range(k.span.start, k.span.end)[1] >= first - 2)]
            continue
        if any(ctx.is_word(i, "border") for i in _words_before(ctx, first, 2, lo)):
            ctx.doc.decisions.append(Decision(role.span, False, "actor not a party: a country named by its border"))
            continue
        kept.append(role)
    return _renumbered(roles, kept)


def _claims(ctx: DocContext, roles: list[ActorRole], hi: int) -> None:
    """"أعلن داعش تبنيه للهجوم", "ISIS claimed the attack": a claim word right after an actor makes it the initiator."""
    for role in roles:
        after = _words_after(ctx, ctx.token_range(role.span.start, role.span.end)[1], 3, hi)
        if any(ctx.is_word(i, "claim") for i in after):
            role.add(ctx, "claims_responsibility")


def _charges(ctx: DocContext, roles: list[ActorRole], lo: int) -> None:
    """"اعتقلت خمسة شبان بتهمة التعامل مع خلايا التنظيم": an actor named in the charge of an arrest
    is neither side of it; the people arrested are."""
    for role in roles:
        index = ctx.token_at(role.span.start)
        if any(ctx.word_in(i, ctx.words("charge")) for i in range(max(lo, index - ctx.config.charge_reach), index)):
            role.a1 = role.a2 = 0.0
            role.reasons.append("named in the charge of an arrest, not a party")


def _announces_own_action(ctx: DocContext, span: Span, hi: int) -> bool:
    """A source that is also an actor announces its own action: "أعلنت خلية الإعلام الأمني، اليوم، تنفيذ ضربة"."""
    index = ctx.token_range(span.start, span.end)[1]
    words = [i for i in range(index, min(hi, index + ctx.config.announce_reach)) if ctx.tokens[i].norm[:1].isalnum()]
    return any(ctx.word_in(i, ctx.words("carry_out")) and i + 1 < hi and _is_trigger(ctx, i + 1) for i in words)


def _adjacent(ctx: DocContext, first: Span, second: Span) -> bool:
    """True when only blanks separate two spans and the second does not open with "و" ("قوات الأمن ومحتجين"
    are two parties; "Islamic State group official" is one)."""
    if ctx.doc.text[first.end:second.start].strip():
        return False
    i = ctx.token_at(second.start)
    return not (ctx.tokens[i].norm.startswith("و") and ctx.tokens[i].norm[1:] in ctx.bases[i])


def _words_before(ctx: DocContext, index: int, count: int, lo: int) -> list[int]:
    """Return up to ``count`` word-token indexes before ``index`` (nearest first), not before ``lo``."""
    out: list[int] = []
    i = index - 1
    while i >= lo and len(out) < count:
        if ctx.tokens[i].norm[:1].isalnum():
            out.append(i)
        elif ctx.tokens[i].text in ("،", ",", ".", ";", "؛", ":"):
            break
        i -= 1
    return out


def _words_after(ctx: DocContext, index: int, count: int, hi: int) -> list[int]:
    """Return up to ``count`` word-token indexes from ``index`` on, before ``hi``."""
    out: list[int] = []
    i = index
    while i < hi and len(out) < count:
        if ctx.tokens[i].norm[:1].isalnum():
            out.append(i)
        elif ctx.tokens[i].text in ("،", ",", ".", ";", "؛", ":"):
            break
        i += 1
    return out


def _score(ctx: DocContext, role: ActorRole, previous: list[ActorRole], lo: int, hi: int) -> None:
    """Fill ``role``'s initiator/target scores from the words around it."""
    ai, aj = ctx.token_range(role.span.start, role.span.end)
    before = _words_before(ctx, ai, ctx.config.agent_window, lo)
    _link(ctx, role, previous, before)
    member = _member_phrase(ctx, before)
    if member is not None:
        before = _words_before(ctx, member, ctx.config.agent_window, lo)
        role.reasons.append("named through the body of fighters before it ('خلايا تابعة لـ X')")
    if role.span.label == "object":
        role.add(ctx, "military_object")
        return
    if role.name in NON_INITIATORS:
        role.add(ctx, "civilians")
        if before and ctx.is_word(before[0], "subcount"):
            role.reasons.append("named only as part of a toll ('بينهم مدنيون'): the place hit may be another's")
        else:
            _target_evidence(ctx, role, before)
        role.weaken(ctx)
        return
    if _is_aircraft(ctx, role.span):
        role.add(ctx, "aircraft")
    if ctx.lang == "en":
        _english_evidence(ctx, role, [i for i in before], _words_after(ctx, aj, 3, hi))
        return
    _agent_evidence(ctx, role, before, member=member is not None)
    _target_evidence(ctx, role, before)
    after = _words_after(ctx, aj, 2, hi)
    if any(_is_verb_trigger(ctx, i) or ctx.is_word(i, "launch") for i in after):
        role.add(ctx, "subject_before_attack_verb")
    role.weaken(ctx)


def _is_aircraft(ctx: DocContext, span: Span) -> bool:
    """True for an actor named as aircraft ("الطيران الروسي", "warplanes"): aircraft initiate strikes."""
    name = normalize(ctx.doc.text[span.start:span.end]).lower()
    return any(word in name for word in ctx.words("aircraft"))


def _english_evidence(ctx: DocContext, role: ActorRole, before: list[int], after: list[int]) -> None:
    """English word order: SUBJECT attacked OBJECT; "by X" marks the initiator; "of X" after a toll the victims."""
    cut = next((k for k, i in enumerate(before) if ctx.norm_is(i, "clause_opener")), len(before))
    before = before[:cut]  # "were killed when ISIS militants attacked": a new clause, ISIS is its subject
    words = [i for i in before if not ctx.norm_is(i, "skip_words")]
    passive = any(ctx.norm_is(i, "passive_aux") for i in after)
    if words and ctx.tokens[words[0]].norm == "by":
        role.add(ctx, "after_by")
    elif any(ctx.is_word(i, "killed") or ctx.is_word(i, "injured") for i in words[:3]):
        role.add(ctx, "victims_of_killing_word")
    elif not passive and any(_is_trigger(ctx, i) or ctx.is_word(i, "launch") or ctx.is_word(i, "killed")
                             for i in after):
        role.add(ctx, "subject_before_incident_word")
    elif any(_is_trigger(ctx, i) or ctx.is_word(i, "target") for i in _object_path(ctx, before)):
        role.add(ctx, "object_after_incident_word")
    if before and ctx.word_in(before[0], ctx.words("victim_marker")) and _casualty_before(ctx, before[0]):
        role.add(ctx, "casualty_side")
    role.weaken(ctx)


def _object_path(ctx: DocContext, before: list[int]) -> list[int]:
    """English words back from an actor to a possible incident word, over a possessive "'s" and a
    "NOUN of" phrase ("attacked a position of Iraq's Popular Mobilization Forces")."""
    words = [i for i in before if ctx.tokens[i].norm not in ("s",)]
    if len(words) >= 3 and ctx.tokens[words[0]].norm == "of" or len(words) >= 4 and ctx.tokens[words[1]].norm == "of":
        return words[:ctx.config.en_object_reach]
    return before[:4]


def _object_follows(ctx: DocContext, role: ActorRole) -> bool:
    """"اعتقال قسد 5 أشخاص": a counted object right after the actor makes the actor the arrester."""
    index = ctx.token_range(role.span.end, role.span.end + 1)[0]
    return index < len(ctx.tokens) and ctx.tokens[index].text[:1].isdigit()


def _partitive(ctx: DocContext, before: list[int]) -> bool:
    """True after "عدداً من" (a number of): a counted object, not a verb's subject."""
    return len(before) >= 2 and ctx.tokens[before[0]].norm == "من" and ctx.word_in(before[1], ctx.words("quantity"))


def _member_phrase(ctx: DocContext, before: list[int]) -> int | None:
    """Token index of the fighters' noun in "NOUN تابعة لـ X" right before an actor (None otherwise)."""
    if len(before) >= 2 and ctx.word_in(before[0], ctx.words("member_marker")) and ctx.word_in(before[1], ctx.words("group_nouns")):
        return before[1]
    return None


def _agent_evidence(ctx: DocContext, role: ActorRole, before: list[int], *, member: bool = False) -> None:
    """Add initiator evidence: agent phrases, verb subjects, "hujum li-X"."""
    if any(ctx.is_word(i, "agent") for i in before if not _is_between(ctx, i)):
        role.add(ctx, "agent_phrase")
    first = ctx.doc.text[role.span.start:role.span.start + 1]
    prefixed = not member and (first in ("ل", "ب") or _partitive(ctx, before))
    if not prefixed and any(_is_verb_trigger(ctx, i) or ctx.is_word(i, "launch") for i in before[:ctx.config.verb_window]):
        role.add(ctx, "verb_subject")
    if before and _is_trigger(ctx, before[0]):
        if ctx.kinds.is_in(_trigger_kind(ctx, before[0]), "object_genitive") and not _object_follows(ctx, role):
            role.add(ctx, "arrested_object")
            return
        role.add(ctx, "after_weak_incident_word" if _weak_trigger(ctx, before[0])
                 else "after_incident_word_li" if first == "ل" else "after_incident_word")


def _target_evidence(ctx: DocContext, role: ActorRole, before: list[int]) -> None:
    """Add target evidence: "ضد/على/مع X", casualties "من X", "استهداف X"."""
    near = before[:ctx.config.target_window]
    if _target_word_before(ctx, near):
        role.add(ctx, "after_target_word")
    elif not role.patron and any(ctx.norm_is(i, "patron_marker") for i in before[:2]):
        role.add(ctx, "owner_of_agent_noun" if _agent_noun_owned(ctx, before) else "owner_patron_marker")
    elif _thing_hit_before(ctx, role, before):
        role.add(ctx, "owner_of_thing_hit")
    if near and ctx.word_in(near[0], ctx.words("victim_marker")) and _casualty_before(ctx, near[0]):
        role.add(ctx, "casualty_side")
    elif near and near[0] == ctx.token_at(role.span.start) - 1 and _indefinite_victim(ctx, role, near[0]):
        role.add(ctx, "indefinite_victim")


def _indefinite_victim(ctx: DocContext, role: ActorRole, before: int) -> bool:
    """True for one indefinite word ("شرطي", "جنديان") right after a casualty word: the subject of a
    passive ("قُتل") or the genitive of a casualty noun ("استشهاد جندي"), never the agent of an attack."""
    ai, aj = ctx.token_range(role.span.start, role.span.end)
    if aj - ai != 1 or ctx.tokens[ai].norm.startswith(("ال", "وال")) or ctx.lang != "ar":
        return False
    return ctx.is_word(before, "killed") or ctx.is_word(before, "injured")


def _agent_noun_owned(ctx: DocContext, before: list[int]) -> bool:
    """True when the patron marker before the actor follows a word naming the ones who act
    ("فرق الهندسة التابعة للشرطة"): kinds of the ``agent_nouns`` group."""
    marker = next(n for n, i in enumerate(before[:2]) if ctx.norm_is(i, "patron_marker"))
    owned = before[marker + 1:marker + 2]
    return bool(owned) and ctx.kinds.is_in(_trigger_kind(ctx, owned[0]), "agent_nouns")


def _thing_hit_before(ctx: DocContext, role: ActorRole, before: list[int]) -> bool:
    """X owns the thing an incident hit, so X is the target: "انفجار عبوة بدورية لـ X" (a "ب" noun after
    the incident word), "استهدفت مستودعاً ومقراً لميليشيا X" (the object of an attack verb)."""
    owned = _owned_by(ctx, role, before)
    if owned is None or not owned:
        return False
    first = owned[0]
    if _trigger_at(ctx, first) is not None:
        return False
    if ctx.tokens[first].norm.startswith("ب") and any(_is_trigger(ctx, i) for i in owned[1:3]):
        return True
    return any(_is_verb_trigger(ctx, i) for i in owned[1:ctx.config.owned_reach])


def _owned_by(ctx: DocContext, role: ActorRole, before: list[int]) -> list[int] | None:
    """The words before a possessive "لـ" naming the actor (on the actor or on the noun just before it:
    "لميليشيا لواء X"); None when no possessive "لـ" marks it."""
    index = ctx.token_at(role.span.start)
    if _li_clitic(ctx, index):
        return before
    if before and before[0] == index - 1 and _li_clitic(ctx, before[0]) and ctx.word_in(before[0], ctx.words("group_nouns")):
        return before[1:]
    return None


def _li_clitic(ctx: DocContext, index: int) -> bool:
    """True when token ``index`` carries the preposition "لـ" as a clitic ("لقوات", "لـ\"قسد"), not "لواء"."""
    norm = ctx.tokens[index].norm
    if ctx.doc.text[ctx.tokens[index].start - 2:ctx.tokens[index].start] in ("لـ", 'ل"') or norm in ("ل", "لـ"):
        return True
    return norm.startswith("ل") and any(b != norm and norm.endswith(b) and len(b) >= 2 for b in ctx.bases[index])


def _target_word_before(ctx: DocContext, near: list[int]) -> bool:
    """A target word ("على", "ضد", "مع") reached back from the actor over filler words only
    ("على نقاط عسكرية تابعة لـ X"), not any "على" in the clause."""
    for i in near:
        if ctx.is_word(i, "target"):
            return True
        if not ctx.is_word(i, "target_filler"):
            return False
    return False


def _casualty_before(ctx: DocContext, index: int) -> bool:
    """True when a casualty word or figure stands shortly before token ``index``."""
    for i in range(index - 1, max(-1, index - ctx.config.victim_window), -1):
        if ctx.is_word(i, "killed") or ctx.is_word(i, "injured"):
            return True
        if ctx.covered("number", ctx.tokens[i].start):
            return True
    return False


def _link(ctx: DocContext, role: ActorRole, previous: list[ActorRole], before: list[int]) -> None:
    """Mark ``role`` as coordinated with ("و X") or patron of the actor just before it.

    A patron phrase with no actor right before it names a militia category on its own
    ("القوات المقاتلة المدعومة من إيران" are Iran-backed militias) when its actor is one."""
    has_client = bool(previous) and len(_gap_words(ctx, previous[-1], role)) <= ctx.config.patron_gap
    if role.patron and not has_client and role.actor_kind == "militia":
        role.patron = False
    if not previous:
        return
    last_index = len(previous) - 1
    last = previous[last_index]
    gap = ctx.doc.text[last.span.end:role.span.start]
    gap_words = _gap_words(ctx, last, role)
    folded = [ctx.tokens[i].norm for i in before[:2]]
    if (role.patron and has_client) or (len(gap_words) <= 2 and any(w in ctx.words("patron_marker") for w in folded)):
        role.head = last_index
        role.patron = True
        role.reasons.append(f"patron of {last.name}")
        return
    starts_wa = ctx.doc.text[role.span.start:role.span.start + 1] == "و" or gap.strip() in ("و", "and", ",", "،") \
        or (gap_words and gap_words[0].startswith("و")) or (gap_words[:1] == ["and"])
    if starts_wa and len(gap_words) <= 2:
        role.head = last.head if last.head is not None else last_index
        role.reasons.append(f"joined to {previous[role.head].name}")


def _gap_words(ctx: DocContext, first: ActorRole, second: ActorRole) -> list[str]:
    """The words between two actor mentions, quotation marks dropped."""
    gap = ctx.doc.text[first.span.end:second.span.start]
    return [w for w in gap.replace("\u201c", " ").replace("\u201d", " ").replace('"', " ").split() if w]


def _between(ctx: DocContext, roles: list[ActorRole], lo: int) -> None:
    """"بين X و Y": X initiates, Y is the target."""
    for index, role in enumerate(roles):
        before = _words_before(ctx, ctx.token_range(role.span.start, role.span.end)[0], 2, lo)
        if not any(ctx.word_in(i, ctx.words("between")) for i in before) or role.name in NON_INITIATORS:
            continue
        second = next((o for o in roles[index + 1:] if o.head == index and not o.patron), None) \
            or next((o for o in roles[index + 1:] if o.head is None and not o.patron and o.name != role.name
                     and o.span.start - role.span.end <= ctx.config.between_chars), None)
        if second is None:
            continue
        role.add(ctx, "between_first")
        second.head = None
        second.add(ctx, "between_second")


def _verb_objects(ctx: DocContext, roles: list[ActorRole], lo: int, hi: int) -> None:
    """After "VERB subject", the next actor is the verb's object: "هاجمت خلايا داعش ... الميليشيات"."""
    heads = [r for r in roles if r.head is None and not r.patron]
    for first, second in zip(heads, heads[1:]):
        fi = ctx.token_range(first.span.start, first.span.end)[0]
        before = _words_before(ctx, fi, ctx.config.verb_window, lo)
        if not any(_is_verb_trigger(ctx, i) for i in before):
            continue
        si = ctx.token_range(second.span.start, second.span.end)[0]
        if si - fi <= ctx.config.object_window and (second.a1 <= first.a1 or _second_subject(first, second)):
            second.drop(ctx, "verb_subject", "not the verb's subject: the actor before it is")
            second.add(ctx, "verb_object")


def _second_subject(first: ActorRole, second: ActorRole) -> bool:
    """True when both actors were taken for the subject of the verb before them: only the first is."""
    return bool(first.features.get("verb_subject") and second.features.get("verb_subject"))


def _is_between(ctx: DocContext, index: int) -> bool:
    return ctx.word_in(index, ctx.words("between"))


def _trigger_at(ctx: DocContext, index: int) -> Span | None:
    """Return the trigger span covering token ``index``."""
    token = ctx.tokens[index]
    for span in ctx.spans_in("trigger", token.start - ctx.config.trigger_chars, token.end + ctx.config.trigger_chars):
        if span.start <= token.start < span.end:
            return span
    return None


def _trigger_kind(ctx: DocContext, index: int) -> str | None:
    span = _trigger_at(ctx, index)
    return span.label if span is not None else None


def _is_trigger(ctx: DocContext, index: int) -> bool:
    span = _trigger_at(ctx, index)
    return span is not None and "optional" not in (span.value or {}).get("flags", [])


def _is_verb_trigger(ctx: DocContext, index: int) -> bool:
    span = _trigger_at(ctx, index)
    return span is not None and "verb" in (span.value or {}).get("flags", []) \
        and "optional" not in (span.value or {}).get("flags", [])


def _weak_trigger(ctx: DocContext, index: int) -> bool:
    span = _trigger_at(ctx, index)
    return span is not None and "weak" in (span.value or {}).get("flags", [])


@dataclass
class Parties:
    """The actors of an event: initiator, target and their associates, with the spans behind them."""

    actor1: str | None = None
    actor2: str | None = None
    assoc1: list[str] = field(default_factory=list)
    assoc2: list[str] = field(default_factory=list)
    spans1: list[Span] = field(default_factory=list)
    spans2: list[Span] = field(default_factory=list)
    target_named: bool = True  # False when actor2 is merely named in the incident's clauses


def choose_parties(role_lists: list[list[ActorRole]], *, fallback: bool = True) -> Parties:
    """Pick actor1/actor2 over an event's clauses: the best-scored head actors, associates kept.

    With ``fallback``, an actor named with no target evidence stands as initiator when none has
    initiator evidence ("أعلنت قيادة الشرطة اعتقال ..."); bombings and killings use no fallback
    (their unnamed perpetrator is an unidentified group)."""
    a1: dict[str, float] = {}
    a2: dict[str, float] = {}
    order: dict[str, int] = {}
    strong: set[str] = set()
    for roles in role_lists:
        for role in roles:
            if role.head is not None or role.patron:
                continue
            order.setdefault(role.name, len(order))
            if not role.weak:
                strong.add(role.name)
            a1[role.name] = a1.get(role.name, 0) + (role.a1 if role.name not in NON_INITIATORS else -9)
            a2[role.name] = a2.get(role.name, 0) + role.a2
    parties = Parties()
    parties.actor1 = _best(a1, order, exclude=set(), require_positive=True)
    if parties.actor1 is None and fallback:
        parties.actor1 = _best({n: -a2[n] for n in a2 if n not in NON_INITIATORS and a2[n] <= 0}, order,
                               exclude=set(), require_positive=False)
    weak_only = {n for n in order if n not in strong}
    parties.actor2 = _best(a2, order, exclude={parties.actor1} | weak_only, require_positive=True) \
        or _best(a2, order, exclude={parties.actor1}, require_positive=True)
    if parties.actor2 is None and _split_within(role_lists, parties.actor1):
        parties.actor2 = parties.actor1  # "اشتباكات بين الفيلق الثالث وفرقة الحمزة": two factions of one actor
    if parties.actor2 is None:
        parties.actor2 = _best({n: 0 for n in order}, order, exclude={parties.actor1}, require_positive=False)
        parties.target_named = False  # only named, with no evidence that it was hit
    _associates(role_lists, parties)
    return parties


def _split_within(role_lists: list[list[ActorRole]], name: str | None) -> bool:
    """True when ``name`` is hit under another of its names than the one that struck: two factions of one
    canonical actor fighting each other."""
    if name is None:
        return False
    heads = [r for roles in role_lists for r in roles if r.name == name and r.head is None and not r.patron
             and r.actor_kind in FACTIONAL]
    striking = {r.alias for r in heads if r.a1 > 0 and r.a1 >= r.a2}
    return bool(striking) and any(r.a2 > r.a1 and r.alias not in striking for r in heads)


def _best(scores: dict[str, float], order: dict[str, int], *, exclude: set[str | None],
          require_positive: bool) -> str | None:
    """Return the highest-scoring name (first named on a tie)."""
    names = [n for n in scores if n not in exclude and (scores[n] > 0 or not require_positive)]
    if not names:
        return None
    return max(names, key=lambda n: (scores[n], -order.get(n, 0)))


def _associates(role_lists: list[list[ActorRole]], parties: Parties) -> None:
    """Collect associated actors (joined or patrons) and the evidence spans of both parties."""
    for roles in role_lists:
        for role in roles:
            head = roles[_root(roles, role.head)].name if role.head is not None else role.name
            if head == parties.actor1 and parties.actor1:
                _add(parties.assoc1, parties.spans1, role, parties)
            elif head == parties.actor2 and parties.actor2:
                _add(parties.assoc2, parties.spans2, role, parties)


def retarget_armed(role_lists: list[list[ActorRole]], parties: Parties) -> None:
    """In a battle the target is an armed actor: replace Civilians by the best-scored armed target."""
    scores: dict[str, float] = {}
    for roles in role_lists:
        for role in roles:
            if role.head is None and not role.patron and role.name not in NON_INITIATORS | {parties.actor1}:
                scores[role.name] = scores.get(role.name, 0) + role.a2
    best = max((n for n in scores if scores[n] > 0), key=lambda n: scores[n], default=None)
    if best is None and _split_within(role_lists, parties.actor1):
        best = parties.actor1  # two factions of one actor fought; the civilians were caught in it
    if best is not None:
        parties.actor2 = best


def _root(roles: list[ActorRole], index: int) -> int:
    """Follow coordination/patron links to the head actor."""
    seen = set()
    while roles[index].head is not None and index not in seen:
        seen.add(index)
        index = roles[index].head  # type: ignore[assignment]
    return index


def _add(assoc: list[str], spans: list[Span], role: ActorRole, parties: Parties) -> None:
    """Add ``role`` as evidence of its party, and as an associate when it is another actor."""
    spans.append(role.span)
    if role.name not in (parties.actor1, parties.actor2) and role.name not in assoc:
        assoc.append(role.name)
