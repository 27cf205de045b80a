"""The fetcher against the loopback news site: politeness, limits, retries and conditional requests."""

from __future__ import annotations

import time

import pytest

from marsad.errors import FetchError
from marsad.watch import Fetcher, WatchConfig
from marsad.watch.config import USER_AGENT
from marsad.watch.fetch import HostPacer, retry_after


@pytest.fixture
def fetcher(config):  # type: ignore[no-untyped-def]
    f = Fetcher(config)
    yield f
    f.close()


def test_fetch_sends_user_agent_and_reads_robots_first(site, fetcher) -> None:  # type: ignore[no-untyped-def]
    site.publish("ariha")
    page = fetcher.fetch(site.url("/news/ariha.html"))
    assert page.status == 200 and "أريحا".encode() in page.body
    assert page.content_type == "text/html" and page.charset == "utf-8"
    assert [h.path for h in site.hits] == ["/robots.txt", "/news/ariha.html"]
    assert all(h.headers["user-agent"] == USER_AGENT for h in site.hits)


def test_fetch_obeys_robots_txt(site, fetcher) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FetchError) as info:
        fetcher.fetch(site.url("/private/report.html"))
    assert info.value.kind == "robots"
    assert site.count("/private/report.html") == 0


def test_fetch_robots_crawl_delay_paces_the_host(config) -> None:  # type: ignore[no-untyped-def]
    from newsite import NewsSite

    with NewsSite(robots="User-agent: *\nCrawl-delay: 0.4\n") as slow:
        slow.publish("ariha")
        slow.publish("daraa")
        fetcher = Fetcher(config)
        fetcher.fetch(slow.url("/news/ariha.html"))
        fetcher.fetch(slow.url("/news/daraa.html"))
        fetcher.close()
    times = [h.at for h in slow.hits if h.path.startswith("/news/")]
    assert times[1] - times[0] >= 0.35


def test_fetch_unreachable_robots_txt_blocks_the_host(site, fetcher) -> None:  # type: ignore[no-untyped-def]
    site.publish("ariha")
    site.fault("/robots.txt", status=503)
    with pytest.raises(FetchError) as info:
        fetcher.fetch(site.url("/news/ariha.html"))
    assert info.value.kind == "robots-unreachable" and info.value.retryable
    assert site.count("/news/ariha.html") == 0


def test_fetch_conditional_request_gets_304(site, fetcher) -> None:  # type: ignore[no-untyped-def]
    site.publish("ariha")
    first = fetcher.fetch(site.url("/feed.xml"))
    again = fetcher.fetch(site.url("/feed.xml"), etag=first.etag, last_modified=first.last_modified)
    assert first.etag and again.not_modified and again.body == b""
    assert site.hits[-1].headers["if-none-match"] == first.etag


def test_fetch_retries_500_with_backoff_then_succeeds(site, fetcher) -> None:  # type: ignore[no-untyped-def]
    site.publish("ariha")
    site.fault("/news/ariha.html", status=500, times=2)
    page = fetcher.fetch(site.url("/news/ariha.html"))
    assert page.status == 200
    assert site.count("/news/ariha.html", status=500) == 2 and site.count("/news/ariha.html", status=200) == 1


def test_fetch_gives_up_after_retries(site, fetcher) -> None:  # type: ignore[no-untyped-def]
    site.fault("/news/x.html", status=503)
    with pytest.raises(FetchError) as info:
        fetcher.fetch(site.url("/news/x.html"))
    assert info.value.kind == "http-503" and info.value.retryable
    assert site.count("/news/x.html") == 3  # one try and two quick retries


def test_fetch_honours_short_retry_after_and_leaves_long_ones_to_the_scheduler(site, fetcher) -> None:  # type: ignore[no-untyped-def]
    site.publish("ariha")
    site.fault("/news/ariha.html", status=429, retry_after="0", times=1)
    assert fetcher.fetch(site.url("/news/ariha.html")).status == 200
    site.fault("/news/daraa.html", status=429, retry_after="3600")
    with pytest.raises(FetchError) as info:
        fetcher.fetch(site.url("/news/daraa.html"))
    assert info.value.kind == "http-429" and info.value.retry_after == 3600
    assert site.count("/news/daraa.html") == 1  # not retried in-process: an hour is the scheduler's job


def test_fetch_404_is_not_retried(site, fetcher) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FetchError) as info:
        fetcher.fetch(site.url("/news/missing.html"))
    assert info.value.kind == "http-404" and not info.value.retryable
    assert site.count("/news/missing.html") == 1


