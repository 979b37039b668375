"""``rollcoach go`` on the floor: set-up pauses between positions (DOSE-11), the stretches after
the rolling (CARE-1), ``--from-plan``, and the real command under a pseudo-terminal."""

import io

import pexpect
import pytest
from rich.console import Console

import rollcoach
from rollcoach.cli.player import phases
from rollcoach.cli.session_view import Outcome, setup_view, step_view, stretch_view
from rollcoach.models import PlanResponse
from tests.cli.helpers import assert_one_line_error, cli
from tests.cli.plans import STOP_SIGNS, floor_plan, short_plan, step, stretch
from tests.cli.plans import plan as make_plan
from tests.cli.session_helpers import ANSI, NOW, output, run, save, screen, spawn

# Set-up pauses and stretches (DOSE-11, CARE-1), on hand-built plans.


def kinds(plan: PlanResponse) -> list[str]:
    return [phase.kind for phase in phases(plan)]


def test_a_set_up_pause_comes_before_each_step_that_needs_one() -> None:
    assert kinds(floor_plan()) == [
        "setup",  # the first step's set-up is the get-ready
        "step",
        "setup",
        "step",
        "setup",
        "step",
        "step",  # same position, same tool: no pause
        "stretch-ready",
        "stretch",
        "stretch",
        "stretch",
    ]
    assert kinds(short_plan()) == ["ready", "step", "step"]
    rows = phases(floor_plan())
    assert [p.seconds for p in rows if p.kind == "setup"] == [10, 5, 15]
    assert rows[-1].offset == 10 + 60 + 5 + 60 + 15 + 60 + 60 + 30 + 30  # ready phases uncounted


def test_a_whole_session_sets_up_rolls_then_stretches() -> None:
    outcome, out, _ = run(floor_plan(), speed=500)
    assert outcome == Outcome(
        status="done",
        steps_done=[1, 2, 3, 4],
        seconds=240.0,
        stretches_done=[1, 2, 3],
        stretch_seconds=90.0,
    )
    logged = [line for line in out.splitlines() if line.startswith(("✓", "»"))]
    assert logged == [
        "✓ Step 1: Calves · left 1:00",
        "✓ Step 2: Calves · right 1:00",
        "✓ Step 3: Quadriceps · left 1:00",
        "✓ Step 4: Quadriceps · right 1:00",
        "✓ Stretch 1: Calves stretch · left 0:30",
        "✓ Stretch 2: Calves stretch · right 0:30",
        "✓ Stretch 3: Quadriceps stretch · left 0:30",
    ]
    assert "Guided session: 4 steps, 4:30, then 3 stretches (1:30)" in out
    assert "Stretches done: 3 of 3 (1:30)" in out


def test_the_set_up_screen_says_what_to_do_next() -> None:
    plan = floor_plan()
    con = Console(file=io.StringIO(), width=200)
    con.print(setup_view(plan, 2, 11.2, screen(plan, 135)))
    shown = output(con)
    assert "Set up for step 3 of 4" in shown
    assert "Next: Lie face down, roller under the left thigh" in shown
    assert "0:12 to set up" in shown
    assert "Quadriceps · left · Foam roller · moderate pressure · hold about 30 s · face down" in (
        shown
    )
    assert STOP_SIGNS[0] in shown
    assert "[x] SHARP PAIN (stop now)" in shown
    # without set-up words of its own, the pause shows the step's first cue
    con = Console(file=io.StringIO(), width=200)
    con.print(setup_view(plan, 1, 5, screen(plan, 70)))
    assert f"Next: {plan.steps[1].timeline[0].text}" in output(con)


def test_the_step_before_a_pause_says_so() -> None:
    plan = floor_plan()
    con = Console(file=io.StringIO(), width=200)
    con.print(step_view(plan, 1, 3, screen(plan)))
    assert "Next: set up 0:15, then Quadriceps · left (1:00)" in output(con)
    con = Console(file=io.StringIO(), width=200)
    con.print(step_view(plan, 3, 3, screen(plan)))
    assert "Next: the stretches (3, 1:30)" in output(con)


