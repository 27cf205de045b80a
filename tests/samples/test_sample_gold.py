"""Checks on the bundled sample corpus (src/marsad/samples) and its gold annotations.

Standard library and plain pytest only. The vocabulary is embedded here on purpose, so the
test does not depend on ../shared being present.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "marsad" / "samples"
GOLD_DIR = SAMPLES / "gold"

EVENT_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    },
}

ACTORS = {
    "Military Forces of Syria", "Police Forces of Syria", "Military Forces of Russia",
    "Islamic Revolutionary Guard Corps", "Military Forces of Iran", "Military Forces of Turkey",
    "Military Forces of Israel", "Military Forces of the United States", "Global Coalition Against Daesh",
    "Military Forces of Iraq", "Police Forces of Iraq", "Popular Mobilization Forces", "Peshmerga",
    "NDF: National Defence Forces", "Hezbollah", "Kataib Hezbollah", "Harakat Hezbollah al-Nujaba",
    "Fatemiyoun Brigade", "Zainabiyoun Brigade", "Liwa al-Quds", "Fifth Assault Corps", "Usud al-Sharqiya",
    "Village Guards", "Qaterji Militia", "Iran-backed militias", "Pro-government militias",
    "Islamic State", "SDF: Syrian Democratic Forces", "Asayish", "Hayat Tahrir al-Sham",
    "Syrian National Army", "Unidentified Armed Group", "Civilians", "Protesters",
}
# Actors outside the shared vocabulary that a sample legitimately names (they cannot match, by design).
EXTRA_ACTORS = {"Kurdistan Workers' Party", "PKK: Kurdistan Workers Party"}

GOVERNORATES = {
    "Damascus", "Rural Damascus", "Aleppo", "Homs", "Hama", "Latakia", "Tartus", "Idlib", "Raqqa",
    "Deir ez-Zor", "Hasakah", "Daraa", "As-Suwayda", "Quneitra",
    "Baghdad", "Anbar", "Nineveh", "Salah al-Din", "Diyala", "Kirkuk", "Erbil", "Duhok", "Sulaymaniyah",
    "Babil", "Karbala", "Najaf", "Wasit", "Qadisiyah", "Muthanna", "Dhi Qar", "Maysan", "Basra", "Halabja",
}

_ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
_PARTIAL_DATE = re.compile(r"^--(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")


# ---------------------------------------------------------------- loading the corpus
def _strip_tags(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def load_articles() -> dict[str, dict]:
    """article_id -> {"language", "text", "published" (ISO date or None when not machine-readable)}."""
    articles: dict[str, dict] = {}

    def add(aid, language, text, published=None, source=None):
        assert aid not in articles, f"duplicate article id {aid} ({source})"
        articles[aid] = {"language": language, "text": text, "published": published, "source": source}

    for lang in ("ar", "en"):
        folder = SAMPLES / lang
        for path in sorted(folder.glob("*.txt")):
            add(path.stem, lang, path.read_text(encoding="utf-8"), source=path.name)
        for path in sorted(folder.glob("*.html")):
            raw = path.read_text(encoding="utf-8")
            m = re.search(r'property="article:published_time"\s+content="(\d{4}-\d{2}-\d{2})', raw)
            add(path.stem, lang, _strip_tags(raw), m.group(1) if m else None, path.name)
        for path in sorted(folder.glob("*.xml")):
            root = ET.parse(path).getroot()
            for item in root.iter("item"):
                guid = item.findtext("guid").strip()
                parts = [item.findtext("title") or "", item.findtext("description") or ""]
                parts += [el.text or "" for el in item if el.tag.endswith("}encoded")]
                pub = item.findtext("pubDate")
                published = None
                if pub:
                    published = parsedate_to_datetime(pub).date().isoformat()
                add(guid, lang, _strip_tags("\n".join(parts)), published, path.name)
        for path in sorted(folder.glob("*.jsonl")):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                rec = json.loads(line)
                for key in ("id", "text", "url", "published", "outlet"):
                    assert key in rec, f"{path.name}:{n} lacks {key}"
                add(rec["id"], lang, rec["text"], rec["published"], f"{path.name}:{n}")
    return articles


ARTICLES = load_articles()
GOLD_PATHS = sorted(GOLD_DIR.glob("*.json"))


def _gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _numbers_in(text: str) -> set[int]:
    text = text.translate(_ARABIC_INDIC)
    text = re.sub(r"(?<=\d)[,٬](?=\d{3}\b)", "", text)  # thousands separators
    return {int(m) for m in re.findall(r"\d+", text)}


def _valid_iso(value: str) -> bool:
    try:
        date.fromisoformat(value)
        return True
    except (TypeError, ValueError):
        return False


def _as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


# ---------------------------------------------------------------- corpus-level checks
def test_corpus_size():
    langs = [a["language"] for a in ARTICLES.values()]
    assert langs.count("ar") >= 25
    assert langs.count("en") >= 5


def test_every_article_has_gold_and_every_gold_an_article():
    gold_ids = {p.stem for p in GOLD_PATHS}
    assert gold_ids == set(ARTICLES), (
        f"gold without article: {sorted(gold_ids - set(ARTICLES))}; "
        f"article without gold: {sorted(set(ARTICLES) - gold_ids)}"
    )


def test_readme_lists_every_article():
    readme = (SAMPLES / "README.md").read_text(encoding="utf-8")
    missing = [aid for aid in ARTICLES if aid not in readme]
    assert not missing, f"README.md does not mention {missing}"


def test_some_reports_have_no_publication_date():
    undated = [_gold(p)["article_id"] for p in GOLD_PATHS if _gold(p)["publication_date"] is None]
    assert len(undated) >= 3


# ---------------------------------------------------------------- per-gold checks
@pytest.mark.parametrize("path", GOLD_PATHS, ids=lambda p: p.stem)
def test_gold_file(path: Path):
    gold = _gold(path)
    aid = gold["article_id"]
    assert path.stem == aid
    assert aid in ARTICLES, f"{aid} is not a sample article"
    article = ARTICLES[aid]
    assert gold["language"] == article["language"]

    pub = gold["publication_date"]
    assert pub is None or _valid_iso(pub), pub
    if article["published"] is not None:
        assert pub == article["published"], f"{aid}: gold {pub} vs article metadata {article['published']}"

    assert isinstance(gold.get("notes"), str) and gold["notes"]
    assert isinstance(gold["events"], list) and gold["events"]
    ids = [e["id"] for e in gold["events"]]
    assert len(ids) == len(set(ids)), "event ids must be unique"

    ok_fatalities: set[int] = set()
    for ev in gold["events"]:
        where = f"{aid}/{ev['id']}"
        assert isinstance(ev["required"], bool), where
        assert ev.get("why"), where
        types = _as_list(ev["event_type"])
        assert types and all(t in EVENT_TYPES for t in types), f"{where}: event_type {types}"
        allowed_sub = set().union(*(EVENT_TYPES[t] for t in types))
        subs = _as_list(ev["sub_event_type"])
        assert subs and all(s in allowed_sub for s in subs), f"{where}: sub_event_type {subs}"
        actor1 = _as_list(ev["actor1"])
        assert actor1, f"{where}: actor1 is empty"
        for actor in actor1 + _as_list(ev["actor2"]):
            assert actor in ACTORS or actor in EXTRA_ACTORS, f"{where}: unknown actor {actor!r}"
        admin1 = _as_list(ev["admin1"])
        assert admin1 and all(a in GOVERNORATES for a in admin1), f"{where}: admin1 {admin1}"

        loc = ev["location"]
        assert loc["names"] and all(isinstance(n, str) and n for n in loc["names"]), where
        assert loc["tolerance_km"] > 0, where
        if loc["lat"] is None or loc["lon"] is None:
            assert loc["lat"] is None and loc["lon"] is None, where
        else:
            assert 29.0 <= loc["lat"] <= 38.0 and 35.0 <= loc["lon"] <= 49.0, f"{where}: outside Syria/Iraq"

        d = ev["date"]
        for value in d.get("ok", []):
            assert _valid_iso(value) or _PARTIAL_DATE.match(value), f"{where}: bad date {value!r}"
        if "window" in d:
            lo, hi = d["window"]
            assert _valid_iso(lo) and _valid_iso(hi) and lo <= hi, f"{where}: bad window {d['window']}"
        assert d.get("ok") or d.get("window") or d.get("null_ok"), f"{where}: date accepts nothing"

        f = ev["fatalities"]
        if f.get("unknown"):
            assert "ok" not in f, where
        else:
            assert f["ok"] and all(isinstance(n, int) and n >= 0 for n in f["ok"]), where
            ok_fatalities.update(f["ok"])

    for tally in gold["tallies"]:
        assert isinstance(tally["count"], int) and tally["count"] > 0, aid
        assert tally.get("what"), aid

    numbers = _numbers_in(article["text"])
    for trap in gold["traps"]:
        assert trap.get("kind") and trap.get("note"), aid
        for n in trap.get("forbid_fatalities", []):
            assert isinstance(n, int) and n > 0, aid
            assert n in numbers, f"{aid}: forbidden figure {n} does not appear in the text as digits"
            assert n not in ok_fatalities, f"{aid}: {n} is both forbidden and a correct toll"


@pytest.mark.parametrize("path", GOLD_PATHS, ids=lambda p: p.stem)
def test_undated_reports_leave_relative_dates_open(path: Path):
    gold = _gold(path)
    if gold["publication_date"] is not None:
        return
    for ev in gold["events"]:
        d = ev["date"]
        full = [v for v in d.get("ok", []) if _valid_iso(v)]
        partial = [v for v in d.get("ok", []) if _PARTIAL_DATE.match(v)]
        # A full date without a publication date must come with its year-less form (weekday rule).
        assert not full or partial or d.get("null_ok"), f"{gold['article_id']}/{ev['id']}"
