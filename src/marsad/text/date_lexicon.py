"""The date words of Arabic and English (months, weekdays, relative days) and the patterns built on them.

Knowledge lives in ``data/ar/months.tsv``, ``data/en/months.tsv``,
``data/ar/dates.yaml`` and ``data/en/dates.yaml``; every key is folded with
``normalize_key`` so patterns run over ``NormalizedText.norm``.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from typing import Any

from marsad.errors import DataFileError
from marsad.text.lexicon import WordIndex, first_word, read_tsv, read_yaml, trie_pattern
from marsad.text.normalize import normalize_key
from marsad.text.numbers import default_number_lexicon

log = logging.getLogger(__name__)

CALENDARS = ("gregorian", "hijri")
_YAML_SECTIONS: dict[str, type] = {
    "weekdays": dict, "day_parts": dict, "relative_days": dict, "relative_blockers": list,
    "periods": dict, "modifiers_after": dict, "modifiers_before": dict, "period_edges": dict,
    "year_words": list, "year_prepositions": list, "year_markers": dict, "month_links": list, "month_words": list,
    "weekday_links": list, "weekday_range_links": list, "since_words": list, "until_words": list, "mid_words": list,
    "ago_before": list,
    "ago_after": list, "ago_blockers": list, "durations": dict, "count_words": dict,
}
_WEAK_STARTERS = frozenset({"من"})
DIGIT_PATTERNS = frozenset({"numeric", "day_month", "day_of_month_period", "ago"})
PATTERN_NAMES = (
    "numeric", "day_month", "day_of_month_period", "month_day", "month_year",
    "month_alone", "day_word", "period", "ago", "year",
)


@dataclass(frozen=True, slots=True)
class Month:
    """A month name: its number and calendar."""

    number: int
    calendar: str


def _load_months(relpath: str) -> dict[str, Month]:
    """Read a months TSV (name, month, calendar, usage) into folded name -> Month."""
    months: dict[str, Month] = {}
    for line_no, fields in read_tsv(relpath, 3):
        if not fields[1].isdigit() or not 1 <= int(fields[1]) <= 12 or fields[2] not in CALENDARS:
            raise DataFileError(f"data/{relpath}: line {line_no} has a bad month or calendar: {fields!r}")
        months[normalize_key(fields[0])] = Month(int(fields[1]), fields[2])
    return months


def _load_ordinals(relpath: str) -> dict[str, int]:
    """Read an ordinal-day TSV (ordinal, day) into folded ordinal -> day."""
    days: dict[str, int] = {}
    for line_no, fields in read_tsv(relpath, 2):
        if not fields[1].isdigit() or not 1 <= int(fields[1]) <= 31:
            raise DataFileError(f"data/{relpath}: line {line_no} needs a day 1-31: {fields!r}")
        days[normalize_key(fields[0])] = int(fields[1])
    return days


def _load_sections(relpath: str) -> dict[str, Any]:
    """Read a dates YAML file and check every section is there with the right shape."""
    data = read_yaml(relpath)
    if not isinstance(data, dict):
        raise DataFileError(f"data/{relpath}: expected a mapping of sections")
    for name, kind in _YAML_SECTIONS.items():
        if not isinstance(data.get(name), kind):
            raise DataFileError(f"data/{relpath}: section {name!r} is missing or not a {kind.__name__}")
    return data


def _fold_keys(mapping: dict[Any, Any]) -> dict[str, Any]:
    """Fold every key of a mapping (values kept)."""
    return {normalize_key(str(k)): v for k, v in mapping.items()}


class DateLexicon:
    """Date words of both languages, folded, plus the compiled patterns that find date phrases."""

    def __init__(self) -> None:
        self.months = _load_months("ar/months.tsv") | _load_months("en/months.tsv")
        self.ordinal_days = _load_ordinals("ar/ordinal_days.tsv")
        sections = [_load_sections("ar/dates.yaml"), _load_sections("en/dates.yaml")]
        merged = {name: self._merge(sections, name) for name in _YAML_SECTIONS}
        self.weekdays: dict[str, int] = merged["weekdays"]
        self.day_parts: dict[str, str] = merged["day_parts"]
        self.relative_days: dict[str, int] = merged["relative_days"]
        self.periods: dict[str, str] = merged["periods"]
        self.modifiers: dict[str, int] = merged["modifiers_after"] | merged["modifiers_before"]
        self.edges: dict[str, str] = merged["period_edges"]
        self.year_markers: dict[str, str] = merged["year_markers"]
        self.durations: dict[str, list[Any]] = merged["durations"]
        self.count_words: dict[str, int] = merged["count_words"] | self._number_words()
        self.year_prepositions = frozenset(merged["year_prepositions"])
        self.words = merged
        self._check_values()
        self.patterns = self._compile()
        self.index: WordIndex[frozenset[str]] = WordIndex(self._starters(), prefixes=("و", "ف"))
        self.since_re = re.compile(rf"(?<!\w)(?P<w>{trie_pattern(merged['since_words'])})\s*$")
        self.until_re = re.compile(rf"(?<!\w)(?P<w>{trie_pattern(merged['until_words'])})\s*$")
        self.mid_re = re.compile(rf"(?<!\w)(?P<w>{trie_pattern(merged['mid_words'])})[\s-]*$")

    @staticmethod
    def _merge(sections: list[dict[str, Any]], name: str) -> Any:
        """Merge one section of both languages, folding keys or list items."""
        if _YAML_SECTIONS[name] is list:
            return {normalize_key(str(item)): True for s in sections for item in s[name]}
        merged: dict[str, Any] = {}
        for section in sections:
            merged.update(_fold_keys(section[name]))
        return merged

    @staticmethod
    def _number_words() -> dict[str, int]:
        """Number words from one to nineteen, for counts before a duration ("ثلاثة أيام")."""
        words = default_number_lexicon().words
        return {w: nw.value for w, nw in words.items() if nw.cls in ("unit", "teen")}

    def _check_values(self) -> None:
        """Reject values of the wrong type (a weekday outside 0-6, a non-integer offset)."""
        for word, day in self.weekdays.items():
            if not isinstance(day, int) or not 0 <= day <= 6:
                raise DataFileError(f"dates.yaml: weekday {word!r} must map to 0-6, got {day!r}")
        for section in ("relative_days", "modifiers"):
            for word, offset in getattr(self, section).items():
                if not isinstance(offset, int):
                    raise DataFileError(f"dates.yaml: {section} {word!r} must map to an integer")
        for word, spec in self.durations.items():
            if len(spec) != 2 or spec[0] not in ("day", "week", "month"):
                raise DataFileError(f"dates.yaml: duration {word!r} must be [day|week|month, count]")

    def _starters(self) -> dict[str, frozenset[str]]:
        """First word of every phrase that can open a pattern -> the patterns to try there."""
        w = self.words
        opening = (
            (self.day_parts, ("day_month", "day_of_month_period", "day_word")),
            (self.relative_days, ("day_month", "day_of_month_period", "day_word")),
            (self.weekdays, ("day_month", "day_of_month_period", "day_word", "month_day")),
            (self.ordinal_days, ("day_month", "day_of_month_period")),
            (self.months, ("month_day", "month_year", "month_alone")),
            (w["month_words"], ("month_year", "month_alone")),
            (w["modifiers_before"], ("month_alone", "day_word", "period")),
            (self.edges, ("period", "year")),
            (self.periods, ("period",)),
            (w["ago_before"], ("ago",)),
            (self.count_words, ("ago",)),
            (self.durations, ("ago",)),
            (w["year_words"], ("year",)),
        )
        starters: dict[str, set[str]] = {}
        for words, names in opening:
            for word in words:
                # "من العام" is also found from "العام": a common first word only costs time.
                key = first_word(word)
                if key not in _WEAK_STARTERS or key == word:
                    starters.setdefault(key, set()).update(names)
        return {word: frozenset(names) for word, names in starters.items()}

    def _compile(self) -> dict[str, re.Pattern[str]]:
        """Compile every date pattern from the word lists."""
        f = self._fragments()
        sources = _pattern_sources(f)
        return {name: re.compile(sources[name]) for name in PATTERN_NAMES}

    def _fragments(self) -> dict[str, str]:
        """Regex fragments (tries of folded words) the patterns are built from."""
        w = self.words
        tries = {
            "T": self.day_parts, "R": self.relative_days, "W": self.weekdays, "M": self.months,
            "P": self.periods, "MA": w["modifiers_after"], "MB": w["modifiers_before"],
            "E": self.edges, "YW": w["year_words"], "YP": w["year_prepositions"], "YM": self.year_markers,
            "ML": w["month_links"], "MW": w["month_words"], "WL": w["weekday_links"],
            "AB": w["ago_before"], "AA": w["ago_after"], "AX": w["ago_blockers"],
            "D": self.durations, "N": self.count_words, "RB": w["relative_blockers"],
            "O": self.ordinal_days, "WR": w["weekday_range_links"],
        }
        return {key: trie_pattern(words) for key, words in tries.items()}


def _pattern_sources(f: dict[str, str]) -> dict[str, str]:
    """Write the regex source of each date pattern (folded text; see ``dates.py`` for meaning)."""
    b, e = r"(?<!\w)", r"(?!\w)"
    cl = r"(?:(?P<cl>[وف])(?=\S))?"
    month2 = rf"(?:\s*(?:/|\()\s*(?P<month2>{f['M']}){e}\.?(?:\s*\))?)?"
    year = rf"(?P<year>(?:19|20)\d{{2}}|1[34]\d{{2}})(?!\d)(?:\s*(?P<ym>{f['YM']}){e})?"
    year_tail = (
        rf"(?:\s*[،,]?\s*(?:{f['YW']}\s*)?{year}"
        rf"|\s+{f['YW']}\s+(?P<ymod>{f['MA']}){e}|\s+(?P<mmod>{f['MA']}){e})?"
    )
    lead = (
        rf"(?:(?P<tod>{f['T']})\s+)?(?:(?P<rel>{f['R']})\s*[،,]?\s*)?"
        rf"(?:(?P<wd>{f['W']})\s*[،,]?\s*(?:{f['WL']}\s*)?)?"
    )
    day = rf"(?:(?:ال)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)|(?P<dayw>{f['O']}){e}(?=\s+من{e}))"
    day2 = r"(?:\s*(?:و|-|–|الي|حتي|and|to)\s*(?:ال)?(?P<day2>\d{1,2})(?!\d))?"
    return {
        "numeric": (
            r"(?<![\d/.\-])(?:(?P<iy>(?:19|20)\d{2})(?P<sep>[-/.])(?P<im>\d{1,2})(?P=sep)(?P<id>\d{1,2})"
            r"|(?P<nd>\d{1,2})[/.\-](?P<nm>\d{1,2})[/.\-](?P<ny>(?:19|20)\d{2}|\d{2}))(?![\d/.\-]?\d)"
        ),
        "day_month": rf"{b}{cl}{lead}{day}{day2}\s*(?:{f['ML']}\s+)?(?P<month>{f['M']}){e}\.?{month2}{year_tail}",
        "day_of_month_period": rf"{b}{cl}{lead}{day}\s+(?:{f['ML']}\s+)?(?P<period>{f['P']})\s+(?P<mod>{f['MA']}){e}",
        "month_day": (
            rf"{b}(?:(?P<wd>{f['W']})\s*,?\s*)?(?P<month>{f['M']})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
            rf"(?![\d:])(?:\s*,?\s*(?P<year>(?:19|20)\d{{2}})(?!\d))?"
        ),
        "month_year": rf"{b}(?:{f['MW']}\s+)?(?P<month>{f['M']}){e}\.?{month2}\s*[،,]?\s*(?:{f['YW']}\s*)?{year}",
        "month_alone": (
            rf"{b}(?:(?P<bmod>{f['MB']})\s+(?P<month_b>{f['M']}){e}"
            rf"|(?P<mw>{f['MW']})\s+(?P<month_w>{f['M']}){e}{month2}(?:\s+(?P<mmod_w>{f['MA']}){e})?"
            rf"|(?P<month>{f['M']}){e}(?:\s*(?:/|\()\s*(?P<month3>{f['M']}){e}(?:\s*\))?)?"
            rf"(?:\s+(?P<mmod>{f['MA']})|\s+{f['YW']}\s+(?P<ymod>{f['MA']})){e})"
        ),
        "day_word": (
            rf"{b}{cl}(?:(?P<tod>{f['T']})\s+)?(?:(?P<rel>{f['R']}){e}(?!\s*(?:{f['RB']}){e})"
            rf"(?:\s*[،,(]?\s*(?P<wd>{f['W']}){e}\)?)?"
            rf"|(?P<bmod>{f['MB']})\s+(?P<wd2>{f['W']}){e}|(?P<wd3>{f['W']}){e}"
            rf"(?:\s*(?:{f['WR']}|-|/)\s*(?P<wd4>{f['W']}){e})?(?:\s+(?P<mod>{f['MA']}){e})?)"
        ),
        "period": (
            rf"{b}{cl}(?:(?P<edge>{f['E']})\s+)?(?:(?P<period>{f['P']})\s+(?P<mod>{f['MA']}){e}"
            rf"|(?P<bmod>{f['MB']})\s+(?P<period2>{f['P']}){e}"
            rf"|(?P<edge2>{f['E']})\s+(?P<period3>{f['P']}){e}(?!\s*\d))"
        ),
        "ago": (
            rf"{b}(?:{f['AB']})\s+(?:(?P<n>\d{{1,3}}|{f['N']})\s+)?(?P<unit>{f['D']}){e}(?!\s+(?:{f['AX']}){e})"
            rf"|{b}(?:(?P<n2>\d{{1,3}}|{f['N']})\s+)?(?P<unit2>{f['D']})\s+(?:{f['AA']}){e}"
        ),
        "year": rf"{b}(?:(?P<yp>{f['YP']})\s+|(?:(?P<edge>{f['E']})\s+)?(?:{f['YW']})\s*){year}",
    }


@functools.cache
def default_date_lexicon() -> DateLexicon:
    """Return the date lexicon built from the shipped files (loaded once)."""
    return DateLexicon()
