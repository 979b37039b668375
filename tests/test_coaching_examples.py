"""docs/coaching-examples.md is what the planner answers today, and its cases still hold.

The page is generated (docs/make_coaching_examples.py) from docs/coaching_examples.yaml,
whose hand-written lines say why each plan looks as it does. The first test keeps the page
from drifting; the rest check, per case, the few facts those lines rely on, so a planner
change that breaks one fails here before a reviewer reads a stale explanation. The rules
themselves are tested elsewhere (tests named after their rule IDs).
"""

import importlib.util
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from rollcoach.models import PlanResponse
from rollcoach.models.plan_response import Step, Stretch

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_coaching_examples", DOCS / "make_coaching_examples.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATOR = _generator()
CASES: list[dict[str, Any]] = GENERATOR.load_cases()


@pytest.fixture(scope="module")
def plans() -> dict[str, PlanResponse]:
    return {case["id"]: GENERATOR.plan_for(case) for case in CASES}


def test_the_page_is_what_the_planner_answers_today() -> None:
    on_disk = (DOCS / "coaching-examples.md").read_text(encoding="utf-8")
    assert on_disk == GENERATOR.examples_markdown(CASES), (
        "docs/coaching-examples.md is stale: run .venv/bin/python docs/make_coaching_examples.py,"
        " then re-read each plan against its explanation in docs/coaching_examples.yaml"
    )


def test_twenty_cases_each_with_a_title_a_reason_and_an_explanation() -> None:
    ids = [case["id"] for case in CASES]
    assert len(ids) == 20
    assert len(set(ids)) == len(ids)
    for case in CASES:
        assert case["title"] and case["case"] and case["explanation"], case["id"]
        assert case["request"]["now"] == "2026-11-23T18:30:00+00:00"


# --- Helpers ---------------------------------------------------------------------------------


def on(items: list[Step] | list[Stretch], area: str, side: str | None = None) -> list[Any]:
    """Steps or stretches on ``area``; with ``side``, those that touch that side."""
    return [i for i in items if i.area == area and (side is None or i.side in (side, "both"))]


def areas(p: PlanResponse) -> set[str]:
    return {s.area for s in p.steps}


def untouched(p: PlanResponse, area: str, side: str | None = None) -> bool:
    """Neither rolled nor stretched (on that side)."""
    return not on(p.steps, area, side) and not on(p.stretches, area, side)


def excluded(p: PlanResponse, area: str, side: str | None = None) -> list[Any]:
    return [e for e in p.excluded if e.area == area and (side is None or e.side == side)]


def warning_codes(p: PlanResponse) -> set[str]:
    return {w.code for w in p.warnings}


# --- What each case's explanation relies on --------------------------------------------------


def _default(p: PlanResponse, _: dict[str, PlanResponse]) -> None:
    assert {"calves", "hamstrings", "glutes", "quadriceps"} <= areas(p)
    assert not on(p.steps, "hip-flexors") and on(p.stretches, "hip-flexors")


def _quadriceps_injured_today(p: PlanResponse, _: dict[str, PlanResponse]) -> None:
    for area in ("quadriceps", "vastus-lateralis", "hip-flexors"):
        assert untouched(p, area, "left"), area
        assert [e.hours_left for e in excluded(p, area, "left")] == [78], area
    assert on(p.steps, "quadriceps", "right")


def _glutes_injured_right(p: PlanResponse, _: dict[str, PlanResponse]) -> None:
    for area in ("glutes", "piriformis", "tfl"):
        assert untouched(p, area, "right"), area
    assert excluded(p, "piriformis", "right")


def _hip_injury(p: PlanResponse, _: dict[str, PlanResponse]) -> None:
    crossing = ("hip-flexors", "tfl", "glutes", "piriformis", "adductors")
    for area in (*crossing, "hamstrings", "quadriceps"):
        assert untouched(p, area, "left"), area
    assert {s.area for s in p.steps if s.side == "left"} <= {"calves", "shins", "feet"}
    assert on(p.steps, "hip-flexors", "right")


def _knee_injury(p: PlanResponse, _: dict[str, PlanResponse]) -> None:
    for area in ("quadriceps", "vastus-lateralis", "hamstrings", "calves", "adductors"):
        assert untouched(p, area), area
        assert [e.hours_left for e in excluded(p, area)] == [78], area
    assert areas(p) <= {"glutes", "piriformis", "tfl", "hip-flexors", "upper-back", "lats"}


def _hamstring_strain(p: PlanResponse, every: dict[str, PlanResponse]) -> None:
    assert untouched(p, "hamstrings", "left")
    assert [e.hours_left for e in excluded(p, "hamstrings", "left")] == [68]
    first, usual = p.steps[0], every["default"].steps
    assert (first.area, first.side) == ("hamstrings", "right")
    assert first.seconds > max(s.seconds for s in on(usual, "hamstrings"))


def _teen_shins(p: PlanResponse, _: dict[str, PlanResponse]) -> None:
    assert "screen-first" in warning_codes(p)
    assert untouched(p, "shins")
    assert any("SAFE-4" in e.rules for e in excluded(p, "shins"))


def _hip_sore_unscreened(p: PlanResponse, _: dict[str, PlanResponse]) -> None:
    assert "screen-first" in warning_codes(p)
    assert untouched(p, "hip-flexors")


def _hip_flexor_pain(p: PlanResponse, _: dict[str, PlanResponse]) -> None:
    assert untouched(p, "hip-flexors", "left")
    assert any("SAFE-12" in e.rules for e in excluded(p, "hip-flexors", "left"))
    assert untouched(p, "quadriceps", "left")
    assert p.steps[0].area != "hip-flexors"  # pain never raises a muscle's priority


