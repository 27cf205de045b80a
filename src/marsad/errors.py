"""The one exception tree of marsad.

Every error a user can cause names the input and the problem, e.g.
``feed.xml: item 7 has no text``. The CLI turns any ``MarsadError`` into
exit code 1 with its message.
"""

from __future__ import annotations


class MarsadError(Exception):
    """Base class for every error marsad raises on purpose."""


class InputError(MarsadError):
    """A report or file cannot be read: empty, binary, malformed, too large."""


class DataFileError(MarsadError):
    """A shipped knowledge file (actors, triggers, gazetteer) is missing or malformed."""


class SpanError(MarsadError):
    """A character span falls outside the document text or is inverted."""


class StoreError(MarsadError):
    """The event store cannot be opened, migrated or written."""


class NotFoundError(MarsadError):
    """An event, article or tally id does not exist in the store."""


class TimeBudgetError(MarsadError):
    """A report's extraction ran past its time budget (``data/limits.yaml``, ``--time-budget``)."""


class OutputError(MarsadError):
    """An output file or folder cannot be written (no permission, no space, a folder in the way)."""


class ConflictError(MarsadError):
    """A write would replace stored data without being asked to (e.g. another text under a stored id)."""


class FetchError(MarsadError):
    """A feed or page could not be fetched: timeout, HTTP error, too large, redirect loop, robots.txt.

    ``kind`` names the fault for counting ("timeout", "http-503", "too-large"...); ``retryable``
    says whether trying again later may help; ``retry_after`` is the server's Retry-After in seconds.
    """

    def __init__(self, message: str, *, kind: str, retryable: bool = False, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.retryable = retryable
        self.retry_after = retry_after


class LeaseLost(StoreError):
    """Another watcher holds the lease on a claimed item now: this watcher's work on it is dropped."""
