"""Reading the text layer's shipped word lists (TSV and YAML under ``marsad/data``)."""

from __future__ import annotations

import logging
import re
from importlib import resources
from collections.abc import Iterable, Mapping
from typing import Any, Generic, TypeVar

import yaml

from marsad.errors import DataFileError
from marsad.text.normalize import NormalizedText

log = logging.getLogger(__name__)

V = TypeVar("V")


def read_data_text(relpath: str) -> str:
    """Return the text of ``marsad/data/<relpath>``; raise ``DataFileError`` when missing."""
    path = resources.files("marsad").joinpath("data", *relpath.split("/"))
    try:
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError, UnicodeDecodeError) as exc:
        raise DataFileError(f"data/{relpath}: cannot be read ({exc})") from exc


def read_tsv(relpath: str, columns: int) -> list[tuple[int, list[str]]]:
    """Return (line number, fields) for each data row of a TSV with at least ``columns`` fields.

    Blank lines and lines starting with ``#`` are skipped; fields are stripped.
    """
    rows = []
    for line_no, line in enumerate(read_data_text(relpath).splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) < columns or not all(fields[:columns]):
            raise DataFileError(
                f"data/{relpath}: line {line_no} needs {columns} tab-separated fields, got {line!r}"
            )
        rows.append((line_no, fields))
    return rows


def read_words(relpath: str) -> list[str]:
    """Return the first field of each data row of a one-word-per-line (or TSV) file."""
    return [fields[0] for _, fields in read_tsv(relpath, 1)]


# libyaml's parser when PyYAML was built with it (several times faster; the same safe constructors).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """Parse YAML text with the safe loader (the C one when available)."""
    return yaml.load(text, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader


def read_yaml(relpath: str) -> Any:
    """Parse ``marsad/data/<relpath>`` as YAML; raise ``DataFileError`` when malformed."""
    try:
        return load_yaml(read_data_text(relpath))
    except yaml.YAMLError as exc:
        raise DataFileError(f"data/{relpath}: invalid YAML ({exc})") from exc


def trie_pattern(words: Iterable[str]) -> str:
    """Return a regex alternation of ``words`` shaped as a trie (fast to fail, longest match first).

    The result is a non-capturing group; a space inside a phrase matches any whitespace run;
    an empty word list gives a pattern that never matches.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_to_regex(trie) if trie else "(?!)"


def _trie_to_regex(node: dict[str, Any]) -> str:
    """Render one trie node (children sorted so longer continuations are tried first)."""
    branches = [_char_regex(char) + _trie_to_regex(child) for char, child in sorted(node.items()) if char]
    optional = "" in node
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if optional:
        return "(?:" + body + ")?"
    return body


def _char_regex(char: str) -> str:
    """Escape one trie character; a space in a phrase matches any run of whitespace."""
    return r"\s+" if char == " " else re.escape(char)


def is_word_char(char: str) -> bool:
    """True for characters ``\\w`` matches in folded text (letters, digits, underscore)."""
    return char.isalnum() or char == "_"


def first_word(phrase: str) -> str:
    """The first word of a folded phrase."""
    return phrase.split(" ", 1)[0]


class WordIndex(Generic[V]):
    """Finds where listed words start in folded text, without a regex pass over the whole text.

    A regex scan costs tens of nanoseconds per character; instead the text's word set is
    intersected with the keys, and only the words present are located with ``str.find``.
    A word may carry one of ``prefixes`` (proclitics such as "و", "بال"); the position
    returned is then where the prefix starts.
    """

    def __init__(self, keys: Mapping[str, V], *, prefixes: Iterable[str] = ()) -> None:
        self.keys = dict(keys)
        self.keyset = frozenset(self.keys)
        self.prefixes = tuple(sorted({p for p in prefixes if p}, key=len, reverse=True))
        self.prefixed = {p + k: k for k in self.keys for p in self.prefixes}

    def starts(self, nt: NormalizedText) -> list[tuple[int, V]]:
        """Return (start, value) for every occurrence of a key as a whole word, in text order."""
        present = set(nt.words() & self.keyset) | self._present_after_prefix(nt.words())
        found: list[tuple[int, V]] = []
        for key in present:
            value = self.keys[key]
            found.extend((start, value) for start in self._occurrences(nt.norm, key))
        found.sort(key=lambda item: item[0])
        return found

    def _present_after_prefix(self, words: frozenset[str]) -> set[str]:
        """Keys that occur only behind a prefix ("وثلاثة" -> "ثلاثه"): one set intersection."""
        return {self.prefixed[word] for word in words & self.prefixed.keys()}

    def _occurrences(self, norm: str, key: str) -> list[int]:
        """Word-start positions where ``key`` occurs as a whole word (maybe behind a prefix)."""
        out = []
        i = norm.find(key)
        while i != -1:
            end = i + len(key)
            if end == len(norm) or not is_word_char(norm[end]):
                start = self._word_start(norm, i)
                if start is not None:
                    out.append(start)
            i = norm.find(key, i + 1)
        return out

    def _word_start(self, norm: str, i: int) -> int | None:
        """Where the word holding a key at ``i`` starts, if only a listed prefix comes before it."""
        if i == 0 or not is_word_char(norm[i - 1]):
            return i
        for prefix in self.prefixes:
            start = i - len(prefix)
            if start >= 0 and norm.startswith(prefix, start) and (start == 0 or not is_word_char(norm[start - 1])):
                return start
        return None


def ends_with_phrase(norm: str, end: int, phrases: tuple[str, ...]) -> int | None:
    """Start of the longest of ``phrases`` ending at ``end`` (whitespace before ``end`` skipped), or None.

    ``phrases`` must be sorted longest first; a phrase must start at a word boundary.
    """
    window = norm[max(0, end - 40):end].rstrip()
    if not window.endswith(phrases):
        return None
    base = max(0, end - 40)
    for phrase in phrases:
        if window.endswith(phrase):
            start = len(window) - len(phrase)
            if start == 0 and base > 0 and is_word_char(norm[base - 1]):
                continue
            if start > 0 and is_word_char(window[start - 1]):
                continue
            return base + start
    return None
