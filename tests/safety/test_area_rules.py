"""AREA-1..5: where the roller never goes, and what is rolled instead."""

import pytest

from rollcoach.knowledge import load_knowledge
from tests.factories import ALL_TOOLS, NEVER_AREAS, areas_of, excluded, make_plan


def test_area_1_it_band_is_never_rolled_its_neighbours_are() -> None:
    plan = make_plan(focus=["it-band"], tools=ALL_TOOLS, minutes=15)
    assert "it-band" not in areas_of(plan)
    (entry,) = excluded(plan, "it-band")
    assert entry.rules == ("AREA-1",)
    assert entry.instead == ("tfl", "vastus-lateralis", "glutes")
    assert {"tfl", "vastus-lateralis", "glutes"} <= set(areas_of(plan))
    assert all("AREA-1" in s.rules for s in plan.steps if s.area == "tfl")


def test_area_2_spine_never_rolled_upper_back_beside_it() -> None:
    plan = make_plan(focus=["spine"], tools=["peanut-ball"])
    assert excluded(plan, "spine")[0].rules == ("AREA-2",)
    (step,) = plan.steps
    assert step.area == "upper-back"
    assert step.side == "both"
    assert "AREA-2" in step.rules


def test_area_3_neck_is_never_rolled() -> None:
    plan = make_plan(focus=["neck"], soreness={"neck": 7}, tools=ALL_TOOLS)
    assert excluded(plan, "neck")[0].rules == ("AREA-3",)
    assert "neck" not in areas_of(plan)


def test_area_4_abdomen_never_hip_flexors_only_gently_and_flagged() -> None:
    plan = make_plan(focus=["abdomen"], tools=ALL_TOOLS, athlete={"level": "advanced"})
    assert excluded(plan, "abdomen")[0].rules == ("AREA-4",)
    flexors = [s for s in plan.steps if s.area == "hip-flexors"]
    assert flexors
    assert all(s.pressure == "gentle" and s.sensitive and "AREA-4" in s.rules for s in flexors)
    assert any(w.code == "sensitive" for w in plan.warnings)


@pytest.mark.parametrize("joint", ["knee", "ankle", "hip-bone"])
def test_area_5_joints_and_bones_are_never_targets(joint: str) -> None:
    plan = make_plan(focus=[joint], tools=ALL_TOOLS, minutes=30)
    assert excluded(plan, joint)[0].rules == ("AREA-5",)
    assert not NEVER_AREAS & set(areas_of(plan))


def test_area_5_joints_and_bones_have_no_technique_and_cite_the_rule() -> None:
    k = load_knowledge()
    for joint in ("knee", "ankle", "hip-bone"):
        assert k.never_areas[joint].rule == "AREA-5"
        assert joint not in k.techniques
        assert set(k.never_areas[joint].instead) <= set(k.areas)
