"""SAFE-4 (screen first), SAFE-5 (neighbours and crossing muscles), SAFE-12 (pain now).

Protected tissue is never rolled and never stretched, on the protected side only.
The muscle lists come from spec/rules.md, not from the knowledge base, so a data
change that weakens protection fails here.
"""

from typing import Any

import pytest
from pydantic import ValidationError

import rollcoach
from rollcoach.models import PlanResponse
from tests.factories import ALL_TOOLS, NOW, make_plan
from tests.spec import TARGET_AREAS

# SAFE-5's minimum: what an injury at a joint or pain site protects (spec/rules.md).
CROSSING = {
    "knee": {"quadriceps", "vastus-lateralis", "hamstrings", "calves"},
    "ankle": {"calves", "shins", "feet"},
    "hip": {"hip-flexors", "tfl", "glutes", "piriformis", "adductors"},
    "hip-bone": {"hip-flexors", "tfl", "glutes"},
}
SHARED = {"quadriceps": {"vastus-lateralis"}, "glutes": {"piriformis"}}
TODAY = "2026-11-23"  # NOW's day: an injury today is acute
ANSWERED = {
    "bony_tenderness": False,
    "prior_bone_stress": False,
    "high_arch": False,
    "volume_jump": False,
    "hop_pain": False,
}


def touched(plan: PlanResponse, side: str) -> set[str]:
    """Muscles rolled or stretched on ``side`` (a "both" step touches either)."""
    sides = {side, "both"}
    return {s.area for s in [*plan.steps, *plan.stretches] if s.side in sides}


EVERY_MUSCLE = list(TARGET_AREAS)  # the spec's targets, every one asked for


def big_plan(**fields: Any) -> PlanResponse:
    """Every tool, time for every muscle, and every muscle asked for."""
    return make_plan(tools=ALL_TOOLS, minutes=60, focus=EVERY_MUSCLE, **fields)


@pytest.mark.parametrize(("site", "muscles"), CROSSING.items())
def test_safe_5_an_injured_joint_protects_the_muscles_that_cross_it(
    site: str, muscles: set[str]
) -> None:
    plan = big_plan(injuries=[{"area": site, "side": "left", "date": TODAY}])
    assert not touched(plan, "left") & muscles
    assert muscles <= touched(plan, "right")  # the other side is still cared for
    listed = {e.area for e in plan.excluded if "SAFE-5" in e.rules and e.side == "left"}
    assert muscles <= listed
    assert all(e.hours_left for e in plan.excluded if "SAFE-5" in e.rules)


@pytest.mark.parametrize(("muscle", "shared"), SHARED.items())
def test_safe_5_an_injured_muscle_protects_the_tissue_it_shares(
    muscle: str, shared: set[str]
) -> None:
    plan = big_plan(injuries=[{"area": muscle, "side": "right", "date": TODAY}])
    assert not touched(plan, "right") & ({muscle} | shared)
    assert ({muscle} | shared) <= touched(plan, "left")


def test_safe_5_hours_left_are_the_injurys_own_not_a_neighbours_guess() -> None:
    plan = make_plan(injuries=[{"area": "knee", "date": "2026-11-23T08:30:00+00:00"}])
    hours = {e.hours_left for e in plan.excluded if "SAFE-5" in e.rules}
    assert hours == {62}  # 72 h from 08:30 on the 23rd, seen at 18:30 the same day
    (knee,) = [e for e in plan.excluded if e.area == "knee"]
    assert knee.rules == ("AREA-5",) and knee.hours_left is None  # never rolled anyway


def test_safe_5_no_stretch_for_a_strained_muscle() -> None:
    """The physio's case: a left hamstring strained 4 hours ago got its stretch."""
    plan = make_plan(
        injuries=[{"area": "hamstrings", "side": "left", "date": "2026-11-23T14:30:00+00:00"}],
        soreness={"hamstrings": 5},
    )
    assert ("hamstrings", "left") not in {(s.area, s.side) for s in plan.stretches}
    assert ("hamstrings", "right") in {(s.area, s.side) for s in plan.stretches}


