"""The HTTP API gives exactly what the Python API and the CLI give (spec/interface.md, HTTP)."""

from datetime import UTC, datetime
from typing import Any

from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from rollcoach import api
from rollcoach.history.demo_data import sample_runs
from rollcoach.web.api import ROUTERS
from rollcoach.web.auth import api_viewer, check_csrf_unless_token
from tests.factories import make_plan

REQUEST = {
    "when": "post-run",
    "minutes": 10,
    "now": "2026-11-23T18:30:00+00:00",
    "tools": ["foam-roller", "massage-ball"],
    "athlete": {"age": 44, "level": "beginner", "sedentary": True},
    "injuries": [{"area": "hamstrings", "side": "left", "date": "2026-11-21"}],
    "soreness": {"calves": 6, "knee": 3},
    "run": {"minutes": 95, "km": 17.5, "climb_m": 320, "type": "long"},
    "focus": ["it-band"],
}


def test_post_plans_returns_the_python_api_json(single: TestClient) -> None:
    response = single.post("/api/v1/plans", json=REQUEST)
    assert response.status_code == 200
    assert response.json() == api.plan(REQUEST).model_dump(mode="json")


def test_plans_are_gzipped_for_clients_that_ask(single: TestClient) -> None:
    """What a phone gets (compressed) is what a client without gzip gets, byte for byte."""
    plain = single.post("/api/v1/plans", json=REQUEST, headers={"Accept-Encoding": "identity"})
    packed = single.post("/api/v1/plans", json=REQUEST, headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in plain.headers
    assert packed.headers["content-encoding"] == "gzip"
    assert int(packed.headers["content-length"]) < len(plain.content) / 3
    assert packed.content == plain.content  # decompressed by the client


def test_post_plans_refusal_is_a_200_with_the_refusal(single: TestClient) -> None:
    request = {"athlete": {"conditions": ["osteoporosis"]}}
    body = single.post("/api/v1/plans", json=request).json()
    assert body["status"] == "refused"
    assert body["steps"] == []
    assert body["refusal"]["reasons"][0]["rules"] == ["SAFE-3"]


def test_invalid_plan_input_is_422_naming_the_field(single: TestClient) -> None:
    response = single.post("/api/v1/plans", json={"minutes": 10, "soreness": {"calves": 11}})
    assert response.status_code == 422
    body = response.json()
    assert body["message"].startswith("soreness.calves:")
    assert body["detail"][0]["loc"] == ["body", "soreness", "calves"]


def test_post_weeks_returns_the_python_api_json(single: TestClient) -> None:
    request = {
        "today": "2026-11-23",
        "athlete": {"age": 52},
        "runs": sample_runs(datetime(2026, 11, 23, tzinfo=UTC).date()),
    }
    response = single.post("/api/v1/weeks", json=request)
    assert response.status_code == 200
    assert response.json() == api.week(request).model_dump(mode="json")


def test_records_round_trip_through_the_api(single: TestClient) -> None:
    checkin = {"date": "2026-11-23", "soreness": {"calves": 4}, "pain": {"knee": 2}}
    assert single.post("/api/v1/checkins", json=checkin).status_code == 201
    assert single.get("/api/v1/checkins").json()[0]["checkin"]["soreness"] == {"calves": 4}
    profile = {"age": 60, "level": "intermediate", "tools": ["massage-stick"]}
    saved = single.put("/api/v1/profile", json=profile).json()
    assert (saved["age"], saved["tools"]) == (60, ["massage-stick"])
    injury = single.post("/api/v1/injuries", json={"area": "calves", "date": "2026-11-22"})
    injury_id = injury.json()["id"]
    assert [i["id"] for i in single.get("/api/v1/injuries").json()] == [injury_id]
    assert single.post(f"/api/v1/injuries/{injury_id}/clear").status_code == 204
    assert single.get("/api/v1/injuries").json() == []


def test_a_saved_session_shapes_the_next_plan(single: TestClient) -> None:
    """A sharp-pain stop saved by the player reaches SAFE-11 through the stored history."""
    plan = make_plan(soreness={"calves": 5}).model_dump(mode="json")
    for day in ("2026-11-20", "2026-11-21", "2026-11-22"):
        record = {
            "started_at": f"{day}T18:00:00+00:00",
            "plan": plan,
            "steps_done": [],
            "stopped_early": True,
            "stop_reason": "sharp-pain",
            "stopped_at_step": 1,
        }
        assert single.post("/api/v1/sessions", json=record).status_code == 201
    assert len(single.get("/api/v1/sessions").json()) == 3
    today = single.get("/api/v1/plans/today", params={"now": "2026-11-23T09:00:00+00:00"})
    excluded = {(x["area"], tuple(x["rules"])) for x in today.json()["excluded"]}
    assert any(area == "calves" and "SAFE-11" in rules for area, rules in excluded)


def test_runs_are_the_log_list(single: TestClient) -> None:
    services = single.app.state.services  # type: ignore[attr-defined]
    from rollcoach.history.demo_data import seed_demo

    athlete = services.store.default_athlete()
    seed_demo(services.store, athlete, datetime(2026, 11, 23, 12, tzinfo=UTC))
    runs = single.get("/api/v1/runs").json()
    assert runs == services.store.log_rows(athlete)
    assert len(runs) == 26 and runs[0]["local_date"] == "2026-11-23"


def test_openapi_lists_the_contract_paths(single: TestClient) -> None:
    paths = single.get("/openapi.json").json()["paths"]
    for path in (
        "/api/v1/plans",
        "/api/v1/weeks",
        "/api/v1/runs",
        "/api/v1/accounts",
        "/api/v1/tokens",
        "/api/v1/imports",
        "/api/v1/checkins",
        "/api/v1/sessions",
        "/api/v1/profile",
    ):
        assert path in paths


def test_health_checks_the_database(single: TestClient) -> None:
    assert single.get("/health").json() == {"status": "ok", "database": "ok"}
    assert single.get("/health/live").json() == {"status": "ok"}


def test_single_mode_has_no_accounts(single: TestClient) -> None:
    response = single.post(
        "/api/v1/accounts", json={"email": "a@example.org", "password": "x" * 12}
    )
    assert response.status_code == 404


def test_cross_site_writes_are_refused_without_credentials(single: TestClient) -> None:
    """A web page elsewhere cannot drive a laptop's coach (single mode has no sign-in)."""
    evil = {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}
    response = single.put("/api/v1/profile", json={"age": 30}, headers=evil)
    assert response.status_code == 403
    assert single.get("/api/v1/profile").json()["age"] is None


def _calls(dependant: Any) -> set[Any]:
    found = {dependant.call}
    for sub in dependant.dependencies:
        found |= _calls(sub)
    return found


def _api_routes(routes: list[Any]) -> list[APIRoute]:
    """Every APIRoute of the API router, through FastAPI's included routers."""
    found: list[APIRoute] = []
    for route in routes:
        if isinstance(route, APIRoute):
            found.append(route)
        elif hasattr(route, "original_router"):
            found += _api_routes(route.original_router.routes)
        elif hasattr(route, "routes"):
            found += _api_routes(route.routes)
    return found


def test_every_api_route_checks_csrf() -> None:
    """Through the viewer, or directly for the two routes that take credentials."""
    guards = {api_viewer, check_csrf_unless_token}
    routes = _api_routes([route for router in ROUTERS for route in router.routes])
    assert len(routes) >= 20
    for route in routes:
        assert _calls(route.dependant) & guards, route.path


def test_dates_outside_a_runners_calendar_are_422_not_a_crash(single: TestClient) -> None:
    week = single.post("/api/v1/weeks", json={"today": "0001-01-01"})
    assert week.status_code == 422 and week.json()["message"].startswith("today:")
    plan = single.post("/api/v1/plans", json={"now": "9999-12-31T23:00:00+00:00"})
    assert plan.status_code == 422 and plan.json()["message"].startswith("now:")
    today = single.get("/api/v1/plans/today", params={"now": "0001-01-01T00:00:00Z"})
    assert today.status_code == 422
    injury = {"injuries": [{"area": "calves", "date": "0001-01-01"}]}
    assert single.post("/api/v1/plans", json=injury).status_code == 422
