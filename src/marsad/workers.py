"""Extraction on several cores: the pipeline is loaded once, then the process forks, so every worker
starts with the knowledge already in memory (shared, copy-on-write) instead of loading it again.

Workers only extract; documents come back in input order, so whoever stores them (the parent, the
one writer) sees exactly what one process would have produced. A report whose extraction fails is
named through ``on_error`` and the others go on.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
from collections.abc import Callable, Iterable, Iterator

from marsad.document import Document
from marsad.errors import InputError
from marsad.pipeline import Pipeline

log = logging.getLogger(__name__)

# The pipeline of a worker process: its forked copy of the parent's (set by ``_start``, never in the parent).
_pipeline: Pipeline | None = None
CHUNK = 4  # reports sent to a worker at a time: few enough to keep both cores busy to the end


_budget: float | None = None  # the worker's time budget per report (None: data/limits.yaml)


def _start(pipeline: Pipeline, budget: float | None = None) -> None:
    global _pipeline, _budget
    _pipeline, _budget = pipeline, budget


def _extract(doc: Document) -> tuple[Document | None, str | None]:
    """Run the worker's pipeline on ``doc`` within its time budget: (the document, None) or (None,
    what went wrong)."""
    from marsad.runner import extract_one

    assert _pipeline is not None
    failures: list[str] = []
    extracted = extract_one(_pipeline, doc, on_error=lambda e: failures.append(str(e)), time_budget=_budget)
    if extracted is None:
        return None, failures[0] if failures else f"{doc.id}: extraction failed"
    doc = extracted
    doc.tokens = doc.analysis = None  # working state (it holds the knowledge): not sent back
    return doc, None


def extract_in_workers(docs: Iterable[Document], pipeline: Pipeline, *, workers: int,
                       on_error: Callable[[InputError], None] | None = None,
                       time_budget: float | None = None) -> Iterator[Document]:
    """``pipeline(doc)`` for every document of ``docs`` in ``workers`` forked processes, in input order.

    A failed report raises ``InputError`` naming it, or with ``on_error`` is passed to it and skipped.
    """
    context = multiprocessing.get_context("fork")
    gc.freeze()  # the loaded knowledge is never collected: children must not copy it page by page
    with context.Pool(workers, initializer=_start, initargs=(pipeline, time_budget)) as pool:
        for doc, error in pool.imap(_extract, docs, chunksize=CHUNK):
            if error is None:
                yield doc  # type: ignore[misc]
                continue
            failure = InputError(error)
            if on_error is None:
                raise failure
            on_error(failure)
