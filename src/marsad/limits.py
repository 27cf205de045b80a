"""Limits on the work one report may cost (``data/limits.yaml``): the extraction time budget and
the window size long reports are geocoded in; and how ``marsad batch`` cuts and retries its work."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from marsad.errors import DataFileError
from marsad.text.lexicon import read_yaml


@dataclass(frozen=True, slots=True)
class Limits:
    """``time_budget_seconds``: a report still extracting after this is stopped (0: no budget);
    ``window_chars``: longer reports are geocoded in windows of about this many characters;
    ``batch_partition_reports``: reports per ``marsad batch`` partition; ``batch_retries``: tries
    after the first for a failed partition; ``batch_wait_seconds``: how long a scheduler given by
    address may take to have a worker."""

    time_budget_seconds: float = 60.0
    window_chars: int = 60_000
    batch_partition_reports: int = 50
    batch_retries: int = 2
    batch_wait_seconds: float = 60.0

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
    unknown = sorted(set(data) - set(_LEAST))
    if unknown:
        raise DataFileError(f"{where}: unknown limits {', '.join(map(str, unknown))}")
    defaults = Limits()
    values = {name: data.get(name, getattr(defaults, name)) for name in _LEAST}
    for name, value in values.items():
        _check(name, value, where)
    return Limits(**{name: float(v) if name in _SECONDS else v for name, v in values.items()})


# Each limit's least allowed value; those in _SECONDS are numbers of seconds, the others whole numbers.
_LEAST = {"time_budget_seconds": 0, "window_chars": 1000, "batch_partition_reports": 1, "batch_retries": 0,
          "batch_wait_seconds": 0}
_SECONDS = {"time_budget_seconds", "batch_wait_seconds"}


def _check(name: str, value: Any, where: str) -> None:
    """``DataFileError`` naming ``where`` when ``value`` is not a valid ``name``."""
    kinds = (int, float) if name in _SECONDS else (int,)
    if not isinstance(value, kinds) or isinstance(value, bool) or value < _LEAST[name]:
        what = "a number of seconds" if name in _SECONDS else "a whole number"
        raise DataFileError(f"{where}: {name} must be {what} >= {_LEAST[name]}, not {value!r}")
