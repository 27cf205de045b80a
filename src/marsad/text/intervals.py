"""Disjoint character ranges kept sorted, so that "does this range overlap one kept?" is a
bisection, not a scan of every range kept so far (longest-first match selection stays linear)."""

from __future__ import annotations

import bisect


class Intervals:
    """Disjoint, non-empty ``[start, end)`` ranges in text order (their ends are then sorted too)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` overlaps a kept range."""
        i = bisect.bisect_left(self.starts, end) - 1  # the last range starting before ``end``
        return i >= 0 and self.ends[i] > start

    def add(self, start: int, end: int) -> None:
        """Keep ``[start, end)``: a range overlapping none kept, or equal to one kept (kept once)."""
        i = bisect.bisect_left(self.starts, start)
        if i < len(self.starts) and self.starts[i] == start and self.ends[i] == end:
            return
        self.starts.insert(i, start)
        self.ends.insert(i, end)
