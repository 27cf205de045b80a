"""Exports: the per-report scorer record, and ACLED CSV, JSON Lines and GeoJSON of merged events."""

from marsad.export.formats import (
    CSV_COLUMNS,
    EXTRA_COLUMNS,
    FORMATS,
    ExportStats,
    export_store,
    write_csv,
    write_events,
    write_geojson,
    write_jsonl,
)
from marsad.export.report import document_record

__all__ = [
    "CSV_COLUMNS", "EXTRA_COLUMNS", "FORMATS", "ExportStats", "document_record", "export_store",
    "write_csv", "write_events", "write_geojson", "write_jsonl",
]
