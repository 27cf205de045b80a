"""Every entry of the geo knowledge files loads and is used; the shipped gazetteer is up to date."""

from __future__ import annotations

import csv
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
import yaml

from marsad.geo import Gazetteer, Geocoder
from marsad.geo.context import read_context
from marsad.geo.lexicon import GeoLexicon
from marsad.text.normalize import normalize_key

DATA = Path(str(resources.files("marsad") / "data"))
ROOT = Path(__file__).resolve().parents[2]
SHARED_GAZETTEER = ROOT.parent / "shared" / "data" / "gazetteer"


def read_tsv(name: str) -> list[dict[str, str]]:
    lines = [l for l in (DATA / name).read_text(encoding="utf-8").splitlines() if l and not l.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


SUPPLEMENT = read_tsv("places_supplement.tsv")
FIXES = read_tsv("place_name_fixes.tsv")
ADMIN1_AR = {
    "Damascus": "دمشق", "Rural Damascus": "ريف دمشق", "Aleppo": "حلب", "Homs": "حمص", "Hama": "حماة",
    "Latakia": "اللاذقية", "Tartus": "طرطوس", "Idlib": "إدلب", "Raqqa": "الرقة", "Deir ez-Zor": "دير الزور",
    "Hasakah": "الحسكة", "Daraa": "درعا", "As-Suwayda": "السويداء", "Quneitra": "القنيطرة",
    "Baghdad": "بغداد", "Anbar": "الأنبار", "Nineveh": "نينوى", "Salah al-Din": "صلاح الدين",
    "Diyala": "ديالى", "Kirkuk": "كركوك", "Erbil": "أربيل", "Sulaymaniyah": "السليمانية",
}
CUES = {"neighbourhood": "حي", "town": "مدينة", "city": "مدينة", "village": "قرية"}
LEXICON = yaml.safe_load((DATA / "geo_lexicon.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("row", SUPPLEMENT, ids=[r["id"] for r in SUPPLEMENT])
def test_supplement_entry_is_in_gazetteer(gazetteer: Gazetteer, row: dict[str, str]) -> None:
    place = gazetteer.get(f"sup:{row['id']}")
    assert place.name == row["name_en"] and place.name_ar == row["name_ar"]
    assert row["source"] and row["approx"] in ("0", "1")
    assert row["approx"] == "0" or row["note"], "approximate points need a note"
    assert row["admin1"] in ("*", place.admin1)


@pytest.mark.parametrize("row", SUPPLEMENT, ids=[r["id"] for r in SUPPLEMENT])
def test_supplement_entry_is_found_in_a_sentence(geocoder: Geocoder, row: dict[str, str]) -> None:
    cue = CUES.get(row["feature"], "منطقة")
    governorate = ADMIN1_AR[geocoder.gazetteer.get(f"sup:{row['id']}").admin1]
    text = f"قتل ثلاثة أشخاص في {cue} {row['name_ar']} في محافظة {governorate} يوم أمس."
    assert f"sup:{row['id']}" in [m.place.id for m in geocoder.find_places(text)]


@pytest.mark.parametrize("row", FIXES, ids=[r["place_id"] for r in FIXES])
def test_name_fix_is_applied(gazetteer: Gazetteer, row: dict[str, str]) -> None:
    place = gazetteer.get(row["place_id"])
    assert not row["name_en"] or place.name == row["name_en"]
    for name in filter(None, row["add_names"].split("|")):
        assert row["place_id"] in [p.id for p, _ in gazetteer.lookup(name)], name


def test_lexicon_loads() -> None:
    lexicon = GeoLexicon.load()
    assert lexicon.min_letters == LEXICON["min_letters"] >= 2
    assert len(lexicon.stoplist) > 300 and lexicon.is_stopword("النصر")


@pytest.mark.parametrize("cue", list(LEXICON["place_cues"]))
def test_lexicon_place_cue_is_read(cue: str) -> None:
    text = f"وقع هجوم في {cue} الميادين"
    start = normalize_key(text).index("الميادين")
    ctx = read_context(normalize_key(text), start, start + 8, GeoLexicon.load())
    assert ctx.cue == LEXICON["place_cues"][cue]


@pytest.mark.parametrize(("relation", "word"), [
    (rel, w) for rel in ("countryside", "desert", "outskirts", "near", "between", "road") for w in LEXICON[rel]
])
def test_lexicon_relation_word_is_read(relation: str, word: str) -> None:
    text = f"وقع هجوم {word} الميادين"
    start = normalize_key(text).index("الميادين")
    assert read_context(normalize_key(text), start, start + 8, GeoLexicon.load()).relation == relation


@pytest.mark.parametrize(("direction", "word"), [
    (d, w) for d, words in LEXICON["directions"].items() for w in words
])
def test_lexicon_direction_word_is_read(direction: str, word: str) -> None:
    text = f"في ريف الميادين {word}"
    start = normalize_key(text).index("الميادين")
    assert read_context(normalize_key(text), start, start + 8, GeoLexicon.load()).direction == direction


@pytest.mark.parametrize(("word", "meaning"), list(LEXICON["after"].items()))
def test_lexicon_word_after_a_name_is_read(word: str, meaning: str) -> None:
    text = f"fighting in the Mayadin {word}"
    start = normalize_key(text).index("mayadin")
    ctx = read_context(normalize_key(text), start, start + 7, GeoLexicon.load())
    assert meaning in (ctx.relation, ctx.cue)


@pytest.mark.parametrize("unit", list(LEXICON["distance_units"]))
def test_lexicon_distance_unit_is_read(unit: str) -> None:
    text = f"على بعد 12 {unit} من الميادين"
    start = normalize_key(text).index("الميادين")
    ctx = read_context(normalize_key(text), start, start + 8, GeoLexicon.load())
    assert ctx.distance_km == pytest.approx(12 * LEXICON["distance_units"][unit])


@pytest.mark.parametrize("word", LEXICON["locative"])
def test_lexicon_locative_word_lets_a_lone_village_match(geocoder: Geocoder, word: str) -> None:
    # Baghuz: a small village with a single name, kept only after a locative word
    assert [m.place.name for m in geocoder.find_places(f"{word} الباغوز")] == ["Baghuz"]


def test_lexicon_lone_village_without_locative_is_dropped(geocoder: Geocoder) -> None:
    assert geocoder.find_places("حملة الباغوز") == []


@pytest.mark.skipif(not SHARED_GAZETTEER.is_dir(), reason="../shared/data/gazetteer not present")
def test_build_gazetteer_check_passes() -> None:
    script = ROOT / "scripts" / "build_gazetteer.py"
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
