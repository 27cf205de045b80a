"""Library functions behind the main CLI commands (extract, ingest, eval, demo).

Each command in ``marsad.cli.core`` parses its arguments and calls exactly one
of these, so everything the CLI can do is also reachable from Python.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any

from marsad.document import Document
from marsad.errors import InputError, MarsadError
from marsad.export.report import document_record
from marsad.pipeline import Pipeline

log = logging.getLogger(__name__)

ErrorHandler = Callable[[InputError], None]
Progress = Callable[[Document], None]


def sample_corpus_paths() -> list[Path]:
    """The bundled sample corpus: our own Arabic and English reports, and the multi-outlet set."""
    root = Path(str(resources.files("marsad") / "samples"))
    parts = [root / "ar", root / "en", root / "dedup" / "reports.jsonl"]
    return [p for p in parts if p.exists()]


def count_reports(paths: Iterable[str | Path]) -> int | None:
    """How many reports ``paths`` hold (a line per JSONL record), or None when a feed makes it unknown."""
    from marsad.ingest.files import EXTENSIONS, FEED_EXTENSIONS, JSONL_EXTENSIONS

    total = 0
    for path in map(Path, paths):
        files = [path] if path.is_file() else sorted(
            p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in EXTENSIONS
            and not any(part.startswith(".") for part in p.relative_to(path).parts)) if path.is_dir() else []
        for file in files:
            suffix = file.suffix.lower()
            if suffix in FEED_EXTENSIONS:
                return None
            if suffix in JSONL_EXTENSIONS:
                with file.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            else:
                total += 1
    return total


def missing_paths(paths: Iterable[str | Path]) -> list[str]:
    """The given paths that do not exist."""
    return [str(p) for p in paths if not Path(p).exists()]


def extract_paths(
    paths: Iterable[str | Path],
    *,
    pipeline: Pipeline | None = None,
    on_error: ErrorHandler | None = None,
    workers: int = 1,
) -> Iterator[Document]:
    """Read every report under ``paths`` and run the extraction pipeline on it, in input order
    (``workers`` > 1: in that many forked processes, ``marsad.workers``)."""
    from marsad.ingest import read_paths

    pipeline = pipeline or Pipeline.default()
    if workers > 1:
        from marsad.workers import extract_in_workers

        yield from extract_in_workers(read_paths(paths, on_error=on_error), pipeline, workers=workers,
                                      on_error=on_error)
        return
    for doc in read_paths(paths, on_error=on_error):
        yield pipeline(doc)


def write_records(docs: Iterable[Document], out: str | Path, *, progress: Progress | None = None) -> int:
    """Write one scorer record per document to ``out`` (JSONL), atomically; return the count."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=out.name + ".", dir=out.parent)
    count = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for doc in docs:
                fh.write(json.dumps(document_record(doc), ensure_ascii=False) + "\n")
                count += 1
                if progress:
                    progress(doc)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count


@dataclass
class IngestSummary:
    """What an ingest run did, report by report."""

    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    events: int = 0
    tallies: int = 0

    def count(self, result: Any, doc: Document) -> None:
        """Record one ``Store.add_document`` result."""
        status = getattr(result, "status", "added")
        bucket = {"unchanged": self.unchanged, "updated": self.updated, "duplicate": self.duplicates}
        bucket.get(status, self.added).append(doc.id)
        self.events += len(doc.events)
        self.tallies += len(doc.tallies)


def ingest_paths(
    paths: Iterable[str | Path],
    store: Any,
    *,
    pipeline: Pipeline | None = None,
    progress: Progress | None = None,
    workers: int = 1,
) -> IngestSummary:
    """Extract every report under ``paths`` and store it (one transaction per report).

    The batch is stored in report order (``in_report_order``: by publication day, then id), so
    the same batch in any order gives the same events. A bad report is recorded in
    ``summary.errors`` and the run goes on; what was stored before it stays stored. ``workers``
    processes extract; this one alone stores.
    """
    summary = IngestSummary()
    docs = extract_paths(paths, pipeline=pipeline, on_error=lambda e: summary.errors.append(str(e)),
                         workers=workers)
    for doc in in_report_order(docs, progress=progress):
        try:
            summary.count(store.add_document(doc), doc)
        except MarsadError as exc:
            summary.errors.append(str(exc))
    return summary


