"""Date windows of event mentions: what days an extracted date can mean."""

from __future__ import annotations

import calendar
import functools
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

WindowKind = Literal["exact", "window", "implied"]


@dataclass(frozen=True, slots=True)
class DateWindow:
    """The days ``[lo, hi]`` an event can have happened on, and how sure that is.

    ``exact``: a day (ACLED time_precision 1); ``window``: a week or a month
    (precision 2 or 3, or a partial date whose year came from the report);
    ``implied``: the report gives no date, so the days up to its publication.
    """

    lo: date
    hi: date
    kind: WindowKind

    def overlaps(self, other: "DateWindow", *, slack: int = 0) -> bool:
        """Whether the two windows share a day (after widening by ``slack`` days)."""
        pad = timedelta(days=slack)
        return self.lo - pad <= other.hi and other.lo - pad <= self.hi

    def gap_days(self, other: "DateWindow") -> int:
        """Days between the windows (0 when they overlap)."""
        if self.overlaps(other):
            return 0
        return min(abs((self.lo - other.hi).days), abs((other.lo - self.hi).days))


def parse_iso(value: str | None) -> date | None:
    """Parse ``YYYY-MM-DD`` (None for empty, partial or malformed values)."""
    if not value or value.startswith("-"):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _partial(value: str, published: date | None) -> date | None:
    """Resolve ``--MM-DD`` with the publication year (the year before if it would be later)."""
    if published is None or len(value) < 7:
        return None
    try:
        day = date(published.year, int(value[2:4]), int(value[5:7]))
    except ValueError:
        return None
    if day > published:
        try:
            day = day.replace(year=published.year - 1)
        except ValueError:
            return None
    return day


def _precision_window(day: date, precision: int | None) -> DateWindow:
    """The window an ACLED time_precision gives around ``day``."""
    if precision == 2:
        return DateWindow(day - timedelta(days=3), day + timedelta(days=3), "window")
    if precision == 3:
        last = calendar.monthrange(day.year, day.month)[1]
        return DateWindow(day.replace(day=1), day.replace(day=last), "window")
    return DateWindow(day, day, "exact")


@functools.lru_cache(maxsize=65536)
def date_window(
    event_date: str | None, time_precision: int | None, published: date | None, *, implied_days: int = 2
) -> DateWindow | None:
    """Return the window of days an event date means, or None when nothing dates it (pure, so cached)."""
    day = parse_iso(event_date)
    if day is not None:
        return _precision_window(day, time_precision)
    if event_date and event_date.startswith("--"):
        resolved = _partial(event_date, published)
        if resolved is not None:
            return DateWindow(resolved, resolved, "window")
    if published is not None:
        return DateWindow(published - timedelta(days=implied_days), published, "implied")
    return None


def weekday_in(text: str) -> int | None:
    """The weekday a date phrase names ("فجر الجمعة", "on Tuesday"; 0 = Monday), if exactly one."""
    from marsad.text.date_lexicon import default_date_lexicon
    from marsad.text.tokens import clitic_bases, tokenize

    weekdays = default_date_lexicon().weekdays
    found = {weekdays[base] for token in tokenize(text) for base in clitic_bases(token.norm.lower())
             if base in weekdays}
    return found.pop() if len(found) == 1 else None
