"""DOSE-9..11 and TIME-3: steps long enough to do, time that follows need, grouped by position.

Muscle lengths are read from the knowledge base (they are anatomy data); the rules'
numbers (2.5 cm/s, a 30 s hold, 30-120 s per side) come from spec/rules.md.
"""

import math

import pytest

from rollcoach.knowledge import load_knowledge
from rollcoach.models import PlanResponse
from tests.factories import ALL_TOOLS, make_plan

SPEED = 2.5  # DOSE-1, cm/s


def full_pass(area: str) -> float:
    """One slow pass end to end and back."""
    return 2 * load_knowledge().areas[area].length_cm / SPEED


def seconds_of(plan: PlanResponse, area: str) -> int:
    return max(s.seconds for s in plan.steps if s.area == area)


@pytest.mark.parametrize("minutes", [3, 5, 10, 20, 45])
def test_dose_9_every_step_is_long_enough_for_a_full_pass_each_way_and_a_hold(
    minutes: int,
) -> None:
    plan = make_plan(tools=ALL_TOOLS, minutes=minutes, soreness={"calves": 6, "glutes": 4})
    assert plan.steps
    for step in plan.steps:
        assert step.seconds >= full_pass(step.area) + step.hold_seconds, step
        find = next(c.at for c in step.timeline if c.phase == "find-spot")
        passes = next(c.at for c in step.timeline if c.phase == "passes")
        assert find - passes >= math.floor(full_pass(step.area)), step  # no hunt before a pass
        assert [c.phase for c in step.timeline][:5] == [
            "set-up",
            "passes",
            "find-spot",
            "hold",
            "ease",
        ]


def test_dose_9_a_minute_is_too_short_for_any_step() -> None:
    """The physio's case: one minute gave 45 s of upper back."""
    plan = make_plan(minutes=1, tools=ALL_TOOLS)
    assert plan.steps == []
    assert [w.code for w in plan.warnings if "DOSE-9" in w.rules] == ["no-time"]


def test_dose_10_sore_muscles_get_more_time_and_filler_never_replaces_them() -> None:
    """The physio's case: four muscles at 9/10 in 10 minutes, glutes dropped, upper back in."""
    sore = {"calves": 9, "quadriceps": 9, "hamstrings": 9, "glutes": 9}
    plan = make_plan(minutes=10, soreness=sore, tools=ALL_TOOLS)
    rolled = {s.area for s in plan.steps}
    assert rolled <= set(sore)
    assert "upper-back" not in rolled
    assert len(rolled) >= 3
    times = [seconds_of(plan, area) for area in rolled]
    assert max(times) - min(times) <= 20  # equally sore, about equally long


def test_dose_10_more_minutes_lengthen_steps_before_adding_muscles() -> None:
    """The physio's case: 45 minutes gave 21 steps of 45 s, the same dose as 10 minutes."""
    ten = make_plan(minutes=10, soreness={"calves": 6}, tools=ALL_TOOLS)
    long = make_plan(minutes=45, soreness={"calves": 6}, tools=ALL_TOOLS)
    assert seconds_of(long, "calves") > 90
    assert seconds_of(long, "calves") >= seconds_of(ten, "calves")
    assert all(seconds_of(long, a) >= seconds_of(ten, a) for a in {s.area for s in ten.steps})
    assert sum(s.seconds for s in long.steps) / len(long.steps) >= 60  # no micro-steps
    twenty = make_plan(minutes=20, tools=ALL_TOOLS)
    core = ("calves", "hamstrings", "quadriceps", "glutes")
    assert all(seconds_of(twenty, a) >= 60 for a in core if a in {s.area for s in twenty.steps})


def test_dose_10_extra_attention_means_more_time() -> None:
    """The physio's case: 650 m of descent promised the quadriceps extra attention."""
    downhill = make_plan(minutes=20, run={"minutes": 70, "km": 13, "descent_m": 650})
    flat = make_plan(minutes=20, run={"minutes": 70, "km": 13})
    assert seconds_of(downhill, "quadriceps") > seconds_of(flat, "quadriceps")
    assert "DOSE-10" in downhill.steps[0].rules


def test_dose_11_steps_are_grouped_by_position_and_set_up_counts() -> None:
    """The physio's case: seated, face down, seated, face down, and a "9:45" taking 13 min."""
    for minutes in (5, 10, 20, 30):
        plan = make_plan(minutes=minutes, tools=ALL_TOOLS, soreness={"calves": 5, "quadriceps": 5})
        positions = [s.position for s in plan.steps]
        groups = [p for i, p in enumerate(positions) if i == 0 or positions[i - 1] != p]
        assert len(groups) == len(set(groups)), positions  # each position visited once
        assert plan.session_seconds == plan.total_seconds + sum(s.setup_seconds for s in plan.steps)
        assert plan.session_seconds <= minutes * 60
        first, *rest = plan.steps
        assert first.setup_seconds > 0 and first.setup
        for before, step in zip(plan.steps, rest, strict=False):
            if step.position != before.position:
                assert step.setup_seconds >= 15, step
            elif step.area == before.area:
                assert 0 < step.setup_seconds <= 10  # the other side


def test_time_3_pre_run_short_bouts_then_a_dynamic_warm_up_no_stretch_no_drink() -> None:
    """The physio's case: pre-run sessions ended with "have a drink" and no warm-up."""
    plan = make_plan(when="pre-run", minutes=6, soreness={"calves": 4})
    assert plan.steps
    assert all(20 <= s.seconds <= 30 and s.hold_seconds == 0 for s in plan.steps)
    assert all(s.pressure == "gentle" for s in plan.steps)
    assert plan.stretches == []
    kinds = [a.kind for a in plan.after]
    assert kinds == ["warm-up"]
    assert "TIME-3" in plan.after[0].rules
    assert "drink" not in plan.after[0].text.lower()
    assert plan.session_seconds <= 6 * 60


@pytest.mark.parametrize("minutes", [4, 10, 25, 60])
def test_dose_11_counted_set_up_equals_the_arranged_set_up(minutes: int) -> None:
    """fitting.session_cost counts pauses instead of arranging; both must agree."""
    from datetime import UTC, datetime

    from rollcoach.models import PlanRequest
    from rollcoach.planning.fitting import arrange, fit_session, session_cost
    from rollcoach.planning.selection import select_areas
    from rollcoach.safety import protection_for

    k = load_knowledge()
    req = PlanRequest.model_validate(
        {"minutes": minutes, "tools": ALL_TOOLS, "soreness": {"calves": {"left": 7}, "tfl": 4}}
    )
    now = datetime(2026, 11, 23, tzinfo=UTC)
    fit = fit_session(req, k, select_areas(req, k).picks, protection_for(req, k, now), set())
    arranged = sum(slot.seconds + slot.setup_seconds for slot in arrange(k, fit.placed))
    assert fit.placed and session_cost(k, fit.placed) == arranged <= minutes * 60
