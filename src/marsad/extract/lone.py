"""A short report that codes no incident by the usual rules may still tell one: it is then its subject.

The usual rules set words aside because another incident is the report's news: a weak word ("seized",
"captured", "killed") waits for a stronger one to join, a deployment is only context (an optional kind),
a clause dated only by a month or a year tells history. When nothing else in
the report is coded, these are what the report is about ("Police seized seven firearms", "Turkish forces
are redeploying at observation points", "Syrian forces used sulfur mustard in a March 2018 attack"), and
ACLED codes them (a month-dated event with time precision 3). The second pass reads every incident clause
and every clause set aside only for its date or as a comparison, with every trigger but supporting ones;
weak words of violence alone need an actor in their sentence ("a container exploded" tells no incident).
"""

from __future__ import annotations

import logging

from marsad.extract.assemble import (
    Draft, Mention, _drop_accusations, _drop_irrealis, _drop_protested, _mention, group_mentions,
)
from marsad.extract.background import ClauseInfo
from marsad.extract.context import DocContext

log = logging.getLogger(__name__)

_SET_ASIDE = ("dated only by", "long before publication", "a comparison or record")


def lone_drafts(ctx: DocContext) -> list[Draft]:
    """Drafts of the incident a short report with no coded event is about (none when it tells none)."""
    if len(ctx.sentences) > ctx.config.lone_max_sentences:
        return []  # a long piece that codes nothing is an analysis: what it set aside is history
    mentions = [m for info in ctx.infos if _readable(info) for m in _lone_mention(ctx, info)]
    return group_mentions(ctx, mentions, []) if mentions else []


def _readable(info: ClauseInfo) -> bool:
    """True for an incident clause, or one set aside only for its date or as a comparison ("the worst
    fighting in decades")."""
    return info.is_incident or (info.status == "background" and info.reason.startswith(_SET_ASIDE)) \
        or info.reason.startswith(_SET_ASIDE[1:])


def _lone_mention(ctx: DocContext, info: ClauseInfo) -> list[Mention]:
    """The clause's mention with every trigger but supporting ones, read as a strong one."""
    triggers = [t for t in ctx.spans_in("trigger", info.seg.start, info.seg.end)
                if "support" not in t.value["flags"]]
    triggers = _drop_irrealis(ctx, _drop_protested(ctx, _drop_accusations(ctx, triggers)))
    if not triggers or (_needs_actor(ctx, triggers) and not _actor_in_sentence(ctx, info)):
        return []  # "a container exploded": a weak word with nobody acting tells no incident
    mention = _mention(ctx, info, triggers)
    mention.strong, mention.ref = True, False
    return [mention]


def _needs_actor(ctx: DocContext, triggers: list) -> bool:
    """True when every trigger is a weak word of a kind that tells an incident alone only with an actor
    (``lone_needs_actor`` in kinds.yaml: "exploded", "struck", "killed")."""
    return all("weak" in t.value["flags"] and ctx.kinds.is_in(t.label, "lone_needs_actor") for t in triggers)


def _actor_in_sentence(ctx: DocContext, info: ClauseInfo) -> bool:
    """True when the clause's sentence names an actor (an armed group, forces, civilians)."""
    sent = ctx.sentences[info.sentence] if info.sentence >= 0 else info.seg
    return any(s.label in ("name", "generic", "weak", "ref") for s in ctx.spans_in("actor", sent.start, sent.end))


__all__ = ["lone_drafts"]
