"""Exports: the per-report scorer record, and ACLED CSV, JSON Lines and GeoJSON of merged events."""

from marsad.export.acled import ACLED_DTYPES, EXTRA_DTYPES, acled_record
from marsad.export.formats import (
    CSV_COLUMNS,
    EXTRA_COLUMNS,
    FORMATS,
    ExportStats,
    export_row,
    export_store,
    write_csv,
    write_events,
    write_geojson,
    write_jsonl,
)
from marsad.export.report import document_record

__all__ = [
    "ACLED_DTYPES", "CSV_COLUMNS", "EXTRA_COLUMNS", "EXTRA_DTYPES", "FORMATS", "ExportStats", "acled_record",
    "document_record", "export_row", "export_store",
    "write_csv", "write_events", "write_geojson", "write_jsonl",
]
