"""Extraction in forked workers: the same records and stored events as one process, in input order;
a report that fails is named and the others go on."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.document import Document
from marsad.errors import InputError
from marsad.export.report import document_record
from marsad.pipeline import Pipeline
from marsad.runner import extract_paths, ingest_paths, sample_corpus_paths
from marsad.store import Store
from marsad.workers import extract_in_workers

VOLATILE = {"last_updated", "timestamp", "changed_at"}


def records(workers: int) -> list[dict]:
    return [document_record(d) for d in extract_paths(sample_corpus_paths(), workers=workers)]


def test_workers_extract_same_records_in_input_order():
    assert records(2) == records(1)


def test_workers_ingest_stores_same_events():
    stored = []
    for workers in (1, 2):
        with Store(":memory:") as store:
            summary = ingest_paths(sample_corpus_paths(), store, workers=workers)
            assert not summary.errors
            stored.append([{k: v for k, v in e.items() if k not in VOLATILE} for e in store.iter_event_records()])
    assert stored[0] == stored[1]


def fail_on_two(doc: Document) -> Document:
    if doc.id == "r2":
        raise ValueError("no such thing")
    doc.title = "seen"
    return doc


def test_workers_failed_report_is_named_and_run_goes_on():
    docs = [Document(id=f"r{i}", text=f"report {i}") for i in range(6)]
    errors: list[InputError] = []
    out = list(extract_in_workers(docs, Pipeline([("fail", fail_on_two)]), workers=2, on_error=errors.append))
    assert [d.id for d in out] == ["r0", "r1", "r3", "r4", "r5"]
    assert all(d.title == "seen" for d in out)
    assert [str(e) for e in errors] == ["r2: extraction failed (ValueError: no such thing)"]


def test_workers_failed_report_raises_without_handler():
    docs = [Document(id=f"r{i}", text=f"report {i}") for i in range(3)]
    with pytest.raises(InputError, match="r2: extraction failed"):
        list(extract_in_workers(docs, Pipeline([("fail", fail_on_two)]), workers=2))


def test_cli_extract_workers_writes_same_file(tmp_path):
    sample = sample_corpus_paths()[0]
    runner = CliRunner()
    for workers in ("1", "2"):
        result = runner.invoke(app, ["extract", str(sample), "--out", str(tmp_path / f"w{workers}.jsonl"),
                                     "--workers", workers])
        assert result.exit_code == 0, result.output
    one, two = ([json.loads(line) for line in (tmp_path / f"w{n}.jsonl").open()] for n in (1, 2))
    assert one == two and len(one) > 10
