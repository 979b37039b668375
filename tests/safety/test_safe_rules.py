"""SAFE-1..11: who must not roll, which areas are out, and when to stop."""

import pytest

from tests.factories import NOW, areas_of, assert_refused, excluded, make_plan


@pytest.mark.parametrize("condition", ["blood-thinners", "blood-disorder"])
def test_safe_1_blood_thinners_or_blood_disorder_refuse(condition: str) -> None:
    plan = make_plan(athlete={"conditions": [condition]}, soreness={"calves": 5})
    assert_refused(plan, "SAFE-1")
    assert "doctor" in plan.refusal.advice.lower()  # type: ignore[union-attr]


def test_safe_2_neuropathy_refuses() -> None:
    assert_refused(make_plan(athlete={"conditions": ["neuropathy"]}), "SAFE-2")


def test_safe_3_osteoporosis_refuses() -> None:
    plan = make_plan(athlete={"conditions": ["osteoporosis"]})
    assert_refused(plan, "SAFE-3")
    assert plan.refusal is not None
    assert plan.refusal.reasons[0].code == "osteoporosis"


@pytest.mark.parametrize(
    "screen",
    [
        {"hop_pain": True},
        {"bony_tenderness": True},
        {"prior_bone_stress": True, "volume_jump": True},
        {"high_arch": True, "volume_jump": True},
    ],
)
def test_safe_4_suspected_bone_stress_refuses(screen: dict[str, bool]) -> None:
    plan = make_plan(athlete={"screen": screen, "level": "advanced"}, minutes=20)
    assert_refused(plan, "SAFE-4")
    assert "clinician" in plan.refusal.advice  # type: ignore[union-attr]


def test_safe_4_said_so_refuses_whatever_else_is_true() -> None:
    assert_refused(make_plan(athlete={"conditions": ["bone-stress-suspected"]}), "SAFE-4")


@pytest.mark.parametrize("screen", [{"high_arch": True}, {"prior_bone_stress": True}, {}])
def test_safe_4_screen_below_three_points_does_not_refuse(screen: dict[str, bool]) -> None:
    assert make_plan(athlete={"screen": screen}).status == "ok"


def test_safe_5_acute_injury_is_never_rolled_and_lists_hours_left() -> None:
    plan = make_plan(
        injuries=[{"area": "hamstrings", "side": "left", "date": "2026-11-22T18:30:00+00:00"}],
        minutes=20,
    )
    sides = {s.side for s in plan.steps if s.area == "hamstrings"}
    assert sides == {"right"}
    (entry,) = excluded(plan, "hamstrings")
    assert entry.rules == ("SAFE-5",)
    assert entry.side == "left"
    assert entry.hours_left == 48


def test_safe_5_bare_date_counts_from_the_end_of_that_day() -> None:
    plan = make_plan(injuries=[{"area": "calves", "date": "2026-11-21"}])
    (entry,) = excluded(plan, "calves")
    assert entry.hours_left == 30  # 2026-11-22T00:00 + 72 h - 2026-11-23T18:30
    assert "calves" not in areas_of(plan)


def test_safe_5_injury_without_side_blocks_both_sides() -> None:
    plan = make_plan(injuries=[{"area": "calves", "date": "2026-11-23"}], minutes=20)
    assert "calves" not in areas_of(plan)


def test_safe_5_ends_after_72_hours() -> None:
    plan = make_plan(injuries=[{"area": "calves", "date": "2026-11-20T18:00:00+00:00"}])
    assert "calves" in areas_of(plan)
    assert not excluded(plan, "calves")


def test_safe_6_redness_or_swelling_refuses_at_any_age() -> None:
    old = {"area": "calves", "date": "2026-09-01", "signs": ["swelling"]}
    assert_refused(make_plan(injuries=[old]), "SAFE-6")
    fresh = {"area": "quadriceps", "date": NOW, "signs": ["redness"]}
    assert_refused(make_plan(injuries=[fresh]), "SAFE-6")


def test_safe_7_past_injury_rolled_gently_with_a_warning() -> None:
    plan = make_plan(
        injuries=[{"area": "calves", "date": "2026-11-01"}], athlete={"level": "advanced"}
    )
    calves = [s for s in plan.steps if s.area == "calves"]
    assert calves
    assert all(s.pressure == "gentle" for s in calves)
    assert all("SAFE-7" in s.rules for s in calves)
    assert any(w.code == "past-injury" and "SAFE-7" in w.rules for w in plan.warnings)
    others = [s for s in plan.steps if s.area == "quadriceps"]
    assert others
    assert all(s.pressure == "firm" for s in others)


def test_safe_8_stop_signs_come_with_every_plan_and_every_refusal() -> None:
    ok = make_plan()
    refused = make_plan(athlete={"conditions": ["osteoporosis"]})
    for plan in (ok, refused):
        text = " ".join(plan.stop_signs).lower()
        assert "numbness" in text
        assert "tingling" in text
        assert "sharp" in text
        assert "swelling" in text
        assert "bruising" in text


@pytest.mark.parametrize("symptom", ["numbness", "tingling", "sharp-pain", "radiating-pain"])
def test_safe_9_red_flag_symptom_now_refuses(symptom: str) -> None:
    assert_refused(make_plan(symptoms=[symptom]), "SAFE-9")


def test_safe_10_every_step_says_ease_off_a_sharpening_spot() -> None:
    plan = make_plan(soreness={"calves": 9, "quadriceps": 4}, athlete={"level": "advanced"})
    for step in plan.steps:
        assert "SAFE-10" in step.rules
        assert any(cue.phase == "ease" for cue in step.timeline)
    calves = [s for s in plan.steps if s.area == "calves"]
    assert calves
    assert all(s.pressure == "gentle" for s in calves)
    assert any(w.code == "very-sore" for w in plan.warnings)


def test_safe_11_pain_on_three_checkins_in_14_days_leaves_the_area_out() -> None:
    checkins = [
        {"date": d, "pain": {"calves": 4}} for d in ("2026-11-12", "2026-11-17", "2026-11-21")
    ]
    plan = make_plan(checkins=checkins, minutes=20)
    assert "calves" not in areas_of(plan)
    (entry,) = excluded(plan, "calves")
    assert entry.rules == ("SAFE-11",)
    assert "physical therapist" in entry.reason


def test_safe_11_a_clear_checkin_brings_the_area_back() -> None:
    checkins = [
        {"date": d, "pain": {"calves": 4}} for d in ("2026-11-12", "2026-11-17", "2026-11-20")
    ]
    checkins.append({"date": "2026-11-21", "pain": {"calves": 0}})
    assert "calves" in areas_of(make_plan(checkins=checkins, minutes=20))


def test_safe_11_old_checkins_and_a_sharp_pain_stop() -> None:
    old = [{"date": d, "pain": {"calves": 4}} for d in ("2026-10-01", "2026-10-02", "2026-11-20")]
    assert "calves" in areas_of(make_plan(checkins=old, minutes=20))
    stopped = make_plan(sharp_pain_stops=[{"date": "2026-11-22", "area": "quadriceps"}])
    assert "quadriceps" not in areas_of(stopped)
    assert excluded(stopped, "quadriceps")[0].rules == ("SAFE-11",)


def test_safe_5_a_midnight_date_time_is_a_moment_not_a_whole_day() -> None:
    plan = make_plan(injuries=[{"area": "calves", "date": "2026-11-23T00:00:00+00:00"}])
    (entry,) = excluded(plan, "calves")
    assert entry.hours_left == 54  # 72 h from midnight, 18.5 h gone
