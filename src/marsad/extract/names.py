"""People named one by one: a list of quoted names counts each of them.

Syrian and Iraqi outlets quote victims' names ("“أدهم الكراد” وكل من “راتب” و“أبو عبيدة”") or
list them inside one pair of quotes ("والقياديين "راتب - أبو عبيدة - أبو طه""). ACLED counts the
named dead, so a killing word whose victims are given only as names takes their number.
"""

from __future__ import annotations

import re
import unicodedata

from marsad.extract.context import DocContext
from marsad.text.normalize import normalize

_STRAIGHT = '"'
_SEPARATORS = re.compile(r"\s[-–—]\s|[،,]|\sو(?=\S)")


def quoted(text: str, start: int, end: int, longest: int) -> list[tuple[int, int]]:
    """Quoted stretches of ``text[start:end]`` no longer than ``longest`` characters, as (start, end)."""
    out: list[tuple[int, int]] = []
    i = start
    while i < end:
        if _opens(text[i]):
            close = next((j for j in range(i + 1, min(end, i + longest + 2)) if _closes(text[j])), None)
            if close is not None and close > i + 1:
                out.append((i, close + 1))
                i = close + 1
                continue
        i += 1
    return out


def _opens(ch: str) -> bool:
    return ch == _STRAIGHT or unicodedata.category(ch) == "Pi"


def _closes(ch: str) -> bool:
    return ch == _STRAIGHT or unicodedata.category(ch) == "Pf"


def names_in(text: str) -> int:
    """How many names one quoted stretch lists ("راتب - أبو عبيدة - أبو طه" lists three)."""
    return sum(1 for part in _SEPARATORS.split(text.strip(_STRAIGHT + "“”«»‘’ ")) if len(part.strip()) > 1)


def runs(ctx: DocContext, start: int, end: int) -> list[tuple[int, int, int]]:
    """Runs of quoted names joined only by list words ("و", "وكل من", "،"): (start, end, names)."""
    text = ctx.doc.text
    out: list[tuple[int, int, int]] = []
    for q_start, q_end in quoted(text, start, end, ctx.config.name_chars):
        if _names_other(ctx, q_start, q_end):
            continue  # "فصائل "الجيش الوطني"": a group's or a place's name, no person's
        count = names_in(text[q_start + 1:q_end - 1])
        if out and _joins(ctx, text[out[-1][1]:q_start]):
            out[-1] = (out[-1][0], q_end, out[-1][2] + count)
        else:
            out.append((q_start, q_end, count))
    return out


def _names_other(ctx: DocContext, start: int, end: int) -> bool:
    """True when an actor or a place (not a word inside a person's name) overlaps ``[start, end)``."""
    return ctx.overlapped("actor", start, end) or any(
        (s.value or {}).get("role") != "name" for s in ctx.overlapping("place", start, end))


def _joins(ctx: DocContext, gap: str) -> bool:
    """True when only list words stand between two quoted names."""
    words = normalize(re.sub(r"[^\w\s]", " ", gap)).split()
    return not words or " ".join(words) in ctx.words("name_list")


def named_before(ctx: DocContext, start: int, end: int) -> int:
    """Names in the last run of two or more quoted names inside ``[start, end)`` ("... مقتلهم جميعا")."""
    found = [n for _, _, n in runs(ctx, start, end) if n >= 2]
    return found[-1] if found else 0


def named_after(ctx: DocContext, start: int, end: int) -> int:
    """Names in a quoted list joined by "و" to a victim just named ("القيادي X، والقياديين "أ - ب - ج"")."""
    text = ctx.doc.text
    last = start
    for q_start, q_end, count in runs(ctx, start, end):
        before = text[last:q_start].split()
        if before and normalize(before[-1]).startswith("و"):
            return count
        last = q_end
    return 0
