"""/api/articles: a report's text with its evidence spans marked; ingesting a new report."""

from __future__ import annotations

import logging
from dataclasses import asdict, is_dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Response
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator

from marsad.api.auth import Admin, Ctx, Granted, Reader, check_scope
from marsad.api.evidence import article_spans, highlight_html
from marsad.document import Document
from marsad.errors import ConflictError

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
    replace: bool = Field(default=False, description="Replace a report stored under the same id with "
                          "another text (admin scope); the stored version is kept and can be restored.")

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


@router.post("/api/articles", status_code=201, summary="Ingest a report (token with the ingest scope)",
             responses={200: {"description": "Already stored with this text, or replaced (replace=true)"},
                        403: {"description": "The token lacks a scope"},
                        409: {"description": "Another text is stored under this id and replace is not set"}})
def post_article(body: ArticleIn, ctx: Ctx, grant: Granted, response: Response) -> dict[str, Any]:
    """Clean, extract (default pipeline) and store a report; audited with the token's name.

    A report already stored with the same text is not extracted again. Another text under a
    stored id is refused (409) unless ``replace`` is true and the token has the admin scope;
    the replaced version is kept (``GET /api/articles/{id}/versions``) and can be restored.
    """
    who = check_scope(grant, "ingest")
    if body.replace:
        check_scope(grant, "admin")
    doc = _document(body)
    warnings = list(doc.meta.get("warnings") or [])
    if ctx.store.has_text(doc.id, doc.text):
        response.status_code = 200
        result = ctx.store.add_document(doc)
        return {"id": doc.id, "events": len(result.event_ids), "tallies": None, "result": _plain(result),
                "warnings": warnings}
    if not body.replace and ctx.store.has_article(doc.id):  # refuse before spending the extraction
        raise ConflictError(f"article {doc.id} is already stored with another text; send \"replace\": true "
                            "(admin scope) to replace it; the stored version is kept and can be restored")
    doc = ctx.extract(doc)
    result = ctx.store.add_document(doc, who=who, replace=body.replace)
    if result.status in ("updated", "unchanged"):
        response.status_code = 200
    return {"id": doc.id, "events": len(doc.events), "tallies": len(doc.tallies), "result": _plain(result),
            "warnings": warnings}


ArticleId = Annotated[str, Path(max_length=200)]
Version = Annotated[int, Path(ge=1, le=1_000_000)]


@router.get("/api/articles/{article_id}/versions", summary="A report's versions: replaced ones and the current")
def list_versions(article_id: ArticleId, ctx: Ctx, _who: Reader) -> dict[str, Any]:
    """Every version of the report, oldest first, with who replaced it and when."""
    return {"article_id": article_id, "versions": ctx.store.article_versions(article_id)}


@router.get("/api/articles/{article_id}/versions/{version}", summary="One version of a report")
def get_version(article_id: ArticleId, version: Version, ctx: Ctx, _who: Reader) -> dict[str, Any]:
    """The text and metadata of one version, and how many events and tallies were extracted from it."""
    doc = ctx.store.article_version(article_id, version)
    return {"article_id": article_id, "version": version, "text": doc.text, "title": doc.title, "url": doc.url,
            "outlet": doc.outlet, "published": doc.published.isoformat() if doc.published else None,
            "events": len(doc.events), "tallies": len(doc.tallies)}


@router.post("/api/articles/{article_id}/versions/{version}/restore",
             summary="Make an earlier version current again (admin scope)")
def restore_version(article_id: ArticleId, version: Version, ctx: Ctx, who: Admin) -> dict[str, Any]:
    """Undo a replacement: the version's text and extraction become current, the current one is kept."""
    result = ctx.store.restore_article(article_id, version, who=who)
    return {"id": article_id, "restored_version": version, "result": _plain(result),
            "versions": ctx.store.article_versions(article_id)}