def test_fetch_times_out(site, fetcher) -> None:  # type: ignore[no-untyped-def]
    site.fault("/news/slow.html", delay=2.5)
    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        fetcher.fetch(site.url("/news/slow.html"))
    assert info.value.kind == "timeout"
    assert time.monotonic() - started < 7  # three attempts of a one-second read timeout, plus back-off


def test_fetch_deadline_stops_a_dripping_page(site, config) -> None:  # type: ignore[no-untyped-def]
    site.fault("/news/drip.html", body=b"<html>" + b"x" * 200 + b"</html>", drip=0.05)
    fetcher = Fetcher(WatchConfig(**{**_fields(config), "total_timeout": 1.0, "retries": 0}))
    with pytest.raises(FetchError) as info:
        fetcher.fetch(site.url("/news/drip.html"))
    fetcher.close()
    assert info.value.kind == "timeout" and "still sending" in str(info.value)


def test_fetch_refuses_a_20_mb_page_without_reading_it_all(site, fetcher) -> None:  # type: ignore[no-untyped-def]
    site.fault("/news/huge.html", huge=20_000_000)
    with pytest.raises(FetchError) as info:
        fetcher.fetch(site.url("/news/huge.html"))
    assert info.value.kind == "too-large" and "over the limit" in str(info.value)
    assert site.count("/news/huge.html") == 1


def test_fetch_refuses_an_announced_large_page(site, fetcher) -> None:  # type: ignore[no-untyped-def]
    site.fault("/news/big.html", body=b"x" * 2_500_000, content_type="text/html")
    with pytest.raises(FetchError) as info:
        fetcher.fetch(site.url("/news/big.html"))
    assert info.value.kind == "too-large" and "announced" in str(info.value)


def test_fetch_names_a_redirect_loop(site, fetcher) -> None:  # type: ignore[no-untyped-def]
    site.fault("/a", redirect="/b")
    site.fault("/b", redirect="/a")
    with pytest.raises(FetchError) as info:
        fetcher.fetch(site.url("/a"))
    assert info.value.kind == "redirect-loop"
    assert "/a -> " in str(info.value) and site.count("/a") == 1 and site.count("/b") == 1


def test_fetch_bounds_redirect_chains(site, config) -> None:  # type: ignore[no-untyped-def]
    for n in range(5):
        site.fault(f"/r{n}", redirect=f"/r{n + 1}")
    fetcher = Fetcher(WatchConfig(**{**_fields(config), "max_redirects": 3}))
    with pytest.raises(FetchError) as info:
        fetcher.fetch(site.url("/r0"))
    fetcher.close()
    assert info.value.kind == "redirects" and site.count("/r4") == 0


def test_fetch_follows_a_redirect_and_checks_robots_on_the_target(site, fetcher) -> None:  # type: ignore[no-untyped-def]
    site.publish("ariha")
    site.fault("/old/ariha", redirect="/news/ariha.html")
    page = fetcher.fetch(site.url("/old/ariha"))
    assert page.final_url.endswith("/news/ariha.html") and page.url.endswith("/old/ariha")
    site.fault("/old/secret", redirect="/private/x.html")
    with pytest.raises(FetchError) as info:
        fetcher.fetch(site.url("/old/secret"))
    assert info.value.kind == "robots"


def test_fetch_connection_refused_is_a_network_fault(fetcher) -> None:  # type: ignore[no-untyped-def]
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchError) as info:
        fetcher.fetch(f"http://127.0.0.1:{port}/feed.xml")
    assert info.value.kind == "network" and info.value.retryable


def test_fetch_rejects_other_schemes(fetcher) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FetchError) as info:
        fetcher.fetch("file:///etc/passwd")
    assert info.value.kind == "bad-url"


def test_host_pacer_spaces_requests() -> None:
    pacer = HostPacer(0.2)
    started = time.monotonic()
    for _ in range(3):
        pacer.wait("h:1")
    pacer.wait("other:1")
    assert 0.35 <= time.monotonic() - started < 1.0


def test_retry_after_reads_seconds_and_dates() -> None:
    import httpx

    assert retry_after(httpx.Headers({"retry-after": "120"})) == 120
    assert retry_after(httpx.Headers({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"})) == 0.0
    assert retry_after(httpx.Headers({})) is None


def _fields(config: WatchConfig) -> dict:
    return {name: getattr(config, name) for name in config.__dataclass_fields__}
