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


def _start(pipeline: Pipeline) -> None:
    global _pipeline
    _pipeline = pipeline


def _extract(doc: Document) -> tuple[Document | None, str | None]:
    """Run the worker's pipeline on ``doc``: (the document, None) or (None, what went wrong)."""
    assert _pipeline is not None
    try:
        doc = _pipeline(doc)
    except Exception as exc:  # noqa: BLE001 - one bad report must not stop the others
        log.debug("%s: extraction failed", doc.id, exc_info=True)
        return None, f"{doc.id}: extraction failed ({type(exc).__name__}: {exc})"
    doc.tokens = doc.analysis = None  # working state (it holds the knowledge): not sent back
    return doc, None


def extract_in_workers(docs: Iterable[Document], pipeline: Pipeline, *, workers: int,
                       on_error: Callable[[InputError], None] | None = None) -> Iterator[Document]:
    """``pipeline(doc)`` for every document of ``docs`` in ``workers`` forked processes, in input order.

    A failed report raises ``InputError`` naming it, or with ``on_error`` is passed to it and skipped.
    """
    context = multiprocessing.get_context("fork")
    gc.freeze()  # the loaded knowledge is never collected: children must not copy it page by page
    with context.Pool(workers, initializer=_start, initargs=(pipeline,)) as pool:
        for doc, error in pool.imap(_extract, docs, chunksize=CHUNK):
            if error is None:
                yield doc  # type: ignore[misc]
                continue
            failure = InputError(error)
            if on_error is None:
                raise failure
            on_error(failure)
