"""Counts in Arabic and English text: digits, number words, duals, vague amounts, qualifiers.

``find_numbers`` returns one ``NumberMention`` per figure with its span in the
original text. ``value`` is the figure as written (what ACLED codes: "at least
5" -> 5, "between 5 and 7" -> 5); ``low``/``high`` are the bounds the text
gives (None when it gives none); ``qualifier`` says how the figure was hedged.

Words compose as Arabic writes them: "خمسة وعشرين" is 25, "مئة وعشرين" 120,
"ثلاثة آلاف" 3000; a proclitic may lead ("وثلاثة", "بخمسة"). Decimals count
only before a multiplier ("1.5 مليون"); times ("10:30"), dates ("15/3") and
designations ("F-16", "الـ12") are not counts.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from marsad.errors import DataFileError
from marsad.text.lexicon import (
    WordIndex,
    ends_with_phrase,
    first_word,
    is_word_char,
    read_tsv,
    read_words,
    trie_pattern,
)
from marsad.text.normalize import NormalizedText, normalize_key

log = logging.getLogger(__name__)

QUALIFIERS = (
    "exact", "at_least", "more_than", "about", "up_to", "range",
    "dozens", "several", "hundreds", "thousands",
)
WORD_CLASSES = ("unit", "teen", "ten", "hundred", "thousand", "multiplier")
_ORDER = {"unit": 0, "teen": 1, "ten": 2, "hundred": 3, "thousand": 4}
_CLITICS = "(?:[وف][بلك]?|[بلك])"
_ARTICLE = "(?:ال)?"
MIN_CLITIC_BASE = 3  # a proclitic is only split off words of three letters or more ("لست" is not 6)
POST_SKIP_WORDS = 2  # "قتل 3 مدنيين على الأقل": a qualifier may follow the counted noun
# Proclitics (and the article) a number word may carry: و ف, then ب ل ك, then ال.
_PREFIXES = tuple(
    c + p + a for c in ("", "و", "ف") for p in ("", "ب", "ل", "ك") for a in ("", "ال") if c + p + a
)


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A figure in the text: ``text[start:end]`` (qualifier included) and what it means."""

    start: int
    end: int
    text: str
    value: int | None
    low: int | None
    high: int | None
    qualifier: str
    form: str = "digits"  # digits | words | dual | vague
    unit: str | None = None  # "percent" (15 بالمئة), "designation" (الفرقة 17): not a count


@dataclass(frozen=True, slots=True)
class NumberWord:
    """A cardinal number word: its value and grammatical class."""

    value: int
    cls: str


@dataclass(frozen=True, slots=True)
class VaguePhrase:
    """A count without a figure ("عشرات", "several") and the bounds it implies."""

    qualifier: str
    low: int | None
    high: int | None


@dataclass(slots=True)
class _Atom:
    """One matched piece in folded coordinates: a digit run, number word, dual noun or vague phrase."""

    cstart: int  # start including a proclitic
    start: int  # start of the number itself
    end: int
    clitic: str
    kind: str  # digits | word | dual | vague
    key: str
    value: float | None = None


@dataclass(slots=True)
class _Num:
    """A figure being built from atoms (folded coordinates)."""

    start: int
    end: int
    form: str
    value: float | None
    total: float = 0
    group: float = 0
    last_cls: str = ""
    order: int = 0
    atoms: list[_Atom] = field(default_factory=list)
    qualifier: str = "exact"
    low: int | None = None
    high: int | None = None
    unit: str | None = None


