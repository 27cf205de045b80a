"""The per-report record the shared scorer reads (one JSON object per article)."""

from __future__ import annotations

from typing import Any

from marsad.document import Document


def document_record(doc: Document) -> dict[str, Any]:
    """Return ``{"article_id", "publication_date", "events", "tallies"}`` for ``doc``.

    Events carry every field (ACLED columns, extras, evidence with the quoted
    words) so the record doubles as a readable audit of the extraction.
    """
    return {
        "article_id": doc.id,
        "language": doc.language,
        "publication_date": doc.published.isoformat() if doc.published else None,
        "events": [_with_quotes(doc, e.to_dict()) for e in doc.events],
        "tallies": [_with_quotes(doc, t.to_dict()) for t in doc.tallies],
    }


def explanation_record(doc: Document) -> dict[str, Any]:
    """``document_record`` plus every decision (the words, kept or not, and why): ``marsad explain --json``."""
    record = document_record(doc)
    record["decisions"] = [{**d.to_dict(), "text": doc.text[d.span.start:d.span.end]} for d in doc.decisions]
    record["removed"] = [r.to_dict() for r in doc.removed]
    return record


def _with_quotes(doc: Document, data: dict[str, Any]) -> dict[str, Any]:
    """Add the quoted text to every evidence span so a reader needs no offsets."""
    evidence = data.get("evidence")
    if isinstance(evidence, dict):
        for spans in evidence.values():
            for span in spans:
                span["text"] = doc.text[span["start"]:span["end"]]
    elif isinstance(evidence, list):
        for span in evidence:
            span["text"] = doc.text[span["start"]:span["end"]]
    return data
