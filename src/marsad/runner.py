"""Library functions behind the main CLI commands (extract, ingest, eval, demo).

Each command in ``marsad.cli.core`` parses its arguments and calls exactly one
of these, so everything the CLI can do is also reachable from Python.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any

from marsad.budget import time_budget as time_budget_for
from marsad.document import Document
from marsad.errors import InputError, MarsadError
from marsad.export.output import atomic_output, ensure_folder
from marsad.export.report import document_record
from marsad.limits import Limits
from marsad.pipeline import Pipeline

log = logging.getLogger(__name__)

ErrorHandler = Callable[[MarsadError], None]
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
    time_budget: float | None = None,
    workers: int = 1,
) -> Iterator[Document]:
    """Read every report under ``paths`` and run the extraction pipeline on it, in input order
    (``workers`` > 1: in that many forked processes, ``marsad.workers``).

    A report that cannot be read or extracted, or not within ``time_budget`` seconds (default:
    ``data/limits.yaml``; 0: none), raises, or goes to ``on_error`` and the run goes on with the next one.
    """
    from marsad.ingest import read_paths

    pipeline = pipeline or Pipeline.default()
    if workers > 1:
        from marsad.workers import extract_in_workers

        yield from extract_in_workers(read_paths(paths, on_error=on_error), pipeline, workers=workers,
                                      on_error=on_error, time_budget=time_budget)
        return
    for doc in read_paths(paths, on_error=on_error):
        extracted = extract_one(pipeline, doc, on_error=on_error, time_budget=time_budget)
        if extracted is not None:
            yield extracted


def extract_one(pipeline: Pipeline, doc: Document, *, on_error: ErrorHandler | None = None,
                time_budget: float | None = None) -> Document | None:
    """Run ``pipeline`` on one report within ``time_budget`` seconds (default: ``data/limits.yaml``;
    0: none); a failure, or a report over its budget, becomes a ``MarsadError`` naming the report."""
    budget = Limits.default().time_budget_seconds if time_budget is None else time_budget
    try:
        with time_budget_for(budget, report_name(doc)):
            return pipeline(doc)
    except MarsadError as exc:
        error: MarsadError = exc
    except Exception as exc:  # a bug on one report must not end the run for all the others
        log.debug("%s: extraction failed", report_name(doc), exc_info=True)
        error = MarsadError(f"{report_name(doc)}: extraction failed ({type(exc).__name__}: {exc})")
        error.__cause__ = exc
    if on_error is None:
        raise error
    on_error(error)
    return None


def report_name(doc: Document) -> str:
    """How messages name a report: its file (and id when the file holds several) or its id."""
    if doc.source_path and Path(doc.source_path).stem != doc.id:
        return f"{doc.source_path}: {doc.id}"
    return doc.source_path or doc.id


def write_records(docs: Iterable[Document], out: str | Path, *, progress: Progress | None = None) -> int:
    """Write one scorer record per document to ``out`` (JSONL), atomically; return the count.

    An ``out`` that cannot be written raises ``OutputError`` before any report is read.
    """
    count = 0
    with atomic_output(out) as fh:
        for doc in docs:
            fh.write(record_line(doc))
            count += 1
            if progress:
                progress(doc)
    return count


def record_line(doc: Document) -> str:
    """The JSONL line ``marsad extract`` writes for ``doc`` (its scorer record, newline included)."""
    return json.dumps(document_record(doc), ensure_ascii=False) + "\n"


@dataclass
class ExtractSummary:
    """What an extract run wrote, skipped and warned about."""

    written: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def extract_to_file(
    paths: Iterable[str | Path], out: str | Path, *, pipeline: Pipeline | None = None,
    progress: Progress | None = None, time_budget: float | None = None, workers: int = 1,
) -> ExtractSummary:
    """Extract every report under ``paths`` into ``out`` (one scorer record per line); ``workers``
    processes extract."""
    summary = ExtractSummary()

    def noted(doc: Document) -> None:
        summary.warnings.extend(doc.meta.get("warnings") or [])
        if progress:
            progress(doc)

    docs = extract_paths(paths, pipeline=pipeline, on_error=lambda e: summary.errors.append(str(e)),
                         time_budget=time_budget, workers=workers)
    summary.written = write_records(docs, out, progress=noted)
    return summary


@dataclass
class IngestSummary:
    """What an ingest run did, report by report."""

    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
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
    force: bool = False,
    time_budget: float | None = None,
    workers: int = 1,
) -> IngestSummary:
    """Extract every report under ``paths`` and store it (one transaction per report).

    A report already stored with the same text is not extracted again (its text hash is
    checked first) unless ``force``. The others are stored in report order (``in_report_order``:
    by publication day, then id), so the same batch in any order gives the same events. A bad
    report, or one not extracted within ``time_budget`` seconds, is recorded in ``summary.errors``
    and the run goes on; what was stored before it stays stored. ``workers`` processes extract;
    this one alone stores.
    """
    summary = IngestSummary()
    changed = changed_reports(paths, store, summary, force=force, progress=progress)
    docs = _extracted(changed, pipeline, summary, time_budget, workers)
    for doc in in_report_order(docs, progress=progress):
        try:
            summary.count(store.add_document(doc, force=force), doc)
        except MarsadError as exc:
            summary.errors.append(str(exc))
    return summary


def changed_reports(paths: Iterable[str | Path], store: Any, summary: IngestSummary, *, force: bool,
                     progress: Progress | None) -> Iterator[Document]:
    """The reports under ``paths`` to extract: all with ``force``, else those not stored with the
    same text (the others are counted unchanged, with no extraction)."""
    from marsad.ingest import read_paths

    for doc in read_paths(paths, on_error=lambda e: summary.errors.append(str(e))):
        summary.warnings.extend(doc.meta.get("warnings") or [])
        if force or not store.has_text(doc.id, doc.text):
            yield doc
            continue
        summary.unchanged.append(doc.id)
        if progress:
            progress(doc)


def _extracted(docs: Iterable[Document], pipeline: Pipeline | None, summary: IngestSummary,
               time_budget: float | None, workers: int = 1) -> Iterator[Document]:
    """``docs`` through the pipeline (loaded once, only when a report needs it; ``workers`` > 1: in
    forked processes); failures recorded."""
    if workers > 1:
        from marsad.workers import extract_in_workers

        yield from extract_in_workers(docs, pipeline or Pipeline.default(), workers=workers,
                                      on_error=lambda e: summary.errors.append(str(e)), time_budget=time_budget)
        return
    loaded: list[Pipeline] = [pipeline] if pipeline else []
    for doc in docs:
        loaded = loaded or [Pipeline.default()]
        extracted = extract_one(loaded[0], doc, on_error=lambda e: summary.errors.append(str(e)),
                                time_budget=time_budget)
        if extracted is not None:
            yield extracted


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
    split: str | Path | None = None,
) -> dict[str, Any]:
    """Extract ``reports`` into ``out`` and score them against ``gold_dir``; return the summary (with
    ``split``, a JSON file of report-id lists by part name, also ``parts``: each part's summary)."""
    gold_dir = Path(gold_dir)
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_dir.glob("*.json"))]
    if not golds:
        raise InputError(f"{gold_dir}: no gold files (*.json)")
    module = load_scorer(gold_dir, scorer)
    write_records(extract_paths(reports), out)
    preds = module.load_predictions(Path(out))
    results = [module.score_article(g, preds.get(g["article_id"])) for g in golds]
    summary = module.summarize(results)
    if split is not None:
        summary["parts"] = {name: module.summarize([r for r in results if r["article_id"] in ids])
                            for name, ids in read_split(split).items()}
    summary["per_article"] = results
    return summary


