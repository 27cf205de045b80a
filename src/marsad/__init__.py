"""marsad (مرصد): Arabic-first conflict event extraction with provenance.

The public surface: the one-line library (``extract``, ``extract_paths``, ``to_dataframe``,
``open``), the document model, the pipeline, and the exception tree.
Stages live in sub-packages named for the data flow:
ingest -> text -> extract -> geo -> dedup -> store -> api/web -> export.
"""

import sys
import types

from marsad.document import (
    ACLED_COLUMNS,
    Article,
    Claim,
    Decision,
    Document,
    Event,
    RemovedLine,
    Span,
    Tally,
    stable_id,
)
from marsad.errors import (
    DataFileError,
    InputError,
    MarsadError,
    NotFoundError,
    SpanError,
    StoreError,
)
from marsad.library import Dataset, extract, extract_document, extract_paths, open, to_dataframe
from marsad.pipeline import Pipeline

__version__ = "0.1.0"


class _Package(types.ModuleType):
    """The ``marsad`` module: ``marsad.extract`` stays the library function once the ``marsad.extract``
    stage package is imported (Python would otherwise bind the sub-package over it; the package
    stays importable as ``from marsad.extract import ...``)."""

    def __setattr__(self, name: str, value: object) -> None:
        if name == "extract" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

__all__ = [
    "ACLED_COLUMNS",
    "Article",
    "Claim",
    "DataFileError",
    "Dataset",
    "Decision",
    "Document",
    "Event",
    "InputError",
    "MarsadError",
    "NotFoundError",
    "Pipeline",
    "RemovedLine",
    "Span",
    "SpanError",
    "StoreError",
    "Tally",
    "__version__",
    "extract",
    "extract_document",
    "extract_paths",
    "open",
    "stable_id",
    "to_dataframe",
]
