"""Who reported an event: outlets and quoted sources under the names ACLED writes, each once with its figure.

Every view of an event's sources uses ``summarize_sources``: the ACLED ``source`` and
``source_scale`` columns, ``number_of_sources``, the dashboard's source list and ``marsad events``.

Rules:
- a report's outlet (its masthead, feed title or website) and the sources it names are mapped
  onto one name each (``sources.yaml`` for names found in text, ``outlets.yaml`` for mastheads);
  an internal article id, "unnamed", "correspondent" or a dateline place is never a source;
- anonymous and local sources ("a security source", "activists") are listed under the outlet that
  cites them; they name the event's sources only when nothing else does;
- a report's total (its coded fatalities) is the figure of the sources it names and of its outlet;
  a source is listed once, with its latest total;
- sources disagree only when two of them give different totals for the same victims on the same
  reporting day. A figure for one side, or one whose victims are not stated, is shown but is no
  disagreement; a later, different total is an update. "Did not comment" is not a denial.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from marsad.document import Claim, Event
from marsad.text.lexicon import read_yaml
from marsad.text.normalize import normalize_key

SCALE_ORDER = ("Local", "Subnational", "National", "Regional", "International", "New media", "Other")
CITED_KINDS = frozenset({"local", "anonymous"})
_PART_SEPARATORS = re.compile(r"\s+[-–—|:]\s+|\s*\|\s*")


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """A source as ACLED names it: its name, ``source_scale`` and kind (outlet, agency, monitor, local...)."""

    name: str
    scale: str = "Other"
    kind: str = "outlet"

    @property
    def cited(self) -> bool:
        """An anonymous or local source (listed under the outlet that cites it)."""
        return self.kind in CITED_KINDS


class SourceDirectory:
    """Known sources and outlets by every alias, masthead and website domain."""

    def __init__(self, aliases: dict[str, SourceInfo], domains: dict[str, SourceInfo], *,
                 no_comment: Sequence[str] = (), placeholders: Iterable[str] = ()) -> None:
        self.aliases = aliases
        self.domains = domains
        self.no_comment = tuple(normalize_key(p) for p in no_comment if p)
        self.placeholders = frozenset(normalize_key(p) for p in placeholders)
        self._keys: dict[str, str] = {}  # name -> folded key (folding is the cost of every lookup)

    def _key(self, name: str) -> str:
        key = self._keys.get(name)
        if key is None:
            key = normalize_key(name)
            if len(self._keys) < 100_000:  # bounded: names repeat, ids do not
                self._keys[name] = key
        return key

    @classmethod
    @functools.cache
    def default(cls) -> "SourceDirectory":
        """The directory built from the shipped sources.yaml, outlets.yaml and claims.yaml (loaded once)."""
        aliases: dict[str, SourceInfo] = {}
        domains: dict[str, SourceInfo] = {}
        for raw in (read_yaml("sources.yaml") or {}).get("sources") or []:
            info = SourceInfo(str(raw["name"]), str(raw.get("scale") or "Other"), str(raw.get("kind") or "outlet"))
            for alias in [raw["name"], *(raw.get("ar") or []), *(raw.get("en") or [])]:
                aliases.setdefault(normalize_key(str(alias)), info)
        for raw in (read_yaml("outlets.yaml") or {}).get("outlets") or []:
            known = aliases.get(normalize_key(str(raw["name"])))
            info = known or SourceInfo(str(raw["name"]), str(raw.get("scale") or "Other"), "outlet")
            for alias in [raw["name"], *(raw.get("names") or [])]:
                aliases.setdefault(normalize_key(str(alias)), info)
            for domain in raw.get("domains") or []:
                domains[str(domain).lower()] = info
        claims = read_yaml("claims.yaml") or {}
        phrases = [str(p) for lang in (claims.get("no_comment") or {}).values() for p in lang or []]
        return cls(aliases, domains, no_comment=phrases, placeholders=[str(p) for p in claims.get("placeholders") or []])

    def is_placeholder(self, name: str | None) -> bool:
        """"unnamed", "correspondent" and the like: a name that stands for no one."""
        return name is None or self._key(name) in self.placeholders

    def source(self, name: str) -> SourceInfo | None:
        """The source a claim names, under its ACLED name (kept as written when unknown; None for a place)."""
        known = self.aliases.get(self._key(name))
        if known is not None:
            return known
        return None if _is_place(name.strip()) else SourceInfo(name.strip())

    def outlet(self, raw: str | None) -> SourceInfo | None:
        """The outlet a report's masthead, feed title or website names; None for none or a place."""
        if not raw or not raw.strip() or self.is_placeholder(raw):
            return None
        for candidate in [raw, *_PART_SEPARATORS.split(raw)]:
            found = self.aliases.get(self._key(candidate)) or self._domain(candidate)
            if found:
                return found
        if _is_place(raw.strip()):
            return None  # a dateline ("إدلب – خاص") read as a masthead
        return SourceInfo(raw.strip())

    def _domain(self, text: str) -> SourceInfo | None:
        host = re.sub(r"^(?:https?://)?(?:www\.)?", "", text.strip().lower()).split("/")[0]
        while host.count("."):
            if host in self.domains:
                return self.domains[host]
            host = host.split(".", 1)[1]
        return None

    def says_no_comment(self, claim: Claim) -> bool:
        """The claim's words say someone declined to comment (not a denial)."""
        words = [str(s.value) for s in claim.evidence if s.label == "denial" and s.value] + [claim.note or ""]
        folded = [normalize_key(w) for w in words if w]
        return any(p in w for p in self.no_comment for w in folded)


