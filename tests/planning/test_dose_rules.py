"""DOSE-1..8: how to roll, how long, how hard, one side at a time."""

from rollcoach.knowledge import load_knowledge
from tests.factories import ALL_TOOLS, make_plan


def test_dose_1_roll_slowly_at_an_inch_a_second() -> None:
    plan = make_plan(minutes=20)
    assert plan.steps
    assert all(s.speed_cm_s == 2.5 and "DOSE-1" in s.rules for s in plan.steps)


def test_dose_2_hold_a_tender_spot_30_seconds_hip_hook_30_to_90() -> None:
    plan = make_plan(tools=ALL_TOOLS, minutes=30, athlete={"sedentary": True})
    regular = [s for s in plan.steps if s.tool != "hip-hook"]
    assert regular
    assert all(s.hold_seconds == 30 and "DOSE-2" in s.rules for s in regular)
    hooks = [s for s in plan.steps if s.tool == "hip-hook"]
    assert hooks
    assert all(30 <= s.hold_seconds <= 90 for s in hooks)
    for step in plan.steps:
        hold = next(c for c in step.timeline if c.phase == "hold")
        assert hold.at == step.seconds - step.hold_seconds


def test_dose_3_each_muscle_30_to_120_seconds_even_with_lots_of_time() -> None:
    for minutes in (3, 10, 60, 180):
        plan = make_plan(minutes=minutes, soreness={"calves": 10}, tools=ALL_TOOLS)
        assert all(30 <= s.seconds <= 120 for s in plan.steps)
        assert all("DOSE-3" in s.rules for s in plan.steps)


def test_dose_4_beginners_stay_gentle_to_moderate_advanced_build_to_firm() -> None:
    beginner = make_plan(athlete={"level": "beginner"}, minutes=20)
    assert {s.pressure for s in beginner.steps} <= {"gentle", "moderate"}
    assert any(w.code == "beginner" and "DOSE-4" in w.rules for w in beginner.warnings)
    advanced = make_plan(athlete={"level": "advanced"}, minutes=20)
    assert "firm" in {s.pressure for s in advanced.steps}
    assert not any(w.code == "beginner" for w in advanced.warnings)


def test_dose_5_whole_muscle_belly_along_the_fibres() -> None:
    k = load_knowledge()
    for area in k.areas.values():
        assert area.path_from != area.path_to
        assert area.fibres
    plan = make_plan(tools=ALL_TOOLS, minutes=30)
    for step in plan.steps:
        assert "DOSE-5" in step.rules
        assert any(c.phase == "passes" for c in step.timeline)


def test_dose_6_breathe_slowly_never_hold_the_breath() -> None:
    for technique in (t for ts in load_knowledge().techniques.values() for t in ts):
        assert "breath" in technique.hold.lower(), (technique.area, technique.tool)
    assert all("DOSE-6" in s.rules for s in make_plan().steps)


def test_dose_7_session_defaults_to_ten_minutes_and_fits_the_time_given() -> None:
    default = make_plan()
    assert 5 * 60 <= default.total_seconds <= 10 * 60
    for minutes in (1, 2.5, 4, 7):
        plan = make_plan(minutes=minutes)
        assert plan.total_seconds <= minutes * 60
    tiny = make_plan(minutes=0.5)
    assert tiny.steps == []
    assert any(w.code == "no-time" for w in tiny.warnings)


def test_dose_8_one_leg_at_a_time_as_separate_steps() -> None:
    plan = make_plan(minutes=15)
    calves = [s for s in plan.steps if s.area == "calves"]
    assert [s.side for s in calves] == ["left", "right"]
    assert calves[1].order == calves[0].order + 1
    assert "DOSE-8" in calves[0].rules
    assert any(c.phase == "switch" for c in calves[0].timeline)
    assert not any(c.phase == "switch" for c in calves[1].timeline)
