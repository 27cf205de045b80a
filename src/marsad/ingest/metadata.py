"""Report metadata from the text itself: language, and a publication date from a dateline or footer."""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, timedelta

from marsad.document import RemovedLine

log = logging.getLogger(__name__)

_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
_FULL_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_START = re.compile(r"\d{4}-\d{2}-\d{2}(?:$|[T ])")
# After a dateline's date: an optional agency in brackets, then a dash or colon ("(AFP) -").
_DATELINE_TAIL = re.compile(r"\s*(?:\([^()]{1,30}\))?\s*[-–—:]")
# "today, Saturday 2 December 2023" in a report's opening: the day it was written.
_TODAY = re.compile(r"(?:^|\s|،|,)(?:اليوم|today)\b", re.IGNORECASE)
LANGUAGE_SAMPLE = 20_000
SHORT_LINE = 100
DATELINE_LINES = 6
FOOTER_LINES = 6
DATELINE_WORDS = 5  # words besides the date on a dateline ("عنب بلدي – حمص")
DATELINE_REASONS = frozenset({"byline", "outlet-tag"})  # removed lines that may carry the dateline
FOOTER_WORDS = 4  # words besides the date on a footer line ("نشر في", "مشاهدات")
EARLIEST_PUBLISHED = date(1990, 1, 1)  # an earlier publication date is a typo or a placeholder


def detect_language(text: str) -> str:
    """Return "ar" or "en" by the share of Arabic-script letters among letters (in the first 20,000 characters)."""
    sample = text[:LANGUAGE_SAMPLE]
    arabic = len(_ARABIC.findall(sample))
    latin = len(_LATIN.findall(sample))
    return "en" if latin > arabic else "ar"


def plausible_published(day: date, *, today: date | None = None) -> bool:
    """True when a publication date lies between ``EARLIEST_PUBLISHED`` and tomorrow (time zones)."""
    latest = (today or date.today()) + timedelta(days=1)
    return EARLIEST_PUBLISHED <= day <= latest


def parse_iso_date(value: str | date) -> date:
    """Parse an ISO date or date-time ("2023-03-14", "2023-03-14T09:00:00Z"); raise ValueError."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO date string, got {type(value).__name__}")
    text = value.strip()
    if not _ISO_START.match(text):
        raise ValueError(f"not an ISO date: {text!r}")
    if len(text) == 10:
        return date.fromisoformat(text)
    return datetime.fromisoformat(text).date()


def _full_dates(line: str) -> list[tuple[int, int, date]]:
    """Absolute, day-precise dates in ``line`` as ``(start, end, date)``."""
    from marsad.text.dates import find_dates  # the text layer's date finder

    found = []
    for mention in find_dates(line):
        value = mention.value
        written = not getattr(mention, "year_inferred", False)
        if mention.kind == "absolute" and written and isinstance(value, str) and _FULL_ISO.fullmatch(value):
            try:
                found.append((mention.start, mention.end, date.fromisoformat(value)))
            except ValueError:
                log.debug("find_dates gave an impossible date %r in %r", value, line)
    return found


def count_words(text: str) -> int:
    """Number of whitespace-separated words with a letter in them (dashes and digits do not count)."""
    return sum(1 for word in text.split() if any(ch.isalpha() for ch in word))


def _few_words(text: str, limit: int) -> bool:
    """True when ``text`` has at most ``limit`` words with letters in them."""
    return count_words(text) <= limit


def dateline_date(line: str) -> date | None:
    """The date of a dateline: "PLACE - DATE" alone on a line, "PLACE, DATE (AGENCY) -" or "today, DATE" opening a paragraph."""
    for start, end, value in _full_dates(line):
        if len(line) <= SHORT_LINE and _few_words(line[:start] + " " + line[end:], DATELINE_WORDS):
            return value
        if start <= 60 and _DATELINE_TAIL.match(line, end) and _few_words(line[:start], DATELINE_WORDS + 3):
            return value
        if start <= 120 and _TODAY.search(line[max(0, start - 12):end]):
            return value
    return None


def footer_date(line: str) -> date | None:
    """The date of a short footer line that is mostly the date ("19 April 2018 782 views")."""
    if len(line) > SHORT_LINE:
        return None
    for start, end, value in _full_dates(line):
        if _few_words(line[:start] + " " + line[end:], FOOTER_WORDS):
            return value
    return None


def _dateline_candidates(lines: list[str], removed: list[RemovedLine]) -> list[str]:
    """The first non-blank lines, skipping removed boilerplate other than bylines and outlet tags."""
    reasons = {r.line_no: r.reason for r in removed}
    found = []
    for line_no, line in enumerate(lines, start=1):
        reason = reasons.get(line_no)
        if line.strip() and (reason is None or reason in DATELINE_REASONS):
            found.append(line.strip())
            if len(found) == DATELINE_LINES:
                break
    return found


def published_from_text(lines: list[str], removed: list[RemovedLine]) -> tuple[date, str] | None:
    """Find a publication date in the first lines, else in the last lines or a removed view counter."""
    for line in _dateline_candidates(lines, removed):
        value = dateline_date(line)
        if value:
            return value, "text-dateline"
    nonblank = [line.strip() for line in lines if line.strip()]
    footers = [r.text for r in removed if r.reason == "view-counter"]
    footers += list(reversed(nonblank[-FOOTER_LINES:]))
    for line in footers:
        value = footer_date(line)
        if value:
            return value, "text-footer"
    return None


def published_from_url(url: str | None) -> date | None:
    """The date a URL's path carries (``/2021/10/28/``), read by htmldate's URL rules (which refuse
    bare years and implausible days); None when it carries none."""
    if not url or "/" not in url:
        return None
    from htmldate import find_date  # only when metadata and text gave no date

    try:
        found = find_date("<html><body></body></html>", url=url, extensive_search=False,
                          outputformat="%Y-%m-%d", original_date=True)
    except (ValueError, TypeError) as exc:
        logging.getLogger(__name__).debug("no date read from %s: %s", url, exc)
        return None
    return date.fromisoformat(found) if found else None
