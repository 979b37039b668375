"""The guided session of ``rollcoach go``: the player on its own, then the real command in a pty."""

import io
import os
import re
import sys
import termios
import time
from collections.abc import Iterable
from pathlib import Path

import pexpect
import pytest
from rich.console import Console

import rollcoach
from rollcoach.cli.keys import NoKeys, terminal_keys
from rollcoach.cli.player import play
from rollcoach.cli.session_view import Outcome, current_cue, session_progress, step_view
from rollcoach.models import PlanResponse

NOW = "2026-11-23T18:30:00+00:00"
ANSI = r"(?:\x1b\[[\d;]*m)*"  # colour codes a real terminal gets between styled words
GET_READY = 5


class ScriptedKeys:
    """Presses each key ``at`` wall seconds after the player first asks for one.

    A session still asking for keys after ``budget`` seconds fails the test rather
    than hanging it.
    """

    def __init__(self, script: Iterable[tuple[float, str]] = (), budget: float = 10) -> None:
        self.script = sorted(script)
        self.budget = budget
        self.start: float | None = None
        self.reads = 0

    def read(self, timeout: float) -> str | None:
        self.reads += 1
        now = time.monotonic()
        self.start = now if self.start is None else self.start
        assert now - self.start < self.budget, "the session never ended"
        if self.script and self.start + self.script[0][0] <= now + timeout:
            time.sleep(max(0.0, self.start + self.script[0][0] - now))
            return self.script.pop(0)[1]
        time.sleep(timeout)
        return None


@pytest.fixture(scope="module")
def plan() -> PlanResponse:
    return rollcoach.plan({"minutes": 2, "now": NOW})


def console(*, terminal: bool = False) -> Console:
    return Console(file=io.StringIO(), force_terminal=terminal, width=100)


def output(con: Console) -> str:
    assert isinstance(con.file, io.StringIO)
    return con.file.getvalue()


def run(
    plan: PlanResponse, script: Iterable[tuple[float, str]] = (), speed: float = 200, **kwargs: bool
) -> tuple[Outcome, str, float]:
    con = console()
    started = time.monotonic()
    outcome = play(plan, console=con, speed=speed, keys=ScriptedKeys(script), **kwargs)
    return outcome, output(con), time.monotonic() - started


def test_the_tiny_plan_is_what_these_tests_assume(plan: PlanResponse) -> None:
    assert [s.seconds for s in plan.steps] == [45, 45]
    assert plan.total_seconds == 90
    assert plan.stop_signs


def test_a_session_without_keys_runs_to_the_end(plan: PlanResponse) -> None:
    outcome, out, wall = run(plan)
    assert outcome == Outcome(
        status="done", steps_done=[1, 2], steps_skipped=[], stopped_at=None, seconds=90.0
    )
    assert plan.stop_signs[0] in out
    assert "[x] SHARP PAIN (stop now)" in out
    assert "Session complete" in out
    assert "Steps done: 2 of 2" in out
    assert "Total time: 1:30" in out
    # the clock runs 200x: 95 s of session (get-ready included) take about 0.475 s
    assert (GET_READY + 90) / 200 <= wall < 3


def test_s_skips_the_step_it_is_pressed_in(plan: PlanResponse) -> None:
    # speed 100: get-ready ends at 0.05 s, step 1 at 0.5 s of wall time
    outcome, out, _ = run(plan, [(0.2, "s")], speed=100)
    assert outcome.status == "done"
    assert outcome.steps_skipped == [1]
    assert outcome.steps_done == [2]
    assert "Step 1: Calves · left skipped" in out
    assert "Skipped: Calves · left" in out
    assert 45 <= outcome.seconds < 90  # the skipped step only counts the time spent on it


