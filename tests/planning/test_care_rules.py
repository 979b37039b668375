"""CARE-1..4: stretch, care with tight hip flexors, drink and refuel, sleep and move."""

from tests.factories import make_plan


def after_kinds(plan):  # type: ignore[no-untyped-def]
    return [a.kind for a in plan.after]


def test_care_1_static_stretches_for_the_same_muscles_after_rolling() -> None:
    plan = make_plan(soreness={"calves": 5})
    stretch = next(a for a in plan.after if a.kind == "stretch")
    rolled = {(s.area, s.side) for s in plan.steps}
    assert rolled <= {(s.area, s.side) for s in plan.stretches}
    assert set(stretch.areas or ()) == {s.area for s in plan.stretches}
    assert "CARE-1" in stretch.rules
    assert all("CARE-1" in s.rules and s.seconds >= 30 and s.text for s in plan.stretches)


def test_care_2_stretch_tight_hip_flexors_and_knots_with_care() -> None:
    plan = make_plan(athlete={"sedentary": True}, tools=["massage-ball", "foam-roller"])
    stretch = next(a for a in plan.after if a.kind == "stretch")
    assert "CARE-2" in stretch.rules
    assert "never hard" in stretch.text
    no_care = make_plan(
        tools=["foam-roller", "massage-ball"],
        focus=["calves"],
        minutes=3,
        athlete={"level": "advanced"},
    )
    assert "CARE-2" not in next(a for a in no_care.after if a.kind == "stretch").rules


def test_care_3_hydrate_and_refuel_within_the_cool_down_window() -> None:
    plan = make_plan(when="post-run")
    assert {"hydrate", "refuel"} <= set(after_kinds(plan))
    refuel = next(a for a in plan.after if a.kind == "refuel")
    assert "CARE-3" in refuel.rules
    assert "20 minutes" in refuel.text
    assert "refuel" not in after_kinds(make_plan(when="separate"))


def test_care_4_sleep_and_light_active_recovery() -> None:
    plan = make_plan()
    assert {"sleep", "active-recovery"} <= set(after_kinds(plan))
    assert all("CARE-4" in a.rules for a in plan.after if a.kind in {"sleep", "active-recovery"})