def _four_muscles(p: PlanResponse, _: dict[str, PlanResponse]) -> None:
    assert areas(p) == {"calves", "quadriceps", "hamstrings", "glutes"}
    assert len(p.steps) == 8
    assert {s.pressure for s in p.steps} == {"gentle"}


def _one_minute(p: PlanResponse, _: dict[str, PlanResponse]) -> None:
    assert p.status == "ok" and not p.steps
    assert "no-time" in warning_codes(p)


def _massage_ball_only(p: PlanResponse, every: dict[str, PlanResponse]) -> None:
    for area in ("hamstrings", "quadriceps", "adductors"):
        steps = on(p.steps, area)
        assert steps and {s.tool for s in steps} == {"massage-ball"}, area
        assert on(p.stretches, area), area
    usual = max(s.seconds for s in on(every["default"].steps, "hamstrings"))
    assert min(s.seconds for s in on(p.steps, "hamstrings")) > usual


def _hip_release_ball_only(p: PlanResponse, _: dict[str, PlanResponse]) -> None:
    glutes = on(p.steps, "glutes")
    assert len(glutes) == 2 and {s.tool for s in glutes} == {"hip-release-ball"}
    assert min(s.seconds for s in glutes) >= 90
    assert on(p.stretches, "glutes")


def _forty_five(p: PlanResponse, every: dict[str, PlanResponse]) -> None:
    assert p.session_seconds <= 45 * 60
    usual = {s.area: s.seconds for s in every["default"].steps}
    assert all(s.seconds >= usual[s.area] for s in p.steps if s.area in usual)
    assert min(s.seconds for s in on(p.steps, "calves")) > usual["calves"]
    assert {"feet", "tfl", "shins", "upper-back", "lats"} <= areas(p)
    assert "long-session" in warning_codes(p)


def _descent(p: PlanResponse, every: dict[str, PlanResponse]) -> None:
    assert p.steps[0].area == "quadriceps"
    usual = max(s.seconds for s in on(every["default"].steps, "quadriceps"))
    assert min(s.seconds for s in on(p.steps, "quadriceps")) > usual


def _pre_run(p: PlanResponse, _: dict[str, PlanResponse]) -> None:
    assert not p.stretches
    assert p.after and p.after[-1].kind == "warm-up"
    assert not {a.kind for a in p.after} & {"refuel", "hydrate"}
    assert all(s.hold_seconds == 0 and s.pressure == "gentle" for s in p.steps)
    assert all(20 <= s.seconds <= 30 for s in p.steps)


def _knee_soreness(p: PlanResponse, _: dict[str, PlanResponse]) -> None:
    first = p.steps[0]
    assert first.area == "hip-flexors" and first.tool != "foam-roller"
    assert not any("pull on the knee" in why for why in first.why)
    assert {"hamstrings", "calves"} <= areas(p)  # the core set follows the rule's muscles
    assert all(s.seconds >= 75 for s in p.steps if s.area == "hip-flexors")


def _beginner_long_run(p: PlanResponse, _: dict[str, PlanResponse]) -> None:
    left, right = on(p.steps, "calves", "left")[0], on(p.steps, "calves", "right")[0]
    assert left.seconds > right.seconds
    assert p.before[0].kind == "walk" and p.before[0].minutes == 10
    assert "TIME-4" in p.before[0].rules
    assert "firm" not in {s.pressure for s in p.steps}


def _blood_thinners(p: PlanResponse, _: dict[str, PlanResponse]) -> None:
    assert p.status == "refused" and not p.steps and p.refusal is not None
    assert [r.rules for r in p.refusal.reasons] == [("SAFE-1",)]


def _separate(p: PlanResponse, _: dict[str, PlanResponse]) -> None:
    assert p.before[0].kind == "warm-up" and "TIME-2" in p.before[0].rules
    assert {"tfl", "vastus-lateralis", "glutes"} <= areas(p)
    assert excluded(p, "it-band")
    hooks = [s for s in p.steps if s.tool == "hip-hook"]
    assert hooks and all(30 <= s.hold_seconds <= 90 for s in hooks)


CHECKS: dict[str, Callable[[PlanResponse, dict[str, PlanResponse]], None]] = {
    "default": _default,
    "quadriceps-injured-today": _quadriceps_injured_today,
    "glutes-injured-right": _glutes_injured_right,
    "hip-injury": _hip_injury,
    "knee-injury": _knee_injury,
    "hamstring-strain-4-hours": _hamstring_strain,
    "teen-shins-unscreened": _teen_shins,
    "hip-sore-unscreened": _hip_sore_unscreened,
    "hip-flexor-pain": _hip_flexor_pain,
    "four-muscles-9-in-10-minutes": _four_muscles,
    "one-minute": _one_minute,
    "massage-ball-only": _massage_ball_only,
    "hip-release-ball-only": _hip_release_ball_only,
    "forty-five-minutes": _forty_five,
    "descent-650": _descent,
    "pre-run": _pre_run,
    "knee-soreness-hip-flexors": _knee_soreness,
    "beginner-long-run-one-calf": _beginner_long_run,
    "blood-thinners": _blood_thinners,
    "separate-all-tools": _separate,
}


def test_every_case_has_its_checks() -> None:
    assert set(CHECKS) == {case["id"] for case in CASES}


@pytest.mark.parametrize("case_id", list(CHECKS))
def test_the_plan_still_matches_its_explanation(
    case_id: str, plans: dict[str, PlanResponse]
) -> None:
    CHECKS[case_id](plans[case_id], plans)
