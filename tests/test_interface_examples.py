"""The JSON examples of spec/interface.md, copied here verbatim, against the models and
the engine. The suite must not read ../shared at test time, so the examples live here;
if the spec's examples change, copy them again.

The contract: "fields may be added, none renamed or removed". So a validated example
must dump back to (at least) itself, and the engine's answers must carry the
example's keys.
"""

import json
from datetime import date
from typing import Any

import rollcoach
from rollcoach.models import PlanRequest, PlanResponse, WeekRequest, WeekResponse
from rollcoach.models.plan_response import Refusal

# --- Verbatim from spec/interface.md --------------------------------------------------------

PLAN_REQUEST_JSON = """
{
  "when": "post-run",
  "minutes": 10,
  "now": "2026-11-23T18:30:00+00:00",
  "tools": ["foam-roller", "massage-ball"],
  "athlete": {"age": 44, "level": "beginner", "sedentary": true, "conditions": [],
              "screen": {"bony_tenderness": false, "prior_bone_stress": false,
                         "high_arch": false, "volume_jump": false, "hop_pain": false}},
  "injuries": [{"area": "hamstrings", "side": "left", "date": "2026-11-21", "signs": []}],
  "symptoms": [],
  "soreness": {"calves": 6, "knee": 3},
  "run": {"minutes": 95, "km": 17.5, "climb_m": 320, "descent_m": 310, "type": "long"},
  "focus": ["it-band"]
}
"""

PLAN_RESPONSE_JSON = """
{
  "status": "ok",
  "when": "post-run",
  "total_seconds": 570,
  "steps": [
    {"order": 1, "area": "calves", "side": "left", "tool": "foam-roller",
     "seconds": 60, "pressure": "moderate", "hold_seconds": 30,
     "speed_cm_s": 2.5, "cues": ["..."], "why": ["..."], "rules": ["DOSE-1", "FOCUS-3"]}
  ],
  "excluded": [
    {"area": "it-band", "reason": "...", "rules": ["AREA-1"],
     "instead": ["tfl", "vastus-lateralis", "glutes"]},
    {"area": "hamstrings", "side": "left", "reason": "...", "rules": ["SAFE-5"], "hours_left": 20}
  ],
  "warnings": [{"code": "...", "message": "...", "rules": ["..."]}],
  "before": [{"kind": "walk", "minutes": 10, "text": "...", "rules": ["TIME-4"]}],
  "after": [{"kind": "stretch", "areas": ["calves"], "text": "...", "rules": ["CARE-1"]},
            {"kind": "hydrate", "text": "...", "rules": ["CARE-3"]}],
  "stop_signs": ["..."],
  "refusal": null
}
"""

REFUSAL_JSON = """
{"reasons": [{"code": "osteoporosis", "message": "...", "rules": ["SAFE-3"]}], "advice": "..."}
"""

WEEK_REQUEST_JSON = """
{"today": "2026-11-23", "athlete": {"age": 52},
 "runs": [{"date": "2026-11-22", "minutes": 185, "km": 42.2, "type": "race"}]}
"""

WEEK_RESPONSE_JSON = """
{"days": [{"date": "2026-11-23", "kind": "rest", "roll": true,
           "why": ["..."], "rules": ["REST-3"]}],
 "recovery_days": 4,
 "load": {"acute": 0.0, "chronic": 0.0, "ratio": null},
 "warnings": []}
"""

# The spec's lists of allowed values and keys.
BEFORE_KINDS = {"walk", "warm-up"}
AFTER_KINDS = {"stretch", "hydrate", "refuel", "active-recovery", "sleep"}
STEP_KEYS = {
    "order",
    "area",
    "side",
    "tool",
    "seconds",
    "pressure",
    "hold_seconds",
    "speed_cm_s",
    "cues",
    "why",
    "rules",
}
EXCLUSION_KEYS = {"area", "reason", "rules"}


def _example(text: str) -> dict[str, Any]:
    value = json.loads(text)
    assert isinstance(value, dict)
    return value


