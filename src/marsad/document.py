"""The one document object every stage annotates, and the values it carries.

Following spaCy's Doc: ``Document.text`` (the cleaned report text) is fixed once
ingest has made it; every later stage only adds ``Span`` objects (character
offsets into ``text``) to named groups in ``Document.spans`` and appends
``Event`` / ``Tally`` records whose ``evidence`` points back at those spans.
Provenance therefore comes for free: any field of any event can be traced to
the words that support it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any

from marsad.errors import SpanError

# The 31 ACLED columns, in ACLED's order (CSV export keeps this order).
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
    "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
    "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)

# Span groups stages write into (a stage may add others).
SPAN_GROUPS: tuple[str, ...] = (
    "sentence", "trigger", "actor", "place", "number", "date", "source", "toll",
)


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled character range ``[start, end)`` of ``Document.text``.

    ``value`` carries what the span means (a canonical actor name, a number,
    an ISO date, a place id); ``label`` says what kind of thing it is.
    """

    start: int
    end: int
    label: str
    value: Any = None

    def text_of(self, text: str) -> str:
        """Return the slice of ``text`` this span covers."""
        return text[self.start:self.end]

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "label": self.label, "value": self.value}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Span":
        return cls(int(data["start"]), int(data["end"]), str(data["label"]), data.get("value"))


@dataclass(slots=True)
class RemovedLine:
    """A line ingest took out of the text as boilerplate, kept for the record."""

    text: str
    reason: str  # e.g. "share-buttons", "photo-credit", "related-links", "view-counter", "byline"
    line_no: int  # 1-based line number in the text before cleaning

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Claim:
    """What one source said about an event: a report, a figure or a denial."""

    source: str  # canonical source name, e.g. "Syrian Observatory for Human Rights"
    kind: str = "report"  # "report" | "figure" | "denial"
    via: str | None = None  # relaying outlet, e.g. "AFP"
    fatalities: int | None = None  # the source's own death figure, if any
    injured: int | None = None
    article_id: str | None = None
    evidence: list[Span] = field(default_factory=list)
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in _CLAIM_FIELDS}  # scalars: no deep copy needed (asdict's)
        data["evidence"] = [s.to_dict() for s in self.evidence]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Claim":
        kwargs = {f.name: data.get(f.name) for f in fields(cls) if f.name in data}
        kwargs["evidence"] = [Span.from_dict(s) for s in data.get("evidence") or []]
        return cls(**kwargs)


_CLAIM_FIELDS = tuple(f.name for f in fields(Claim))


@dataclass(slots=True)
class Event:
    """One incident coded with every ACLED column plus marsad's extras.

    ``evidence`` maps a field name (``event_type``, ``actor1``, ``location``,
    ``event_date``, ``fatalities`` ...) to the spans of ``Document.text`` that
    support it. ``article_ids`` lists every report the event came from.
    """

    # --- the 31 ACLED columns ---
    event_id_cnty: str | None = None
    event_date: str | None = None  # ISO "YYYY-MM-DD", partial "--MM-DD", or None
    year: int | None = None
    time_precision: int | None = None  # ACLED: 1 day, 2 week, 3 month
    disorder_type: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None  # "; "-separated, as ACLED writes them
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: str | None = None
    iso: int | None = None
    region: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None  # ACLED: 1 town, 2 near/part of region, 3 larger region
    source: str | None = None
    source_scale: str | None = None
    notes: str | None = None
    fatalities: int | None = None  # ACLED: the lowest credible figure; None when no figure
    tags: str | None = None
    timestamp: int | None = None
    # --- marsad's extras ---
    id: str | None = None  # stable internal id (store assigns when merging)
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    injured: int | None = None
    where_prec: int | None = None  # UCDP where_prec 1-7
    date_note: str | None = None  # how the date was resolved ("yesterday before 2018-04-19")
    evidence: dict[str, list[Span]] = field(default_factory=dict)
    sources: list[Claim] = field(default_factory=list)
    confidence: float | None = None
    article_ids: list[str] = field(default_factory=list)
    required: bool = True  # False for optional kinds a coder may or may not code (deployments)
    # "main" (the incident the report is about), "background" (a recap or earlier incident told for
    # context: never merged across reports) or None (not said: the merger decides by position)
    role: str | None = None

    def add_evidence(self, field_name: str, span: Span) -> None:
        """Record that ``span`` supports ``field_name`` (no duplicates)."""
        spans = self.evidence.setdefault(field_name, [])
        if span not in spans:
            spans.append(span)

    def to_dict(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in _EVENT_FIELDS}
        data["evidence"] = {k: [s.to_dict() for s in v] for k, v in self.evidence.items()}
        data["sources"] = [c.to_dict() for c in self.sources]
        data["article_ids"] = list(self.article_ids)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Event":
        known = {f.name for f in fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in known}
        kwargs["evidence"] = {
            k: [Span.from_dict(s) for s in v] for k, v in (data.get("evidence") or {}).items()
        }
        kwargs["sources"] = [Claim.from_dict(c) for c in data.get("sources") or []]
        kwargs["article_ids"] = list(data.get("article_ids") or [])
        return cls(**kwargs)


