"""JSONL batches: one report per line; bad lines named, good lines still read."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.document import stable_id
from marsad.errors import InputError
from marsad.ingest import read_jsonl_text, read_path


def test_jsonl_good_lines_read_and_bad_lines_reported(fixtures):
    errors: list[InputError] = []
    docs = list(read_path(fixtures / "batch.jsonl", on_error=errors.append))
    name = str(fixtures / "batch.jsonl")
    assert [str(e) for e in errors] == [
        f"{name}: line 3: needs 'text' or 'html'",
        f"{name}: line 4: 'published' is not an ISO date: '2023-13-45'",
        f"{name}: line 7: not valid JSON (Expecting ',' delimiter at column 58)",
    ]
    english = "Two civilians were wounded by shelling on the outskirts of Tafas in rural Daraa, local sources said."
    assert [d.id for d in docs] == ["rasd-001", "rasd-002", stable_id(text=english), "8"]
    assert all(d.source_path == name for d in docs)


def test_jsonl_fields_are_carried(fixtures):
    first, from_html, english, _ = read_path(fixtures / "batch.jsonl", on_error=lambda e: None)
    assert first.url == "https://example-rasd.org/news/1"
    assert (first.published, first.published_from) == (date(2023, 3, 2), "jsonl")
    assert (first.outlet, first.title) == ("شبكة الرصد", "انفجار عبوة في الصنمين")
    assert first.raw.startswith("قتل عنصران") and first.text.count("\n") == 1
    assert from_html.text.endswith("بحسب الدفاع المدني.")
    assert (from_html.published, from_html.published_from) == (date(2023, 3, 3), "html-meta")
    assert from_html.raw.startswith("<html>")
    assert from_html.outlet == "example-rasd.org"
    assert english.language == "en" and english.published == date(2023, 3, 6)


def test_jsonl_without_on_error_raises_at_first_bad_line(fixtures):
    reader = read_path(fixtures / "batch.jsonl")
    assert [next(reader).id, next(reader).id] == ["rasd-001", "rasd-002"]
    with pytest.raises(InputError, match=r"batch\.jsonl: line 3: needs 'text' or 'html'$"):
        next(reader)


@pytest.mark.parametrize(("line", "problem"), [
    ('["a list"]', "line 1: expected a JSON object, got array"),
    ('{"text": ["x"]}', "line 1: 'text' must be a string, got array"),
    ('{"text": "   "}', "line 1: needs 'text' or 'html'"),
    ('{"text": "قتل شخص", "published": 20230301}', "line 1: 'published' is not an ISO date: 20230301"),
    ('{"text": "قتل شخص", "published": "yesterday"}', "line 1: 'published' is not an ISO date: 'yesterday'"),
])
def test_jsonl_bad_records(line, problem):
    with pytest.raises(InputError) as caught:
        list(read_jsonl_text(line, name="b.jsonl"))
    assert str(caught.value) == f"b.jsonl: {problem}"


def test_jsonl_id_from_url_when_no_id():
    (doc,) = read_jsonl_text('{"text": "قتل شخص بقصف", "url": "https://x.example/a", "published": "2023-01-01"}', name="b.jsonl")
    assert doc.id == stable_id(url="https://x.example/a")
