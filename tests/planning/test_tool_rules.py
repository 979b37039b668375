"""TOOL-1..8: which tool reaches which muscle, and what happens without it."""

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
    assert entry.rules[0] == "TOOL-6"
    assert entry.tools == ("massage-ball",)
    everything = make_plan(tools=ALL_TOOLS[:2], minutes=60)
    assert {s.tool for s in everything.steps} <= set(ALL_TOOLS[:2])


def test_tool_7_hip_flexors_never_on_a_foam_roller_and_cues_warn_of_a_pulse() -> None:
    """The physio's case: hip flexors rolled face down on a foam roller, no pulse cue."""
    roller_only = make_plan(tools=["foam-roller"], athlete={"sedentary": True}, minutes=20)
    assert "hip-flexors" not in areas_of(roller_only)
    stretch = [s for s in roller_only.stretches if s.area == "hip-flexors"]
    assert stretch and all("TOOL-7" in s.rules for s in stretch)  # stretched instead
    (entry,) = excluded(roller_only, "hip-flexors")
    assert "TOOL-7" in entry.rules and "foam-roller" not in (entry.tools or ())
    with_ball = make_plan(tools=ALL_TOOLS, athlete={"sedentary": True}, minutes=20)
    steps = [s for s in with_ball.steps if s.area == "hip-flexors"]
    assert steps
    for step in steps:
        assert step.tool != "foam-roller" and step.pressure == "gentle"
        assert "TOOL-7" in step.rules
        assert any("puls" in cue.lower() for cue in step.cues)


def test_tool_8_a_sore_muscle_no_tool_reaches_is_stretched_and_named_with_its_tool() -> None:
    """The physio's case: massage ball only, sore hamstrings, quadriceps, adductors: nothing."""
    sore = {"hamstrings": 6, "quadriceps": 6, "adductors": 6}
    plan = make_plan(tools=["massage-ball"], soreness=sore, minutes=15)
    cared = {s.area for s in plan.steps} | {s.area for s in plan.stretches}
    assert set(sore) <= cared
    assert "hamstrings" in areas_of(plan)  # the ball under the thigh, sitting on a chair
    for area in set(sore) - set(areas_of(plan)):
        (entry,) = excluded(plan, area)
        assert {"TOOL-6", "TOOL-8"} <= set(entry.rules) and entry.tools
        assert any("TOOL-8" in s.rules for s in plan.stretches if s.area == area)


def test_tool_8_the_hip_release_ball_reaches_sore_glutes() -> None:
    """The physio's case: hip release ball only with sore glutes gave nothing."""
    plan = make_plan(tools=["hip-release-ball"], soreness={"glutes": 6}, minutes=10)
    assert areas_of(plan)[0] == "glutes"


def test_tool_8_the_other_ways_a_physio_uses_a_tool_are_in_the_knowledge_base() -> None:
    ways = {(t.area, t.tool, t.position) for ts in load_knowledge().techniques.values() for t in ts}
    assert ("hamstrings", "massage-ball", "seated") in ways  # under the thigh on a chair
    assert ("adductors", "massage-stick", "seated") in ways  # along the inner thigh
    assert ("glutes", "massage-ball", "standing") in ways  # against a wall
    assert ("piriformis", "massage-ball", "standing") in ways
