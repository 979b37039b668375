"""Pages over HTTP (no browser): forms need their CSRF token, sign-in guards every page."""

import hashlib
import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from icalendar import Calendar
from sqlalchemy import func, select

from rollcoach.history import tables
from tests.report.builders import counted_draws
from tests.web.conftest import PASSWORD, csrf_of, signed_up

PAGES = ["/", "/checkin", "/week", "/history", "/import", "/profile", "/rules", "/session"]


def test_every_page_renders_in_single_mode(single: TestClient) -> None:
    for path in PAGES:
        response = single.get(path)
        assert response.status_code == 200, path
        assert "<main" in response.text


def test_a_form_without_its_csrf_token_is_refused(single: TestClient) -> None:
    single.get("/profile")
    refused = single.post("/profile", data={"age": "50"})
    assert refused.status_code == 403
    assert single.get("/api/v1/profile").json()["age"] is None
    token = csrf_of(single, "/profile")
    saved = single.post("/profile", data={"age": "50", "csrf": token}, follow_redirects=False)
    assert saved.status_code == 303
    assert single.get("/api/v1/profile").json()["age"] == 50


def test_a_csrf_token_from_another_browser_is_refused(single: TestClient) -> None:
    token = csrf_of(single, "/profile")
    other = TestClient(single.app)
    other.get("/profile")
    assert other.post("/profile", data={"age": "50", "csrf": token}).status_code == 403


def test_bad_form_input_names_the_field(single: TestClient) -> None:
    token = csrf_of(single, "/profile")
    response = single.post("/profile", data={"age": "300", "csrf": token})
    assert response.status_code == 422
    assert "age: Input should be less than or equal to 110" in response.text


def test_the_check_in_form_records_soreness_and_pain(single: TestClient) -> None:
    token = csrf_of(single, "/checkin")
    form = {"csrf": token, "sore-calves": "6", "sore-knee": "3", "pain-knee": "1", "sore-feet": "0"}
    assert single.post("/checkin", data=form, follow_redirects=False).status_code == 303
    [stored] = single.get("/api/v1/checkins").json()
    assert (stored["checkin"]["soreness"], stored["checkin"]["pain"]) == (
        {"calves": 6},
        {"knee": 3},
    )
    today = single.get("/?checked_in=1").text
    assert "Check-in saved" in today
    assert "Calves" in today.split("Left out")[0]


