"""FOCUS-1..6: what goes into a plan, and in which order."""

from tests.factories import ALL_TOOLS, areas_of, make_plan

CORE = ["calves", "hamstrings", "quadriceps", "glutes", "hip-flexors", "adductors"]


def rules_for(plan, area):  # type: ignore[no-untyped-def]
    return {r for s in plan.steps if s.area == area for r in s.rules}


def test_focus_1_core_set_first_then_extras_as_time_allows() -> None:
    plan = make_plan(tools=ALL_TOOLS, minutes=30)
    assert set(CORE) <= set(areas_of(plan))
    assert {"tfl", "feet", "shins", "upper-back"} <= set(areas_of(plan))
    assert "FOCUS-1" in rules_for(plan, "adductors")
    for minutes in (5, 8, 12):  # shorter sessions keep the core set and drop extras first
        short = set(areas_of(make_plan(tools=ALL_TOOLS, minutes=minutes)))
        assert short <= set(areas_of(plan))
        assert short <= set(CORE) or set(CORE) <= short


def test_focus_2_sore_areas_first_and_most_time_whole_body_when_time_allows() -> None:
    plan = make_plan(soreness={"adductors": 7, "feet": 4}, tools=ALL_TOOLS, minutes=30)
    assert areas_of(plan)[0] == "adductors"  # the sorest leads; the rest follow by position
    adductors = next(s for s in plan.steps if s.area == "adductors")
    calves = next(s for s in plan.steps if s.area == "calves")
    assert adductors.seconds > calves.seconds
    assert set(CORE) <= set(areas_of(plan))
    assert "FOCUS-2" in rules_for(plan, "adductors")


def test_focus_3_sore_calves_bring_in_the_hamstrings() -> None:
    plan = make_plan(soreness={"calves": 5}, minutes=10)
    assert areas_of(plan)[0] == "calves"
    assert "hamstrings" in areas_of(plan)
    assert "FOCUS-3" in rules_for(plan, "hamstrings")


def test_focus_4_joint_or_back_pain_or_sitting_brings_hip_flexors_early() -> None:
    for fields in (
        {"soreness": {"knee": 4}},
        {"soreness": {"lower-back": 5}},
        {"athlete": {"sedentary": True}},
    ):
        plan = make_plan(tools=["massage-ball", "foam-roller"], **fields)
        assert areas_of(plan)[0] == "hip-flexors", fields
        assert "FOCUS-4" in rules_for(plan, "hip-flexors")


def test_focus_5_it_band_pain_brings_the_muscles_around_it() -> None:
    plan = make_plan(soreness={"it-band": 6}, tools=ALL_TOOLS, minutes=20)
    around = ["tfl", "vastus-lateralis", "glutes", "quadriceps", "hamstrings"]
    assert set(areas_of(plan)) >= set(around)
    assert all("FOCUS-5" in rules_for(plan, a) for a in around)
    assert "it-band" not in areas_of(plan)


def test_focus_6_hills_and_long_runs_weight_calves_glutes_quadriceps() -> None:
    hills = make_plan(run={"minutes": 50, "km": 9, "climb_m": 450, "type": "hills"})
    assert {"calves", "glutes", "quadriceps"} <= set(areas_of(hills))
    assert "FOCUS-6" in rules_for(hills, "glutes")
    downhill = make_plan(run={"minutes": 50, "km": 10, "descent_m": 500})
    assert areas_of(downhill)[0] == "quadriceps"
    easy = make_plan(run={"minutes": 30, "km": 5, "type": "easy"})
    assert set(areas_of(easy)) <= set(CORE)
    assert "FOCUS-6" not in rules_for(easy, "quadriceps")
