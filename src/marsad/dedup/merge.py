"""Building one merged event from the mentions of one incident in several reports.

Rules (ACLED's where they exist):
- type, sub-type and the actor pair: the most frequent among the mentions, ties
  going to the earliest report;
- date: the most precise (lowest time_precision), then the one most mentions
  give, then the earliest report's; place likewise by lowest geo_precision;
- fatalities: a later report's toll supersedes earlier ones (tolls rise as the
  wounded die and bodies are found), and reports of the same day that disagree
  are resolved as ACLED does, by the lowest figure: the event takes the lowest
  figure among the reports of the latest publication day that gave one.
  ``fatalities_low``/``fatalities_high`` are the lowest and highest figure any
  report gave, ``fatalities_best`` the most recent report's figure;
- injured: the highest figure; confidence: the highest;
- sources: every report's claims (``Claim.article_id`` set), one plain
  "report" claim for a report without any;
- evidence: the first report's spans (offsets into that article);
  ``evidence_by_article`` in the stored JSON keeps every report's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields, replace
from typing import Any, TypeVar

from marsad.dedup.score import Mention
from marsad.dedup.sources import summarize_sources
from marsad.document import Claim, Event
from marsad.errors import InputError
from marsad.text.normalize import normalize_key

T = TypeVar("T")

_PLACE_FIELDS = ("location", "admin1", "admin2", "admin3", "latitude", "longitude",
                 "geo_precision", "where_prec", "country", "iso", "region")
_TYPE_FIELDS = ("event_type", "sub_event_type", "disorder_type", "civilian_targeting")
_ACTOR_FIELDS = ("actor1", "actor2", "inter1", "inter2", "interaction")
_DATE_FIELDS = ("event_date", "year", "time_precision", "date_note")
UNCORRECTABLE = frozenset({"id", "evidence", "sources", "article_ids"})


def _pick(mentions: Sequence[Mention], key: Callable[[Event], T], rank: Callable[[Event], int]) -> Event:
    """The mention event with the lowest rank, then the most frequent key, then the earliest."""
    counts = Counter(key(m.event) for m in mentions)
    best = min(range(len(mentions)),
               key=lambda i: (rank(mentions[i].event), -counts[key(mentions[i].event)], i))
    return mentions[best].event


def _type_rank(event: Event) -> int:
    return 0 if event.event_type else 1


def _actor_rank(event: Event) -> int:
    return 0 if event.actor1 else 1


def _date_rank(event: Event) -> int:
    if not event.event_date:
        return 9
    return (event.time_precision or 1) + (5 if event.event_date.startswith("-") else 0)


def _place_rank(event: Event) -> int:
    if event.latitude is None and not event.location:
        return 9
    return event.geo_precision or 4


def _copy(target: Event, source: Event, names: Sequence[str]) -> None:
    for name in names:
        setattr(target, name, getattr(source, name))


def fatality_figures(mentions: Sequence[Mention], rule: str = "latest_lowest") -> dict[str, int | None]:
    """ACLED fatalities (by default the lowest figure of the latest reporting day; with
    ``rule="lowest"`` the lowest of all) with low, best and high."""
    reported = [m for m in mentions if m.event.fatalities is not None]
    if not reported:
        return {"fatalities": None, "fatalities_low": None, "fatalities_best": None, "fatalities_high": None}
    figures = [m.event.fatalities for m in reported]
    last_day = reported[-1].published
    latest = [m.event.fatalities for m in reported if m.published == last_day] if last_day else [figures[-1]]
    if rule == "lowest":
        latest = figures
    return {"fatalities": min(latest), "fatalities_low": min(figures),  # type: ignore[type-var]
            "fatalities_best": figures[-1], "fatalities_high": max(figures)}  # type: ignore[type-var]


def outlet_name(mention: Mention, outlets: Mapping[str, str] | None = None) -> str:
    """The mention's outlet under its canonical source name ("عنب بلدي" -> Enab Baladi) when known."""
    raw = mention.outlet or mention.article_id
    return (outlets or {}).get(normalize_key(raw), raw)


def merged_claims(mentions: Sequence[Mention], outlets: Mapping[str, str] | None = None) -> list[Claim]:
    """Every report's claims with ``article_id`` set; a plain report claim where there are none."""
    claims: list[Claim] = []
    for mention in mentions:
        own = mention.event.sources or [Claim(
            source=outlet_name(mention, outlets), kind="report",
            fatalities=mention.event.fatalities, injured=mention.event.injured)]
        for claim in own:
            copy = replace(claim, article_id=mention.article_id, evidence=list(claim.evidence))
            if copy not in claims:
                claims.append(copy)
    return claims


