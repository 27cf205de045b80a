"""The table of what reports of one incident may code differently (data/dedup/compatible.yaml)."""

from __future__ import annotations

import pytest

from marsad.dedup.compatible import default_compatible, parse_compatible
from marsad.dedup.score import actors_level
from marsad.errors import DataFileError
from marsad.text.lexicon import read_yaml

VOCABULARY = read_yaml("vocabulary.yaml")


def test_compatible_shipped_table_names_only_the_vocabulary():
    table = default_compatible()
    assert table.families[frozenset({"Protests", "Riots"})] == "disputed_family"
    assert "Civilians" in table.vague_actors and "al" in table.place_articles


@pytest.mark.parametrize("data, named", [
    ({"one_side": [["Military Forces of the USA", "Global Coalition Against Daesh"]]}, "Military Forces of the USA"),
    ({"families": {"weak_family": [["Battles", "Bombings"]]}}, "Bombings"),
    ({"families": {"close": [["Battles", "Riots"]]}}, "close"),
    ({"close_subtypes": [["Air strike", "Shelling/artillery/missile attack"]]}, "Air strike"),
])
def test_compatible_misspelt_name_is_refused_by_name(data, named):
    with pytest.raises(DataFileError, match=named):
        parse_compatible(data, VOCABULARY)


def test_compatible_coalition_and_american_forces_are_one_side(make_event):
    """One outlet's "American forces' raid" is another's "the coalition's raid": shared, not a conflict."""
    us = make_event(actor1="Military Forces of the United States", actor2="Civilians")
    coalition = make_event(actor1="Global Coalition Against Daesh", actor2="Civilians")
    assert actors_level(us, coalition).level == "same_pair"
    russia = make_event(actor1="Military Forces of Russia", actor2="Civilians")
    assert actors_level(coalition, russia).level == "conflict"
