"""Sentences whose context says their incident words tell no ACLED event.

An accident or a disaster ("a chemical plant exploded", "killed in a plane crash"), ordinary crime
("a grenade exploded during an attempted robbery", "arrested for smuggling drugs") and the claims and
accusations about an incident told elsewhere ("claimed responsibility for the attack", "sanctions in
response to the alleged chemical attack") use the words of political violence without telling one, and
diplomacy between states ("a trade agreement", "talks with his counterpart") no agreement between parties
to a conflict. Cue lists ``accident``, ``crime``, ``attribution`` and ``diplomacy`` of ``{ar,en}/cues.yaml``
name the context; the
``context_blocks`` of ``kinds.yaml`` say which trigger kinds each takes away: an accident or crime
word (and a diplomatic one) takes them from its whole sentence, an attribution word from the rest of it.
"""

from __future__ import annotations

import bisect
import logging

from marsad.document import Decision, Document, Span
from marsad.extract.knowledge import Knowledge, Match

log = logging.getLogger(__name__)

CONTEXT_KINDS = ("accident", "crime", "attribution", "diplomacy")
_WHY = {"accident": "an accident or a disaster, not political violence",
        "crime": "ordinary crime, not political violence",
        "attribution": "a claim or an accusation about an incident told elsewhere",
        "diplomacy": "diplomacy between states, not an agreement between parties to a conflict"}


def context_blocks(doc: Document, cues: list[Match]) -> list[tuple[int, int, str]]:
    """(start, end, context) ranges whose triggers may tell no event, from the cue matches of the report."""
    sentences = sorted((s.start, s.end) for s in doc.spans.get("sentence", []))
    starts = [s for s, _ in sentences]
    out = []
    for cue in cues:
        if cue.value not in CONTEXT_KINDS:
            continue
        i = bisect.bisect_right(starts, cue.start) - 1
        if i < 0 or cue.start >= sentences[i][1]:
            continue
        start, end = sentences[i]
        out.append((cue.end if cue.value == "attribution" else start, end, str(cue.value)))
    return out


def blocked_by_context(doc: Document, knowledge: Knowledge, start: int, kind: str,
                       blocks: list[tuple[int, int, str]]) -> bool:
    """True (and the reason recorded) when a trigger of ``kind`` at ``start`` lies in a range whose context
    takes that kind away."""
    for lo, hi, context in blocks:
        if lo <= start < hi and knowledge.kinds.blocks(context, kind):
            span = doc.add_span("context", lo, hi, context, kind)
            doc.decisions.append(Decision(span, False, f"trigger not coded: {_WHY[context]}"))
            return True
    return False


__all__ = ["CONTEXT_KINDS", "blocked_by_context", "context_blocks"]