_EVENT_FIELDS = tuple(f.name for f in fields(Event))


@dataclass(slots=True)
class Tally:
    """A cumulative or period toll ("since 24 March 2019 ... 1,339 killed"): never an incident."""

    count: int
    what: str  # what was counted, e.g. "killed"
    whose: str | None = None  # canonical actor or "Civilians"
    period_start: str | None = None  # ISO date or None
    period_end: str | None = None
    source: str | None = None
    article_id: str | None = None
    evidence: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["evidence"] = [s.to_dict() for s in self.evidence]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Tally":
        kwargs = {f.name: data.get(f.name) for f in fields(cls) if f.name in data}
        kwargs["evidence"] = [Span.from_dict(s) for s in data.get("evidence") or []]
        return cls(**kwargs)


@dataclass(slots=True)
class Decision:
    """Why extraction kept or discarded a mention (shown by ``marsad explain``)."""

    span: Span
    kept: bool
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"span": self.span.to_dict(), "kept": self.kept, "reason": self.reason}


@dataclass(slots=True)
class Document:
    """A report and everything the pipeline has found in it.

    ``text`` is the cleaned text (boilerplate removed) and never changes after
    ingest; all offsets in ``spans``, events, tallies and decisions refer to it.
    """

    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    language: str = "ar"
    title: str | None = None
    published: date | None = None
    published_from: str | None = None  # where the date came from: "jsonl", "html-meta", "feed", "text", "url"
    source_path: str | None = None
    raw: str | None = None  # the text or HTML as read, before cleaning
    removed: list[RemovedLine] = field(default_factory=list)
    spans: dict[str, list[Span]] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    tallies: list[Tally] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    # Working state of the pipeline, never serialised: the text's tokens (computed once by the
    # "tokens" stage) and the extraction's analysis (clauses, figures, roles, mentions, incidents),
    # which each extraction stage reads and extends.
    tokens: Any = field(default=None, repr=False, compare=False)
    analysis: Any = field(default=None, repr=False, compare=False)

    def make_span(self, start: int, end: int, label: str, value: Any = None) -> Span:
        """Return a span over ``text``; raise ``SpanError`` when it does not fit."""
        if not (0 <= start <= end <= len(self.text)):
            raise SpanError(
                f"{self.id}: span {start}:{end} ({label}) is outside the text (length {len(self.text)})"
            )
        return Span(start, end, label, value)

    def add_span(self, group: str, start: int, end: int, label: str, value: Any = None) -> Span:
        """Make a span and file it under ``group`` (e.g. "actor", "place")."""
        span = self.make_span(start, end, label, value)
        self.spans.setdefault(group, []).append(span)
        return span

    def span_text(self, span: Span) -> str:
        return self.text[span.start:span.end]

    def sentences(self) -> list[Span]:
        return self.spans.get("sentence", [])

    def to_dict(self) -> dict[str, Any]:
        """Serialise like spaCy's ``Doc.to_json``: text once, spans as lists."""
        return {
            "id": self.id,
            "text": self.text,
            "url": self.url,
            "outlet": self.outlet,
            "language": self.language,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "published_from": self.published_from,
            "source_path": self.source_path,
            "removed": [r.to_dict() for r in self.removed],
            "spans": {k: [s.to_dict() for s in v] for k, v in self.spans.items()},
            "events": [e.to_dict() for e in self.events],
            "tallies": [t.to_dict() for t in self.tallies],
            "decisions": [d.to_dict() for d in self.decisions],
            "meta": self.meta,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Document":
        published = data.get("published")
        return cls(
            id=data["id"],
            text=data["text"],
            url=data.get("url"),
            outlet=data.get("outlet"),
            language=data.get("language") or "ar",
            title=data.get("title"),
            published=date.fromisoformat(published) if published else None,
            published_from=data.get("published_from"),
            source_path=data.get("source_path"),
            removed=[RemovedLine(**r) for r in data.get("removed") or []],
            spans={k: [Span.from_dict(s) for s in v] for k, v in (data.get("spans") or {}).items()},
            events=[Event.from_dict(e) for e in data.get("events") or []],
            tallies=[Tally.from_dict(t) for t in data.get("tallies") or []],
            decisions=[
                Decision(Span.from_dict(d["span"]), bool(d["kept"]), d["reason"])
                for d in data.get("decisions") or []
            ],
            meta=dict(data.get("meta") or {}),
        )


# The issue tracker and ACLED speak of "articles"; in code the report is a Document.
Article = Document

_WS = re.compile(r"\s+")


def stable_id(*, url: str | None = None, text: str | None = None) -> str:
    """A stable article id: from the URL when there is one, else from normalised text."""
    if url:
        basis = "url:" + url.strip().lower().rstrip("/")
    else:
        basis = "text:" + _WS.sub(" ", unicodedata.normalize("NFKC", text or "")).strip()
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]
