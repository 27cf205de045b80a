"""The shipped gazetteer (gazetteer.sqlite, built by scripts/build_gazetteer.py) loaded into memory."""

from __future__ import annotations

import functools
import logging
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from marsad.errors import DataFileError, NotFoundError
from marsad.geo.lexicon import GeoLexicon
from marsad.geo.places import Place
from marsad.text.normalize import normalize_key

log = logging.getLogger(__name__)

# How a key was made from a name: the name itself, a spelling variant, or the name minus a qualifier.
EXACT, VARIANT, PARTIAL = 0, 1, 2

_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_/]+")
_DELETED = re.compile(r"['`\u2018\u2019\u02bb\u02bc\u02bf\u02be\"«»]")
_EN_ARTICLE = re.compile(r"^(?:al|el|ar|as|ash|at|ad|adh|az|an|ath) (?=\S\S)")
_PLACE_SQL = (
    "SELECT id, name, name_ar, feature, admin1, admin2, admin3, country, iso, latitude, longitude,"
    " population, approx FROM places ORDER BY id"
)


def match_key(name: str) -> str:
    """The key a name is matched by: normalised, dashes and spaces collapsed, apostrophes dropped."""
    return _SEPARATORS.sub(" ", _DELETED.sub("", normalize_key(name))).strip()


def default_path() -> Path:
    """Path of the shipped gazetteer file."""
    return Path(str(resources.files("marsad") / "data" / "gazetteer.sqlite"))


@dataclass(frozen=True, slots=True)
class KeyEntry:
    """One place a key can mean, and how the key was made (EXACT, VARIANT or PARTIAL)."""

    index: int
    kind: int


class Gazetteer:
    """Places of Syria and Iraq with every name form they are known by.

    ``places`` is the list of rows (ordered by id); ``entries(key)`` gives the places a match key can mean.
    """

    def __init__(self, path: Path | str | None = None, *, lexicon: GeoLexicon | None = None) -> None:
        self.path = Path(path) if path else default_path()
        self.lexicon = lexicon or GeoLexicon.load()
        self.places: list[Place] = []
        self.by_id: dict[str, int] = {}
        self._packed: dict[str, str] = {}
        self._parsed: dict[str, list[KeyEntry]] = {}
        self.word_zipf: dict[str, float] = {}  # one-word names that are everyday words: key -> Zipf frequency
        self._load()

    @classmethod
    @functools.cache
    def default(cls) -> "Gazetteer":
        """The shipped gazetteer, loaded once per process."""
        return cls()

    def _load(self) -> None:
        """Read places and their precomputed match keys from SQLite."""
        if not self.path.is_file():
            raise DataFileError(f"{self.path}: gazetteer file not found (run scripts/build_gazetteer.py)")
        try:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            rows = con.execute(_PLACE_SQL).fetchall()
            self._packed = dict(con.execute("SELECT key, entries FROM keys"))
            self.word_zipf = dict(con.execute("SELECT key, zipf FROM common_words"))
            con.close()
        except sqlite3.Error as exc:
            raise DataFileError(f"{self.path}: not a readable gazetteer: {exc}") from exc
        self.places = [Place(*row[:12], approx=bool(row[12])) for row in rows]
        self.by_id = {place.id: n for n, place in enumerate(self.places)}
        log.debug("gazetteer %s: %d places, %d keys", self.path, len(self.places), len(self._packed))

    def keys(self) -> Iterator[str]:
        """Every match key (normalised name form) in the gazetteer."""
        return iter(self._packed)

    def entries(self, key: str) -> list[KeyEntry]:
        """The places a match key can mean (parsed on first use)."""
        parsed = self._parsed.get(key)
        if parsed is None:
            packed = self._packed.get(key, "")
            parsed = [KeyEntry(int(i), int(k)) for i, k in (e.split(".") for e in packed.split())]
            self._parsed[key] = parsed
        return parsed

    def __len__(self) -> int:
        return len(self.places)

    def __iter__(self) -> Iterator[Place]:
        return iter(self.places)

    def get(self, place_id: str) -> Place:
        """The place with this id; raise NotFoundError when there is none."""
        try:
            return self.places[self.by_id[place_id]]
        except KeyError:
            raise NotFoundError(f"gazetteer has no place {place_id!r}") from None

    def lookup(self, name: str) -> list[tuple[Place, int]]:
        """Places a name can mean, with how the key matched (EXACT/VARIANT/PARTIAL)."""
        return [(self.places[e.index], e.kind) for e in self.entries(match_key(name))]


def name_keys(name: str, lang: str, lexicon: GeoLexicon) -> dict[str, int]:
    """Every match key of one name with how it was made (the build script stores these)."""
    key = match_key(name)
    forms = _arabic_forms(key, lexicon) if lang == "ar" else _latin_forms(key)
    out: dict[str, int] = {}
    for form, kind in forms:
        if form and not lexicon.too_short(form) and kind < out.get(form, 9):
            out[form] = kind
    return out


def _arabic_forms(key: str, lexicon: GeoLexicon) -> list[tuple[str, int]]:
    """An Arabic key and its variants: with or without "ال", without spaces, with or without "ال" on an inner
    word ("عين العرب" / "عين عرب"), and the name without a qualifier or a generic head word
    ("تلعار غربي" -> "تلعار", "تل الحطابات" -> "الحطابات")."""
    forms = [(key, EXACT)]
    words = key.split(" ")
    if len(words) == 1 and not key.startswith("ال"):
        forms.append(("ال" + key, VARIANT))
    elif len(words) == 1 and len(key) > 5:
        forms.append((key[2:], PARTIAL))  # "البصية" written "بصية" ("ناحية بصية"): kept only near a known place
    if 1 < len(words) <= 3:
        forms.append(("".join(words), VARIANT))
        forms += [(" ".join(w), VARIANT) for w in _article_toggled(words)
                  if not all(lexicon.is_stopword(word) for word in w)]  # "مركز مدينة" is no name
        if words[-1] in lexicon.qualifiers:
            forms.append((" ".join(words[:-1]), PARTIAL))
        if words[0] in lexicon.name_heads and not lexicon.is_stopword(" ".join(words[1:])):
            forms.append((" ".join(words[1:]), PARTIAL))
    return forms


def _article_toggled(words: list[str]) -> list[list[str]]:
    """The words with "ال" added to or dropped from the last word ("عين العرب" / "عين عرب", "سنجق
    الشيخ" / "سنجق شيخ"; the first word keeps its form: "الرقة" stays)."""
    word = words[-1]
    if word.startswith("ال") and len(word) > 4:
        return [words[:-1] + [word[2:]]]
    if not word.startswith("ال") and len(word) >= 3 and word.isalpha():
        return [words[:-1] + ["ال" + word]]
    return []


def _latin_forms(key: str) -> list[tuple[str, int]]:
    """A Latin key and the key without a leading article ("al mayadin" -> "mayadin")."""
    forms = [(key, EXACT)]
    stripped = _EN_ARTICLE.sub("", key)
    if stripped != key:
        forms.append((stripped, VARIANT))
    return forms
