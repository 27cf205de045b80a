"""A fake Arabic news site on 127.0.0.x for the watcher's tests and benchmark.

It serves an RSS feed (/feed.xml), an Atom feed (/atom.xml), a news sitemap (/sitemap.xml),
a sitemap index (/sitemap-index.xml), a listing page (/news/) and report pages
(/news/<slug>.html), with ETag / Last-Modified and 304s, and robots.txt. Faults are injected
per path: a status (500, 429 with Retry-After), a delay (timeouts), a drip, a huge page, a
redirect loop, malformed XML, a page in Windows-1256. Every request is logged. The reports
are our own sentences (nothing copied from real outlets).
"""

from __future__ import annotations

import hashlib
import html
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import urlsplit

# Reports written for these tests: place, actors, toll and kind vary so each codes to its own event.
REPORTS: dict[str, tuple[str, str]] = {
    "mayadin": ("هجوم لتنظيم الدولة على موقع لقوات النظام في بادية الميادين",
                "قتل 12 عنصراً من قوات النظام، اليوم الثلاثاء، جراء هجوم شنه مقاتلون من تنظيم الدولة الإسلامية"
                " على موقع عسكري في بادية الميادين شرقي دير الزور، وفق ما أفاد به المرصد السوري لحقوق الإنسان."),
    "ariha": ("قصف مدفعي على أريحا جنوبي إدلب",
              "قتل خمسة مدنيين بينهم طفلان، اليوم الثلاثاء، جراء قصف مدفعي نفذته قوات النظام على الأحياء السكنية"
              " في مدينة أريحا جنوبي إدلب، وفق ما أفادت به مصادر محلية."),
    "qamishli": ("انفجار عبوة ناسفة في القامشلي",
                 "قتل شخصان وأصيب ثلاثة آخرون بانفجار عبوة ناسفة استهدفت سيارة مدنية في مدينة القامشلي بريف الحسكة،"
                 " اليوم الثلاثاء."),
    "mosul": ("هجوم على نقطة تفتيش جنوب الموصل",
              "قتل ثلاثة جنود عراقيين بهجوم لتنظيم داعش على نقطة تفتيش جنوب الموصل، اليوم الثلاثاء، بحسب مصدر أمني."),
    "daraa": ("مقتل شاب برصاص مجهولين في درعا",
              "قتل شاب برصاص مسلحين مجهولين في مدينة درعا، اليوم الثلاثاء، وفق ما أفاد به ناشطون محليون."),
    "bukamal": ("غارة جوية على البوكمال",
                "قتل ستة عناصر من الميليشيات الموالية لإيران بغارة جوية استهدفت موقعاً لهم في مدينة البوكمال"
                " شرقي دير الزور، اليوم الثلاثاء."),
    "afrin": ("قصف تركي على ريف عفرين",
              "قتل مدنيان بقصف مدفعي للقوات التركية على قرية في ريف عفرين شمالي حلب، اليوم الثلاثاء."),
    "ramadi": ("اشتباكات في الرمادي",
               "قتل أربعة عناصر من الحشد الشعبي باشتباكات مع مسلحين من تنظيم داعش قرب مدينة الرمادي في الأنبار،"
               " اليوم الثلاثاء، بحسب مصدر أمني."),
}
# A date the reports' "today" (Tuesday) resolves against: the watcher dates reports by their listing.
DAY = datetime(2026, 5, 5, 9, 0, tzinfo=timezone.utc)

# Generated reports (benchmark, restart tests): 24 places x 4 kinds of incident, tolls varying.
PLACES = [("أريحا", "جنوبي إدلب"), ("سراقب", "شرقي إدلب"), ("معرة النعمان", "جنوبي إدلب"), ("الميادين", "شرقي دير الزور"),
          ("البوكمال", "شرقي دير الزور"), ("القامشلي", "بريف الحسكة"), ("الطبقة", "غربي الرقة"), ("منبج", "شرقي حلب"),
          ("الباب", "شرقي حلب"), ("تدمر", "شرقي حمص"), ("الرستن", "شمالي حمص"), ("جاسم", "شمالي درعا"),
          ("نوى", "غربي درعا"), ("الصنمين", "شمالي درعا"), ("تلكلخ", "غربي حمص"), ("السفيرة", "جنوبي حلب"),
          ("الموصل", "في محافظة نينوى"), ("الرمادي", "في الأنبار"), ("الفلوجة", "في الأنبار"), ("تكريت", "في صلاح الدين"),
          ("بعقوبة", "في ديالى"), ("كركوك", "شمالي العراق"), ("سنجار", "غربي نينوى"), ("هيت", "غربي الأنبار")]