class NumberLexicon:
    """The number words, vague phrases, qualifiers and dual nouns of both languages, compiled."""

    def __init__(self) -> None:
        self.words = _load_words("ar/numbers.tsv") | _load_words("en/numbers.tsv")
        self.vague = _load_vague("ar/number_vague.tsv") | _load_vague("en/number_vague.tsv")
        self.duals = {normalize_key(f[0]) for _, f in read_tsv("ar/dual_nouns.tsv", 2)}
        self.qualifiers = _load_qualifiers("ar/number_qualifiers.tsv")
        for key, value in _load_qualifiers("en/number_qualifiers.tsv").items():
            self.qualifiers.setdefault(key, {}).update(value)
        self.atom_re = self._compile_atoms()
        self.index: WordIndex[None] = WordIndex(
            {first_word(w): None for w in (*self.words, *self.vague, *self.duals)}, prefixes=_PREFIXES
        )
        self.before = self.qualifiers.get("before", {})
        self.before_phrases = tuple(sorted(self.before, key=len, reverse=True))
        self.after_re = self._compile_side(
            "after", r"\s*(?:[^\W\d]+\s+){{0,%d}}?(?P<q>{})(?!\w)" % POST_SKIP_WORDS
        )
        self.between = self.qualifiers.get("between", {})
        designators = read_words("ar/number_designators.txt") + read_words("en/number_designators.txt")
        self.designators = tuple(sorted({normalize_key(w) for w in designators}, key=len, reverse=True))

    def _compile_atoms(self) -> re.Pattern[str]:
        """One pass over folded text finds every atom; earlier alternatives win at a position."""
        long_words = [w for w in self.words if len(w) >= MIN_CLITIC_BASE]
        vague = trie_pattern(self.vague)
        duals = trie_pattern(self.duals)
        return re.compile(
            rf"(?<!\w)(?P<vc>{_CLITICS}?){_ARTICLE}(?P<v>{vague})(?!\w)"
            rf"|(?<!\w)(?P<uc>{_CLITICS}?)(?P<u>{duals})(?!\w)"
            rf"|(?<!\w)(?P<w>{trie_pattern(self.words)})(?!\w)"
            rf"|(?<!\w)(?P<wc>{_CLITICS})(?P<w2>{trie_pattern(long_words)})(?!\w)"
            rf"|(?:(?<!\w)(?P<dc>{_CLITICS})|(?<![\w:/]))(?<![A-Za-z]-)"
            rf"(?P<d>\d+(?:[.,]\d+)*)(?![\dA-Za-z]|[.,:/]\d)"
        )

    def _compile_side(self, position: str, template: str) -> re.Pattern[str]:
        """Compile the qualifier phrases found on one side of a figure."""
        phrases = self.qualifiers.get(position, {})
        return re.compile(template.format(trie_pattern(phrases)))


def _load_words(relpath: str) -> dict[str, NumberWord]:
    """Read a number-word TSV (word, value, class) into folded word -> NumberWord."""
    words: dict[str, NumberWord] = {}
    for line_no, fields in read_tsv(relpath, 3):
        if fields[2] not in WORD_CLASSES or not fields[1].isdigit():
            raise DataFileError(f"data/{relpath}: line {line_no} has a bad value or class: {fields!r}")
        words[normalize_key(fields[0])] = NumberWord(int(fields[1]), fields[2])
    return words


def _load_vague(relpath: str) -> dict[str, VaguePhrase]:
    """Read a vague-amount TSV (phrase, qualifier, low, high) into folded phrase -> VaguePhrase."""
    out: dict[str, VaguePhrase] = {}
    for line_no, fields in read_tsv(relpath, 4):
        if fields[1] not in QUALIFIERS:
            raise DataFileError(f"data/{relpath}: line {line_no} has unknown qualifier {fields[1]!r}")
        out[normalize_key(fields[0])] = VaguePhrase(fields[1], _bound(fields[2]), _bound(fields[3]))
    return out


def _bound(field_text: str) -> int | None:
    """Parse a bound column ("-" means open)."""
    return None if field_text == "-" else int(field_text)


def _load_qualifiers(relpath: str) -> dict[str, dict[str, str]]:
    """Read a qualifier TSV into position -> folded phrase -> qualifier."""
    out: dict[str, dict[str, str]] = {}
    for line_no, fields in read_tsv(relpath, 3):
        qualifier, position = fields[1], fields[2]
        if qualifier not in QUALIFIERS + ("percent",) or position not in ("before", "after", "between"):
            raise DataFileError(f"data/{relpath}: line {line_no} has a bad qualifier or position")
        out.setdefault(position, {})[normalize_key(fields[0])] = qualifier
    return out


@functools.cache
def default_number_lexicon() -> NumberLexicon:
    """Return the lexicon built from the shipped files (loaded once)."""
    return NumberLexicon()