def source_names(mentions: Sequence[Mention], outlets: Mapping[str, str] | None = None) -> list[str]:
    """Distinct outlets and quoted sources, in order of first appearance (``outlets`` maps folded
    outlet aliases to canonical source names, so an outlet and its own name in a claim count once)."""
    names: dict[str, str] = {}
    for mention in mentions:
        candidates = [outlet_name(mention, outlets)]
        candidates += [(outlets or {}).get(normalize_key(c.source), c.source)
                       for c in mention.event.sources if c.source]
        for name in candidates:
            names.setdefault(normalize_key(name), name)
    return list(names.values())


def _union(values: Sequence[str | None]) -> str | None:
    parts: dict[str, None] = {}
    for value in values:
        for part in (value or "").split(";"):
            if part.strip():
                parts.setdefault(part.strip(), None)
    return "; ".join(parts) or None


def merge_mentions(mentions: Sequence[Mention], *, event_id: str, cnty_id: str | None = None,
                   fatality_rule: str = "latest_lowest", outlets: Mapping[str, str] | None = None) -> Event:
    """Build the merged event of ``mentions`` (in report order) under ``event_id``."""
    if not mentions:
        raise InputError(f"event {event_id}: no mentions to merge")
    merged = Event(id=event_id, event_id_cnty=cnty_id, notes=next(
        (m.event.notes for m in mentions if m.event.notes), None))
    _copy(merged, _pick(mentions, lambda e: (e.event_type, e.sub_event_type), _type_rank), _TYPE_FIELDS)
    _copy(merged, _pick(mentions, lambda e: (e.actor1, e.actor2), _actor_rank), _ACTOR_FIELDS)
    _copy(merged, _pick(mentions, lambda e: e.event_date, _date_rank), _DATE_FIELDS)
    _copy(merged, _pick(mentions, lambda e: (e.location, e.latitude), _place_rank), _PLACE_FIELDS)
    _fill_rest(merged, mentions, fatality_rule, outlets)
    return merged


def _fill_rest(merged: Event, mentions: Sequence[Mention], fatality_rule: str,
               outlets: Mapping[str, str] | None) -> None:
    """Figures, claims, sources, associated actors and article ids."""
    for name, value in fatality_figures(mentions, fatality_rule).items():
        setattr(merged, name, value)
    injured = [m.event.injured for m in mentions if m.event.injured is not None]
    merged.injured = max(injured) if injured else None
    confidences = [m.event.confidence for m in mentions if m.event.confidence is not None]
    merged.confidence = max(confidences) if confidences else None
    merged.assoc_actor_1 = _union([m.event.assoc_actor_1 for m in mentions])
    merged.assoc_actor_2 = _union([m.event.assoc_actor_2 for m in mentions])
    merged.tags = _union([m.event.tags for m in mentions])
    merged.sources = merged_claims(mentions, outlets)
    summary = summarize_sources(mentions)
    merged.source, merged.source_scale = summary.source, summary.source_scale
    merged.article_ids = list(dict.fromkeys(m.article_id for m in mentions))
    merged.evidence = {k: list(v) for k, v in mentions[0].event.evidence.items()}
    merged.required = any(m.event.required for m in mentions)
    if merged.year is None and merged.event_date and not merged.event_date.startswith("-"):
        merged.year = int(merged.event_date[:4])


def check_field(name: str) -> None:
    """Raise ``InputError`` unless ``name`` is an Event field a reviewer may correct."""
    known = {f.name for f in fields(Event)}
    if name not in known or name in UNCORRECTABLE:
        raise InputError(f"cannot correct field {name!r}: not a correctable event field")


def apply_corrections(event: Event, corrections: dict[str, Any]) -> Event:
    """Set each corrected field on ``event`` (a reviewer's value beats every report).

    The toll stays consistent: a corrected ``fatalities`` is also the best estimate (unless that
    was corrected too), and low and high widen to take in the ACLED figure and the best estimate.
    """
    for name, value in corrections.items():
        check_field(name)
        setattr(event, name, value)
    if "fatalities" in corrections and "fatalities_best" not in corrections:
        event.fatalities_best = event.fatalities
    _toll_bounds(event)
    return event


def _toll_bounds(event: Event) -> None:
    """low <= fatalities, best <= high, widening low and high where a figure falls outside them."""
    figures = [f for f in (event.fatalities, event.fatalities_best) if f is not None]
    if not figures:
        return
    event.fatalities_low = min([*figures, *([event.fatalities_low] if event.fatalities_low is not None else [])])
    event.fatalities_high = max([*figures, *([event.fatalities_high] if event.fatalities_high is not None else [])])
