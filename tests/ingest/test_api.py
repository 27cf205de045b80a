"""The public surface of marsad.ingest."""

from __future__ import annotations

import marsad.ingest as ingest


def test_api_all_names_exist():
    assert sorted(ingest.__all__) == sorted(set(ingest.__all__))
    for name in ingest.__all__:
        assert getattr(ingest, name) is not None


def test_api_read_file_accepts_str(fixtures):
    (doc,) = ingest.read_file(str(fixtures / "report_ar.txt"))
    assert doc.id == "report_ar"
    assert ingest.read_bytes(str(fixtures / "report_ar.txt")).startswith("مقتل".encode())