def find_numbers(
    text: str | NormalizedText,
    *,
    exclude: Sequence[tuple[int, int]] = (),
    lexicon: NumberLexicon | None = None,
) -> list[NumberMention]:
    """Return every figure in ``text`` (a string or an already built ``NormalizedText``).

    Args:
        exclude: (start, end) text ranges whose figures are not counts, such as the
            spans of ``find_dates`` ("15 آذار 2023" holds no count).
    """
    nt = text if isinstance(text, NormalizedText) else NormalizedText(text)
    lex = lexicon or default_number_lexicon()
    atoms = _find_atoms(nt, lex)
    nums = _join_ranges(nt.norm, _compose(nt.norm, atoms, lex), lex)
    for num in nums:
        _apply_qualifiers(nt.norm, num, lex)
    mentions = [_to_mention(nt, num) for num in nums if num.value is not None or num.form == "vague"]
    if exclude:
        mentions = [m for m in mentions if not any(a < m.end and m.start < b for a, b in exclude)]
    return mentions


def _find_atoms(nt: NormalizedText, lex: NumberLexicon) -> list[_Atom]:
    """Match atoms only where a number word or a digit run starts (no full-text regex pass)."""
    norm = nt.norm
    candidates = sorted({start for start, _ in lex.index.starts(nt)} | _digit_starts(nt))
    atoms: list[_Atom] = []
    for pos in candidates:
        if atoms and pos < atoms[-1].end:
            continue
        m = lex.atom_re.match(norm, pos)
        if m is not None:
            atoms.append(_atom_from_match(m))
    return atoms


def _digit_starts(nt: NormalizedText) -> set[int]:
    """Start of each digit run, or of the proclitic letters glued to it ("و3")."""
    norm, starts = nt.norm, set()
    for start, _ in nt.digit_runs():
        i = start
        while i > 0 and start - i < 3 and is_word_char(norm[i - 1]) and not norm[i - 1].isdigit():
            i -= 1
        starts.add(i)
        starts.add(start)
    return starts


def _atom_from_match(m: re.Match[str]) -> _Atom:
    """Build the atom for whichever alternative of the atom pattern matched."""
    for kind, name, clitic in _ALTERNATIVES:
        if m.group(name) is not None:
            return _make_atom(m, kind, name, clitic)
    raise AssertionError("atom pattern matched no alternative")


_ALTERNATIVES = (
    ("vague", "v", "vc"), ("dual", "u", "uc"), ("word", "w", ""), ("word", "w2", "wc"), ("digits", "d", "dc"),
)


def _make_atom(m: re.Match[str], kind: str, name: str, clitic_group: str) -> _Atom:
    """Build an atom from the named groups of an atom match."""
    clitic = (m.group(clitic_group) or "") if clitic_group else ""
    key = _SPACE_RE.sub(" ", m.group(name))
    value = _parse_digits(key) if kind == "digits" else None
    start = m.start() + len(clitic)
    return _Atom(m.start(), start, m.end(), clitic, kind, key, value)


_SPACE_RE = re.compile(r"\s+")
_GROUPED_RE = re.compile(r"\d{1,3}(?:([.,])\d{3})+")


def _parse_digits(digits: str) -> float:
    """Parse "1,339" / "1.339" (thousands groups) as 1339 and "1.5" as 1.5."""
    grouped = _GROUPED_RE.fullmatch(digits)
    if grouped and len({c for c in digits if c in ".,"}) == 1:
        return float(digits.replace(",", "").replace(".", ""))
    cleaned = digits.replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        return float(digits.split(".")[0].split(",")[0])


def _compose(norm: str, atoms: list[_Atom], lex: NumberLexicon) -> list[_Num]:
    """Join adjacent atoms into figures ("خمسة وعشرين", "ثلاثة آلاف", "3 آلاف")."""
    nums: list[_Num] = []
    for atom in atoms:
        current = nums[-1] if nums else None
        if current is not None and _try_join(norm, current, atom, lex):
            continue
        nums.append(_start_num(atom, lex))
    for num in nums:
        _finish(num)
    return nums