def read_split(path: str | Path) -> dict[str, set[str]]:
    """The parts of a split file: every key whose value is a list of report ids (``benchmarks/real/split.json``)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: cannot read the split: {exc}") from exc
    parts = {str(k): {str(i) for i in v} for k, v in (data.items() if isinstance(data, dict) else [])
             if isinstance(v, list) and v and all(isinstance(i, str) for i in v)}
    if not parts:
        raise InputError(f"{path}: not a split (a JSON object with lists of report ids by part name)")
    return parts


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

    out_dir = ensure_folder(out_dir)  # before the work: an unwritable folder fails at once
    records: list[Document] = []

    def keep(doc: Document) -> None:
        records.append(doc)
        if progress:
            progress(doc)

    with Store(db) as store:
        summary = ingest_paths(sample_corpus_paths(), store, progress=keep)
        unchanged = set(summary.unchanged)  # not extracted again: what was stored for them
        records = [store.get_article(d.id) if d.id in unchanged else d for d in records]
        outputs = {"reports": out_dir / "reports.jsonl"}
        write_records(records, outputs["reports"])
        for fmt in ("csv", "jsonl", "geojson"):
            outputs[fmt] = out_dir / f"events.{fmt}"
            with atomic_output(outputs[fmt]) as fh:
                export_store(store, fmt, fh)
        counts = store.counts()
    return DemoSummary(Path(db), outputs, summary, counts)
