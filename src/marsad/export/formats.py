"""Dataset exports of merged events: ACLED-compatible CSV, JSON Lines and GeoJSON.

Each writer takes events as ``Event`` objects or dicts (``Store.iter_event_records``
rows, which add ``number_of_sources`` and ``status``) and a text stream, and
returns how many events it wrote and skipped.
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal, TextIO

from marsad.document import ACLED_COLUMNS, Event
from marsad.errors import InputError
from marsad.export.spreadsheet import neutralise_row

log = logging.getLogger(__name__)

# marsad's columns after ACLED's 31, in this order.
EXTRA_COLUMNS: tuple[str, ...] = (
    "fatalities_low", "fatalities_best", "fatalities_high", "injured", "where_prec",
    "number_of_sources", "article_ids", "sources", "confidence", "status", "id",
)
CSV_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + EXTRA_COLUMNS
Format = Literal["csv", "jsonl", "geojson"]
FORMATS: tuple[str, ...] = ("csv", "jsonl", "geojson")


@dataclass(frozen=True, slots=True)
class ExportStats:
    """How many events an export wrote, and how many it skipped (GeoJSON: no coordinates)."""

    written: int
    skipped: int = 0


def _as_dict(event: dict[str, Any] | Event) -> dict[str, Any]:
    """An event as a dict with ``number_of_sources`` and ``status`` filled in."""
    data = event.to_dict() if isinstance(event, Event) else dict(event)
    data.setdefault("number_of_sources", len(source_names(data)) or 1)
    data.setdefault("status", "auto")
    return data


def source_names(data: dict[str, Any]) -> list[str]:
    """Distinct source names of an event dict's claims, in order."""
    names = [c.get("source") for c in data.get("sources") or [] if isinstance(c, dict)]
    return list(dict.fromkeys(n for n in names if n))


def _cell(value: Any) -> Any:
    return "" if value is None else value


def csv_row(data: dict[str, Any]) -> list[Any]:
    """One CSV row: the ACLED columns, then marsad's (lists joined with ";")."""
    row = [_cell(data.get(c)) for c in ACLED_COLUMNS]
    extras = dict(data, article_ids=";".join(data.get("article_ids") or []),
                  sources=";".join(source_names(data)))
    return row + [_cell(extras.get(c)) for c in EXTRA_COLUMNS]


def write_csv(events: Iterable[dict[str, Any] | Event], out: TextIO) -> ExportStats:
    """Write an ACLED-compatible CSV (header: the 31 ACLED columns, then marsad's extras)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    written = 0
    for event in events:
        writer.writerow(neutralise_row(csv_row(_as_dict(event))))
        written += 1
    return ExportStats(written)


def write_jsonl(events: Iterable[dict[str, Any] | Event], out: TextIO) -> ExportStats:
    """Write one JSON object per merged event with every field (sources with claims, article ids)."""
    written = 0
    for event in events:
        out.write(json.dumps(_as_dict(event), ensure_ascii=False) + "\n")
        written += 1
    return ExportStats(written)


def feature(data: dict[str, Any]) -> dict[str, Any] | None:
    """A GeoJSON point feature for an event dict, or None without coordinates."""
    lat, lon = data.get("latitude"), data.get("longitude")
    if lat is None or lon is None:
        return None
    properties = {c: data.get(c) for c in CSV_COLUMNS if c not in ("article_ids", "sources")}
    properties["article_ids"] = list(data.get("article_ids") or [])
    properties["sources"] = source_names(data)
    return {"type": "Feature", "id": data.get("id"),
            "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
            "properties": properties}


def write_geojson(events: Iterable[dict[str, Any] | Event], out: TextIO) -> ExportStats:
    """Write a FeatureCollection of points; events without coordinates are skipped and counted."""
    written = skipped = 0
    out.write('{"type": "FeatureCollection", "features": [')
    for event in events:
        item = feature(_as_dict(event))
        if item is None:
            skipped += 1
            continue
        out.write(("," if written else "") + "\n" + json.dumps(item, ensure_ascii=False))
        written += 1
    out.write("\n]}\n")
    if skipped:
        log.info("GeoJSON: %d events without coordinates skipped", skipped)
    return ExportStats(written, skipped)


_WRITERS = {"csv": write_csv, "jsonl": write_jsonl, "geojson": write_geojson}


def write_events(events: Iterable[dict[str, Any] | Event], fmt: str, out: TextIO) -> ExportStats:
    """Write ``events`` in format ``fmt`` ("csv", "jsonl" or "geojson")."""
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise InputError(f"unknown export format {fmt!r} (expected one of {', '.join(FORMATS)})")
    return writer(events, out)


def export_store(store: Any, fmt: str, out: TextIO, *, include_rejected: bool = False) -> ExportStats:
    """Export every merged event of ``store`` (a ``marsad.store.Store``), rejected ones left out."""
    records: Iterator[dict[str, Any]] = store.iter_event_records(include_rejected=include_rejected)
    return write_events(records, fmt, out)
