"""The pipeline: an ordered list of stages, each ``Document -> Document``.

Like spaCy's ``Language.__call__``, running a pipeline is a plain loop. The
default pipeline wires text analysis, extraction and geocoding; knowledge
(aliases, triggers, gazetteer) is loaded once per ``Pipeline`` instance and
passed to the stages that need it, never kept in module globals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from marsad.budget import check_budget
from marsad.document import Document

Stage = Callable[[Document], Document]


@dataclass
class Pipeline:
    """An ordered list of named stages."""

    stages: list[tuple[str, Stage]] = field(default_factory=list)

    def __call__(self, doc: Document) -> Document:
        for _name, stage in self.stages:
            doc = stage(doc)
            check_budget()  # a report over its time budget (``marsad.budget``) stops here
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.stages]

    @classmethod
    def default(cls) -> "Pipeline":
        """Text analysis, extraction and geocoding with the shipped knowledge files."""
        from marsad.extract import build_stages

        return cls(stages=build_stages())
