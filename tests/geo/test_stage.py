"""The pipeline stage files place spans on a Document."""

from __future__ import annotations

from marsad.document import Document
from marsad.geo import Geocoder, geocode_stage


def test_stage_files_place_spans(geocoder: Geocoder) -> None:
    doc = Document(id="t1", text="قتل ثلاثة عناصر بهجوم قرب الميادين بريف دير الزور الشرقي.")
    out = geocode_stage(geocoder)(doc)
    spans = out.spans["place"]
    assert [doc.span_text(s) for s in spans] == ["الميادين", "دير الزور"]
    assert [s.label for s in spans] == ["near", "countryside"]
    assert spans[0].value["name"] == "Al Mayadin" and spans[0].value["admin1"] == "Deir ez-Zor"


def test_stage_leaves_placeless_document_alone(geocoder: Geocoder) -> None:
    doc = Document(id="t2", text="صدر بيان جديد اليوم.")
    assert "place" not in geocode_stage(geocoder)(doc).spans
