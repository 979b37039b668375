"""Web tests run the real app (TestClient) on a fresh SQLite file and a fresh PostgreSQL schema."""

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from rollcoach.web.app import create_app
from rollcoach.web.settings import WebSettings
from tests.history.conftest import database_url, databases, postgres_admin

__all__ = ["database_url", "databases", "postgres_admin"]

SECRET = "test-secret-" + "x" * 40
PASSWORD = "correct horse battery"  # noqa: S105 - a test account's password

MakeApp = Callable[..., FastAPI]


@pytest.fixture
def make_app(database_url: str, tmp_path: Path) -> Iterator[MakeApp]:
    """Apps over this test's database, uploads in its own folder; each is closed after the test."""
    made: list[FastAPI] = []

    def make(**settings: Any) -> FastAPI:
        values = {
            "database_url": database_url,
            "secret_key": SECRET,
            "auth": "single",
            "upload_dir": tmp_path / "uploads",
            **settings,
        }
        app = create_app(WebSettings(**values))
        made.append(app)
        return app

    yield make
    for app in made:
        app.state.services.close()


@pytest.fixture
def single(make_app: MakeApp) -> TestClient:
    return TestClient(make_app(auth="single"))


@pytest.fixture
def accounts_app(make_app: MakeApp) -> FastAPI:
    return make_app(auth="accounts")


def sign_up_with_token(app: FastAPI, email: str) -> tuple[TestClient, int]:
    """A client for a new account, with its bearer token set; and the user id."""
    client = TestClient(app)
    created = client.post("/api/v1/accounts", json={"email": email, "password": PASSWORD})
    assert created.status_code == 201, created.text
    token = client.post("/api/v1/tokens", json={"email": email, "password": PASSWORD})
    assert token.status_code == 200, token.text
    client.headers["Authorization"] = f"Bearer {token.json()['token']}"
    return client, int(created.json()["id"])


def csrf_of(client: TestClient, page: str = "/") -> str:
    """The CSRF token a page's forms carry (read from the page, as a browser would)."""
    html = client.get(page).text
    marker = 'name="csrf" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


def signed_up(app: FastAPI, email: str = "ann@example.org") -> TestClient:
    """A browser that signed up through the form (so it holds a session cookie)."""
    client = TestClient(app)
    token = csrf_of(client, "/signup")
    client.post("/signup", data={"email": email, "password": PASSWORD, "csrf": token})
    return client
