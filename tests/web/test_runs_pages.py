"""``GET /api/v1/runs`` a page at a time: newest first, no run twice, the total and the next page
in headers, so the body stays the ``rollcoach log --json`` list (spec/interface.md)."""

from datetime import timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from rollcoach.history.store import Store
from tests.history.factories import HASH_A, HASH_B, START, make_summary
from tests.web.conftest import sign_up_with_token


def store_runs(store: Store, athlete: int, count: int) -> None:
    """``count`` runs a day apart, and each start stored twice (two files), so times tie."""
    summaries = [make_summary(start=START - timedelta(days=n)) for n in range(count)]
    store.add_activities(athlete, summaries, content_hash=HASH_A, source_path="a.fit")
    store.add_activities(athlete, summaries, content_hash=HASH_B, source_path="b.fit")


def stored(client: TestClient, count: int) -> Store:
    store: Store = client.app.state.services.store  # type: ignore[attr-defined]
    store_runs(store, store.default_athlete(), count)
    return store


def walk(client: TestClient, url: str) -> tuple[list[dict[str, Any]], int]:
    """Every run, following ``rel="next"`` from ``url``; and how many pages that took."""
    runs: list[dict[str, Any]] = []
    pages = 0
    next_url: str | None = url
    while next_url is not None:
        response = client.get(next_url)
        assert response.status_code == 200, response.text
        runs += response.json()
        pages += 1
        next_url = response.links.get("next", {}).get("url")
    return runs, pages


def test_pages_cover_every_run_once_newest_first(single: TestClient) -> None:
    store = stored(single, 12)
    runs, pages = walk(single, "/api/v1/runs?limit=5")
    assert pages == 5  # 24 runs, 5 a page
    assert [run["id"] for run in runs] == [
        row["id"] for row in store.log_rows(store.default_athlete())
    ]
    assert len({run["id"] for run in runs}) == 24
    starts = [run["start"] for run in runs]
    assert starts == sorted(starts, reverse=True)


def test_the_total_is_a_header_and_the_body_a_list(single: TestClient) -> None:
    stored(single, 3)
    response = single.get("/api/v1/runs", params={"limit": 4, "offset": 2})
    assert response.headers["x-total-count"] == "6"
    assert "link" not in response.headers  # the last page
    assert isinstance(response.json(), list)
    assert len(response.json()) == 4


def test_without_a_limit_a_page_is_100_runs(single: TestClient) -> None:
    stored(single, 60)
    response = single.get("/api/v1/runs")
    assert len(response.json()) == 100
    assert response.headers["x-total-count"] == "120"
    assert response.links["next"]["url"].endswith("/api/v1/runs?limit=100&offset=100")


def test_past_the_last_run_is_an_empty_page(single: TestClient) -> None:
    stored(single, 2)
    response = single.get("/api/v1/runs", params={"offset": 10})
    assert (response.status_code, response.json()) == (200, [])
    assert response.headers["x-total-count"] == "4"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 1001}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"offset": 2**63}, "offset"),  # more than SQLite's integers hold
    ],
)
def test_a_bad_page_is_422_naming_the_field(
    single: TestClient, params: dict[str, Any], field: str
) -> None:
    response = single.get("/api/v1/runs", params=params)
    assert response.status_code == 422
    assert response.json()["message"].startswith(f"{field}: ")


def test_a_runner_counts_and_pages_only_their_own_runs(accounts_app: FastAPI) -> None:
    ann, _ = sign_up_with_token(accounts_app, "ann@example.org")
    bob, _ = sign_up_with_token(accounts_app, "bob@example.org")
    store: Store = accounts_app.state.services.store
    found = accounts_app.state.services.accounts.password_hash("bob@example.org")
    store_runs(store, found[0].athlete_id, 3)
    assert bob.get("/api/v1/runs").headers["x-total-count"] == "6"
    mine = ann.get("/api/v1/runs", params={"limit": 1})
    assert (mine.json(), mine.headers["x-total-count"]) == ([], "0")


def test_the_paging_is_in_the_openapi_schema(single: TestClient) -> None:
    operation = single.get("/openapi.json").json()["paths"]["/api/v1/runs"]["get"]
    params = {param["name"]: param["schema"] for param in operation["parameters"]}
    assert params["limit"]["maximum"] == 1000 and params["limit"]["default"] == 100
    assert params["offset"]["minimum"] == 0
    assert set(operation["responses"]["200"]["headers"]) == {"X-Total-Count", "Link"}