def report_order_key(doc: Document) -> tuple[str, str]:
    """Where a report stands in a batch: by publication day (undated last), then by id."""
    return (doc.published.isoformat() if doc.published else "9999-99-99", doc.id)


def in_report_order(docs: Iterable[Document], *, progress: Progress | None = None) -> Iterator[Document]:
    """The batch's documents in ``report_order_key`` order, whatever order they came in, so the
    same batch merges into the same events. Extracted documents wait in a temporary file, not in
    memory; ``progress`` is called as each one is extracted."""
    with tempfile.TemporaryFile("w+b") as spool:
        keys: list[tuple[tuple[str, str], int]] = []
        for doc in docs:
            keys.append((report_order_key(doc), spool.tell()))
            spool.write(json.dumps(doc.to_dict(), ensure_ascii=False).encode("utf-8") + b"\n")
            if progress:
                progress(doc)
        for _key, offset in sorted(keys):
            spool.seek(offset)
            yield Document.from_dict(json.loads(spool.readline().decode("utf-8")))


def load_scorer(gold_dir: str | Path, scorer: str | Path | None = None) -> ModuleType:
    """Load the shared scorer (``score.py``): given, beside the gold folder, or in ../shared/eval."""
    candidates = [Path(scorer)] if scorer else [
        Path(gold_dir).resolve().parent / "eval" / "score.py",
        Path.cwd().parent / "shared" / "eval" / "score.py",
    ]
    for path in candidates:
        if path.is_file():
            spec = importlib.util.spec_from_file_location("marsad_scorer", path)
            module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
            spec.loader.exec_module(module)  # type: ignore[union-attr]
            return module
    raise InputError(f"{gold_dir}: no scorer found (looked for {', '.join(map(str, candidates))}); pass --scorer")


def evaluate(
    gold_dir: str | Path,
    reports: Iterable[str | Path],
    *,
    out: str | Path,
    scorer: str | Path | None = None,
) -> dict[str, Any]:
    """Extract ``reports`` into ``out`` and score them against ``gold_dir``; return the summary."""
    gold_dir = Path(gold_dir)
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))]
    if not golds:
        raise InputError(f"{gold_dir}: no gold files (*.json)")
    module = load_scorer(gold_dir, scorer)
    write_records(extract_paths(reports), out)
    preds = module.load_predictions(Path(out))
    results = [module.score_article(g, preds.get(g["article_id"])) for g in golds]
    summary = module.summarize(results)
    summary["per_article"] = results
    return summary


@dataclass
class DemoSummary:
    """Where the demo put its outputs, and what it stored."""

    db: Path
    outputs: dict[str, Path]
    ingest: IngestSummary
    counts: dict[str, Any]


def run_demo(db: str | Path, out_dir: str | Path, *, progress: Progress | None = None) -> DemoSummary:
    """Ingest the bundled sample corpus into ``db`` and write every export into ``out_dir``."""
    from marsad.export import export_store
    from marsad.store import Store

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    records: list[Document] = []

    def keep(doc: Document) -> None:
        records.append(doc)
        if progress:
            progress(doc)

    with Store(db) as store:
        summary = ingest_paths(sample_corpus_paths(), store, progress=keep)
        outputs = {"reports": out_dir / "reports.jsonl"}
        write_records(records, outputs["reports"])
        for fmt in ("csv", "jsonl", "geojson"):
            outputs[fmt] = out_dir / f"events.{fmt}"
            with outputs[fmt].open("w", encoding="utf-8", newline="") as fh:
                export_store(store, fmt, fh)
        counts = store.counts()
    return DemoSummary(Path(db), outputs, summary, counts)
