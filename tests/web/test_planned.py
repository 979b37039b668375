"""Planned runs (REST-6) stored, over the API and on the Week page, fitted into the week."""

from datetime import timedelta

from fastapi import FastAPI
from fastapi.testclient import TestClient

from rollcoach.web.planning import local_now
from tests.web.conftest import csrf_of, sign_up_with_token


def _day(offset: int) -> str:
    return (local_now().date() + timedelta(days=offset)).isoformat()


def test_rest_6_a_stored_planned_run_shapes_the_week(single: TestClient) -> None:
    added = single.post("/api/v1/planned", json={"date": _day(2), "type": "tempo", "minutes": 45})
    assert added.status_code == 201
    [stored] = single.get("/api/v1/planned").json()
    assert stored["planned"] == {"date": _day(2), "type": "tempo", "minutes": 45.0, "km": None}
    week = single.get("/api/v1/weeks/current").json()
    day = next(d for d in week["days"] if d["date"] == _day(2))
    assert day["kind"] == "run" and any("45-minute tempo" in why for why in day["why"])
    assert "no-runs" not in {w["code"] for w in week["warnings"]}
    assert single.delete(f"/api/v1/planned/{added.json()['id']}").status_code == 204
    assert single.get("/api/v1/planned").json() == []
    assert "no-runs" in {w["code"] for w in single.get("/api/v1/weeks/current").json()["warnings"]}


def test_rest_6_a_planned_run_in_the_past_is_refused_naming_the_date(single: TestClient) -> None:
    response = single.post("/api/v1/planned", json={"date": _day(-1), "type": "easy"})
    assert response.status_code == 422
    assert _day(-1) in response.json()["message"]
    assert single.get("/api/v1/planned").json() == []


def test_rest_8_the_week_page_says_it_has_nothing_to_go_on_and_takes_a_plan(
    single: TestClient,
) -> None:
    page = single.get("/week").text
    assert "Nothing to go on yet" in page and 'href="/import"' in page
    token = csrf_of(single, "/week")
    form = {"csrf": token, "date": _day(1), "type": "long", "minutes": "100"}
    assert single.post("/week/planned", data=form, follow_redirects=False).status_code == 303
    page = single.get("/week").text
    assert "Nothing to go on yet" not in page
    assert "long run, 100 min" in page
    bad = {"csrf": token, "date": _day(-3), "type": "long"}
    refused = single.post("/week/planned", data=bad)
    assert refused.status_code == 422 and _day(-3) in refused.text


def test_another_athletes_planned_run_is_not_yours(accounts_app: FastAPI) -> None:
    ann, _ = sign_up_with_token(accounts_app, "ann@example.org")
    bob, _ = sign_up_with_token(accounts_app, "bob@example.org")
    added = ann.post("/api/v1/planned", json={"date": _day(1), "type": "easy"}).json()
    assert bob.get("/api/v1/planned").json() == []
    assert bob.delete(f"/api/v1/planned/{added['id']}").status_code == 404
    assert len(ann.get("/api/v1/planned").json()) == 1


def test_numbers_and_dates_read_as_runners_read_them() -> None:
    """Issue 10: "96.5" minutes, "14.897" km and mixed date styles."""
    from rollcoach.web.view import day_words, distance, duration

    assert (duration(96.5), duration(45.2), duration(None)) == ("1:36 h", "45 min", "\N{EN DASH}")
    assert distance(14.897) == "14.9 km"
    this_year = local_now().year
    assert day_words(f"{this_year}-11-29").endswith("29 Nov")
    assert day_words("2013-11-29") == "Fri 29 Nov 2013"
