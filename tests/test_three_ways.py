"""One engine, three ways in (spec/interface.md): ``rollcoach plan --input F --json``,
``rollcoach.plan(...)`` and ``POST /api/v1/plans`` give the same JSON for the same request,
and the same bad request is named the same way by each."""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

import rollcoach
from rollcoach.cli.app import run
from rollcoach.web.app import create_app
from rollcoach.web.settings import WebSettings
from tests.factories import NOW

REQUESTS: dict[str, dict[str, Any]] = {
    "per-side soreness": {
        "now": NOW,
        "minutes": 10,
        "soreness": {"calves": {"left": 6, "right": 2}, "quadriceps": 4},
    },
    "pain now": {
        "now": NOW,
        "tools": ["foam-roller", "massage-ball"],
        "soreness": {"hamstrings": 5},
        "pain": {"hip-flexors": {"left": 4}, "knee": 3},
    },
    "an injury": {
        "now": NOW,
        "minutes": 12,
        "injuries": [{"area": "quadriceps", "side": "left", "date": "2026-11-23"}],
        "soreness": {"calves": 5, "glutes": {"right": 6}},
    },
    "pre-run": {"now": NOW, "when": "pre-run", "minutes": 5, "soreness": {"calves": 3}},
    "a refusal": {"now": NOW, "athlete": {"age": 60, "conditions": ["osteoporosis"]}},
    "the interface example": {
        "when": "post-run",
        "minutes": 10,
        "now": NOW,
        "tools": ["foam-roller", "massage-ball"],
        "athlete": {"age": 44, "level": "beginner", "sedentary": True},
        "injuries": [{"area": "hamstrings", "side": "left", "date": "2026-11-21"}],
        "soreness": {"calves": 6, "knee": 3},
        "run": {"minutes": 95, "km": 17.5, "climb_m": 320, "descent_m": 310, "type": "long"},
        "focus": ["it-band"],
    },
}


@pytest.fixture(autouse=True)
def own_history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No way in may reach the user's real history."""
    monkeypatch.setenv("ROLLCOACH_DATABASE_URL", f"sqlite:///{tmp_path / 'history.db'}")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))


@pytest.fixture
def http(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(
        WebSettings(
            database_url=f"sqlite:///{tmp_path / 'web.db'}",
            secret_key="three-ways-" + "x" * 40,
            auth="single",
            upload_dir=tmp_path / "uploads",
        )
    )
    try:
        yield TestClient(app)
    finally:
        app.state.services.close()


def by_cli(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, request: dict[str, Any]
) -> tuple[int, str, str]:
    path = tmp_path / "request.json"
    path.write_text(json.dumps(request), encoding="utf-8")
    code = run(["plan", "--input", str(path), "--json"])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", list(REQUESTS))
def test_cli_python_and_http_give_the_same_json(
    name: str, capsys: pytest.CaptureFixture[str], tmp_path: Path, http: TestClient
) -> None:
    request = REQUESTS[name]
    python = rollcoach.plan(request).model_dump(mode="json")
    code, out, err = by_cli(capsys, tmp_path, request)
    assert code == 0, err
    answer = http.post("/api/v1/plans", json=request)
    assert answer.status_code == 200, answer.text
    assert json.loads(out) == python
    assert answer.json() == python


def test_the_cases_are_what_they_say() -> None:
    plans = {name: rollcoach.plan(request) for name, request in REQUESTS.items()}
    assert plans["a refusal"].status == "refused"
    assert plans["pre-run"].when == "pre-run"
    assert not plans["pre-run"].stretches  # never before a run (CARE-1, TIME-3)
    assert all(plan.status == "ok" for name, plan in plans.items() if name != "a refusal")


@pytest.mark.parametrize(
    ("request_json", "field", "hint"),
    [
        ({"soreness": {"calf": 3}}, "soreness.calf", 'did you mean "calves"?'),
        ({"tools": ["foam roller"]}, "tools.0", 'did you mean "foam-roller"?'),
        ({"pain": {"knee": {"left": 11}}}, "pain.knee.left", ""),
        ({"when": "prerun"}, "when", 'did you mean "pre-run"?'),
    ],
)
def test_a_bad_request_is_named_alike_three_ways(
    request_json: dict[str, Any],
    field: str,
    hint: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    http: TestClient,
) -> None:
    with pytest.raises(ValidationError) as raised:
        rollcoach.plan(request_json)
    assert ".".join(str(p) for p in raised.value.errors()[0]["loc"] if p != "[key]") == field
    code, out, err = by_cli(capsys, tmp_path, request_json)
    assert (code, out) == (2, "")
    assert err.startswith(f"rollcoach: error: {field}: ")
    answer = http.post("/api/v1/plans", json=request_json)
    assert answer.status_code == 422
    body = answer.json()
    assert set(body) == {"detail", "message"}
    assert body["message"].startswith(f"{field}: ")
    assert hint in err
    assert hint in body["message"]
