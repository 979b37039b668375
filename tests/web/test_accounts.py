"""Accounts: sign-up, tokens, the sign-in limit, and each athlete sees only their own data."""

import re
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import func, select

from rollcoach.history import tables
from rollcoach.web import login
from rollcoach.web.pages import ROUTERS as PAGE_ROUTERS
from rollcoach.web.settings import WebSettings
from tests.factories import make_plan
from tests.web.conftest import PASSWORD, csrf_of, sign_up_with_token, signed_up


def test_sign_up_returns_201_with_id_and_email(accounts_app: FastAPI) -> None:
    client = TestClient(accounts_app)
    response = client.post(
        "/api/v1/accounts", json={"email": "Ann@Example.org", "password": PASSWORD}
    )
    assert response.status_code == 201
    assert response.json() == {"id": response.json()["id"], "email": "ann@example.org"}
    again = client.post("/api/v1/accounts", json={"email": "ann@example.org", "password": PASSWORD})
    assert again.status_code == 409


def test_passwords_are_stored_as_argon2_hashes(accounts_app: FastAPI) -> None:
    sign_up_with_token(accounts_app, "ann@example.org")
    found = accounts_app.state.services.accounts.password_hash("ann@example.org")
    assert found is not None and found[1].startswith("$argon2id$")
    assert PASSWORD not in found[1]


def test_bad_sign_up_names_the_field(accounts_app: FastAPI) -> None:
    client = TestClient(accounts_app)
    short = client.post("/api/v1/accounts", json={"email": "ann@example.org", "password": "short"})
    assert short.status_code == 422 and short.json()["message"].startswith("password:")
    bad = client.post("/api/v1/accounts", json={"email": "not-an-email", "password": PASSWORD})
    assert bad.status_code == 422 and bad.json()["message"].startswith("email:")


def test_the_api_needs_a_token_with_accounts(accounts_app: FastAPI) -> None:
    client = TestClient(accounts_app)
    assert client.get("/api/v1/runs").status_code == 401
    assert client.post("/api/v1/plans", json={}).status_code == 401
    client.headers["Authorization"] = "Bearer not-a-token"
    assert client.get("/api/v1/runs").status_code == 401


def test_a_revoked_token_stops_working(accounts_app: FastAPI) -> None:
    client, _ = sign_up_with_token(accounts_app, "ann@example.org")
    [token] = client.get("/api/v1/tokens").json()
    assert client.delete(f"/api/v1/tokens/{token['id']}").status_code == 204
    assert client.get("/api/v1/runs").status_code == 401


def test_sign_in_is_rate_limited_per_email(make_app: Any) -> None:
    app = make_app(auth="accounts", login_attempts=3)
    sign_up_with_token(app, "ann@example.org")
    client = TestClient(app)
    wrong = {"email": "ann@example.org", "password": "wrong password"}
    assert [client.post("/api/v1/tokens", json=wrong).status_code for _ in range(3)] == [401] * 3
    right = {"email": "ann@example.org", "password": PASSWORD}
    limited = client.post("/api/v1/tokens", json=right)
    assert limited.status_code == 429
    assert "too many" in limited.json()["detail"]


def test_the_limit_is_shared_by_every_app_process(make_app: Any) -> None:
    """Two app processes over one database count the same failures (stateless processes)."""
    first, second = (
        make_app(auth="accounts", login_attempts=2),
        make_app(auth="accounts", login_attempts=2),
    )
    sign_up_with_token(first, "ann@example.org")
    wrong = {"email": "ann@example.org", "password": "wrong password"}
    TestClient(first).post("/api/v1/tokens", json=wrong)
    TestClient(second).post("/api/v1/tokens", json=wrong)
    right = {"email": "ann@example.org", "password": PASSWORD}
    assert TestClient(first).post("/api/v1/tokens", json=right).status_code == 429


