"""TOOL-1..6: which tool reaches which muscle, and what happens without it."""

from rollcoach.knowledge import load_knowledge
from tests.factories import ALL_TOOLS, areas_of, excluded, make_plan


def reaches(tool: str) -> set[str]:
    k = load_knowledge()
    return {area for area in k.areas if tool in k.tools_reaching(area)}


def test_tool_1_foam_roller_for_the_large_muscles_soft_for_beginners() -> None:
    large = {"quadriceps", "hamstrings", "calves", "glutes", "adductors", "upper-back"}
    assert large <= reaches("foam-roller")
    assert "soft" in load_knowledge().tools["foam-roller"].density.lower()
    plan = make_plan(tools=["foam-roller"], minutes=30)
    assert large <= set(areas_of(plan))


def test_tool_2_massage_ball_for_small_and_deep_spots() -> None:
    assert {"glutes", "piriformis", "feet", "upper-back", "hip-flexors"} <= reaches("massage-ball")
    plan = make_plan(tools=["massage-ball"], focus=["feet", "piriformis"])
    assert areas_of(plan)[:2] == ["feet", "piriformis"]


def test_tool_3_massage_stick_for_shins_calves_quadriceps() -> None:
    assert {"shins", "calves", "quadriceps"} <= reaches("massage-stick")
    plan = make_plan(tools=["massage-stick"], focus=["shins"])
    assert plan.steps[0].area == "shins"
    assert plan.steps[0].tool == "massage-stick"


def test_tool_4_peanut_ball_along_both_sides_of_the_spine_at_once() -> None:
    assert reaches("peanut-ball") == {"upper-back"}
    plan = make_plan(tools=["peanut-ball"], focus=["upper-back"])
    (step,) = plan.steps
    assert step.side == "both"
    assert "TOOL-4" in step.rules


def test_tool_5_hip_release_ball_and_hip_hook_for_the_hip_flexors() -> None:
    assert {"hip-flexors", "piriformis"} <= reaches("hip-release-ball")
    assert reaches("hip-hook") == {"hip-flexors"}
    plan = make_plan(tools=["hip-hook"], focus=["hip-flexors"])
    assert plan.steps
    assert all(s.tool == "hip-hook" for s in plan.steps)
    assert all("TOOL-5" in s.rules and 30 <= s.hold_seconds <= 90 for s in plan.steps)


def test_tool_6_areas_no_owned_tool_reaches_are_listed_with_the_tool_that_would() -> None:
    plan = make_plan(tools=["foam-roller"], focus=["feet"], minutes=20)
    assert "feet" not in areas_of(plan)
    (entry,) = excluded(plan, "feet")
    assert entry.rules == ("TOOL-6",)
    assert entry.tools == ("massage-ball",)
    everything = make_plan(tools=ALL_TOOLS[:2], minutes=60)
    assert {s.tool for s in everything.steps} <= set(ALL_TOOLS[:2])