def test_x_stops_at_once_with_the_stop_signs(plan: PlanResponse) -> None:
    outcome, out, wall = run(plan, [(0.2, "x")], speed=100)
    assert outcome.status == "sharp-pain"
    assert outcome.stopped_at == 1
    assert outcome.steps_done == []
    assert wall < 0.45  # it did not wait for the step to finish
    panel = out[out.index("Stopped: sharp pain") :]
    for sign in plan.stop_signs:
        assert sign[:40] in panel
    assert "physio or doctor" in panel
    assert "Calves, left" in panel
    assert "Session complete" not in out


def test_q_quits(plan: PlanResponse) -> None:
    outcome, out, wall = run(plan, [(0.6, "q")], speed=100)
    assert outcome.status == "quit"
    assert outcome.stopped_at == 2
    assert outcome.steps_done == [1]
    assert outcome.steps_skipped == []
    assert "Session ended early" in out
    assert "Steps done: 1 of 2" in out
    assert wall < 0.9


def test_keys_in_get_ready(plan: PlanResponse) -> None:
    outcome, out, _ = run(plan, [(0.0, "x")], speed=10)
    assert (outcome.status, outcome.stopped_at) == ("sharp-pain", None)
    assert "Stopped: sharp pain" in out


def test_ctrl_c_ends_the_session_as_a_quit(plan: PlanResponse) -> None:
    class Interrupting(ScriptedKeys):
        def read(self, timeout: float) -> str | None:
            if self.reads >= 3:
                raise KeyboardInterrupt
            return super().read(timeout)

    con = console()
    outcome = play(plan, console=con, speed=10, keys=Interrupting())
    assert outcome.status == "quit"
    assert "Session ended early" in output(con)


def test_p_stops_the_clock_until_pressed_again(plan: PlanResponse) -> None:
    outcome, _, wall = run(plan, [(0.1, "p"), (0.6, "p")], speed=200)
    assert outcome.status == "done"
    assert outcome.steps_done == [1, 2]
    assert outcome.seconds == 90.0  # paused time is not session time
    assert wall >= (GET_READY + 90) / 200 + 0.45


def test_the_player_does_not_spin(plan: PlanResponse) -> None:
    keys = ScriptedKeys()
    # 95 session seconds at speed 200: ticks of at most 0.05 s, cut at cues and step ends
    play(plan, console=console(), speed=200, keys=keys)
    cues = sum(len(step.timeline) for step in plan.steps)
    assert keys.reads <= cues + 2 * len(plan.steps) + 40


def test_a_bell_rings_at_each_step_and_each_cue(plan: PlanResponse) -> None:
    expected = sum(
        1 + len({c.at for c in step.timeline if 0 < c.at < step.seconds}) for step in plan.steps
    )
    con = console(terminal=True)
    play(plan, console=con, speed=40, keys=ScriptedKeys())
    assert output(con).count("\a") == expected
    quiet = console(terminal=True)
    play(plan, console=quiet, speed=200, sound=False, keys=ScriptedKeys())
    assert "\a" not in output(quiet)


def test_cues_follow_the_timeline(plan: PlanResponse) -> None:
    step = plan.steps[0]
    assert current_cue(step, 0) == step.timeline[0]
    for before, cue in zip(step.timeline, step.timeline[1:], strict=False):
        assert current_cue(step, cue.at - 0.01) == before
        assert current_cue(step, cue.at) == cue
    assert current_cue(step, step.seconds - 0.01) == step.timeline[-1]


def render(plan: PlanResponse, index: int, elapsed: float, *, paused: bool = False) -> str:
    con = Console(file=io.StringIO(), width=200, force_terminal=False)
    progress = session_progress(plan.total_seconds)
    progress.update(progress.task_ids[0], completed=plan.steps[0].seconds if index else 0)
    con.print(step_view(plan, index, elapsed, progress=progress, paused=paused))
    return output(con)


