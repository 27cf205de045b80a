"""marsad (مرصد): Arabic-first conflict event extraction with provenance.

The public surface: the document model, the pipeline, and the exception tree.
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
from marsad.pipeline import Pipeline

__version__ = "0.1.0"

__all__ = [
    "ACLED_COLUMNS",
    "Article",
    "Claim",
    "DataFileError",
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
    "stable_id",
]
