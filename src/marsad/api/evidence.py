"""Evidence spans for the API: per event (across its reports) and per report (for highlighting)."""

from __future__ import annotations

import html
from typing import Any

from marsad.store.queries import Queries


def _span_dict(span: dict[str, Any], field: str, text: str, **extra: Any) -> dict[str, Any]:
    """One evidence span with its field name and quoted text."""
    start, end = int(span.get("start", 0)), int(span.get("end", 0))
    return {"field": field, "start": start, "end": end, "label": span.get("label"),
            "value": span.get("value"), "text": text[start:end], **extra}


def mention_spans(mention: dict[str, Any], text: str) -> list[dict[str, Any]]:
    """Every evidence span of one mention: coded fields, then claim evidence as field 'source'."""
    event = mention["event"]
    ids = {"mention_id": mention["id"], "event_id": mention.get("event_id")}
    out = [_span_dict(s, field, text, **ids)
           for field, spans in (event.get("evidence") or {}).items() for s in spans]
    for claim in event.get("sources") or []:
        out.extend(_span_dict(s, "source", text, claim_source=claim.get("source"), **ids)
                   for s in claim.get("evidence") or [])
    return [s for s in out if 0 <= s["start"] <= s["end"] <= len(text)]


def event_evidence(queries: Queries, event_id: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(evidence spans with article ids and quoted text, the event's mentions without their data)."""
    mentions = queries.mentions_of_event(event_id)
    texts: dict[str, str] = {}
    evidence: list[dict[str, Any]] = []
    for m in mentions:
        if m["article_id"] not in texts:
            texts[m["article_id"]] = queries.article_row(m["article_id"])["doc"]["text"]
        for span in mention_spans({**m, "event_id": event_id}, texts[m["article_id"]]):
            evidence.append({"article_id": m["article_id"], **span})
    slim = [{k: m[k] for k in ("id", "article_id", "merge_score", "merge_reason")} for m in mentions]
    return evidence, slim


def article_spans(queries: Queries, article_id: str, text: str) -> list[dict[str, Any]]:
    """Every evidence span in one report: each event's fields, claims and tallies."""
    spans: list[dict[str, Any]] = []
    for mention in queries.article_mentions(article_id):
        spans.extend(mention_spans(mention, text))
    for tally in queries.tallies(article_id=article_id, limit=1000):
        spans.extend(_span_dict(s, "tally", text, tally_id=tally["id"]) for s in tally["evidence"])
    return sorted(spans, key=lambda s: (s["start"], -s["end"], s["field"]))


def highlight_html(text: str, spans: list[dict[str, Any]]) -> str:
    """Escaped HTML of ``text`` with each evidence piece in ``<mark data-field="...">``."""
    cuts = sorted({0, len(text), *(s["start"] for s in spans), *(s["end"] for s in spans)})
    parts: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        piece = html.escape(text[a:b])
        fields = sorted({s["field"] for s in spans if s["start"] <= a and s["end"] >= b and s["end"] > s["start"]})
        if fields:
            piece = f'<mark data-field="{html.escape(" ".join(fields), quote=True)}">{piece}</mark>'
        parts.append(piece)
    return "".join(parts)
