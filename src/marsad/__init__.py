"""marsad (مرصد): Arabic-first conflict event extraction with provenance.

The public surface: the one-line library (``extract``, ``extract_paths``, ``to_dataframe``,
``open``), the document model, the pipeline, and the exception tree.
Stages live in sub-packages named for the data flow:
ingest -> text -> extract -> geo -> dedup -> store -> api/web -> export.
"""

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
