"""A real uvicorn server over a demo store, and headless Debian Chromium driven by Playwright."""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))

from demo_store import build_demo_store  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip the browser tests only when Debian's chromium is absent, and say so loudly."""
    if os.path.exists(CHROMIUM):
        return
    reason = f"!!! {CHROMIUM} NOT FOUND: browser tests SKIPPED (apt-get install chromium, or `make chromium`) !!!"
    sys.stderr.write("\n" + reason + "\n")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """uvicorn serving the app in a background thread."""

    def __init__(self, app, port: int) -> None:  # type: ignore[no-untyped-def]
        import uvicorn

        self.url = f"http://127.0.0.1:{port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "Server":
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """URL of a live server over a fresh demo store, and a write token."""
    from marsad.api import create_app
    from marsad.store.auth import create_token

    path = tmp_path_factory.mktemp("e2e") / "demo.sqlite"
    store = build_demo_store(path)
    token = create_token(path, "e2e-reviewer")
    with Server(create_app(store), _free_port()) as server:
        yield {"url": server.url, "token": token, "store": store}


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Debian Chromium (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser, live):  # type: ignore[no-untyped-def]
    """A fresh page with the dashboard loaded (events drawn)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.goto(live["url"] + "/")
    pg.wait_for_selector("body[data-loaded]", timeout=15000)
    pg.wait_for_selector("body[data-basemap=ready]", timeout=15000)
    pg.js_errors = errors
    yield pg
    context.close()