def _start_num(atom: _Atom, lex: NumberLexicon) -> _Num:
    """Begin a figure with its first atom."""
    num = _Num(atom.start, atom.end, "words", None, atoms=[atom])
    if atom.kind == "digits":
        num.form, num.group, num.last_cls = "digits", atom.value or 0, "digits"
    elif atom.kind == "dual":
        num.form, num.group, num.last_cls = "dual", 2, "dual"
    elif atom.kind == "vague":
        _start_vague(num, atom, lex)
    else:
        word = lex.words[atom.key]
        _add_word(num, word)
    return num


def _start_vague(num: _Num, atom: _Atom, lex: NumberLexicon) -> None:
    """Begin a vague figure ("عشرات"): no value, bounds from the data file."""
    phrase = lex.vague[atom.key]
    num.form, num.last_cls = "vague", "vague"
    num.qualifier, num.low, num.high = phrase.qualifier, phrase.low, phrase.high


def _add_word(num: _Num, word: NumberWord) -> None:
    """Add a number word to a figure, starting its group or multiplying it."""
    if word.cls == "multiplier":
        num.total += (num.group or 1) * word.value
        num.group, num.order = 0, _multiplier_order(word.value)
    elif word.cls == "thousand":
        num.total += word.value
        num.order = _ORDER["thousand"]
    elif word.cls == "hundred" and word.value == 100 and num.last_cls == "unit":
        num.group *= 100
        num.order = _ORDER["hundred"]
    else:
        num.group += word.value
        num.order = _ORDER[word.cls]
    num.last_cls = word.cls


def _multiplier_order(value: int) -> int:
    """Order of a multiplied block: thousands 4, millions 5, billions 6."""
    return {1000: 4, 1000000: 5}.get(value, 6)


def _connector(norm: str, num: _Num, atom: _Atom) -> str | None:
    """Say how ``atom`` follows ``num``: "and", "space", "hyphen", or None when not adjacent."""
    gap = norm[num.end:atom.cstart]
    if atom.clitic == "و" and not gap.strip():
        return "and" if gap else None
    stripped = gap.strip()
    if stripped == "" and gap and not atom.clitic:
        return "space"
    if stripped in ("و", "and") and not atom.clitic:
        return "and"
    if gap == "-" and num.form == "words" and atom.kind == "word":
        return "hyphen"
    return None


def _try_join(norm: str, num: _Num, atom: _Atom, lex: NumberLexicon) -> bool:
    """Extend ``num`` with ``atom`` when the grammar allows; return whether it did."""
    if num.form in ("dual", "vague") or atom.kind in ("dual", "digits"):
        return False
    connector = _connector(norm, num, atom)
    if connector is None:
        return False
    word = lex.words.get(atom.key)
    if word is None:
        word = _vague_as_multiplier(atom, lex)
        if word is None:
            return False
    if not _grammar_allows(num, word, connector):
        return False
    _add_word(num, word)
    num.end = atom.end
    num.atoms.append(atom)
    if num.form == "digits":
        num.form = "mixed"
    return True


def _vague_as_multiplier(atom: _Atom, lex: NumberLexicon) -> NumberWord | None:
    """Read "آلاف"/"thousands" after a figure as a multiplier ("ثلاثة آلاف" is 3000)."""
    if atom.kind != "vague":
        return None
    word = lex.words.get(atom.key)
    return word if word is not None and word.cls == "multiplier" else None


def _grammar_allows(num: _Num, word: NumberWord, connector: str) -> bool:
    """The composition rules for number words (see the module docstring)."""
    if word.cls == "multiplier":
        return connector == "space" and num.group > 0 and num.order < _multiplier_order(word.value)
    if num.form == "digits":
        return False
    if word.cls == "hundred" and word.value == 100 and num.last_cls == "unit":
        return connector == "space"
    order = _ORDER[word.cls]
    if connector == "and":
        return order < num.order or (num.last_cls == "unit" and word.cls == "ten")
    # English: "twenty five", "twenty-five", "one hundred twenty"
    return (num.last_cls == "ten" and word.cls == "unit") or (num.order >= 3 and order < num.order)


def _finish(num: _Num) -> None:
    """Fix the value of a composed figure (decimals only count when multiplied)."""
    if num.form == "vague":
        return
    value = num.total + num.group
    if value != int(value) or value <= 0 and num.form != "digits":
        num.value = None
        return
    num.value = value
    num.low = num.high = int(value)