def test_the_stretch_screen_has_its_own_countdown_and_keys() -> None:
    plan = floor_plan()
    con = Console(file=io.StringIO(), width=200)
    con.print(stretch_view(plan, 1, 12.5, screen(plan, 270, stretching=True)))
    shown = output(con)
    assert "Stretch 2 of 3" in shown
    assert "Calves stretch · right" in shown
    assert "0:18 left" in shown
    assert "Standing" in shown
    assert plan.stretches[1].text in shown
    assert "Next: Quadriceps stretch · left (0:30)" in shown
    assert "[s] skip stretch" in shown
    assert "[f] skip all stretches" in shown
    assert STOP_SIGNS[0] in shown


def stretching_plan() -> PlanResponse:
    """At speed 50: ready 0.1 s, the step to 0.9 s, stretch lead-in to 1.1 s, 0.6 s a stretch."""
    return make_plan(
        [step(1, "calves", "left", seconds=40)],
        [stretch("calves", "left"), stretch("calves", "right"), stretch("quadriceps", "left")],
    )


def test_s_in_a_set_up_starts_the_step_at_once() -> None:
    plan = make_plan(
        [step(1, "calves", "left", seconds=40, setup_seconds=60, setup="Sit down")],
    )
    outcome, out, wall = run(plan, [(0.1, "s")], speed=50)
    assert outcome.steps_done == [1]
    assert outcome.seconds == 40.0  # set-up time is not rolling time
    assert wall < 1.0 + 0.8 + 0.5  # well short of 60 s of set-up at speed 50 (1.2 s)
    assert "Step 1: Calves · left 0:40" in out


def test_s_skips_a_stretch_and_f_skips_the_rest() -> None:
    # stretch 1 from 1.1 s: skipped at 1.3; stretch 2 runs 1.3-1.9; f at 2.1 ends stretch 3
    outcome, out, wall = run(stretching_plan(), [(1.3, "s"), (2.1, "f")], speed=50)
    assert outcome.status == "done"
    assert outcome.steps_done == [1]
    assert outcome.stretches_done == [2]
    assert outcome.stretches_skipped == [1, 3]
    assert 40 <= outcome.stretch_seconds < 60  # 10 s of each skipped one and all of the other
    assert "» Stretch 1: Calves stretch · left skipped" in out
    assert "✓ Stretch 2: Calves stretch · right 0:30" in out
    assert "» Stretch 3: Quadriceps stretch · left skipped" in out
    assert "Stretches done: 1 of 3" in out
    assert wall < 2.5


def test_f_skips_every_stretch_from_the_lead_in_and_nothing_while_rolling() -> None:
    outcome, _, _ = run(stretching_plan(), [(0.5, "f"), (1.0, "f")], speed=50)
    assert outcome.steps_done == [1]  # f while rolling is ignored
    assert outcome.stretches_done == []
    assert outcome.stretches_skipped == [1, 2, 3]


def test_x_in_a_stretch_stops_and_keeps_that_area_out() -> None:
    outcome, out, _ = run(stretching_plan(), [(1.3, "x")], speed=50)
    assert outcome.status == "sharp-pain"
    assert outcome.stretches_done == []
    assert outcome.stopped_at == 1  # the step that rolled the left calf: SAFE-11 sees it
    assert "Calves stretch, left" in out[out.index("Stopped: sharp pain") :]
    # the right calf was never rolled: nothing to point at, but the panel still names it
    outcome, out, _ = run(stretching_plan(), [(1.8, "x")], speed=50)
    assert (outcome.status, outcome.stretches_done, outcome.stopped_at) == ("sharp-pain", [1], None)
    assert "Calves stretch, right" in out[out.index("Stopped: sharp pain") :]


def test_a_pre_run_session_ends_with_the_warm_up() -> None:
    warm_up = "Five minutes of easy jogging, leg swings and skips."
    plan = make_plan(
        [step(1, "calves", "left", seconds=30)],
        when="pre-run",
        after=[{"kind": "warm-up", "text": warm_up, "rules": ["TIME-3"]}],
    )
    _, out, _ = run(plan, speed=500)
    assert "Stretch" not in out
    assert f"Now your warm-up: {warm_up}" in " ".join(out.split())


# go --from-plan: a saved plan, guided exactly as it was planned.


