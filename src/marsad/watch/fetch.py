"""HTTP fetching for the watcher (httpx): polite, bounded and patient.

Polite: a named User-Agent, robots.txt obeyed (protego), one request at a time per host,
``host_interval`` (or the site's Crawl-delay) between two. Bounded: connect/read timeouts and
a deadline for the whole response, a size limit checked while reading (so a 20 MB page costs
at most the limit), redirects followed by hand up to ``max_redirects`` with loops named.
Patient: timeouts, network errors, 429 and 5xx are retried with exponential back-off and
jitter (stamina), honouring a short Retry-After; conditional requests (ETag, Last-Modified)
make an unchanged feed or page cost a 304.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx
import stamina
from protego import Protego

from marsad.errors import FetchError
from marsad.watch.config import ROBOTS_AGENT, WatchConfig

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ROBOTS_MAX_BYTES = 500_000
ACCEPT_PAGE = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5,*/*;q=0.1"
ACCEPT_LISTING = ("application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,"
                  "text/html;q=0.8,*/*;q=0.1")


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched response: 200 with its body, or 304 (not modified, no body)."""

    url: str
    final_url: str
    status: int
    body: bytes = b""
    content_type: str | None = None  # media type, lower case, without parameters
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def host_of(url: str) -> str:
    """The host (and port, when not the default) requests to ``url`` are paced by."""
    return httpx.URL(url).netloc.decode("ascii").lower()


class HostPacer:
    """At most one request per host every ``interval`` seconds (or the host's Crawl-delay)."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._next: dict[str, float] = {}
        self._delay: dict[str, float] = {}
        self._lock = threading.Lock()

    def set_delay(self, host: str, seconds: float) -> None:
        """A host's own minimum gap (robots.txt Crawl-delay), when longer than ours."""
        with self._lock:
            self._delay[host] = max(self.interval, seconds)

    def ready_in(self, host: str) -> float:
        """Seconds until ``host`` may be asked again (0 when it may now)."""
        with self._lock:
            return max(0.0, self._next.get(host, 0.0) - time.monotonic())

    def wait(self, host: str) -> None:
        """Sleep until this host may be asked again, and book the next slot."""
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, 0.0))
            self._next[host] = start + self._delay.get(host, self.interval)
        if start > now:
            time.sleep(start - now)


