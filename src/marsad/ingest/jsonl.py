"""JSONL batches: one report per line ({"id", "text" or "html", "url", "published", "outlet", ...})."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from typing import Any

from marsad.document import Document
from marsad.errors import InputError
from marsad.ingest.boilerplate import Boilerplate
from marsad.ingest.build import ReportInfo, build_document
from marsad.ingest.html import html_document

log = logging.getLogger(__name__)

_STRING_FIELDS = ("id", "text", "html", "url", "outlet", "title", "language")


def read_jsonl_text(
    text: str,
    *,
    name: str,
    source_path: str | None = None,
    on_error: Callable[[InputError], None] | None = None,
    rules: Boilerplate | None = None,
    first_line: int = 1,
) -> Iterator[Document]:
    """Yield one ``Document`` per non-blank line; a bad line raises or goes to ``on_error``.

    ``first_line``: the number of ``text``'s first line in its file (a part of a file keeps the
    file's line numbers in its messages)."""
    for line_no, line in enumerate(text.splitlines(), start=first_line):
        if not line.strip():
            continue
        where = f"{name}: line {line_no}"
        try:
            yield jsonl_record(line, where=where, source_path=source_path, rules=rules)
        except InputError as exc:
            if on_error is None:
                raise
            on_error(exc)


def _parse_line(line: str, *, where: str) -> dict[str, Any]:
    """Parse one line into a JSON object with string fields; raise ``InputError``."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from exc
    except RecursionError as exc:  # "[[[[...]]]]" deeper than the parser's stack
        raise InputError(f"{where}: JSON nested too deeply to be a report") from exc
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object, got {_json_type(record)}")
    for key in _STRING_FIELDS:
        value = record.get(key)
        if value is not None and not isinstance(value, str) and not _whole_number(value):
            raise InputError(f"{where}: {key!r} must be a string, got {_json_type(value)}")
    return record


def _whole_number(value: Any) -> bool:
    """A JSON integer (not true/false, which Python counts as int)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _json_type(value: Any) -> str:
    """The JSON name of a parsed value's type, for messages."""
    names = {bool: "boolean", int: "number", float: "number", str: "string", list: "array", dict: "object"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _number_warnings(record: dict[str, Any], where: str) -> list[str]:
    """A warning for each field written as a number where a string is expected (an id 17 becomes "17")."""
    return [f"{where}: {key!r} is a number ({record[key]}), read as the string {str(record[key])!r}"
            for key in _STRING_FIELDS if _whole_number(record.get(key))]


def _field(record: dict[str, Any], key: str) -> str | None:
    """A string field, None when missing or blank."""
    value = record.get(key)
    return str(value).strip() or None if value is not None else None


def jsonl_record(line: str, *, where: str, source_path: str | None = None, rules: Boilerplate | None = None) -> Document:
    """Turn one JSONL line into a ``Document``; raise ``InputError`` naming ``where``."""
    record = _parse_line(line, where=where)
    text, html = record.get("text"), record.get("html")
    if not (isinstance(text, str) and text.strip()) and not (isinstance(html, str) and html.strip()):
        raise InputError(f"{where}: needs 'text' or 'html'")
    info = ReportInfo(
        id=_field(record, "id"), url=_field(record, "url"), outlet=_field(record, "outlet"),
        title=_field(record, "title"), language=_field(record, "language"), source_path=source_path,
        warnings=tuple(_number_warnings(record, where)),
    ).with_published(record.get("published"), "jsonl", name=where)
    if isinstance(text, str) and text.strip():
        return build_document(text, info, raw=text, name=where, rules=rules)
    return html_document(html, info, name=where, rules=rules)
