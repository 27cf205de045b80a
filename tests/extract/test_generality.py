"""The same structure comes out when a sentence's places and actors are swapped for others.

Templates are our own sentences; the actors come from actors.yaml and the places from the shipped
gazetteer (towns and cities that the geocoder resolves to themselves), so nothing here depends on
one report's wording.
"""

from __future__ import annotations

import random
from datetime import date

import pytest

from marsad.extract.knowledge import load_actors
from marsad.geo import Gazetteer, Geocoder

PUB = date(2024, 5, 10)
SAMPLE = 12
TEMPLATES = (
    # (text, expected event type, actor1 slot, actor2 slot, fatalities)
    ("هاجم عناصر من {a1} حاجزا لـ{a2} قرب {town} {place} أمس، ما أدى إلى مقتل 3 عناصر.", "Battles", 3),
    ("قُتل 4 عناصر من {a2} في كمين نصبه مقاتلون من {a1} قرب {town} {place} أمس.", "Battles", 4),
    ("اندلعت اشتباكات بين {a1} و{a2} في محيط {town} {place} أمس أسفرت عن مقتل عنصرين.", "Battles", 2),
)
ARMED = ("state", "rebel", "militia", "external")


def _armed_aliases() -> list[tuple[str, str]]:
    """(Arabic alias, canonical actor) for named armed actors, one alias of three words at most each."""
    actors, entries = load_actors()
    out: dict[str, str] = {}
    for alias, meaning in entries["ar"]:
        actor = meaning.actor
        if meaning.role == "name" and actor and actor.kind in ARMED and len(alias.split()) <= 3:
            out.setdefault(actor.name, alias)
    return sorted((alias, name) for name, alias in out.items())


def _towns() -> list[tuple[str, str, str]]:
    """(Arabic name, English name, admin1) of towns the geocoder finds as themselves in a sentence."""
    geocoder = Geocoder.default()
    rng = random.Random(7)
    towns = [p for p in Gazetteer.default() if p.feature in ("town", "city") and p.name_ar and p.admin1
             and len(p.name_ar.split()) == 1]
    out = []
    for place in rng.sample(towns, min(len(towns), 200)):
        found = geocoder.find_places(f"قرب مدينة {place.name_ar} أمس")
        if found and found[0].place.id == place.id:
            out.append((place.name_ar, place.name, place.admin1))
        if len(out) == SAMPLE:
            break
    return out


ALIASES = _armed_aliases()
TOWNS = _towns()
CASES = [
    (TEMPLATES[i % len(TEMPLATES)], ALIASES[i % len(ALIASES)], ALIASES[(i * 5 + 3) % len(ALIASES)], town)
    for i, town in enumerate(TOWNS)
    if ALIASES[i % len(ALIASES)][1] != ALIASES[(i * 5 + 3) % len(ALIASES)][1]
]


def test_generality_has_enough_cases():
    assert len(ALIASES) >= 15 and len(TOWNS) >= 8


@pytest.mark.parametrize("template, first, second, town", CASES)
def test_generality_swapped_names_give_same_structure(run, template, first, second, town):
    (text, event_type, fatalities) = template
    (alias1, actor1), (alias2, actor2) = first, second
    name_ar, name_en, admin1 = town
    doc = run(text.format(a1=alias1, a2=alias2, town="مدينة", place=name_ar), published=PUB)
    assert len(doc.events) == 1, doc.text
    event = doc.events[0]
    assert (event.event_type, event.actor1, event.actor2) == (event_type, actor1, actor2), doc.text
    assert (event.location, event.admin1) == (name_en, admin1), doc.text
    assert event.fatalities == fatalities
    assert event.event_date == "2024-05-09"
