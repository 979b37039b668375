"""Accounts under attack: concurrent guesses, busy password checks, revocation, cache headers."""

import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx2
import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from rollcoach.web import login
from tests.ports import free_port
from tests.web.conftest import PASSWORD, csrf_of, sign_up_with_token, signed_up

GUESSERS = 40
WRONG = {"email": "ann@example.org", "password": "not the password"}
RIGHT = {"email": "ann@example.org", "password": PASSWORD}
WRONG_ANSWER = "wrong email or password"
TOO_MANY = "too many failed sign-ins: wait 15 minutes"
BUSY = "busy with other sign-ins: please try again in a few seconds"


@contextmanager
def served(app: FastAPI) -> Iterator[str]:
    """The app under uvicorn in a thread: requests really run at once (its thread pool)."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def counted_checks(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Every password check sign-in makes from now on, recorded (the real argon2 check runs)."""
    checks: list[bool] = []
    real = login.check_password

    def counting(stored_hash: str, password: str) -> bool:
        checks.append(True)
        return real(stored_hash, password)

    monkeypatch.setattr(login, "check_password", counting)
    return checks


def guess_at_once(url: str, count: int) -> list[str]:
    """``count`` wrong sign-ins released together, each on its own connection; their answers."""
    start = threading.Barrier(count)
    answers: list[str] = []

    def guess() -> None:
        with httpx2.Client(base_url=url, timeout=60) as client:
            start.wait()
            answer = client.post("/api/v1/tokens", json=WRONG)
            answers.append(f"{answer.status_code} {answer.json()['detail']}")

    threads = [threading.Thread(target=guess) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_forty_concurrent_wrong_passwords_get_at_most_five_checks(
    make_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(auth="accounts", login_attempts=5)
    sign_up_with_token(app, "ann@example.org")
    checks = counted_checks(monkeypatch)
    with served(app) as url:
        answers = guess_at_once(url, GUESSERS) + guess_at_once(url, GUESSERS)  # one window
    assert len(answers) == 2 * GUESSERS
    assert 1 <= len(checks) <= 5, f"{len(checks)} of {2 * GUESSERS} guesses were checked"
    wrong, limited = f"401 {WRONG_ANSWER}", f"429 {TOO_MANY}"
    assert answers.count(wrong) == len(checks)
    assert set(answers) <= {wrong, limited, f"503 {BUSY}"}  # busy: no free slot in time


def test_no_free_password_slot_means_503_with_retry_after(make_app: Any) -> None:
    app = make_app(auth="accounts", password_checks=1)
    sign_up_with_token(app, "ann@example.org")
    client = TestClient(app)
    form = {**RIGHT, "csrf": csrf_of(client, "/signin")}
    with app.state.services.password_slots.slot():  # another request's check, taking ages
        api = client.post("/api/v1/tokens", json=RIGHT)
        page = client.post("/signin", data=form)
    for busy in (api, page):
        assert busy.status_code == 503
        assert busy.headers["retry-after"] == "2"
        assert "try again in a few seconds" in busy.text
    # A turned-away attempt was not held against anyone.
    assert client.post("/api/v1/tokens", json=RIGHT).status_code == 200


def calendar_address(client: TestClient) -> str:
    found = re.search(r'value="http://testserver(/calendar/[^"]+\.ics)"', client.get("/week").text)
    assert found is not None
    return found.group(1)


def change_password(browser: TestClient, current: str) -> Any:
    form = {
        "current": current,
        "new": "a brand new passphrase",
        "csrf": csrf_of(browser, "/profile"),
    }
    return browser.post("/profile/password", data=form)


def test_a_new_password_revokes_api_tokens_and_the_calendar_address(accounts_app: FastAPI) -> None:
    browser = signed_up(accounts_app)
    api = TestClient(accounts_app)
    token = api.post("/api/v1/tokens", json=RIGHT).json()["token"]
    api.headers["Authorization"] = f"Bearer {token}"
    old_calendar = calendar_address(browser)
    assert api.get("/api/v1/runs").status_code == 200
    assert browser.get(old_calendar).status_code == 200
    form = browser.get("/profile").text
    assert "stops every API token working" in form and "calendar subscription a new address" in form
    changed = change_password(browser, PASSWORD)
    assert changed.status_code == 200 and "your API tokens no longer work" in changed.text
    assert api.get("/api/v1/runs").status_code == 401
    assert browser.get(old_calendar).status_code == 404
    assert browser.get(calendar_address(browser)).status_code == 200  # this browser stays in


def test_guessing_the_current_password_is_limited_like_a_sign_in(make_app: Any) -> None:
    app = make_app(auth="accounts", login_attempts=3)
    browser = signed_up(app)
    assert [change_password(browser, "a wrong guess").status_code for _ in range(3)] == [422] * 3
    limited = change_password(browser, PASSWORD)
    assert limited.status_code == 429 and "Too many failed sign-ins" in limited.text


def test_api_answers_and_signed_in_pages_are_not_stored(accounts_app: FastAPI) -> None:
    browser = signed_up(accounts_app)
    api, _ = sign_up_with_token(accounts_app, "bob@example.org")
    for answer in (api.get("/api/v1/runs"), browser.get("/history"), browser.get("/profile")):
        assert answer.status_code == 200
        assert answer.headers["cache-control"] == "no-store", answer.url
    asset = browser.get("/static/css/app.css")
    assert asset.status_code == 200 and "no-store" not in asset.headers.get("cache-control", "")
    assert browser.get("/sw.js").headers["cache-control"] == "no-cache"


def test_hsts_only_with_secure_cookies(make_app: Any) -> None:
    assert "strict-transport-security" not in TestClient(make_app()).get("/").headers
    secure = TestClient(make_app(secure_cookies=True)).get("/")
    assert secure.headers["strict-transport-security"] == "max-age=63072000; includeSubDomains"