def test_go_from_plan_guides_the_saved_plan(capsys, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from rollcoach.cli import go as go_module

    seen: list[PlanResponse] = []

    def played(plan: PlanResponse, **_: object) -> Outcome:
        seen.append(plan)
        return Outcome(status="done")

    monkeypatch.setattr(go_module, "play", played)
    saved = floor_plan()
    code, _, err = cli(capsys, "go", "--from-plan", save(tmp_path, saved), "--no-history")
    assert code == 0, err
    assert seen == [saved]


@pytest.mark.parametrize(
    ("content", "extra", "field"),
    [
        ("{oops", [], "--from-plan: input"),
        ('{"status": "ok"}', [], "--from-plan: when"),
        (
            None,
            ["--sore", "calves=3"],
            "--from-plan: a saved plan is guided as it is; leave out --sore",
        ),
        (None, ["--input", "req.json"], "leave out --input"),
    ],
)
def test_go_from_plan_errors_are_one_line(capsys, tmp_path, content, extra, field) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "plan.json"
    path.write_text(floor_plan().model_dump_json() if content is None else content, "utf-8")
    args = ["go", "--from-plan", str(path), "--no-history", *extra]
    assert_one_line_error(*cli(capsys, *args), field)
    missing = ["go", "--from-plan", str(tmp_path / "nope.json"), "--no-history"]
    assert_one_line_error(*cli(capsys, *missing), "--from-plan: cannot read")


# The real command under a pseudo-terminal.


def test_go_speed_50_in_a_real_terminal_pauses_to_set_up_and_stretches_after(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The issue's acceptance line, on a saved plan with two positions and three stretches."""
    child = spawn("--from-plan", save(tmp_path, floor_plan(seconds=40)), speed=50)
    try:
        child.expect_exact(STOP_SIGNS[0][:40])
        child.expect_exact("Set up for step 1 of 4")
        child.expect_exact("Next: Sit tall, roller under the left calf")
        child.expect(rf"\d:\d\d{ANSI} to set up")  # the pause's own countdown
        child.expect_exact("Step 1 of 4")
        child.expect(rf"\d:\d\d{ANSI} left")
        child.expect_exact("Set up for step 2 of 4")  # switching sides
        child.expect_exact("Step 2 of 4")
        child.expect_exact("Set up for step 3 of 4")  # seated to face down
        child.expect_exact("Next: Lie face down, roller under the left thigh")
        child.expect_exact("Step 3 of 4")
        between = child.before or ""
        child.expect_exact("Step 4 of 4")
        assert "Set up for step 4" not in (child.before or "")  # same position: no pause
        assert "Stretch 1 of" not in between
        child.expect_exact("Stretches next")
        child.expect_exact("Stretch 1 of 3")
        child.expect_exact("Calves stretch · left")
        child.expect(rf"\d:\d\d{ANSI} left")
        child.expect_exact(STOP_SIGNS[0][:40])  # still on screen while stretching
        child.expect_exact("Stretch 3 of 3")
        child.expect_exact("Session complete")
        child.expect(rf"Stretches done: {ANSI}3 of 3")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0


def test_go_in_a_real_terminal_runs_a_fresh_plan_to_the_summary() -> None:
    plan = rollcoach.plan({"minutes": 5, "now": NOW})
    child = spawn("--minutes", "5", "--now", NOW, speed=200)
    try:
        child.expect_exact(plan.stop_signs[0][:40])
        child.expect_exact("SHARP PAIN (stop now)")
        if plan.steps:
            child.expect_exact(f"Step {len(plan.steps)} of {len(plan.steps)}")
        child.expect_exact("Session complete")
        child.expect(rf"Steps done: {ANSI}{len(plan.steps)} of {len(plan.steps)}")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0


def test_go_x_stops_with_the_sharp_pain_panel(tmp_path) -> None:  # type: ignore[no-untyped-def]
    child = spawn("--from-plan", save(tmp_path, short_plan()), speed=20)
    try:
        child.expect_exact("Step 1 of")
        child.send("x")
        child.expect_exact("Stopped: sharp pain")
        assert "Step 2 of" not in (child.before or "")
        child.expect_exact(STOP_SIGNS[0][:40])
        child.expect_exact("don't roll it again")
        child.expect(pexpect.EOF)
        assert "Session complete" not in (child.before or "")
    finally:
        child.close()
    assert child.exitstatus == 0