KINDS = [
    ("مقتل {n} مدنيين بقصف مدفعي على {p} في {d}", "قتل {n} مدنيين، يوم {d}، جراء قصف مدفعي استهدف الأحياء السكنية في"
                                                 " مدينة {p} {g}، وفق ما أفادت به مصادر محلية."),
    ("مقتل {n} عناصر بهجوم لتنظيم داعش قرب {p} في {d}", "قتل {n} عناصر من قوات النظام، يوم {d}، بهجوم شنه مسلحون من"
                                                         " تنظيم داعش على موقع عسكري قرب مدينة {p} {g}."),
    ("مقتل {n} أشخاص بانفجار عبوة ناسفة في {p} في {d}", "قتل {n} أشخاص وأصيب آخرون بانفجار عبوة ناسفة استهدفت سيارة"
                                                        " مدنية في مدينة {p} {g}، يوم {d}."),
    ("مقتل {n} مدنيين بغارة جوية على سوق في {p} في {d}", "قتل {n} مدنيين بغارة جوية استهدفت سوقاً شعبياً في مدينة {p}"
                                                         " {g}، يوم {d}، بحسب مصادر طبية."),
]
MONTHS = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول",
          "تشرين الثاني", "كانون الأول"]


def generated(number: int) -> tuple[str, str, datetime]:
    """The ``number``-th generated report: title, text and publication time. Place, kind and day
    vary together (and the headline carries the day), so no two reports describe the same incident
    or share a line: each codes to its own event."""
    place, where = PLACES[number % len(PLACES)]
    title, text = KINDS[number % len(KINDS)]
    toll = 3 + number % 9
    # A day each: incidents of one kind, told in the same template wording, at towns some kilometres
    # apart on one day would be close calls for the merger, and this corpus tests the watcher.
    day = DAY - timedelta(days=number)
    when = f"{day.day} {MONTHS[day.month - 1]}"
    return title.format(n=toll, p=place, d=when), text.format(n=toll, p=place, g=where, d=when), day


@dataclass
class Report:
    """One report page of the site."""

    slug: str
    title: str
    text: str
    published: datetime
    updated: datetime
    encoding: str = "utf-8"
    declare_charset: bool = True
    content_type: str = "text/html"
    seq: int = 0  # order of publication: listings show the latest published first

    @property
    def path(self) -> str:
        return f"/news/{self.slug}.html"


@dataclass
class Fault:
    """What a path does instead of answering normally."""

    status: int | None = None  # answer with this status
    times: int | None = None  # ...this many times, then normally (None: always)
    retry_after: str | None = None
    delay: float = 0.0  # sleep before answering (timeouts)
    drip: float = 0.0  # seconds between bytes of the body
    huge: int = 0  # send this many bytes (no Content-Length)
    redirect: str | None = None  # Location to redirect to
    body: bytes | None = None  # answer 200 with this body (malformed feeds)
    content_type: str | None = None


