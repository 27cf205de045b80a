"""Explain a report's extraction: its events with the evidence highlighted, and every decision.

``explain_document(doc)`` returns Rich renderables (the command ``marsad explain`` prints them);
``explanation_text(doc)`` is the same as plain text, for logs and tests.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from marsad.document import Document, Event, Span

log = logging.getLogger(__name__)

FIELD_STYLES: dict[str, str] = {
    "event_type": "bold red", "actor1": "bold blue", "actor2": "bold magenta", "location": "bold green",
    "event_date": "bold cyan", "fatalities": "bold yellow", "injured": "yellow", "source": "italic",
}
_SHOWN_FIELDS = (
    "event_date", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2",
    "interaction", "location", "admin1", "admin2", "latitude", "longitude", "geo_precision",
    "fatalities", "fatalities_low", "fatalities_high", "injured", "source", "source_scale", "date_note",
)


@dataclass(frozen=True, slots=True)
class Highlight:
    """A span of the text to colour, and the event field it supports."""

    start: int
    end: int
    field: str


def event_highlights(event: Event) -> list[Highlight]:
    """Return the spans supporting ``event``'s main fields, without overlaps (first field wins)."""
    out: list[Highlight] = []
    for field_name in FIELD_STYLES:
        for span in event.evidence.get(field_name, []):
            if not any(h.start < span.end and span.start < h.end for h in out):
                out.append(Highlight(span.start, span.end, field_name))
    return sorted(out, key=lambda h: h.start)


def highlighted_text(doc: Document, highlights: list[Highlight], *, context: int = 80) -> Text:
    """Return the parts of ``doc.text`` around the highlights, each highlight styled by its field."""
    text = Text()
    if not highlights:
        return text
    windows = _windows(doc, highlights, context)
    for w_start, w_end in windows:
        pos = w_start
        text.append("… " if w_start > 0 else "")
        for h in highlights:
            if h.start < w_start or h.end > w_end:
                continue
            text.append(doc.text[pos:h.start])
            text.append(doc.text[h.start:h.end], style=FIELD_STYLES[h.field])
            pos = h.end
        text.append(doc.text[pos:w_end])
        text.append(" …\n" if w_end < len(doc.text) else "\n")
    return text


def _windows(doc: Document, highlights: list[Highlight], context: int) -> list[tuple[int, int]]:
    """Merge overlapping windows of ``context`` characters around each highlight."""
    windows: list[tuple[int, int]] = []
    for h in highlights:
        start, end = max(0, h.start - context), min(len(doc.text), h.end + context)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
    return windows


def event_table(event: Event) -> Table:
    """Return a two-column table of an event's coded fields."""
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column("field", style="dim")
    table.add_column("value")
    for name in _SHOWN_FIELDS:
        value = getattr(event, name)
        if value not in (None, ""):
            table.add_row(name, escape(str(value)))
    for claim in event.sources:
        if claim.kind != "report":
            table.add_row(f"claim ({claim.kind})", escape(f"{claim.source}: {claim.fatalities or ''} {claim.note or ''}"))
    return table


def decision_table(doc: Document) -> Table:
    """Return a table of every kept or discarded mention, in text order."""
    table = Table(title="decisions", show_lines=False)
    table.add_column("kept")
    table.add_column("words")
    table.add_column("why")
    for decision in sorted(doc.decisions, key=lambda d: d.span.start):
        mark = "[green]yes[/]" if decision.kept else "[red]no[/]"
        table.add_row(mark, escape(_quote(doc, decision.span)), escape(decision.reason))
    return table


def _quote(doc: Document, span: Span) -> str:
    return doc.text[span.start:span.end]


def explain_document(doc: Document) -> list[RenderableType]:
    """Return Rich renderables explaining ``doc``: one panel per event, tallies, then decisions."""
    parts: list[RenderableType] = []
    for event in doc.events:
        body = Group(event_table(event), highlighted_text(doc, event_highlights(event)))
        parts.append(Panel(body, title=f"{event.id}: {event.event_type} / {event.sub_event_type}"))
    for tally in doc.tallies:
        parts.append(Text(f"tally: {tally.count} {tally.what} {tally.whose or ''} since {tally.period_start or '?'}"
                          f" ({tally.source or 'no source'})", style="cyan"))
    parts.append(decision_table(doc))
    return parts


def explanation_text(doc: Document) -> str:
    """Return the explanation as plain text (events, tallies, decisions)."""
    lines: list[str] = []
    for event in doc.events:
        lines.append(f"EVENT {event.id}: {event.event_type} / {event.sub_event_type}")
        for name in _SHOWN_FIELDS:
            value = getattr(event, name)
            if value not in (None, ""):
                lines.append(f"  {name}: {value}")
        for h in event_highlights(event):
            lines.append(f"  [{h.field}] {doc.text[h.start:h.end]}")
    for tally in doc.tallies:
        lines.append(f"TALLY {tally.count} {tally.what} {tally.whose or ''} since {tally.period_start or '?'}")
    for decision in sorted(doc.decisions, key=lambda d: d.span.start):
        lines.append(f"{'KEPT' if decision.kept else 'DROP'} {_quote(doc, decision.span)!r}: {decision.reason}")
    return "\n".join(lines)


def explain_paths(paths: Iterable[str | Path], *, pipeline: Any = None) -> Iterator[Document]:
    """Read reports (files or folders), run the extraction pipeline and yield the annotated documents.

    Raises ``InputError`` (from ingest) naming a file that cannot be read.
    """
    from marsad.ingest import read_paths
    from marsad.pipeline import Pipeline

    pipe = pipeline or Pipeline.default()
    for doc in read_paths([Path(p) for p in paths]):
        yield pipe(doc)
