"""``/api/docs`` works on a closed network and under the CSP: every file it loads is the app's."""

from html.parser import HTMLParser
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from fastapi.testclient import TestClient

from tests.web.conftest import signed_up

TYPES = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}


class Assets(HTMLParser):
    """The addresses a page loads (scripts, stylesheets, icons), and its inline scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline_scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and not found.get("src"):
            self.inline_scripts += 1
        url = found.get("src") if tag == "script" else found.get("href") if tag == "link" else None
        if url:
            self.urls.append(url)


def test_the_docs_page_loads_only_its_own_files(single: TestClient) -> None:
    page = single.get("/api/docs")
    assert page.status_code == 200
    assert 'data-openapi-url="/openapi.json"' in page.text
    assets = Assets()
    assets.feed(page.text)
    assert assets.inline_scripts == 0  # the CSP allows script-src 'self' only
    assert len(assets.urls) == 4  # Swagger UI's script and styles, our initialiser, the icon
    for url in assets.urls:
        parts = urlsplit(url)
        assert (parts.scheme, parts.netloc) == ("", ""), url
        served = single.get(url)
        assert served.status_code == 200, url
        wanted = TYPES[PurePosixPath(parts.path).suffix]
        assert served.headers["content-type"].startswith(wanted), url


def test_the_schema_offers_a_bearer_token_but_does_not_demand_one(single: TestClient) -> None:
    schema = single.get("/openapi.json").json()
    assert schema["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    assert schema["security"] == [{"bearer": []}, {}]


def test_a_signed_in_browsers_docs_page_carries_its_csrf_token(accounts_app: Any) -> None:
    browser = signed_up(accounts_app)
    page = browser.get("/api/docs").text
    token = page.split('data-csrf="', 1)[1].split('"', 1)[0]
    checkin = {"date": "2026-11-23", "soreness": {"calves": 3}}
    headers = {"X-CSRF-Token": token}
    assert browser.post("/api/v1/checkins", json=checkin, headers=headers).status_code == 201
