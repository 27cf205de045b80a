"""Dataset exports of merged events: ACLED-compatible CSV, JSON Lines and GeoJSON.

Each writer takes events as ``Event`` objects or dicts (``Store.iter_event_records``
rows, which add ``number_of_sources`` and ``status``) and a text stream, and
returns how many events it wrote and skipped. Every format carries the same
ACLED-clean values (``marsad.export.acled``): the CSV reads back with ACLED's
documented types.
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
from marsad.export.acled import acled_record

log = logging.getLogger(__name__)

# marsad's columns after ACLED's 31, in this order.
EXTRA_COLUMNS: tuple[str, ...] = (
    "fatalities_low", "fatalities_best", "fatalities_high", "injured", "where_prec",
    "number_of_sources", "article_ids", "sources", "sources_disagree", "date_estimated",
    "date_window_start", "date_window_end", "confidence", "status", "id",
)
CSV_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + EXTRA_COLUMNS
Format = Literal["csv", "jsonl", "geojson"]
FORMATS: tuple[str, ...] = ("csv", "jsonl", "geojson")


@dataclass(frozen=True, slots=True)
class ExportStats:
    """How many events an export wrote, and how many it skipped (GeoJSON: no coordinates)."""

    written: int
    skipped: int = 0


def export_row(event: dict[str, Any] | Event) -> dict[str, Any]:
    """An event as an ACLED-clean dict with ``number_of_sources``, ``status`` and source figures filled in."""
    data = acled_record(event.to_dict() if isinstance(event, Event) else dict(event))
    summary = data.get("source_summary") or {}
    if "number_of_sources" not in data or data["number_of_sources"] is None:
        data["number_of_sources"] = summary.get("number_of_sources", len(source_names(data)))
    data["sources_disagree"] = bool(summary.get("disagree"))
    data.setdefault("status", "auto")
    return data


def source_names(data: dict[str, Any]) -> list[str]:
    """The names in the event's ACLED ``source`` column, in order."""
    return [n.strip() for n in (data.get("source") or "").split(";") if n.strip()]


def source_figures(data: dict[str, Any]) -> str:
    """Each source once with its latest death figure: "Syrian Observatory for Human Rights (11); SANA (3)"."""
    entries = (data.get("source_summary") or {}).get("entries")
    if not entries:
        return "; ".join(source_names(data))
    named = set((data.get("source_summary") or {}).get("named") or [])
    return "; ".join(e["name"] + (f" ({e['fatalities']})" if e.get("fatalities") is not None else "")
                     for e in entries if e["name"] in named)


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def flat_row(data: dict[str, Any]) -> dict[str, Any]:
    """The CSV columns of an exported event (``export_row``), lists joined with ";"."""
    flat = dict(data, article_ids=";".join(data.get("article_ids") or []), sources=source_figures(data))
    return {c: flat.get(c) for c in CSV_COLUMNS}


def csv_row(data: dict[str, Any]) -> list[Any]:
    """One CSV row: the ACLED columns, then marsad's."""
    return [_cell(v) for v in flat_row(data).values()]


def write_csv(events: Iterable[dict[str, Any] | Event], out: TextIO) -> ExportStats:
    """Write an ACLED-compatible CSV (header: the 31 ACLED columns, then marsad's extras)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    written = 0
    for event in events:
        writer.writerow(neutralise_row(csv_row(export_row(event))))
        written += 1
    return ExportStats(written)


def write_jsonl(events: Iterable[dict[str, Any] | Event], out: TextIO) -> ExportStats:
    """Write one JSON object per merged event with every field (sources with claims, article ids)."""
    written = 0
    for event in events:
        out.write(json.dumps(export_row(event), ensure_ascii=False) + "\n")
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
    properties["source_figures"] = source_figures(data)
    return {"type": "Feature", "id": data.get("id"),
            "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
            "properties": properties}


def write_geojson(events: Iterable[dict[str, Any] | Event], out: TextIO) -> ExportStats:
    """Write a FeatureCollection of points; events without coordinates are skipped and counted."""
    written = skipped = 0
    out.write('{"type": "FeatureCollection", "features": [')
    for event in events:
        item = feature(export_row(event))
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
