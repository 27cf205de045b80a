"""ACLED-style ``notes``: one English sentence saying when, who did what to whom, where, the toll and the source.

"On 12 March 2024, Islamic State clashed with Military Forces of Syria near Al-Sukhnah (Tadmor, Homs),
killing 5 and injuring 3, according to Syrian Observatory for Human Rights."
The templates are in ``data/en/notes.yaml``; everything else comes from the event's coded fields.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from typing import Any

from marsad.text.lexicon import read_yaml

_FIELD = re.compile(r"\{(actor1|actor2)\}")
_QUIET_TYPES = frozenset({"Protests", "Strategic developments"})  # a toll is named only when there is one


@functools.cache
def _templates() -> dict[str, Any]:
    return read_yaml("en/notes.yaml") or {}


def _word(name: str) -> str:
    """A coded name as it reads inside a sentence ("Civilians" -> "civilians")."""
    return str((_templates().get("in_sentence") or {}).get(name, name))


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def when_phrase(day: date, precision: int, window: tuple[date, date] | None, estimated: bool) -> str:
    """ "On 12 March 2024", "Between 9 and 15 March 2024", "In March 2024", or a window for an undated event."""
    if estimated and window:
        return _between(*window) + " (date not reported)"
    if precision >= 3:
        return f"In {day:%B %Y}"
    if precision == 2 and window and window[0] != window[1]:
        return _between(*window)
    return f"On {_day(day)}"


def _between(lo: date, hi: date) -> str:
    first = str(lo.day) if (lo.year, lo.month) == (hi.year, hi.month) else _day(lo)
    return f"Between {first} and {_day(hi)}"


def where_phrase(data: dict[str, Any]) -> str:
    """ "in Ariha (Ariha, Idlib)", "near Al-Sukhnah (Tadmor, Homs)", "in Raqqa governorate" or "in Syria"."""
    location, admin1, country = data.get("location"), data.get("admin1"), data.get("country")
    precision = data.get("geo_precision") or 3
    if location and location != country and (location != admin1 or precision <= 2):
        areas = ", ".join(dict.fromkeys(a for a in (data.get("admin2"), admin1) if a and a != location))
        place = f"{location} ({areas})" if areas else location
        return f"{'near' if precision == 2 else 'in'} {place}"
    if admin1:
        return f"in {admin1} governorate" + (f" ({country})" if country else "")
    return f"in {country}" if country else "at an unreported place"


def _clause(data: dict[str, Any], where: str) -> str:
    """The "who did what to whom where" clause from the first template whose actors are known."""
    table = _templates()
    options = (table.get("sub_event_types") or {}).get(data.get("sub_event_type") or "") \
        or (table.get("event_types") or {}).get(data.get("event_type") or "") or table.get("unknown") or []
    actors = {name: _word(data[name]) if data.get(name) else None for name in ("actor1", "actor2")}
    for template in options:
        if all(actors.get(name) for name in _FIELD.findall(template)):
            return template.format(where=where, **actors)
    actors["actor1"] = actors["actor1"] or str(table.get("no_actor1", "unidentified actors"))
    for template in options:
        if all(actors.get(name) for name in _FIELD.findall(template)):
            return template.format(where=where, **actors)
    return f"{actors['actor1']} were involved in an incident {where}"


def toll_phrase(data: dict[str, Any]) -> str:
    """ ", killing 5 and injuring 3" / ", with no fatalities reported" ("" for protests without a toll)."""
    deaths, injured = data.get("fatalities") or 0, data.get("injured") or 0
    parts = ([f"killing {deaths}"] if deaths else []) + ([f"injuring {injured}"] if injured else [])
    if parts:
        return ", " + " and ".join(parts)
    return "" if data.get("event_type") in _QUIET_TYPES else ", with no fatalities reported"


def source_phrase(source: str | None) -> str:
    """ ", according to Syrian Observatory for Human Rights and AFP" ("" without a source)."""
    names = [_word(n.strip()) for n in (source or "").split(";") if n.strip()]
    if not names:
        return ""
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f", according to {listed}"


def acled_notes(data: dict[str, Any], *, day: date | None, precision: int,
                window: tuple[date, date] | None = None, estimated: bool = False) -> str:
    """The event's one-sentence English summary (``data`` holds its ACLED fields)."""
    clause = _clause(data, where_phrase(data))
    when = when_phrase(day, precision, window, estimated) + ", " if day else ""
    sentence = f"{when}{clause}{toll_phrase(data)}{source_phrase(data.get('source'))}."
    return sentence[0].upper() + sentence[1:]
