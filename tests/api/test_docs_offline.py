"""The API docs page at /docs loads Swagger UI from the vendored files only (works without internet)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest


class _AssetLinks(HTMLParser):
    """Collect the src of <script> and the href of <link> tags."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record the URL a script or link tag loads."""
        wanted = {"script": "src", "link": "href"}.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.urls.append((tag, value))


def _asset_urls(html: str) -> list[tuple[str, str]]:
    """The (tag, url) pairs of the assets an HTML page loads."""
    parser = _AssetLinks()
    parser.feed(html)
    return parser.urls


@pytest.fixture(scope="module")
def docs_html(client) -> str:  # type: ignore[no-untyped-def]
    """The HTML of GET /docs."""
    response = client.get("/docs")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def test_docs_offline_references_only_local_urls(docs_html: str) -> None:
    urls = _asset_urls(docs_html)
    assert {tag for tag, _ in urls} == {"script", "link"}
    for _, url in urls:
        assert url.startswith("/") and not url.startswith("//"), url
    assert "http://" not in docs_html and "https://" not in docs_html


def test_docs_offline_assets_are_served(client, docs_html: str) -> None:  # type: ignore[no-untyped-def]
    urls = [url for _, url in _asset_urls(docs_html)]
    js = [u for u in urls if u.endswith(".js")]
    css = [u for u in urls if u.endswith(".css")]
    assert js and css
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert "SwaggerUIBundle" in client.get(js[0]).text
    assert client.get(css[0]).headers["content-type"].startswith("text/css")


def test_docs_offline_openapi_schema_is_served(client, docs_html: str) -> None:  # type: ignore[no-untyped-def]
    assert 'data-openapi-url="/openapi.json"' in docs_html  # read by /api-docs.js (no inline script)
    response = client.get("/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "marsad"


def test_docs_offline_redoc_is_not_served(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/redoc").status_code == 404
