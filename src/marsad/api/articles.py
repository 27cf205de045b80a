"""/api/articles: a report's text with its evidence spans marked; ingesting a new report."""

from __future__ import annotations

import logging
from dataclasses import asdict, is_dataclass
from typing import Any, Literal

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator

from marsad.api.auth import Ctx, Reader, Writer
from marsad.api.evidence import article_spans, highlight_html
from marsad.document import Document
from marsad.store.auth import record_audit

log = logging.getLogger(__name__)
router = APIRouter(tags=["articles"])
MAX_REPORT_CHARS = 2_000_000


class ArticleIn(BaseModel):
    """A report to ingest: plain ``text`` or an ``html`` page (exactly one), with optional metadata."""

    model_config = ConfigDict(extra="forbid")
    id: str | None = Field(default=None, min_length=1, max_length=200, pattern=r"^[\w.:@+-]+$")
    text: str | None = Field(default=None, max_length=MAX_REPORT_CHARS)
    html: str | None = Field(default=None, max_length=MAX_REPORT_CHARS)
    url: str | None = Field(default=None, max_length=2000)
    published: str | None = Field(default=None, max_length=40, examples=["2024-03-09"])
    outlet: str | None = Field(default=None, max_length=200)
    title: str | None = Field(default=None, max_length=500)

    @model_validator(mode="after")
    def _one_body(self) -> "ArticleIn":
        if (self.text is None) == (self.html is None):
            raise ValueError("send exactly one of 'text' or 'html'")
        return self


def _article_json(ctx: Ctx, article_id: str) -> dict[str, Any]:
    """Metadata, text and evidence spans of one stored report."""
    row = ctx.queries.article_row(article_id)
    doc = row.pop("doc")
    text = doc["text"]
    return {**row, "text": text, "removed": doc.get("removed", []),
            "spans": article_spans(ctx.queries, article_id, text)}


@router.get("/api/articles/{article_id}", summary="A report's text with the evidence spans")
def get_article(article_id: str, ctx: Ctx, _who: Reader,
                format: Literal["json", "html"] = "json") -> Any:
    """JSON: text + spans (field, event, offsets). ``format=html``: escaped text with ``<mark data-field>``."""
    data = _article_json(ctx, article_id)
    if format == "html":
        direction = "rtl" if data.get("language") == "ar" else "ltr"
        body = highlight_html(data["text"], data["spans"])
        return HTMLResponse(f'<div class="report" dir="{direction}">{body}</div>')
    return data


def _document(body: ArticleIn) -> Document:
    """Clean the posted text or page into a Document (ingest's readers)."""
    from marsad.ingest import read_html, read_text

    reader = read_html if body.html is not None else read_text
    return reader(body.html if body.html is not None else body.text or "", id=body.id, url=body.url,
                  published=body.published, outlet=body.outlet, title=body.title)


def _plain(value: Any) -> Any:
    """A JSON-ready version of an AddResult (dataclass, dict or other)."""
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    return value if isinstance(value, (dict, list, str, int, float, type(None))) else str(value)


@router.post("/api/articles", status_code=201, summary="Ingest a report (token required)")
def post_article(body: ArticleIn, ctx: Ctx, who: Writer) -> dict[str, Any]:
    """Clean, extract (default pipeline) and store a report; audited."""
    doc = _document(body)
    doc = ctx.pipeline()(doc)
    with ctx.store.lock:
        result = ctx.store.add_document(doc)
        record_audit(ctx.store.conn, who, "ingest", doc.id, {"events": len(doc.events), "url": doc.url})
    return {"id": doc.id, "events": len(doc.events), "tallies": len(doc.tallies), "result": _plain(result)}