def _contains(actual: Any, expected: Any, path: str = "$") -> None:
    """``actual`` has every key and value of ``expected`` (more keys are allowed)."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), path
        for key, value in expected.items():
            assert key in actual, f"{path}.{key} is missing"
            _contains(actual[key], value, f"{path}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list), path
        assert len(actual) == len(expected), path
        for i, (got, want) in enumerate(zip(actual, expected, strict=True)):
            _contains(got, want, f"{path}[{i}]")
    else:
        assert actual == expected, path


# --- The examples are valid ------------------------------------------------------------------


def test_plan_request_example_validates() -> None:
    req = PlanRequest.model_validate(_example(PLAN_REQUEST_JSON))
    assert req.minutes == 10
    assert req.injuries[0].date == date(2026, 11, 21)  # a bare date stays a date
    assert {site: (n.left, n.right) for site, n in req.soreness.items()} == {
        "calves": (6, 6),  # a bare number means both sides
        "knee": (3, 3),
    }
    assert req.focus == ["it-band"]


def test_per_side_soreness_and_pain_examples_validate() -> None:
    """interface.md: `{"calves": {"left": 6, "right": 2}}`; `pain` has the same shape."""
    req = PlanRequest.model_validate(
        {"soreness": {"calves": {"left": 6, "right": 2}}, "pain": {"knee": {"left": 4}}}
    )
    assert (req.soreness_at("calves", "left"), req.soreness_at("calves", "right")) == (6, 2)
    assert (req.pain_at("knee", "left"), req.pain_at("knee", "right")) == (4, 0)


def test_plan_response_example_validates_and_dumps_back() -> None:
    example = _example(PLAN_RESPONSE_JSON)
    resp = PlanResponse.model_validate(example)
    _contains(resp.model_dump(mode="json"), example)
    # The it-band exclusion has no side, and stays without one (no "side": null).
    assert "side" not in resp.model_dump(mode="json")["excluded"][0]


def test_refusal_example_validates_in_a_refused_plan() -> None:
    refusal = _example(REFUSAL_JSON)
    assert Refusal.model_validate(refusal).model_dump(mode="json") == refusal
    refused = {
        **_example(PLAN_RESPONSE_JSON),
        "status": "refused",
        "total_seconds": 0,
        "steps": [],
        "excluded": [],
        "warnings": [],
        "before": [],
        "after": [],
        "refusal": refusal,
    }
    _contains(PlanResponse.model_validate(refused).model_dump(mode="json"), refused)


def test_week_examples_validate() -> None:
    req = WeekRequest.model_validate(_example(WEEK_REQUEST_JSON))
    assert req.today == date(2026, 11, 23)
    assert req.runs[0].type == "race"
    example = _example(WEEK_RESPONSE_JSON)
    resp = WeekResponse.model_validate(example)
    _contains(resp.model_dump(mode="json"), example)


# --- The engine answers in the same shape ----------------------------------------------------


def test_plan_request_example_gives_a_response_of_the_spec_shape() -> None:
    example = _example(PLAN_RESPONSE_JSON)
    out = rollcoach.plan(_example(PLAN_REQUEST_JSON)).model_dump(mode="json")
    json.dumps(out)  # plain JSON, nothing left to convert

    assert set(out) == set(example) | {"session_seconds", "stretches"}
    assert out["status"] == "ok"
    assert out["refusal"] is None
    assert out["when"] == "post-run"
    assert out["steps"]
    for step in out["steps"]:
        assert set(step) >= STEP_KEYS, STEP_KEYS - set(step)
        assert step["rules"]
    assert out["steps"][0]["area"] == "calves"  # sore areas first (FOCUS-2)
    assert out["total_seconds"] == sum(step["seconds"] for step in out["steps"]) <= 10 * 60
    assert not any(s["area"] == "hamstrings" and s["side"] == "left" for s in out["steps"])

    for exclusion in out["excluded"]:
        assert set(exclusion) >= EXCLUSION_KEYS, exclusion
        assert exclusion["rules"]
    by_area = {e["area"]: e for e in out["excluded"]}
    assert by_area["it-band"]["instead"] == ["tfl", "vastus-lateralis", "glutes"]
    assert by_area["it-band"]["rules"] == ["AREA-1"]
    assert "AREA-5" in by_area["knee"]["rules"]  # sore, but a joint: never rolled
    acute = by_area["hamstrings"]
    assert acute["side"] == "left"
    assert acute["rules"] == ["SAFE-5"]
    assert isinstance(acute["hours_left"], int)
    # A bare date counts from the end of that day: 72 h from 22 Nov 00:00 end on
    # 25 Nov 00:00, 29.5 h after 23 Nov 18:30, so 30 hours to go (rounded up).
    assert acute["hours_left"] == 30

    assert out["before"]
    assert {b["kind"] for b in out["before"]} <= BEFORE_KINDS
    assert out["before"][0]["kind"] == "walk"  # after a 95-minute run (TIME-4)
    assert "TIME-4" in out["before"][0]["rules"]
    assert {a["kind"] for a in out["after"]} <= AFTER_KINDS
    assert {"stretch", "hydrate"} <= {a["kind"] for a in out["after"]}
    for item in [*out["warnings"], *out["before"], *out["after"]]:
        assert item["rules"], item
    assert out["stop_signs"]


def test_a_refused_plan_has_the_spec_refusal_shape() -> None:
    example = _example(REFUSAL_JSON)
    out = rollcoach.plan(
        {"now": "2026-11-23T18:30:00+00:00", "athlete": {"conditions": ["osteoporosis"]}}
    ).model_dump(mode="json")
    assert set(out) == set(_example(PLAN_RESPONSE_JSON)) | {"session_seconds", "stretches"}
    assert out["status"] == "refused"
    assert out["steps"] == []
    assert out["total_seconds"] == 0
    assert set(out["refusal"]) == set(example)
    reason = out["refusal"]["reasons"][0]
    assert set(reason) == set(example["reasons"][0])
    assert reason["code"] == "osteoporosis"
    assert reason["rules"] == ["SAFE-3"]
    assert out["refusal"]["advice"].strip()
    assert out["stop_signs"]


def test_week_request_example_gives_a_response_of_the_spec_shape() -> None:
    example = _example(WEEK_RESPONSE_JSON)
    out = rollcoach.week(_example(WEEK_REQUEST_JSON)).model_dump(mode="json")
    json.dumps(out)

    assert set(out) == set(example) == {"days", "recovery_days", "load", "warnings"}
    assert {"acute", "chronic", "ratio"} <= set(out["load"])
    assert [day["date"] for day in out["days"]] == [f"2026-11-{d}" for d in range(23, 30)]
    for day in out["days"]:
        assert set(example["days"][0]) <= set(day), day
        assert day["kind"] in {"rest", "light", "run"}
        assert day["rules"]
    # A marathon-length race the day before, at 52: full rest days first (REST-3).
    first = out["days"][0]
    assert first["kind"] == "rest"
    assert "REST-3" in first["rules"]
    assert out["recovery_days"] == sum(d["kind"] in ("rest", "light") for d in out["days"])
    for warning in out["warnings"]:
        assert {"code", "message", "rules"} <= set(warning)
