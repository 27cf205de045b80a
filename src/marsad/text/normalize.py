"""Arabic-aware folding for matching, with offsets back to the original text.

Folding is per character: alef forms (hamza, madda, wasla) become bare alef,
alef maqsura becomes yeh, teh marbuta becomes heh, hamza carriers waw/yeh lose
the hamza, Arabic-Indic and Persian digits become ASCII, Latin is lower-cased
and accents dropped, presentation forms and ligatures are expanded (NFKD), and
diacritics (harakat, shadda, sukun, dagger alef), tatweel and invisible
direction/joiner marks are deleted. Arabic punctuation (، ؛ ؟) is kept.

Because every character folds on its own, ``NormalizedText`` can map any range
of the folded string back to the original with one index array.
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
import unicodedata

from marsad.errors import InputError, SpanError

log = logging.getLogger(__name__)

# Letter variants folded for matching (applied after NFKD, so composed forms
# such as U+0623 arrive here already decomposed into alef + hamza mark).
_LETTER_MAP: dict[str, str] = {
    "\u0671": "\u0627",  # alef wasla -> alef
    "\u0672": "\u0627",  # alef with wavy hamza above
    "\u0673": "\u0627",  # alef with wavy hamza below
    "\u0675": "\u0627",  # high hamza alef
    "\u0649": "\u064a",  # alef maqsura -> yeh
    "\u06cc": "\u064a",  # Farsi yeh -> yeh
    "\u06d2": "\u064a",  # yeh barree -> yeh
    "\u0629": "\u0647",  # teh marbuta -> heh
    "\u06c0": "\u0647",  # heh with yeh above
    "\u06c1": "\u0647",  # heh goal
    "\u06d5": "\u0647",  # ae
    "\u06a9": "\u0643",  # keheh -> kaf
    "\u06aa": "\u0643",  # swash kaf
    "\u066b": ".",  # Arabic decimal separator
    "\u066c": ",",  # Arabic thousands separator
    "\u066a": "%",  # Arabic percent sign
}
_LETTER_MAP.update({chr(0x0660 + d): str(d) for d in range(10)})  # Arabic-Indic digits
_LETTER_MAP.update({chr(0x06F0 + d): str(d) for d in range(10)})  # Persian digits

# Characters deleted outright (besides combining marks, which NFKD exposes).
_DELETED_RANGES: tuple[tuple[int, int], ...] = (
    (0x0640, 0x0640),  # tatweel
    (0x064B, 0x065F),  # harakat, shadda, sukun, maddah/hamza marks
    (0x0670, 0x0670),  # dagger alef
    (0x06D6, 0x06ED),  # Quranic annotation marks
    (0x061C, 0x061C),  # Arabic letter mark
    (0x200B, 0x200F),  # zero-width space/non-joiner/joiner, LRM, RLM
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2066, 0x2069),  # bidi isolates
    (0x00AD, 0x00AD),  # soft hyphen
    (0xFEFF, 0xFEFF),  # byte order mark / zero-width no-break space
)

_SPACE_RE = re.compile(r"\s+")
_AL_RE = re.compile(r"^(?:ال|al-|el-)(?=\S\S)")
_AL_WORD_RE = re.compile(r"(?<!\S)(?:ال|al-|el-)(?=\S\S)")


# Unicode blocks the fold table covers; characters elsewhere pass unchanged.
_COVERED_BLOCKS: tuple[tuple[int, int], ...] = (
    (0x0000, 0x03FF),  # Latin, combining diacritics, Greek
    (0x0600, 0x08FF),  # Arabic, Arabic Supplement, Arabic Extended-A
    (0x1E00, 0x1EFF),  # Latin Extended Additional
    (0x2000, 0x218F),  # punctuation, super/subscripts, letterlike, number forms
    (0x2460, 0x24FF),  # enclosed alphanumerics
    (0xFB00, 0xFFFF),  # ligatures, Arabic presentation forms A/B, full-width forms
)

# Characters that fold to themselves after ``str.lower`` or by a plain replacement;
# a text made only of these takes the fast path (no translate table, identical offsets).
_SIMPLE_CLASS = (
    "\x00-\x7f\u0621-\u063a\u0641-\u064a\u060c\u061b\u061f\u0660-\u0669\u06f0-\u06f9"
    "\u0671\u066b\u066c\u066a\u00ab\u00bb\u2013\u2014\u2018\u2019\u201c\u201d"
)


def _is_deleted(char: str) -> bool:
    """Return True for characters folding removes entirely."""
    code = ord(char)
    return any(lo <= code <= hi for lo, hi in _DELETED_RANGES)


def _fold_rule(char: str) -> str:
    """Apply the folding rules to one character (the definition the table caches)."""
    if char in _LETTER_MAP:
        return _LETTER_MAP[char]
    if _is_deleted(char):
        return ""
    if char.isascii():
        return char.lower()
    parts = []
    for piece in unicodedata.normalize("NFKD", char):
        if unicodedata.combining(piece) or _is_deleted(piece):
            continue
        parts.append(_LETTER_MAP.get(piece, piece))
    return "".join(parts).lower()


class _Folding:
    """The compiled folding knowledge: a translate table, a fast replacement chain, two regexes."""

    def __init__(self) -> None:
        table = [chr(code) for code in range(0x10000)]
        for lo, hi in _COVERED_BLOCKS:
            for code in range(lo, hi + 1):
                if not 0xD800 <= code <= 0xDFFF:
                    table[code] = _fold_rule(chr(code))
        self.table: list[str] = table
        simple_re = re.compile(f"[{_SIMPLE_CLASS}]")
        self.pairs: tuple[tuple[str, str], ...] = tuple(
            (chr(code), folded)
            for code, folded in enumerate(table)
            if simple_re.fullmatch(chr(code)) and folded != chr(code).lower()
        )
        self.complex_re = re.compile(f"[^{_SIMPLE_CLASS}]")
        irregular = [chr(c) for c, folded in enumerate(table) if len(folded) != 1]
        self.irregular_re = re.compile(_char_class(irregular))

    def fold_simple(self, text: str) -> str:
        """Fold a text known to hold only simple characters, by plain replacements."""
        text = text.lower()
        for src, dst in self.pairs:
            if src in text:
                text = text.replace(src, dst)
        return text

    def fold(self, text: str) -> str:
        """Fold any text."""
        if self.complex_re.search(text) is None:
            return self.fold_simple(text)
        return text.translate(self.table)


def _char_class(chars: list[str]) -> str:
    """Build a compact regex character class (with ranges) for sorted ``chars``."""
    codes = sorted(ord(c) for c in chars)
    parts: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        lo, hi = chr(codes[i]), chr(codes[j])
        parts.append(re.escape(lo) if i == j else f"{re.escape(lo)}-{re.escape(hi)}")
        i = j + 1
    return "[" + "".join(parts) + "]"


@functools.cache
def folding() -> _Folding:
    """Return the shared folding tables (built once, on first use)."""
    return _Folding()


def require_text(value: object, what: str) -> str:
    """Return ``value`` if it is a string; raise ``InputError`` naming ``what`` otherwise."""
    if not isinstance(value, str):
        raise InputError(f"{what}: expected text (str), got {type(value).__name__}")
    return value


def normalize_char(char: str) -> str:
    """Fold one character for matching; the result may be empty or longer than one character."""
    if len(char) != 1:
        raise ValueError(f"normalize_char expects one character, got {char!r}")
    code = ord(char)
    return folding().table[code] if code < 0x10000 else char


def normalize(text: str) -> str:
    """Fold ``text`` for matching (see the module docstring); offsets may shift."""
    return folding().fold(require_text(text, "normalize"))


def normalize_key(text: str) -> str:
    """Fold ``text`` and collapse whitespace: the form used for dictionary keys."""
    return _SPACE_RE.sub(" ", normalize(text)).strip()


def strip_al(text: str, *, every_word: bool = False) -> str:
    """Drop a leading definite article (ال, al-, el-) from a folded key, keeping at least two letters."""
    pattern = _AL_WORD_RE if every_word else _AL_RE
    return pattern.sub("", text)


# Punctuation that separates words for ``NormalizedText.words`` (str.replace is far faster than a regex).
_WORD_SEPARATORS = "،,.:;؛؟?!()[]{}\"«»“”‘’'/-–—*|"


def _digit_runs(norm: str) -> list[tuple[int, int]]:
    """Find runs of ASCII digits with ``str.find`` (ten fast scans instead of one slow regex)."""
    positions: list[int] = []
    for digit in "0123456789":
        i = norm.find(digit)
        while i != -1:
            positions.append(i)
            i = norm.find(digit, i + 1)
    positions.sort()
    runs: list[tuple[int, int]] = []
    for pos in positions:
        if runs and runs[-1][1] == pos:
            runs[-1] = (runs[-1][0], pos + 1)
        else:
            runs.append((pos, pos + 1))
    return runs


class NormalizedText:
    """A text with its folded form and offset maps between the two.

    ``norm`` is ``normalize(text)``. ``to_text(start, end)`` maps a range of
    ``norm`` to the smallest range of ``text`` whose folding contains it (a
    diacritic right after the range is included; a ligature partly covered is
    taken whole). ``to_norm(i)`` maps a text offset to the folded offset.
    Only the characters that do not fold one-to-one are recorded (sorted
    offsets searched by bisection), so building is cheap for news text.
    """

    __slots__ = ("text", "norm", "_tpos", "_npos", "_flen", "_words", "_digits")

    def __init__(self, text: str) -> None:
        fold = folding()
        self.text = require_text(text, "NormalizedText")
        self._tpos: list[int] = []  # text offsets of characters that do not fold one-to-one
        self._npos: list[int] = []  # where each one's folding starts in norm
        self._flen: list[int] = []  # how many norm characters each one became
        self._words: frozenset[str] | None = None
        self._digits: list[tuple[int, int]] | None = None
        if fold.complex_re.search(text) is None:
            self.norm = fold.fold_simple(text)
            return
        positions = [m.start() for m in fold.irregular_re.finditer(text)]
        if not positions:
            self.norm = text.translate(fold.table)
            return
        # Fold the few irregular characters first, then the rest by the cheaper path
        # (the table is idempotent, so folding twice changes nothing).
        table = fold.table
        self.norm = fold.fold(fold.irregular_re.sub(lambda m: table[ord(m.group())], text))
        self._record(positions, table)

    def _record(self, positions: list[int], table: list[str]) -> None:
        """Record each irregular character's text offset, norm offset and folded length."""
        shift = 0
        for pos in positions:
            length = len(table[ord(self.text[pos])])
            self._tpos.append(pos)
            self._npos.append(pos + shift)
            self._flen.append(length)
            shift += length - 1

    @property
    def identity(self) -> bool:
        """True when ``norm`` and ``text`` share offsets (every character folded one-to-one)."""
        return not self._tpos

    def _norm_to_text(self, index: int) -> int:
        """Return the text offset of the character that produced ``norm[index]``."""
        k = bisect.bisect_right(self._npos, index) - 1
        if k < 0:
            return index
        inside = index - self._npos[k]
        if inside < self._flen[k]:
            return self._tpos[k]
        return self._tpos[k] + 1 + inside - self._flen[k]

    def to_text(self, start: int, end: int) -> tuple[int, int]:
        """Map the range ``[start, end)`` of ``norm`` back to ``text``."""
        if not 0 <= start <= end <= len(self.norm):
            raise SpanError(f"normalised range {start}:{end} is outside 0:{len(self.norm)}")
        if not self._tpos:
            return start, end
        if start == end:
            pos = self._norm_to_text(start) if start < len(self.norm) else len(self.text)
            return pos, pos
        text_end = self._norm_to_text(end - 1) + 1
        return self._norm_to_text(start), self._extend_over_marks(text_end)

    def _extend_over_marks(self, pos: int) -> int:
        """Move ``pos`` past deleted marks (harakat, a final tatweel as in "هـ") after the previous letter."""
        text, table = self.text, folding().table
        while pos < len(text) and (unicodedata.combining(text[pos]) or text[pos] == "\u0640") \
                and not table[ord(text[pos])]:
            pos += 1
        return pos

    def to_norm(self, index: int) -> int:
        """Map offset ``index`` of ``text`` to the offset of ``norm`` where its folding starts."""
        if not 0 <= index <= len(self.text):
            raise SpanError(f"text offset {index} is outside 0:{len(self.text)}")
        k = bisect.bisect_right(self._tpos, index) - 1
        if k < 0:
            return index
        if self._tpos[k] == index:
            return self._npos[k]
        return self._npos[k] + self._flen[k] + index - self._tpos[k] - 1

    def words(self) -> frozenset[str]:
        """The distinct words of ``norm`` with punctuation removed (computed once)."""
        if self._words is None:
            stripped = self.norm
            for mark in _WORD_SEPARATORS:
                if mark in stripped:
                    stripped = stripped.replace(mark, " ")
            self._words = frozenset(stripped.split())
        return self._words

    def digit_runs(self) -> list[tuple[int, int]]:
        """The (start, end) of every run of ASCII digits in ``norm`` (computed once)."""
        if self._digits is None:
            self._digits = _digit_runs(self.norm)
        return self._digits

    def __repr__(self) -> str:
        return f"NormalizedText({self.text[:40]!r}, identity={self.identity})"
