"""The cases a sports physiotherapist found in review (issue 9, "What was seen").

Each failed on the planner before the rebuild; the rules that fix them have their
own tests too (tests/safety/test_protection_rules.py, test_floor_rules.py, ...).
"""

from tests.factories import ALL_TOOLS, make_plan

TODAY = "2026-11-23"


def rolled(plan, side):  # type: ignore[no-untyped-def]
    return {s.area for s in plan.steps if s.side in (side, "both")}


def test_safe_5_an_injured_left_quadriceps_protects_the_left_outer_quadriceps() -> None:
    plan = make_plan(
        tools=ALL_TOOLS,
        minutes=30,
        focus=["vastus-lateralis"],
        injuries=[{"area": "quadriceps", "side": "left", "date": TODAY}],
    )
    assert not rolled(plan, "left") & {"quadriceps", "vastus-lateralis"}
    assert "vastus-lateralis" in rolled(plan, "right")


def test_safe_5_an_injured_right_glute_keeps_the_ball_off_the_right_piriformis() -> None:
    plan = make_plan(
        tools=ALL_TOOLS,
        minutes=30,
        focus=["piriformis"],
        injuries=[{"area": "glutes", "side": "right", "date": TODAY}],
    )
    assert not rolled(plan, "right") & {"glutes", "piriformis"}


def test_safe_5_a_knee_injury_protects_thigh_and_calf_and_promises_no_knee_rolling() -> None:
    plan = make_plan(tools=ALL_TOOLS, minutes=20, injuries=[{"area": "knee", "date": TODAY}])
    assert not {s.area for s in plan.steps} & {"quadriceps", "hamstrings", "calves"}
    knee = [e for e in plan.excluded if e.area == "knee"]
    assert knee and all(e.hours_left is None for e in knee)
    assert not any(e.area == "knee" and "hours" in e.reason for e in plan.excluded)


def test_safe_4_a_hip_at_six_with_no_screen_is_not_rolled_first() -> None:
    plan = make_plan(tools=ALL_TOOLS, soreness={"hip": 6}, athlete={"sedentary": True})
    assert "hip-flexors" not in {s.area for s in plan.steps}
    assert any(w.code == "screen-first" for w in plan.warnings)


def test_focus_4_knee_pain_does_not_claim_the_hip_flexors_pull_on_the_knee() -> None:
    plan = make_plan(tools=ALL_TOOLS, soreness={"knee": 5}, minutes=15)
    why = " ".join(w for s in plan.steps if s.area == "hip-flexors" for w in s.why).lower()
    assert why, "knee soreness brings the hip flexors in (FOCUS-4)"
    assert "pull on" not in why
    assert "not been shown" in why or "no link" in why or "unproven" in why


def test_safe_7_plural_areas_read_right() -> None:
    """The physio's case: "Your calves was injured"."""
    plan = make_plan(injuries=[{"area": "calves", "date": "2026-11-01"}], soreness={"calves": 4})
    (warning,) = [w for w in plan.warnings if w.code == "past-injury"]
    assert warning.message.startswith("Your calves were injured")
    single = make_plan(
        tools=ALL_TOOLS,
        focus=["upper-back"],
        injuries=[{"area": "upper-back", "date": "2026-11-01"}],
    )
    (warning,) = [w for w in single.warnings if w.code == "past-injury"]
    assert warning.message.startswith("Your upper back was injured")


def test_safe_5_nothing_kneels_stands_or_leans_on_the_hurt_side() -> None:
    """Second read: a kneeling stretch on a hurt knee, a firm cue that rests the strained
    leg on top, a standing stretch on a hurt hip, the upper back pushed along by the knees."""
    knee = make_plan(
        tools=["foam-roller"],
        minutes=20,
        injuries=[{"area": "knee", "side": "left", "date": TODAY}],
    )
    assert ("hip-flexors", "left") not in {(s.area, s.side) for s in knee.stretches}
    strain = make_plan(
        tools=ALL_TOOLS,
        minutes=20,
        athlete={"level": "advanced"},
        injuries=[{"area": "hamstrings", "side": "left", "date": TODAY}],
    )
    assert strain.steps and "firm" not in {s.pressure for s in strain.steps}
    hip = make_plan(
        tools=ALL_TOOLS, minutes=20, injuries=[{"area": "hip", "side": "left", "date": TODAY}]
    )
    assert ("quadriceps", "right") not in {(s.area, s.side) for s in hip.stretches}
    back = make_plan(
        tools=["foam-roller"], focus=["upper-back"], injuries=[{"area": "knee", "date": TODAY}]
    )
    assert "upper-back" not in {s.area for s in back.steps}
    assert any(e.area == "upper-back" and "SAFE-5" in e.rules for e in back.excluded)
    peanut = make_plan(
        tools=["foam-roller", "peanut-ball"],
        focus=["upper-back"],
        injuries=[{"area": "knee", "date": TODAY}],
    )
    assert {s.tool for s in peanut.steps if s.area == "upper-back"} == {"peanut-ball"}


def test_safe_5_a_fresh_injury_says_what_to_watch_for() -> None:
    plan = make_plan(injuries=[{"area": "knee", "date": TODAY}])
    (warning,) = [w for w in plan.warnings if w.code == "acute-injury"]
    assert "swell" in warning.message and "SAFE-6" in warning.rules


def test_care_1_one_thigh_stretch_covers_both_quadriceps() -> None:
    plan = make_plan(tools=ALL_TOOLS, minutes=30, focus=["vastus-lateralis", "quadriceps"])
    assert {"vastus-lateralis", "quadriceps"} <= {s.area for s in plan.steps}
    stretched = [s.area for s in plan.stretches]
    assert "quadriceps" in stretched and "vastus-lateralis" not in stretched


def test_tool_8_no_stretch_is_promised_that_the_plan_does_not_give() -> None:
    """Last read: a hurt knee drops the kneeling hip-flexor stretch, yet the hip flexors'
    exclusion still said they get their stretch instead."""
    plan = make_plan(tools=["foam-roller"], injuries=[{"area": "knee", "date": TODAY}])
    (entry,) = [e for e in plan.excluded if e.area == "hip-flexors"]
    assert "hip-flexors" not in {s.area for s in plan.stretches}
    assert "stretch" not in entry.reason and "TOOL-8" not in entry.rules
