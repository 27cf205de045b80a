"""Limits on the work one report may cost (``data/limits.yaml``): the extraction time budget and
the window size long reports are geocoded in."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from marsad.errors import DataFileError
from marsad.text.lexicon import read_yaml


@dataclass(frozen=True, slots=True)
class Limits:
    """``time_budget_seconds``: a report still extracting after this is stopped (0: no budget);
    ``window_chars``: longer reports are geocoded in windows of about this many characters."""

    time_budget_seconds: float = 60.0
    window_chars: int = 60_000

    @classmethod
    @functools.cache
    def default(cls) -> "Limits":
        """The shipped limits (read once per process)."""
        return load_limits()


def load_limits(relpath: str = "limits.yaml") -> Limits:
    """Read ``data/<relpath>``; ``DataFileError`` naming the file and the bad value."""
    return limits_from(read_yaml(relpath) or {}, f"data/{relpath}")


def limits_from(data: Any, where: str) -> Limits:
    """The limits a parsed mapping gives; ``DataFileError`` naming ``where`` and the bad value."""
    if not isinstance(data, dict):
        raise DataFileError(f"{where}: expected a mapping of limits")
    unknown = sorted(set(data) - {"time_budget_seconds", "window_chars"})
    if unknown:
        raise DataFileError(f"{where}: unknown limits {', '.join(map(str, unknown))}")
    budget, window = data.get("time_budget_seconds", 60), data.get("window_chars", 60_000)
    if not isinstance(budget, (int, float)) or isinstance(budget, bool) or budget < 0:
        raise DataFileError(f"{where}: time_budget_seconds must be a number of seconds >= 0, not {budget!r}")
    if not isinstance(window, int) or isinstance(window, bool) or window < 1000:
        raise DataFileError(f"{where}: window_chars must be a whole number >= 1000, not {window!r}")
    return Limits(float(budget), window)
