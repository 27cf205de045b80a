"""Boilerplate removal: share buttons, credits, bylines, related links... (rules in data/boilerplate.yaml)."""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from marsad.document import RemovedLine
from marsad.errors import DataFileError
from marsad.text.lexicon import load_yaml

log = logging.getLogger(__name__)

WHERE = ("anywhere", "top", "foot")
KINDS = ("line", "header", "outlet-tag", "summary", "points")
_BULLET = re.compile(r"^(?:[•·▪●◦\-*–—]|\d{1,2}[.)\-])\s*")
_HEADER_TAIL = r"\s*(?:[:：\-–—|]\s*(?P<rest>.*))?"
_FINAL_PUNCT = tuple(".!?؟…。")
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_NEWLINES = re.compile(r"\r\n|\r|\u2028|\u2029|\x85")


@dataclass(frozen=True, slots=True)
class Rule:
    """One boilerplate pattern: the whole stripped line must match ``pattern``."""

    reason: str
    pattern: re.Pattern[str]
    where: str = "anywhere"
    kind: str = "line"
    examples: tuple[str, ...] = ()

    def match(self, line: str) -> re.Match[str] | None:
        """Return the match when ``line`` (already stripped) is this boilerplate."""
        return self.pattern.fullmatch(line)


@dataclass(slots=True)
class Cleaned:
    """The result of cleaning: text, the removed lines, and an outlet tag if one was found."""

    text: str
    removed: list[RemovedLine] = field(default_factory=list)
    outlet_tag: str | None = None
    lines: list[str] = field(default_factory=list)  # the original lines, for dateline/footer dates


def _compile_rule(entry: dict[str, Any], *, source: str) -> Rule:
    """Build a ``Rule`` from one YAML entry; raise ``DataFileError`` on a bad entry."""
    reason, pattern = entry.get("reason"), entry.get("pattern")
    where, kind = entry.get("where", "anywhere"), entry.get("kind", "line")
    if not reason or not pattern or where not in WHERE or kind not in KINDS:
        raise DataFileError(f"{source}: bad rule {entry!r} (needs reason, pattern, where in {WHERE}, kind in {KINDS})")
    body = f"(?:{pattern}){_HEADER_TAIL}" if kind in ("header", "summary", "points") else pattern
    try:
        compiled = re.compile(body, re.IGNORECASE)
    except re.error as exc:
        raise DataFileError(f"{source}: rule {reason!r} has a bad pattern ({exc})") from exc
    return Rule(str(reason), compiled, where, kind, tuple(entry.get("examples") or ()))