@dataclass
class Hit:
    """A request the site received."""

    path: str
    headers: dict[str, str]
    status: int
    at: float


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away (a killed watcher, a refused 20 MB page) is not an error here."""
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


class _Served:
    """A loopback server run in a thread for the time of a ``with`` block (``server`` and ``thread`` set
    by the subclass)."""

    server: _Server
    thread: threading.Thread

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"


class NewsSite(_Served):
    """The fake site. ``with NewsSite() as site:`` serves on a free port of ``host``."""

    def __init__(self, *, host: str = "127.0.0.1", name: str = "شبكة الرصد الإخبارية",
                 robots: str = "User-agent: *\nDisallow: /private/\n", feed_size: int = 50) -> None:
        self.name = name
        self.robots = robots
        self.feed_size = feed_size
        self.reports: dict[str, Report] = {}
        self.faults: dict[str, Fault] = {}
        self.extra_links: list[str] = []  # links the listing page shows besides the reports
        self.hits: list[Hit] = []
        self.lock = threading.RLock()
        self.server = _Server((host, 0), _handler(self))
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def url(self, path: str) -> str:
        return self.base + path

    # --- content ---
    def publish(self, slug: str, *, title: str | None = None, text: str | None = None,
                at: datetime | None = None, **extra: Any) -> Report:
        """Add a report (one of ``REPORTS`` by slug, or the given title and text)."""
        base_title, base_text = REPORTS.get(slug, ("", ""))
        if not (text or base_text):
            raise KeyError(f"{slug}: not one of REPORTS and no text given")
        when = at or DAY
        with self.lock:
            report = Report(slug, title or base_title, text or base_text, when, when, seq=len(self.reports), **extra)
            self.reports[slug] = report
        return report

    def publish_generated(self, number: int, *, at: datetime | None = None) -> Report:
        """Add the ``number``-th generated report as /news/g<number>.html."""
        title, text, day = generated(number)
        return self.publish(f"g{number}", title=title, text=text, at=at or day)

    def change(self, slug: str, text: str) -> None:
        """Change a report's text (a rising toll); its feed and sitemap entries say it was updated."""
        with self.lock:
            report = self.reports[slug]
            report.text = text
            report.updated = report.updated + timedelta(hours=1)

    def fault(self, path: str, **kwargs: Any) -> Fault:
        with self.lock:
            self.faults[path] = Fault(**kwargs)
            return self.faults[path]

    def count(self, path: str, *, status: int | None = None) -> int:
        with self.lock:
            return sum(1 for h in self.hits if h.path == path and (status is None or h.status == status))

    # --- documents ---
    def _latest(self) -> list[Report]:
        with self.lock:
            return sorted(self.reports.values(), key=lambda r: r.seq, reverse=True)[:self.feed_size]

    def rss(self) -> bytes:
        items = "".join(
            f"<item><title>{html.escape(r.title)}</title><link>{self.url(r.path)}</link>"
            f"<guid isPermaLink='true'>{self.url(r.path)}</guid><pubDate>{format_datetime(r.published)}</pubDate>"
            f"<atom:updated>{r.updated.isoformat()}</atom:updated>"
            f"<description>{html.escape(r.text[:80])}…</description></item>" for r in self._latest())
        return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0' xmlns:atom='http://www.w3.org/2005/Atom'>"
                f"<channel><title>{html.escape(self.name)}</title><link>{self.base}/</link>"
                f"<description>آخر الأخبار</description>{items}</channel></rss>").encode("utf-8")

    def atom(self) -> bytes:
        entries = "".join(
            f"<entry><title>{html.escape(r.title)}</title><link href='{self.url(r.path)}'/><id>{self.url(r.path)}</id>"
            f"<published>{r.published.isoformat()}</published><updated>{r.updated.isoformat()}</updated>"
            f"<content type='html'>{html.escape('<p>' + r.text + '</p>')}</content></entry>" for r in self._latest())
        return (f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
                f"<title>{html.escape(self.name)}</title><id>{self.base}/</id>"
                f"<updated>{DAY.isoformat()}</updated>{entries}</feed>").encode("utf-8")

    def sitemap(self) -> bytes:
        urls = "".join(
            f"<url><loc>{self.url(r.path)}</loc><lastmod>{r.updated.isoformat()}</lastmod>"
            f"<news:news><news:publication><news:name>{html.escape(self.name)}</news:name>"
            f"<news:language>ar</news:language></news:publication>"
            f"<news:publication_date>{r.published.isoformat()}</news:publication_date>"
            f"<news:title>{html.escape(r.title)}</news:title></news:news></url>" for r in self._latest())
        return ("<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'"
                f" xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>{urls}</urlset>").encode("utf-8")

    def sitemap_index(self) -> bytes:
        return ("<?xml version='1.0' encoding='UTF-8'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                f"<sitemap><loc>{self.url('/sitemap.xml')}</loc><lastmod>{DAY.isoformat()}</lastmod></sitemap>"
                "</sitemapindex>").encode("utf-8")

    def listing(self) -> bytes:
        links = "".join(f"<li><a href='{r.path}'>{html.escape(r.title)}</a></li>" for r in self._latest())
        links += "".join(f"<li><a href='{href}'>رابط</a></li>" for href in self.extra_links)
        return ("<!doctype html><html lang='ar' dir='rtl'><head><meta charset='utf-8'><title>الأخبار</title></head>"
                "<body><nav><a href='/'>الرئيسية</a> <a href='/category/syria/'>سوريا</a> <a href='/about/'>من نحن</a>"
                f"</nav><main><h1>آخر الأخبار</h1><ul>{links}</ul></main>"
                "<footer><a href='/privacy/'>سياسة الخصوصية</a></footer></body></html>").encode("utf-8")

    def page(self, report: Report) -> tuple[bytes, str]:
        charset = f"<meta charset='{report.encoding}'>" if report.declare_charset else ""
        body = (f"<!doctype html><html lang='ar' dir='rtl'><head>{charset}<title>{html.escape(report.title)}</title>"
                f"<meta property='article:published_time' content='{report.published.isoformat()}'></head><body>"
                "<nav><a href='/'>الرئيسية</a> <a href='/news/'>الأخبار</a></nav>"
                f"<article><h1>{html.escape(report.title)}</h1><p>{html.escape(report.text)}</p></article>"
                f"<aside><a href='/news/'>أخبار ذات صلة</a></aside><footer>{html.escape(self.name)} ©</footer>"
                "</body></html>")
        content_type = report.content_type
        if report.declare_charset:
            content_type += f"; charset={report.encoding}"
        return body.encode(report.encoding), content_type

    def document(self, path: str) -> tuple[bytes, str, datetime] | None:
        """The body, content type and last change of ``path``, or None (404)."""
        fixed: dict[str, Callable[[], bytes]] = {
            "/feed.xml": self.rss, "/atom.xml": self.atom, "/sitemap.xml": self.sitemap,
            "/sitemap-index.xml": self.sitemap_index, "/news/": self.listing,
        }
        types = {"/feed.xml": "application/rss+xml", "/atom.xml": "application/atom+xml",
                 "/sitemap.xml": "application/xml", "/sitemap-index.xml": "application/xml",
                 "/news/": "text/html; charset=utf-8"}
        with self.lock:
            latest = max((r.updated for r in self.reports.values()), default=DAY)
            if path in fixed:
                return fixed[path](), types[path], latest
            if path == "/robots.txt":
                return self.robots.encode("utf-8"), "text/plain", DAY
            for report in self.reports.values():
                if report.path == path:
                    body, content_type = self.page(report)
                    return body, content_type, report.updated
        return None


