"""The shipped gazetteer: loads, canonical admin names, spelling variants, errors."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from marsad.errors import DataFileError, NotFoundError
from marsad.geo import Gazetteer
from marsad.geo.gazetteer import default_path, match_key

CANONICAL_ADMIN1 = {
    "Damascus", "Rural Damascus", "Aleppo", "Homs", "Hama", "Latakia", "Tartus", "Idlib", "Raqqa",
    "Deir ez-Zor", "Hasakah", "Daraa", "As-Suwayda", "Quneitra",
    "Baghdad", "Anbar", "Nineveh", "Salah al-Din", "Diyala", "Kirkuk", "Erbil", "Duhok", "Sulaymaniyah",
    "Babil", "Karbala", "Najaf", "Wasit", "Qadisiyah", "Muthanna", "Dhi Qar", "Maysan", "Basra", "Halabja",
}
VOCABULARY = Path(__file__).resolve().parents[3] / "shared" / "spec" / "vocabulary.md"


def test_gazetteer_default_is_loaded_once(gazetteer: Gazetteer) -> None:
    assert Gazetteer.default() is gazetteer
    assert len(gazetteer) > 30_000


def test_gazetteer_loads_within_budget() -> None:
    start = time.process_time()
    Gazetteer()
    assert time.process_time() - start < 2.0  # the benchmark reports the real figure (target 1 s)


def test_gazetteer_file_is_compact() -> None:
    assert default_path().stat().st_size <= 30_000_000


def test_gazetteer_admin1_names_are_canonical(gazetteer: Gazetteer) -> None:
    assert {p.admin1 for p in gazetteer} == CANONICAL_ADMIN1


def test_gazetteer_canonical_names_match_the_vocabulary() -> None:
    if not VOCABULARY.exists():
        pytest.skip("../shared/spec/vocabulary.md not present")
    text = VOCABULARY.read_text(encoding="utf-8")
    for name in CANONICAL_ADMIN1:
        assert name in text, name


def test_gazetteer_every_place_has_country_iso_and_point(gazetteer: Gazetteer) -> None:
    for place in gazetteer:
        assert (place.country, place.iso) in {("Syria", 760), ("Iraq", 368)}
        assert 29.0 < place.latitude < 38.5 and 35.5 < place.longitude < 48.8, place


@pytest.mark.parametrize(("a", "b"), [
    ("دير الزور", "ديرالزور"), ("البو كمال", "البوكمال"), ("إدلب", "ادلب"), ("حماة", "حماه"),
    ("الميادين", "ميادين"), ("آرك", "أرك"), ("Deir ez-Zor", "deir ez zor"),
])
def test_gazetteer_lookup_spelling_variants(gazetteer: Gazetteer, a: str, b: str) -> None:
    ids_a = {p.id for p, _ in gazetteer.lookup(a)}
    ids_b = {p.id for p, _ in gazetteer.lookup(b)}
    assert ids_a and ids_a & ids_b


def test_gazetteer_match_key_collapses_dashes_and_spaces() -> None:
    assert match_key("طريق دير الزور – تدمر") == match_key("طريق  دير الزور - تدمر")


def test_gazetteer_get_unknown_id_raises(gazetteer: Gazetteer) -> None:
    with pytest.raises(NotFoundError, match="no-such-place"):
        gazetteer.get("no-such-place")


def test_gazetteer_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="not found"):
        Gazetteer(tmp_path / "missing.sqlite")


def test_gazetteer_malformed_file_raises(tmp_path: Path) -> None:
    path = tmp_path / "bad.sqlite"
    sqlite3.connect(path).execute("CREATE TABLE other (x)").connection.close()
    with pytest.raises(DataFileError, match="not a readable gazetteer"):
        Gazetteer(path)