class Fetcher:
    """GET feeds and pages the polite way; raise ``FetchError`` with a kind and a reason."""

    def __init__(self, config: WatchConfig | None = None, *, transport: httpx.BaseTransport | None = None) -> None:
        self.config = config or WatchConfig()
        cfg = self.config
        timeout = httpx.Timeout(connect=cfg.connect_timeout, read=cfg.read_timeout, write=cfg.read_timeout,
                                pool=cfg.connect_timeout)
        self.client = httpx.Client(headers={"User-Agent": cfg.user_agent}, timeout=timeout,
                                   follow_redirects=False, transport=transport)
        self.pacer = HostPacer(cfg.host_interval)
        self.robots = Robots(self)

    def close(self) -> None:
        self.client.close()

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
              accept: str = ACCEPT_PAGE, max_bytes: int | None = None, check_robots: bool = True) -> Page:
        """GET ``url`` following redirects by hand; a 304 comes back as a ``Page`` with status 304."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        chain = [url]
        current = url
        for _hop in range(self.config.max_redirects + 1):
            _check_scheme(current)
            if check_robots and not self.robots.allowed(current):
                raise FetchError(f"{current}: robots.txt of {host_of(current)} does not allow marsad here",
                                 kind="robots")
            answer = self._get_with_retries(current, headers, max_bytes or self.config.max_bytes)
            if isinstance(answer, Page):
                return Page(url, current, answer.status, answer.body, answer.content_type, answer.charset,
                            answer.etag, answer.last_modified)
            target = urljoin(current, answer)
            if target in chain:
                raise FetchError(f"{url}: redirect loop ({' -> '.join(chain + [target])})", kind="redirect-loop")
            chain.append(target)
            current = target
        raise FetchError(f"{url}: more than {self.config.max_redirects} redirects ({' -> '.join(chain)})",
                         kind="redirects")

    def _get_with_retries(self, url: str, headers: dict[str, str], max_bytes: int) -> Page | str:
        """One hop, its transient faults retried with back-off and jitter."""
        cfg = self.config
        host = host_of(url)
        for attempt in stamina.retry_context(on=self._retry_hook, attempts=cfg.retries + 1, timeout=None,
                                             wait_initial=cfg.retry_wait, wait_max=cfg.retry_wait_max,
                                             wait_jitter=cfg.retry_wait, name="marsad.watch.fetch"):
            with attempt:
                self.pacer.wait(host)
                return self._get(url, headers, max_bytes)
        raise AssertionError("unreachable: stamina re-raises the last fault")  # pragma: no cover

    def _retry_hook(self, exc: BaseException) -> bool | float:
        """Retry transient faults; a Retry-After longer than ``retry_wait_max`` is left to the scheduler."""
        if not isinstance(exc, FetchError) or not exc.retryable:
            return False
        if exc.retry_after is not None:
            return exc.retry_after if exc.retry_after <= self.config.retry_wait_max else False
        return True

    def _get(self, url: str, headers: dict[str, str], max_bytes: int) -> Page | str:
        """One request: a ``Page``, or the Location of a redirect."""
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                return self._answer(url, response, max_bytes)
        except httpx.TimeoutException as exc:
            raise FetchError(f"{url}: timed out ({type(exc).__name__})", kind="timeout", retryable=True) from exc
        except httpx.TransportError as exc:
            raise FetchError(f"{url}: {type(exc).__name__}: {exc}", kind="network", retryable=True) from exc
        except httpx.HTTPError as exc:  # decoding errors: a broken gzip stream
            raise FetchError(f"{url}: bad response ({type(exc).__name__}: {exc})", kind="bad-response") from exc

    def _answer(self, url: str, response: httpx.Response, max_bytes: int) -> Page | str:
        status = response.status_code
        if status in REDIRECT_STATUSES:
            location = response.headers.get("location")
            if not location:
                raise FetchError(f"{url}: HTTP {status} redirect without a Location", kind="bad-response")
            return location
        if status == 304:
            return Page(url, url, 304, etag=response.headers.get("etag"),
                        last_modified=response.headers.get("last-modified"))
        if status >= 400 or status < 200:
            raise FetchError(f"{url}: HTTP {status} {response.reason_phrase}".rstrip(), kind=f"http-{status}",
                             retryable=status in RETRY_STATUSES, retry_after=retry_after(response.headers))
        body = self._read(url, response, max_bytes)
        media, charset = _content_type(response.headers.get("content-type"))
        return Page(url, url, status, body, media, charset, response.headers.get("etag"),
                    response.headers.get("last-modified"))

    def _read(self, url: str, response: httpx.Response, max_bytes: int) -> bytes:
        """The body, refused once it passes ``max_bytes`` (announced or read) or the deadline."""
        announced = response.headers.get("content-length", "")
        if announced.isdigit() and int(announced) > max_bytes:
            raise FetchError(f"{url}: {_mb(int(announced))} announced, over the {_mb(max_bytes)} limit",
                             kind="too-large")
        deadline = time.monotonic() + self.config.total_timeout
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"{url}: more than {_mb(max_bytes)}, over the limit (stopped reading)",
                                 kind="too-large")
            if time.monotonic() > deadline:
                raise FetchError(f"{url}: still sending after {self.config.total_timeout:g} s", kind="timeout",
                                 retryable=True)
            chunks.append(chunk)
        return b"".join(chunks)


class Robots:
    """robots.txt per host (cached for ``robots_ttl``): missing (4xx) allows all; a server error (5xx)
    disallows all for a while, as RFC 9309 asks; a host that cannot be reached at all raises its own
    fault; Crawl-delay slows the host's pacing."""

    def __init__(self, fetcher: Fetcher) -> None:
        self.fetcher = fetcher
        self._cache: dict[str, tuple[float, Protego | None, bool]] = {}  # host -> (expires, rules, reachable)
        self._lock = threading.Lock()

    def allowed(self, url: str) -> bool:
        """Whether ``url`` may be fetched; raise ``FetchError`` when robots.txt cannot be read."""
        host = host_of(url)
        with self._lock:
            cached = self._cache.get(host)
        if cached is None or cached[0] < time.monotonic():
            cached = self._load(url, host)
            with self._lock:
                self._cache[host] = cached
        _expires, rules, reachable = cached
        if not reachable:
            raise FetchError(f"{url}: robots.txt of {host} cannot be read now; not fetching until it can",
                             kind="robots-unreachable", retryable=True)
        return rules is None or rules.can_fetch(url, ROBOTS_AGENT)

    def _load(self, url: str, host: str) -> tuple[float, Protego | None, bool]:
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        ttl = self.fetcher.config.robots_ttl
        try:
            page = self.fetcher.fetch(robots_url, accept="text/plain,*/*;q=0.1", max_bytes=ROBOTS_MAX_BYTES,
                                      check_robots=False)
        except FetchError as exc:
            if exc.kind.startswith("http-4"):
                return time.monotonic() + ttl, None, True
            if not exc.kind.startswith("http-"):
                raise  # the host is down or slow: the fault is that, not its robots.txt
            log.warning("%s: robots.txt unreadable (%s)", host, exc)
            return time.monotonic() + min(ttl, 600.0), None, False
        rules = Protego.parse(page.body.decode("utf-8", errors="replace"))
        delay = rules.crawl_delay(ROBOTS_AGENT)
        if delay:
            self.fetcher.pacer.set_delay(host, float(delay))
        return time.monotonic() + ttl, rules, True


def retry_after(headers: httpx.Headers) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or an HTTP date), or None."""
    value = (headers.get("retry-after") or "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError):
        return None


def _content_type(value: str | None) -> tuple[str | None, str | None]:
    """(media type, charset) of a Content-Type header."""
    if not value:
        return None, None
    media, *params = (part.strip() for part in value.split(";"))
    charset = next((p.split("=", 1)[1].strip().strip('"\'') for p in params if p.lower().startswith("charset=")),
                   None)
    return media.lower() or None, (charset.lower() if charset else None)


def _check_scheme(url: str) -> None:
    if urlsplit(url).scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https URLs are fetched", kind="bad-url")


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