def test_history_plots_are_drawn_again_only_when_the_data_changes(
    single: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    draws = counted_draws(monkeypatch)
    assert single.get("/history").status_code == 200
    drawn_first = len(draws)
    assert single.get("/history").status_code == 200
    assert len(draws) == drawn_first  # nothing new: nothing redrawn
    token = csrf_of(single, "/checkin")
    form = {"csrf": token, "sore-calves": "7"}
    assert single.post("/checkin", data=form, follow_redirects=False).status_code == 303
    page = single.get("/history").text
    assert draws[drawn_first:] == ["rollcoach-soreness"]
    assert 'id="soreness-area-calves"' in page


def test_pages_ask_for_sign_in_with_accounts(accounts_app: FastAPI) -> None:
    client = TestClient(accounts_app)
    response = client.get("/history", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/signin?next=/history"


def test_sign_up_sets_an_httponly_samesite_session_cookie(accounts_app: FastAPI) -> None:
    client = TestClient(accounts_app)
    token = csrf_of(client, "/signup")
    form = {"email": "ann@example.org", "password": PASSWORD, "csrf": token}
    response = client.post("/signup", data=form, follow_redirects=False)
    assert response.status_code == 303
    cookie = next(
        v
        for k, v in response.headers.multi_items()
        if k == "set-cookie" and v.startswith("rc_session=")
    )
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert client.get("/history").status_code == 200
    signed_out = client.post(
        "/signout", data={"csrf": csrf_of(client, "/history")}, follow_redirects=False
    )
    assert signed_out.headers["clear-site-data"] == '"cache", "storage"'
    assert client.get("/history", follow_redirects=False).status_code == 303


def test_the_signed_in_browser_needs_the_csrf_header_on_the_api(accounts_app: FastAPI) -> None:
    client = signed_up(accounts_app)
    checkin = {"date": "2026-11-23", "soreness": {"calves": 2}}
    assert client.post("/api/v1/checkins", json=checkin).status_code == 403
    header = {"X-CSRF-Token": csrf_of(client, "/profile")}
    assert client.post("/api/v1/checkins", json=checkin, headers=header).status_code == 201


def test_wrong_password_on_the_sign_in_page(accounts_app: FastAPI) -> None:
    client = signed_up(accounts_app)
    client.cookies.delete("rc_session")
    form = {
        "email": "ann@example.org",
        "password": "not it at all",
        "csrf": csrf_of(client, "/signin"),
    }
    response = client.post("/signin", data=form)
    assert response.status_code == 401 and "Wrong email or password" in response.text


def test_the_calendar_feed_needs_no_cookie_and_cannot_be_guessed(single: TestClient) -> None:
    page = single.get("/week").text
    feed = re.search(r'value="(http://testserver/calendar/[^"]+\.ics)"', page)
    assert feed is not None
    anonymous = TestClient(single.app)
    calendar = Calendar.from_ical(anonymous.get(feed.group(1)).content)
    assert len(list(calendar.walk("VEVENT"))) == 7
    assert anonymous.get("/calendar/1.ics").status_code == 404


def test_each_athlete_has_their_own_offline_queue(accounts_app: FastAPI) -> None:
    """Sessions saved offline are keyed by an opaque per-athlete name, never sent for another."""
    owners = []
    for email in ("ann@example.org", "bob@example.org"):
        client = signed_up(accounts_app, email)
        found = re.search(r'"owner": "([0-9a-f]+)"', client.get("/session").text)
        assert found is not None
        owners.append(found.group(1))
    assert owners[0] != owners[1]
    assert all(len(owner) == 24 for owner in owners)


def test_static_files_are_linked_by_a_digest_of_their_content(single: TestClient) -> None:
    """The service worker keeps them cache-first: a changed file must get a new address."""
    page = single.get("/session").text
    found = re.search(r'src="(/static/js/player\.js\?v=([0-9a-f]{12}))"', page)
    assert found is not None
    response = single.get(found.group(1))
    assert response.status_code == 200
    assert hashlib.sha256(response.content).hexdigest()[:12] == found.group(2)


def test_the_service_worker_precaches_the_addresses_the_player_links(single: TestClient) -> None:
    worker = single.get("/sw.js")
    assert worker.headers["service-worker-allowed"] == "/"
    assert "%VERSION%" not in worker.text and "%ASSETS%" not in worker.text
    page = single.get("/session").text
    linked = set(re.findall(r'(?:href|src)="(/static/(?:css|js)/[^"]+)"', page))
    precached = set(re.findall(r'"(/static/[^"]+\?v=[0-9a-f]+)"', worker.text))
    assert linked and linked <= precached


def test_a_new_calendar_address_retires_the_old_one(single: TestClient) -> None:
    def address() -> str:
        found = re.search(
            r'value="http://testserver(/calendar/[^"]+\.ics)"', single.get("/week").text
        )
        assert found is not None
        return found.group(1)

    old = address()
    assert single.get(old).status_code == 200
    reset = single.post(
        "/week/calendar/reset", data={"csrf": csrf_of(single, "/week")}, follow_redirects=False
    )
    assert reset.status_code == 303
    new = address()
    assert new != old
    assert single.get(old).status_code == 404
    assert single.get(new).status_code == 200


def test_a_new_password_signs_out_every_other_browser(accounts_app: FastAPI) -> None:
    here, elsewhere = signed_up(accounts_app), TestClient(accounts_app)
    form = {"email": "ann@example.org", "password": PASSWORD, "csrf": csrf_of(elsewhere, "/signin")}
    elsewhere.post("/signin", data=form)
    assert elsewhere.get("/history", follow_redirects=False).status_code == 200
    wrong = {"current": "not my password", "new": "x" * 12, "csrf": csrf_of(here, "/profile")}
    assert "current password is wrong" in here.post("/profile/password", data=wrong).text
    change = {
        "current": PASSWORD,
        "new": "a brand new passphrase",
        "csrf": csrf_of(here, "/profile"),
    }
    assert here.post("/profile/password", data=change, follow_redirects=False).status_code == 303
    assert here.get("/history", follow_redirects=False).status_code == 200
    assert elsewhere.get("/history", follow_redirects=False).status_code == 303
    old = {"email": "ann@example.org", "password": PASSWORD}
    assert TestClient(accounts_app).post("/api/v1/tokens", json=old).status_code == 401


def test_deleting_an_account_removes_its_records_and_no_one_elses(accounts_app: FastAPI) -> None:
    ann, bob = signed_up(accounts_app), signed_up(accounts_app, "bob@example.org")
    checkin = {"date": "2026-11-23", "soreness": {"calves": 4}}
    for client in (ann, bob):
        header = {"X-CSRF-Token": csrf_of(client, "/profile")}
        assert client.post("/api/v1/checkins", json=checkin, headers=header).status_code == 201
    typo = {"confirm": "ann@example.com", "csrf": csrf_of(ann, "/profile")}
    assert ann.post("/profile/delete", data=typo).status_code == 422
    confirm = {"confirm": "ann@example.org", "csrf": csrf_of(ann, "/profile")}
    deleted = ann.post("/profile/delete", data=confirm, follow_redirects=False)
    assert deleted.status_code == 303 and deleted.headers["clear-site-data"]
    services = accounts_app.state.services
    assert services.accounts.password_hash("ann@example.org") is None
    with services.store.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(tables.Checkin)).scalar() == 1
    assert len(bob.get("/api/v1/checkins").json()) == 1


def test_safe_12_the_check_in_pain_tick_keeps_the_roller_away_and_today_says_so(
    single: TestClient,
) -> None:
    """The physio's case: a hip flexor ticked as pain was rolled anyway, as soreness."""
    token = csrf_of(single, "/checkin")
    form = {"csrf": token, "sore-calves": "6", "pain-calves": "1", "sore-quadriceps": "5"}
    assert single.post("/checkin", data=form, follow_redirects=False).status_code == 303
    plan = single.get("/api/v1/plans/today").json()
    assert "calves" not in {step["area"] for step in plan["steps"]}
    assert "calves" not in {s["area"] for s in plan["stretches"]}
    assert any(e["area"] == "calves" and "SAFE-12" in e["rules"] for e in plan["excluded"])
    today = single.get("/").text
    steps, left_out = today.split("Left out")[:2]
    assert "Quadriceps" in steps and "Calves" not in steps
    assert "Calves" in left_out and "on the floor" in steps and "Then stretch" in today


def test_safe_4_the_bone_stress_questions_start_unanswered_and_shins_wait_for_them(
    single: TestClient,
) -> None:
    """The physio's case: the questions came pre-answered "No", so shins were rolled unasked."""
    page = single.get("/profile").text
    assert 'value="no" checked' not in page and 'value="yes" checked' not in page
    token = csrf_of(single, "/checkin")
    single.post("/checkin", data={"csrf": token, "sore-shins": "6"}, follow_redirects=False)
    plan = single.get("/api/v1/plans/today").json()
    assert "screen-first" in {w["code"] for w in plan["warnings"]}
    token = csrf_of(single, "/profile")
    answers = {
        f"screen-{q}": "no"
        for q in ("bony_tenderness", "prior_bone_stress", "high_arch", "volume_jump", "hop_pain")
    }
    single.post("/profile", data={"csrf": token, **answers}, follow_redirects=False)
    assert single.get("/api/v1/profile").json()["screen"]["high_arch"] is False
    plan = single.get("/api/v1/plans/today").json()
    assert "screen-first" not in {w["code"] for w in plan["warnings"]}