@functools.cache
def _is_place(name: str) -> bool:
    """Whether ``name`` is exactly a place name of the gazetteer (a dateline, not an outlet)."""
    from marsad.geo.gazetteer import EXACT, Gazetteer

    return any(kind == EXACT for _place, kind in Gazetteer.default().lookup(name))


class ReportView(Protocol):
    """What the summary needs of one report's mention (``marsad.dedup.score.Mention`` has it)."""

    article_id: str
    event: Event
    outlet: str | None
    published: date | None


@dataclass(frozen=True, slots=True)
class Figure:
    """A death (and injury) figure a source gave in one report."""

    fatalities: int | None
    injured: int | None
    article_id: str
    published: str | None
    whose: str | None = None  # the victims counted; None: all the incident's victims


@dataclass(slots=True)
class SourceEntry:
    """One source of an event, listed once: its reports, totals, other figures and whom it cites."""

    name: str
    scale: str
    kind: str
    articles: list[str] = field(default_factory=list)
    totals: list[Figure] = field(default_factory=list)
    other_figures: list[Figure] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)

    @property
    def figure(self) -> int | None:
        """The latest total death figure this source gave (None when it gave none)."""
        given = [f.fatalities for f in self.totals if f.fatalities is not None]
        return given[-1] if given else None

    def to_dict(self) -> dict[str, Any]:
        latest = next((f for f in reversed(self.totals) if f.fatalities is not None), None)
        return {"name": self.name, "scale": self.scale, "kind": self.kind, "articles": self.articles,
                "fatalities": self.figure, "injured": latest.injured if latest else None,
                "published": latest.published if latest else None,
                "totals": [_figure_dict(f) for f in self.totals],
                "other_figures": [_figure_dict(f) for f in self.other_figures], "cites": self.cites}


def _figure_dict(figure: Figure) -> dict[str, Any]:
    return {"fatalities": figure.fatalities, "injured": figure.injured, "article_id": figure.article_id,
            "published": figure.published, "whose": figure.whose}


@dataclass(slots=True)
class SourceSummary:
    """An event's sources, each once; what ACLED's columns and every count of sources show."""

    entries: list[SourceEntry] = field(default_factory=list)
    denials: list[dict[str, Any]] = field(default_factory=list)
    no_comment: list[dict[str, Any]] = field(default_factory=list)

    @property
    def named(self) -> list[SourceEntry]:
        """The sources the ACLED ``source`` column names (cited anonymous ones only when nothing else)."""
        reporting = [e for e in self.entries if e.articles]
        plain = [e for e in reporting if e.kind not in CITED_KINDS]
        return plain or reporting

    @property
    def source(self) -> str | None:
        """ACLED ``source``: "Syrian Observatory for Human Rights; AFP"."""
        return "; ".join(e.name for e in self.named) or None

    @property
    def source_scale(self) -> str | None:
        """ACLED ``source_scale``: the scales of the named sources, "National-International"."""
        return scale_of(e.scale for e in self.named)

    @property
    def count(self) -> int:
        """``number_of_sources``: how many sources the ``source`` column names."""
        return len(self.named)

    @property
    def disagree(self) -> bool:
        """Two sources give different totals for the same victims on the same reporting day."""
        by_day: dict[str | None, dict[int, set[str]]] = {}
        for entry in self.entries:
            for figure in entry.totals:
                if figure.fatalities is not None:
                    by_day.setdefault(figure.published, {}).setdefault(figure.fatalities, set()).add(entry.name)
        return any(len(figures) > 1 and len(set().union(*figures.values())) > 1 for figures in by_day.values())

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "source_scale": self.source_scale, "number_of_sources": self.count,
                "disagree": self.disagree, "entries": [e.to_dict() for e in self.entries],
                "named": [e.name for e in self.named], "denials": self.denials, "no_comment": self.no_comment}


