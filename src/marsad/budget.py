"""A time budget for one report's extraction (issue 15: no report hangs a worker).

``time_budget(seconds, label)`` opens the budget; ``check_budget()`` (between pipeline stages and
inside the long loops of extraction and geocoding) raises ``TimeBudgetError`` naming the report once
it is spent. The budget lives in a context variable, so each thread (an API worker) has its own.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from contextvars import ContextVar

from marsad.errors import TimeBudgetError

# (deadline on the monotonic clock, the budget in seconds, the report's name)
_DEADLINE: ContextVar[tuple[float, float, str] | None] = ContextVar("marsad_time_budget", default=None)


@contextlib.contextmanager
def time_budget(seconds: float | None, label: str) -> Iterator[None]:
    """Within the block, ``check_budget()`` raises once ``seconds`` have passed (None or 0: no budget)."""
    if not seconds or seconds <= 0:
        yield
        return
    token = _DEADLINE.set((time.monotonic() + seconds, seconds, label))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check_budget() -> None:
    """Raise ``TimeBudgetError`` naming the report when its time budget is spent."""
    current = _DEADLINE.get()
    if current is not None and time.monotonic() > current[0]:
        raise TimeBudgetError(f"{current[2]}: extraction stopped after {current[1]:g} s, its time budget "
                              "(data/limits.yaml; --time-budget changes it)")
