"""TIME-1..4: post-run, a separate session, pre-run, and after a long run."""

from tests.factories import make_plan


def test_time_1_post_run_roll_right_after_the_cool_down() -> None:
    plan = make_plan(when="post-run", run={"minutes": 45})
    (before,) = plan.before
    assert before.kind == "walk"
    assert before.rules == ("TIME-1",)
    assert all("TIME-1" in s.rules for s in plan.steps)


def test_time_2_separate_session_needs_a_warm_up_first() -> None:
    plan = make_plan(when="separate")
    (before,) = plan.before
    assert before.kind == "warm-up"
    assert "TIME-2" in before.rules
    assert all("TIME-2" in s.rules for s in plan.steps)


def test_time_3_pre_run_short_gentle_bouts_without_long_holds() -> None:
    plan = make_plan(when="pre-run", athlete={"level": "advanced"}, soreness={"calves": 6})
    assert plan.steps
    for step in plan.steps:
        assert 20 <= step.seconds <= 30
        assert step.pressure == "gentle"
        assert step.hold_seconds == 0
        assert "TIME-3" in step.rules
        assert not any(c.phase == "hold" for c in step.timeline)
    assert any(w.code == "pre-run" for w in plan.warnings)
    assert all(a.kind != "stretch" for a in plan.after)


def test_time_4_after_a_run_over_90_minutes_walk_and_drink_first() -> None:
    long_plan = make_plan(run={"minutes": 120, "type": "long"})
    (walk,) = long_plan.before
    assert walk.kind == "walk"
    assert "TIME-4" in walk.rules
    assert walk.minutes >= 10
    short_plan = make_plan(run={"minutes": 60})
    assert all("TIME-4" not in b.rules for b in short_plan.before)