def _join_ranges(norm: str, nums: list[_Num], lex: NumberLexicon) -> list[_Num]:
    """Merge "بين 5 و7", "من 5 إلى 7", "5-7", "5 أو 6", "between 5 and 7" into one range figure."""
    out: list[_Num] = []
    for num in nums:
        prev = out[-1] if out else None
        if prev is not None and _is_range(norm, prev, num, lex):
            prev.end = num.end
            prev.qualifier, prev.high = "range", int(num.value or 0)
            prev.form = prev.form if prev.form == num.form else "mixed"
            continue
        out.append(num)
    return out


def _is_range(norm: str, first: _Num, second: _Num, lex: NumberLexicon) -> bool:
    """True when two exact figures are joined by a range word and rise."""
    if first.value is None or second.value is None or first.qualifier != "exact":
        return False
    if second.qualifier != "exact" or not first.value < second.value:
        return False
    gap = norm[first.end:second.atoms[0].cstart]
    joiner = (gap.strip() or second.atoms[0].clitic).strip()
    if second.atoms[0].clitic and gap.strip():
        return False
    if lex.between.get(joiner) != "range":
        return False
    if joiner in ("و", "and"):
        return _range_opener(norm, first, lex) is not None
    return True


def _range_opener(norm: str, num: _Num, lex: NumberLexicon) -> int | None:
    """Return where a "بين"/"between" phrase right before ``num`` starts, if any."""
    start = ends_with_phrase(norm, num.start, lex.before_phrases)
    if start is None:
        return None
    phrase = _SPACE_RE.sub(" ", norm[start:num.start].strip())
    return start if lex.before.get(phrase) == "range" else None


def _apply_qualifiers(norm: str, num: _Num, lex: NumberLexicon) -> None:
    """Widen the span over "at least"/"about"/percent phrases and set bounds accordingly."""
    if num.qualifier == "range":
        opener = _range_opener(norm, num, lex)
        if opener is not None:
            num.start = opener
        num.value = num.low
        return
    if num.form == "digits" and _designated(norm, num.start, lex):
        num.unit = "designation"
        return
    before = ends_with_phrase(norm, num.start, lex.before_phrases)
    if before is not None:
        qualifier = lex.before[_SPACE_RE.sub(" ", norm[before:num.start].strip())]
        if _qualify(num, qualifier):
            num.start = before
    after = lex.after_re.match(norm, num.end)
    if after is not None:
        qualifier = lex.qualifiers["after"][_SPACE_RE.sub(" ", after.group("q"))]
        if qualifier == "percent":
            if not norm[num.end:after.start("q")].strip():
                num.unit, num.end = "percent", after.end()
        elif _qualify(num, qualifier):
            num.end = after.end()


def _designated(norm: str, start: int, lex: NumberLexicon) -> bool:
    """True when a figure names a unit, road or hour ("الفرقة 17", "Route 4") instead of counting."""
    stripped = norm[:start].rstrip(" .#:")
    return ends_with_phrase(stripped, len(stripped), lex.designators) is not None


def _qualify(num: _Num, qualifier: str) -> bool:
    """Hedge an exact figure with ``qualifier``; return whether it applied."""
    if qualifier in ("range", "percent") or num.form == "vague" or num.qualifier != "exact":
        return False
    num.qualifier = qualifier
    num.low, num.high = _bounds(qualifier, int(num.value or 0))
    return True


def _bounds(qualifier: str, value: int) -> tuple[int | None, int | None]:
    """Bounds a qualifier gives a figure: at least n -> (n, None); more than n -> (n+1, None)."""
    return {
        "at_least": (value, None),
        "more_than": (value + 1, None),
        "about": (None, None),
        "up_to": (None, value),
    }.get(qualifier, (value, value))


def _to_mention(nt: NormalizedText, num: _Num) -> NumberMention:
    """Convert a folded-coordinate figure into a mention over the original text."""
    start, end = nt.to_text(num.start, num.end)
    value = None if num.value is None else int(num.value)
    return NumberMention(
        start, end, nt.text[start:end], value, num.low, num.high, num.qualifier, num.form, num.unit
    )