def scale_of(scales: Iterable[str]) -> str | None:
    """Distinct scales in ACLED's order, joined with "-" ("Subnational-National")."""
    found = set(scales)
    return "-".join(sorted(found, key=lambda s: SCALE_ORDER.index(s) if s in SCALE_ORDER else 99)) or None


class _Builder:
    """Collects one event's sources report by report."""

    def __init__(self, directory: SourceDirectory) -> None:
        self.directory = directory
        self.summary = SourceSummary()
        self._by_name: dict[str, SourceEntry] = {}

    def entry(self, info: SourceInfo) -> SourceEntry:
        key = normalize_key(info.name)
        if key not in self._by_name:
            self._by_name[key] = SourceEntry(info.name, info.scale, info.kind)
            self.summary.entries.append(self._by_name[key])
        return self._by_name[key]

    def add_report(self, report: ReportView) -> None:
        outlet = self.directory.outlet(report.outlet)
        published = report.published.isoformat() if report.published else None
        named: list[SourceInfo] = []
        for claim in report.event.sources:
            info = self._claim_source(claim, report, outlet)
            if claim.kind in ("denial", "no_comment"):
                self._denial(claim, info, report.article_id)
            elif claim.kind == "figure":
                self._figure(claim, info or outlet, report.article_id, published)
            elif info is not None and info not in named:
                named.append(info)
        self._attribute(report, outlet, named, published)

    def _claim_source(self, claim: Claim, report: ReportView, outlet: SourceInfo | None) -> SourceInfo | None:
        """The claim's source; "correspondent" and the report's own id stand for its outlet."""
        name = claim.source
        if name in (report.article_id, claim.article_id) or (name or "").strip().lower() == "correspondent":
            return outlet
        return None if self.directory.is_placeholder(name) else self.directory.source(name)

    def _attribute(self, report: ReportView, outlet: SourceInfo | None, named: list[SourceInfo],
                   published: str | None) -> None:
        """The report's total goes to the sources it names and to its outlet; cited ones are noted."""
        plain = [i for i in named if not i.cited]
        cited = [i for i in named if i.cited]
        holders = list(dict.fromkeys([*plain, *([outlet] if outlet else [])])) or cited
        total = Figure(report.event.fatalities, report.event.injured, report.article_id, published)
        for info in holders:
            entry = self.entry(info)
            if report.article_id not in entry.articles:
                entry.articles.append(report.article_id)
                entry.totals.append(total)
            if holders is not cited:
                entry.cites.extend(c.name for c in cited if c.name not in entry.cites)

    def _figure(self, claim: Claim, info: SourceInfo | None, article_id: str, published: str | None) -> None:
        """A figure beside the report's total: another total only when the claim says so."""
        whose = getattr(claim, "whose", None)
        figure = Figure(claim.fatalities, claim.injured, article_id, published, whose)
        if info is None:
            return  # a figure no source or outlet stands behind
        entry = self.entry(info)
        if getattr(claim, "scope", None) == "total" and whose is None:
            entry.totals.append(figure)
        else:
            entry.other_figures.append(figure)

    def _denial(self, claim: Claim, info: SourceInfo | None, article_id: str) -> None:
        item = {"by": info.name if info else None, "article_id": article_id, "text": claim.note}
        if claim.kind == "no_comment" or self.directory.says_no_comment(claim):
            self.summary.no_comment.append(item)
        else:
            self.summary.denials.append(item)


def summarize_sources(reports: Sequence[ReportView], directory: SourceDirectory | None = None) -> SourceSummary:
    """The event's sources from its reports (in report order), each listed once with its figure."""
    builder = _Builder(directory or SourceDirectory.default())
    for report in reports:
        builder.add_report(report)
    return builder.summary


@dataclass(frozen=True, slots=True)
class StoredReport:
    """A report view built from stored JSON (an API record's mention, or an event dict on its own)."""

    article_id: str
    event: Event
    outlet: str | None = None
    published: date | None = None


def reports_of_record(record: dict[str, Any]) -> list[StoredReport]:
    """Report views of a stored event record: its mentions when present, else the event itself."""
    views = []
    for mention in record.get("mentions") or []:
        event = mention.get("event")
        if not isinstance(event, dict):
            continue
        published = mention.get("published")
        views.append(StoredReport(mention["article_id"], Event.from_dict(event), mention.get("outlet"),
                                  date.fromisoformat(published[:10]) if published else None))
    if views:
        return views
    event = Event.from_dict(record)
    article = (record.get("article_ids") or [None])[0] or record.get("id") or ""
    return [StoredReport(article, event)]