@pytest.mark.parametrize("secret", [None, "change-me", "secret", "short-but-random-1"])
def test_accounts_refuse_a_placeholder_secret(secret: str | None) -> None:
    with pytest.raises(ValidationError, match="ROLLCOACH_SECRET_KEY"):
        WebSettings(auth="accounts", secret_key=secret)


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLLCOACH_AUTH", "accounts")
    monkeypatch.setenv("ROLLCOACH_SECRET_KEY", "k" * 40)
    monkeypatch.setenv("ROLLCOACH_LOGIN_ATTEMPTS", "7")
    settings = WebSettings()
    assert (settings.auth, settings.login_attempts) == ("accounts", 7)


# Athlete B against athlete A's data: every endpoint, every method.


def fill_athlete(client: TestClient) -> dict[str, int]:
    """One of every record for an athlete; the ids of the ones with their own URL."""
    client.put("/api/v1/profile", json={"age": 61, "conditions": ["neuropathy"]})
    client.post("/api/v1/checkins", json={"date": "2026-11-23", "soreness": {"calves": 9}})
    plan = make_plan().model_dump(mode="json")
    session = {"started_at": "2026-11-23T18:00:00+00:00", "plan": plan, "feedback": "secret-a"}
    client.post("/api/v1/sessions", json=session)
    injury = client.post("/api/v1/injuries", json={"area": "shins", "date": "2026-11-22"})
    tomorrow = (datetime.now().astimezone().date() + timedelta(days=1)).isoformat()
    planned = client.post("/api/v1/planned", json={"date": tomorrow, "type": "tempo"})
    job = client.post("/api/v1/imports", files=[("files", ("a.gpx", b"<gpx/>", "text/xml"))])
    [token] = client.get("/api/v1/tokens").json()
    return {
        "injury_id": injury.json()["id"],
        "planned_id": planned.json()["id"],
        "job_id": job.json()["id"],
        "token_id": token["id"],
    }


def concrete(path: str, ids: dict[str, int], athlete_id: int, coach_id: int) -> str:
    values = {**ids, "athlete_id": athlete_id, "coach_id": coach_id}
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), path)


def test_athlete_b_can_reach_none_of_athlete_a_data(accounts_app: FastAPI) -> None:
    a, a_user = sign_up_with_token(accounts_app, "a@example.org")
    b, _ = sign_up_with_token(accounts_app, "b@example.org")
    coach, coach_user = sign_up_with_token(accounts_app, "coach@example.org")
    assert a.post("/api/v1/coaches", json={"email": "coach@example.org"}).status_code == 201
    ids = fill_athlete(a)
    a_athlete = accounts_app.state.services.accounts.account_of_user(a_user).athlete_id
    before = {
        path: a.get(path).json()
        for path in (
            "/api/v1/profile",
            "/api/v1/checkins",
            "/api/v1/sessions",
            "/api/v1/injuries",
            "/api/v1/coaches",
            "/api/v1/tokens",
        )
    }
    paths = accounts_app.openapi()["paths"]
    walked = 0
    for path, methods in paths.items():
        if "{" not in path:
            continue
        url = concrete(path, ids, a_athlete, coach_user)
        for method in methods:
            response = b.request(method.upper(), url)
            walked += 1
            assert response.status_code == 404, (method, url, response.status_code)
            assert "secret-a" not in response.text and "neuropathy" not in response.text
    assert walked >= 7  # every endpoint with an id in its path
    for path in (
        "/api/v1/checkins",
        "/api/v1/sessions",
        "/api/v1/injuries",
        "/api/v1/runs",
        "/api/v1/athletes",
        "/api/v1/coaches",
        "/api/v1/imports",
    ):
        assert b.get(path).json() == [], path
    assert b.get("/api/v1/profile").json()["conditions"] == []
    assert {path: a.get(path).json() for path in before} == before
    # The coach A granted can read A's plans and sessions, and nothing else.
    assert (
        coach.get(f"/api/v1/athletes/{a_athlete}/sessions").json()[0]["session"]["feedback"]
        == "secret-a"
    )
    assert coach.get(f"/api/v1/athletes/{a_athlete}/plans/today").json()["status"] == "refused"
    assert coach.get("/api/v1/checkins").json() == []