@dataclass(frozen=True, slots=True)
class Boilerplate:
    """The boilerplate rules, loaded once and passed around."""

    rules: tuple[Rule, ...]
    top_lines: int = 6
    headline_chars: int = 120
    headline_words: int = 18
    max_line_chars: int = 300  # longer lines are report paragraphs, never boilerplate
    screen: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Join every rule into one pattern, so most lines need a single match to be kept."""
        joined = "|".join(f"(?:{_NAMED_GROUP.sub('(?:', r.pattern.pattern)})" for r in self.rules)
        object.__setattr__(self, "screen", re.compile(joined, re.IGNORECASE))

    def may_match(self, line: str) -> bool:
        """Cheap test: False means no rule can match ``line``."""
        return len(line) <= self.max_line_chars and self.screen.fullmatch(line) is not None

    @classmethod
    def from_yaml(cls, path: str | Path) -> "Boilerplate":
        """Load rules from a YAML file (see ``data/boilerplate.yaml`` for the format)."""
        try:
            data = load_yaml(Path(path).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise DataFileError(f"{path}: cannot load boilerplate rules ({exc})") from exc
        entries = data.get("rules") if isinstance(data, dict) else None
        if not isinstance(entries, list) or not entries or not all(isinstance(e, dict) for e in entries):
            raise DataFileError(f"{path}: no 'rules' list of mappings")
        return cls(tuple(_compile_rule(e, source=str(path)) for e in entries))

    @classmethod
    def default(cls) -> "Boilerplate":
        """The shipped rules (loaded once)."""
        return _default_rules()

    def clean(self, text: str) -> Cleaned:
        """Remove boilerplate lines from ``text`` and tidy what is left."""
        return _Cleaner(self, split_lines(text)).run()

    def is_headline(self, line: str) -> bool:
        """A short line without final punctuation, like a linked headline or a tag."""
        return (
            0 < len(line) <= self.headline_chars
            and len(line.split()) <= self.headline_words
            and not line.endswith(_FINAL_PUNCT)
        )


@functools.cache
def _default_rules() -> Boilerplate:
    """Load ``marsad/data/boilerplate.yaml`` once."""
    path = resources.files("marsad").joinpath("data/boilerplate.yaml")
    with resources.as_file(path) as real:
        return Boilerplate.from_yaml(real)


def split_lines(text: str) -> list[str]:
    """Split on any line break (CRLF, CR, Unicode separators)."""
    return _NEWLINES.sub("\n", text).split("\n")


def tidy_lines(lines: list[str]) -> str:
    """NFC, strip each line, drop blank lines: one "\\n" between paragraphs."""
    kept = (unicodedata.normalize("NFC", line).strip() for line in lines)
    return "\n".join(line for line in kept if line)


class _Cleaner:
    """One pass of the rules over one text's lines."""

    def __init__(self, rules: Boilerplate, lines: list[str]) -> None:
        self.rules = rules
        self.lines = lines
        self.stripped = [line.strip() for line in lines]
        self.removed: dict[int, RemovedLine] = {}
        self.outlet_tag: str | None = None

    def run(self) -> Cleaned:
        """Forward pass (anywhere/top rules), then the foot block, then tidy."""
        self._forward()
        self._foot()
        kept = [line for i, line in enumerate(self.lines) if i not in self.removed]
        removed = [self.removed[i] for i in sorted(self.removed)]
        return Cleaned(tidy_lines(kept), removed, self.outlet_tag, self.lines)

    def _remove(self, i: int, reason: str) -> None:
        """Mark line ``i`` removed for ``reason`` (first reason wins)."""
        if i not in self.removed:
            self.removed[i] = RemovedLine(self.stripped[i], reason, i + 1)

    def _forward(self) -> None:
        """Apply anywhere/top rules line by line (the first matching rule wins)."""
        seen = 0
        for i, line in enumerate(self.stripped):
            if not line:
                continue
            seen += 1
            if i in self.removed or not self.rules.may_match(line):
                continue
            top = seen <= self.rules.top_lines
            for rule in self.rules.rules:
                if rule.where == "foot" or (rule.where == "top" and not top):
                    continue
                match = rule.match(line)
                if match:
                    self._apply(rule, match, i)
                    break

    def _apply(self, rule: Rule, match: re.Match[str], i: int) -> None:
        """Remove line ``i`` for ``rule``; headers also take their headlines."""
        self._remove(i, rule.reason)
        if rule.kind == "outlet-tag" and self.outlet_tag is None:
            self.outlet_tag = match.group("outlet").strip()
        elif rule.kind == "header" and not (match.group("rest") or "").strip():
            self._remove_headlines(i + 1, rule.reason)
        elif rule.kind in ("summary", "points") and not (match.group("rest") or "").strip():
            self._remove_digest(i + 1, rule.reason, paragraphs=int(rule.kind == "summary"))

    def _remove_digest(self, start: int, reason: str, *, paragraphs: int) -> None:
        """Remove what a summary or key-points heading introduces before the report itself retells it:
        short label lines ("إنتاج AI"), bullet items, or else up to ``paragraphs`` prose paragraphs."""
        for j in range(start, len(self.stripped)):
            line = self.stripped[j]
            if not line:
                continue
            if _BULLET.match(line):
                self._remove(j, reason)
                paragraphs = 0  # the bullets are the summary: the report begins after them
            elif self.rules.is_headline(line):
                self._remove(j, reason)
            elif paragraphs:
                self._remove(j, reason)
                paragraphs -= 1
            else:
                return

    def _remove_headlines(self, start: int, reason: str) -> None:
        """Remove headline-like lines after a header, up to a blank line or a long paragraph."""
        found = False
        for j in range(start, len(self.stripped)):
            line = self.stripped[j]
            if not line:
                if found:
                    return
                continue
            if not self.rules.is_headline(line):
                return
            self._remove(j, reason)
            found = True

    def _foot(self) -> None:
        """From the end: remove foot rules' lines and the short tag lines below them."""
        pending: list[int] = []
        foot_rules = [r for r in self.rules.rules if r.where == "foot"]
        for i in range(len(self.stripped) - 1, -1, -1):
            line = self.stripped[i]
            if not line or i in self.removed:
                continue
            rule = next((r for r in foot_rules if r.match(line)), None)
            if rule:
                for j in [*pending, i]:
                    self._remove(j, rule.reason)
                pending = []
            elif self.rules.is_headline(line) and len(line.split()) <= 4:
                pending.append(i)
            else:
                return
