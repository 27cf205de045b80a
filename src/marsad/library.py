"""The one-line library: extract events from text or files, open a store, get a pandas DataFrame.

    import marsad
    events = marsad.extract("قتل خمسة عناصر ...", published="2024-03-12")
    df = marsad.to_dataframe(events)              # ACLED's columns and dtypes (needs pandas)
    with marsad.open("events.sqlite") as db:
        homs = db.events(admin1="Homs")           # the API's filters

See docs/library.md for runnable examples.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from marsad.document import Document, Event
from marsad.errors import InputError, MarsadError, NotFoundError
from marsad.pipeline import Pipeline

if TYPE_CHECKING:
    import pandas

    from marsad.store import Store


@functools.cache
def _default_pipeline() -> Pipeline:
    """The shipped pipeline, loaded on first use and kept (loading the knowledge takes a second)."""
    return Pipeline.default()


def extract(text: str, *, published: str | date | None = None, outlet: str | None = None,
            url: str | None = None, id: str | None = None, pipeline: Pipeline | None = None) -> list[Event]:
    """Extract the events of one report given as text (Arabic or English).

    Args:
        text: the report.
        published: its publication date ("2024-03-12"): relative dates ("yesterday") resolve from it.
        outlet: who published it (fills the ``source`` column when the text names no source).
        url, id: kept as the report's id (``article_ids``); a stable id is made from the text otherwise.
        pipeline: a ``Pipeline`` to use instead of the shipped one.

    Returns:
        The events, each with every ACLED field it could code and the evidence behind it.
    """
    return extract_document(text, published=published, outlet=outlet, url=url, id=id, pipeline=pipeline).events


def extract_document(text: str, *, published: str | date | None = None, outlet: str | None = None,
                     url: str | None = None, id: str | None = None, pipeline: Pipeline | None = None) -> Document:
    """Like ``extract``, but return the whole ``Document``: text, spans, events, tallies and decisions."""
    from marsad.ingest import read_text

    doc = read_text(text, id=id, url=url, published=published, outlet=outlet)
    return (pipeline or _default_pipeline())(doc)


def extract_paths(paths: Iterable[str | Path] | str | Path, *, pipeline: Pipeline | None = None,
                  skip_errors: bool = False) -> list[Document]:
    """Extract every report in files or folders (.txt, .html, .jsonl, RSS/Atom feeds).

    A missing or unreadable file raises ``InputError`` naming it, unless ``skip_errors`` (then
    the bad report is left out and the others are returned). Each ``Document`` has ``.events``.
    """
    from marsad.runner import extract_paths as run

    items = [paths] if isinstance(paths, (str, Path)) else list(paths)
    missing = [str(p) for p in items if not Path(p).exists()]
    if missing:
        raise InputError(f"{', '.join(missing)}: no such file or folder")
    on_error = (lambda _exc: None) if skip_errors else None
    return list(run(items, pipeline=pipeline or _default_pipeline(), on_error=on_error))


def _rows(items: Iterable[Event | Document | dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Event dicts from events, stored records or whole documents (their events, with the report's date)."""
    for item in items:
        if isinstance(item, Document):
            for event in item.events:
                yield {**event.to_dict(), "published": item.published.isoformat() if item.published else None}
        elif isinstance(item, Event):
            yield item.to_dict()
        elif isinstance(item, dict):
            yield item
        else:
            raise InputError(f"to_dataframe: expected events, event dicts or documents, got {type(item).__name__}")


def to_dataframe(items: Iterable[Event | Document | dict[str, Any]]) -> "pandas.DataFrame":
    """A pandas DataFrame with ACLED's 31 columns first, in ACLED's documented dtypes, then marsad's.

    ``items`` are events (``marsad.extract``), stored event dicts (``Dataset.events``) or
    documents (``marsad.extract_paths``). Needs pandas (``pip install 'marsad[pandas]'``).
    """
    try:
        import pandas as pd
    except ImportError as exc:
        raise MarsadError("to_dataframe needs pandas: pip install pandas (or 'marsad[pandas]')") from exc
    from marsad.export.acled import ACLED_DTYPES, EXTRA_DTYPES
    from marsad.export.formats import CSV_COLUMNS, export_row, flat_row

    frame = pd.DataFrame([flat_row(export_row(row)) for row in _rows(items)], columns=list(CSV_COLUMNS))
    for column, dtype in {**ACLED_DTYPES, **EXTRA_DTYPES}.items():
        if dtype.startswith("datetime"):
            frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d")
        else:
            frame[column] = frame[column].astype(dtype)
    return frame


class Dataset:
    """A marsad store opened for reading: events with the API's filters, one event, exports."""

    def __init__(self, store: "Store") -> None:
        from marsad.store.queries import Queries

        self.store = store
        path = str(store.path)
        self.queries = Queries(path, shared=store.conn if path == ":memory:" else None)

    def events(self, **filters: Any) -> list[dict[str, Any]]:
        """Every event matching the filters, as ACLED-clean dicts (all pages).

        Filters are those of ``GET /api/events`` and ``marsad events``: date_from, date_to
        ("YYYY-MM-DD"), bbox (min_lon, min_lat, max_lon, max_lat), admin1, admin2, event_type,
        sub_event_type, actor, source (a name or a list of names), min_fatalities, q (words),
        status, article_id; sort ("-event_date" by default).
        """
        from marsad.export.formats import export_row

        return [export_row(record) for record in self.records(**filters)]

    def records(self, **filters: Any) -> Iterator[dict[str, Any]]:
        """The stored event dicts matching the filters, page after page (no ACLED clean-up)."""
        from marsad.store.queries import MAX_LIMIT, EventQuery

        query = EventQuery(**{"limit": MAX_LIMIT, **filters})
        yield from self.queries.iter_all(query)

    def event(self, event_id: str) -> dict[str, Any]:
        """One event with its history and the reports (mentions) it was merged from."""
        return self.store.event_record(event_id)

    def close(self) -> None:
        """Close the store."""
        self.queries.close()
        self.store.close()

    def __enter__(self) -> "Dataset":
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def open(path: str | Path) -> Dataset:  # noqa: A001 - marsad.open, like tarfile.open
    """Open an existing marsad store; ``NotFoundError`` naming the path when there is none."""
    from marsad.store import Store

    if str(path) != ":memory:" and not Path(path).is_file():
        raise NotFoundError(f"{path}: no such marsad database (make one with `marsad ingest` or `marsad demo`)")
    return Dataset(Store(path))