def _handler(site: NewsSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def do_GET(self) -> None:  # noqa: N802
            path = urlsplit(self.path).path
            self.hit = Hit(path, {k.lower(): v for k, v in self.headers.items()}, 0, time.time())
            with site.lock:  # logged before answering: a client never sees an answer not yet logged
                site.hits.append(self.hit)
            self._answer(path)

        def send_response(self, code: int, message: str | None = None) -> None:
            self.hit.status = code
            super().send_response(code, message)

        def _answer(self, path: str) -> int:
            with site.lock:
                fault = site.faults.get(path)
                if fault and fault.times is not None:
                    if fault.times <= 0:
                        fault = None
                    else:
                        fault.times -= 1
            if fault:
                return self._fault(fault)
            found = site.document(path)
            if found is None:
                return self._send(404, b"not found", "text/plain")
            body, content_type, changed = found
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag or self._not_modified_since(changed):
                return self._send(304, b"", None, etag=etag, changed=changed)
            return self._send(200, body, content_type, etag=etag, changed=changed)

        def _not_modified_since(self, changed: datetime) -> bool:
            since = self.headers.get("If-Modified-Since")
            if not since or self.headers.get("If-None-Match"):
                return False
            try:
                return changed.replace(microsecond=0) <= parsedate_to_datetime(since)
            except (TypeError, ValueError):
                return False

        def _fault(self, fault: Fault) -> int:
            if fault.delay:
                time.sleep(fault.delay)
            if fault.redirect:
                return self._send(302, b"", None, extra={"Location": fault.redirect})
            if fault.status:
                extra = {"Retry-After": fault.retry_after} if fault.retry_after else {}
                return self._send(fault.status, b"fault injected", "text/plain", extra=extra)
            if fault.huge:
                return self._huge(fault)
            body = fault.body if fault.body is not None else b""
            if fault.drip:
                return self._drip(body, fault)
            return self._send(200, body, fault.content_type or "application/xml")

        def _huge(self, fault: Fault) -> int:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = ("<p>" + "حشو " * 2000 + "</p>").encode("utf-8")
            sent = 0
            try:
                self.wfile.write(b"<html><body>")
                while sent < fault.huge:
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
            return 200

        def _drip(self, body: bytes, fault: Fault) -> int:
            self.send_response(200)
            self.send_header("Content-Type", fault.content_type or "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                for i in range(len(body)):
                    self.wfile.write(body[i:i + 1])
                    self.wfile.flush()
                    time.sleep(fault.drip)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
            return 200

        def _send(self, status: int, body: bytes, content_type: str | None, *, etag: str | None = None,
                  changed: datetime | None = None, extra: dict[str, str] | None = None) -> int:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            if etag:
                self.send_header("ETag", etag)
            if changed:
                self.send_header("Last-Modified", format_datetime(changed.astimezone(timezone.utc), usegmt=True))
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                if body:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return status

    return Handler


class Hook(_Served):
    """A webhook receiver on 127.0.0.1: keeps every JSON body POSTed; the first ``fail`` posts get a 500."""

    def __init__(self, *, fail: int = 0) -> None:
        self.fail = fail
        self.posts: list[dict[str, Any]] = []
        self.keys: list[str] = []
        self.attempts = 0
        self.lock = threading.Lock()
        self.server = _Server(("127.0.0.1", 0), _hook_handler(self))
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        return f"{self.base}/hook"


def _hook_handler(hook: Hook) -> type[BaseHTTPRequestHandler]:
    import json

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            try:
                alert = json.loads(body)
            except ValueError:  # a sender killed mid-request
                alert = None
            with hook.lock:
                hook.attempts += 1
                failing = hook.fail > 0 or alert is None
                if hook.fail > 0:
                    hook.fail -= 1
                elif alert is not None:
                    hook.posts.append(alert)
                    hook.keys.append(self.headers.get("Idempotency-Key", ""))
            status = 500 if failing else 204
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

    return Handler