def test_safe_5_an_injury_dated_in_the_future_is_invalid_input() -> None:
    with pytest.raises(ValidationError) as error:
        rollcoach.plan({"now": NOW, "injuries": [{"area": "calves", "date": "2026-12-20"}]})
    assert "injuries" in str(error.value)
    assert "2026-12-20" in str(error.value)
    later_today = {"area": "calves", "date": "2026-11-23T20:00:00+00:00"}
    with pytest.raises(ValidationError):
        rollcoach.plan({"now": NOW, "injuries": [later_today]})
    rollcoach.plan({"now": NOW, "injuries": [{"area": "calves", "date": TODAY}]})  # today is fine


def test_safe_12_pain_now_protects_like_an_injury_on_that_side() -> None:
    plan = big_plan(pain={"hip-flexors": {"left": 5}}, soreness={"hip-flexors": 2})
    assert "hip-flexors" not in touched(plan, "left")
    assert "hip-flexors" in touched(plan, "right")
    (entry,) = [e for e in plan.excluded if e.area == "hip-flexors"]
    assert entry.rules == ("SAFE-12",) and entry.side == "left"


def test_safe_12_pain_at_a_joint_protects_the_muscles_that_cross_it() -> None:
    plan = big_plan(pain={"knee": 4})
    assert not (touched(plan, "left") | touched(plan, "right")) & CROSSING["knee"]
    assert {e.area for e in plan.excluded if "SAFE-12" in e.rules} >= CROSSING["knee"]


def test_safe_12_pain_never_raises_priority_as_soreness_does() -> None:
    sore = make_plan(soreness={"calves": 7}, tools=ALL_TOOLS)
    pain = make_plan(pain={"calves": 7}, tools=ALL_TOOLS)
    assert sore.steps[0].area == "calves"
    assert "calves" not in {s.area for s in pain.steps}
    assert not any("sore" in why for s in pain.steps for why in s.why if "7/10" in why)


@pytest.mark.parametrize(
    ("site", "muscle"), [("shins", "shins"), ("feet", "feet"), ("hip", "hip-flexors")]
)
def test_safe_4_an_unscreened_bone_stress_site_is_asked_about_first(site: str, muscle: str) -> None:
    """The physio's case: a 16-year-old, shins at 6/10, shins silently excluded."""
    plan = big_plan(athlete={"age": 16}, soreness={site: 6})
    assert muscle not in touched(plan, "left") | touched(plan, "right")
    (warning,) = [w for w in plan.warnings if w.code == "screen-first"]
    assert warning.rules == ("SAFE-4",)
    assert "bone" in warning.message
    assert any(e.area == muscle and "SAFE-4" in e.rules for e in plan.excluded)
    answered = big_plan(athlete={"age": 16, "screen": ANSWERED}, soreness={site: 6})
    assert muscle in {s.area for s in answered.steps}
    assert not [w for w in answered.warnings if w.code == "screen-first"]


def test_safe_4_below_three_no_screen_question() -> None:
    plan = big_plan(soreness={"shins": 2})
    assert not [w for w in plan.warnings if w.code == "screen-first"]


def test_safe_5_an_injury_at_now_across_a_clock_change_is_not_in_the_future() -> None:
    """Found by Hypothesis: 03:00 EDT and 02:00 EST are one instant on 10 March 2024."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    zone = ZoneInfo("America/New_York")
    now = datetime(2024, 3, 10, 2, 0, tzinfo=zone)  # in the gap: read as 07:00 UTC
    injury = {"area": "calves", "date": datetime(2024, 3, 10, 3, 0, tzinfo=zone)}
    plan = rollcoach.plan({"now": now, "injuries": [injury]})
    assert plan.status == "ok"