def test_the_step_screen(plan: PlanResponse) -> None:
    first, second = plan.steps
    screen = render(plan, 0, 13.2)
    assert "Step 1 of 2" in screen
    assert "Calves · left" in screen
    assert "Foam roller · moderate pressure · hold about 30 s" in screen
    assert "0:32 left" in screen
    cue = current_cue(first, 13.2)
    assert cue is not None
    assert cue.phase == "find-spot"
    assert cue.text in screen
    assert "Find the tender spot" in screen
    assert "Next: Calves · right (0:45)" in screen
    assert "PAUSED" not in screen
    assert re.search(r"Session +0%\s+0:00 / 1:30", screen)
    hold = next(c for c in first.timeline if c.phase == "hold")
    assert "Hold and breathe" in render(plan, 0, hold.at)
    assert hold.text in render(plan, 0, hold.at)
    last = render(plan, 1, 0.5, paused=True)
    assert "Step 2 of 2" in last
    assert "0:45 left" in last
    assert second.timeline[0].text in last
    assert "Next: nothing, this is the last one" in last
    assert "PAUSED" in last
    assert re.search(r"Session ━+╸ +50%\s+0:45 / 1:30", last)


def test_without_a_terminal_no_keys_are_read() -> None:
    with terminal_keys(io.StringIO("pqx")) as keys:
        assert isinstance(keys, NoKeys)
        started = time.monotonic()
        assert keys.read(0.05) is None
        assert time.monotonic() - started >= 0.04


def test_a_terminal_is_put_back_as_it_was() -> None:
    master, slave = os.openpty()
    with os.fdopen(slave, "r") as tty_in:
        before = termios.tcgetattr(slave)
        seen: list[str | None] = []

        def press_then_fail() -> None:
            with terminal_keys(tty_in) as keys:
                assert not termios.tcgetattr(slave)[3] & (termios.ICANON | termios.ECHO)
                os.write(master, b"X")
                seen.extend([keys.read(1.0), keys.read(0.01)])
                raise RuntimeError("boom")

        with pytest.raises(RuntimeError, match="boom"):
            press_then_fail()
        assert seen == ["x", None]  # one key, no Enter needed, lower-cased
        assert termios.tcgetattr(slave) == before
    os.close(master)


# The real command under a pseudo-terminal.


def spawn(*args: str, speed: int) -> pexpect.spawn:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"}
    }
    env.update(TERM="xterm-256color", COLUMNS="120", LINES="40")
    return pexpect.spawn(
        sys.executable,
        [
            "-m",
            "rollcoach",
            "go",
            "--minutes",
            "3",
            "--speed",
            str(speed),
            "--no-sound",
            "--now",
            NOW,
            *args,
        ],
        dimensions=(40, 120),
        env=env,
        encoding="utf-8",
        timeout=60,
        cwd=str(Path(__file__).parent),
    )


def test_go_in_a_real_terminal_runs_to_the_summary() -> None:
    plan = rollcoach.plan({"minutes": 3, "now": NOW})
    child = spawn(speed=50)
    try:
        child.expect_exact(plan.stop_signs[0][:40])
        child.expect_exact("SHARP PAIN (stop now)")
        child.expect(r"Step 1 of (\d+)")
        steps = int(child.match.group(1))
        assert steps == len(plan.steps)
        child.expect(rf"\d:\d\d{ANSI} left")  # the step's countdown
        child.expect(r"━+.*?\d+%")
        child.expect_exact("Next: ")
        child.expect_exact(f"Step {steps} of {steps}")
        child.expect_exact("Session complete")
        child.expect(rf"Steps done: {ANSI}{steps} of {steps}")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0


def test_go_x_stops_with_the_sharp_pain_panel() -> None:
    plan = rollcoach.plan({"minutes": 3, "now": NOW})
    child = spawn(speed=20)
    try:
        child.expect_exact("Step 1 of")
        child.send("x")
        child.expect_exact("Stopped: sharp pain")
        assert "Step 2 of" not in (child.before or "")
        child.expect_exact(plan.stop_signs[0][:40])
        child.expect_exact("don't roll it again")
        child.expect(pexpect.EOF)
        assert "Session complete" not in (child.before or "")
    finally:
        child.close()
    assert child.exitstatus == 0