def test_a_sign_in_on_one_app_process_holds_on_another(make_app: Any) -> None:
    """Processes keep no state: a browser session and a token work on any of them."""
    first, second = make_app(auth="accounts"), make_app(auth="accounts")
    browser = signed_up(first)
    elsewhere = TestClient(second, cookies=browser.cookies)
    assert elsewhere.get("/history", follow_redirects=False).status_code == 200
    header = {"X-CSRF-Token": csrf_of(elsewhere, "/profile")}
    saved = elsewhere.put("/api/v1/profile", json={"age": 39}, headers=header)
    assert saved.status_code == 200
    api_client, _ = sign_up_with_token(second, "bob@example.org")
    moved = TestClient(first, headers={"Authorization": api_client.headers["Authorization"]})
    assert moved.get("/api/v1/profile").status_code == 200


def test_athlete_b_can_reach_none_of_athlete_a_pages(accounts_app: FastAPI) -> None:
    a, a_user = sign_up_with_token(accounts_app, "a@example.org")
    signed_up(accounts_app, "coach@example.org")
    assert a.post("/api/v1/coaches", json={"email": "coach@example.org"}).status_code == 201
    ids = fill_athlete(a)
    services = accounts_app.state.services
    a_athlete = services.accounts.account_of_user(a_user).athlete_id
    coach_user = services.accounts.coaches_of(a_athlete)[0][0]
    before = {
        path: a.get(path).json()
        for path in ("/api/v1/injuries", "/api/v1/coaches", "/api/v1/tokens")
    }
    b = signed_up(accounts_app, "b@example.org")
    csrf = {"csrf": csrf_of(b, "/profile")}
    walked = 0
    for router in PAGE_ROUTERS:
        for route in router.routes:
            path = getattr(route, "path", "")
            if "{" not in path or path.startswith("/calendar/"):
                continue
            url = concrete(path, ids, a_athlete, coach_user)
            for method in getattr(route, "methods", ()):
                response = b.request(method, url, data=csrf if method == "POST" else None)
                walked += 1
                assert response.status_code == 404, (method, url, response.status_code)
                assert "secret-a" not in response.text and "a@example.org" not in response.text
    assert walked >= 5
    assert {path: a.get(path).json() for path in before} == before


def test_runners_sharing_an_address_are_not_locked_out_by_each_others_typos(
    make_app: Any,
) -> None:
    """Per email 5, per address 50 by default: a club behind one NAT address signs in."""
    app = make_app(auth="accounts")
    for n in range(8):
        wrong = {"email": f"runner{n}@example.org", "password": "wrong password"}
        assert TestClient(app).post("/api/v1/tokens", json=wrong).status_code == 401
    sign_up_with_token(app, "ann@example.org")


def test_one_address_trying_many_emails_is_limited(make_app: Any) -> None:
    app = make_app(auth="accounts", login_attempts_per_address=3)
    sign_up_with_token(app, "ann@example.org")
    answers = [
        TestClient(app)
        .post("/api/v1/tokens", json={"email": f"guess{n}@example.org", "password": "x" * 12})
        .status_code
        for n in range(4)
    ]
    assert answers == [401, 401, 401, 429]


def test_signing_up_a_taken_email_hashes_nothing(
    make_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Else anyone could hold the password slots sign-in needs, storing nothing."""
    app = make_app(auth="accounts")
    sign_up_with_token(app, "ann@example.org")
    hashed: list[str] = []
    monkeypatch.setattr(login, "hash_password", lambda password: hashed.append(password) or "")
    again = {"email": "ann@example.org", "password": PASSWORD}
    assert TestClient(app).post("/api/v1/accounts", json=again).status_code == 409
    assert hashed == []


def test_a_huge_email_on_the_sign_in_page_is_not_kept(make_app: Any) -> None:
    app = make_app(auth="accounts")
    client = TestClient(app)
    token = csrf_of(client, "/signin")
    huge = {"email": "a" * 900_000, "password": "x" * 12, "csrf": token}
    answer = client.post("/signin", data=huge)
    assert answer.status_code == 401 and len(answer.text) < 100_000
    longest = select(func.max(func.length(tables.LoginAttempt.key)))
    with app.state.services.store.engine.connect() as connection:
        assert connection.scalar(longest) <= 320
