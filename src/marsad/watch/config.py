"""How the watcher fetches and schedules, as one frozen value (like ``DedupConfig``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad import __version__
from marsad.errors import InputError

USER_AGENT = f"marsad/{__version__} (conflict-event news watcher; obeys robots.txt)"
ROBOTS_AGENT = "marsad"  # the token robots.txt rules are matched against

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|d)?\s*$", re.I)
_UNIT = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$", re.I)
_BYTES = {"b": 1, "kb": 1_000, "mb": 1_000_000, "gb": 1_000_000_000}


@dataclass(frozen=True, slots=True)
class WatchConfig:
    """Politeness, limits, retries and leases of ``marsad watch``.

    Defaults are those of a polite crawler: one request at a time per host and at least
    ``host_interval`` seconds apart (longer when robots.txt asks with Crawl-delay), a named
    User-Agent, short quick retries (a longer Retry-After is honoured by rescheduling, not by
    holding a worker), and failing sources backed off exponentially up to ``backoff_max``.
    """

    user_agent: str = USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 20.0  # between two reads
    total_timeout: float = 60.0  # the whole response, however slowly it trickles in
    max_bytes: int = 5_000_000  # a larger page or feed is refused
    max_redirects: int = 5
    retries: int = 2  # quick retries of a transient fault (timeout, network, 429, 5xx)
    retry_wait: float = 1.0  # first quick back-off; doubles, plus up to as much again in jitter
    retry_wait_max: float = 10.0
    host_interval: float = 1.0
    workers: int = 8  # concurrent fetches, never two on one host
    lease_s: float = 300.0  # a claim not renewed for this long is taken over
    backoff_max: float = 6 * 3600.0
    item_attempts: int = 5  # fetch attempts before a report URL is given up
    item_retry_wait: float = 60.0  # first pause before fetching a report again after a fault; doubles
    max_items_per_poll: int = 500
    max_child_sitemaps: int = 10
    max_age_days: float | None = 30.0  # listed reports dated older than this are not fetched
    robots_ttl: float = 24 * 3600.0
    batch: int = 20  # reports coded per turn of the loop
    tick: float = 1.0  # longest sleep of an idle loop (a finished fetch wakes it at once)
    heartbeat_s: float = 10.0  # how often a watcher says it is alive and renews its leases

    def __post_init__(self) -> None:
        for name in ("connect_timeout", "read_timeout", "total_timeout", "host_interval", "lease_s", "retry_wait",
                     "item_retry_wait", "tick"):
            if getattr(self, name) < 0:
                raise InputError(f"watch settings: {name} must not be negative")
        if self.workers < 1 or self.max_bytes < 1 or self.item_attempts < 1:
            raise InputError("watch settings: workers, max_bytes and item_attempts must be at least 1")


def parse_duration(text: str | float, *, what: str = "interval") -> float:
    """Seconds in "90", "30s", "10m", "2h", "1d"; raise ``InputError`` naming ``what``."""
    if isinstance(text, (int, float)):
        return float(text)
    match = _DURATION.match(text)
    if not match:
        raise InputError(f"{what}: {text!r} is not a duration (examples: 30s, 10m, 2h, 1d)")
    seconds = float(match.group(1)) * _UNIT[(match.group(2) or "s").lower()]
    if seconds <= 0:
        raise InputError(f"{what}: {text!r} must be longer than zero")
    return seconds


def parse_size(text: str | int) -> int:
    """Bytes in "5MB", "500kb", "1000000"; raise ``InputError``."""
    if isinstance(text, int):
        return text
    match = _SIZE.match(text)
    if not match:
        raise InputError(f"size: {text!r} is not a size (examples: 500kb, 5MB)")
    return int(float(match.group(1)) * _BYTES[(match.group(2) or "b").lower()])


def format_duration(seconds: float) -> str:
    """A short human form: 45s, 10m, 2h, 3d (rounded)."""
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if abs(seconds) >= size:
            value = seconds / size
            return f"{value:.0f}{unit}" if value >= 10 or value == int(value) else f"{value:.1f}{unit}"
    return f"{seconds:.0f}s"
