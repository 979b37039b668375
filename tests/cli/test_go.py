"""The guided session of ``rollcoach go``: the player's clock, keys, cues and screens."""

import io
import os
import re
import termios
import time

import pytest
from rich.console import Console

from rollcoach.cli.keys import NoKeys, terminal_keys
from rollcoach.cli.player import play
from rollcoach.cli.session_view import Outcome, current_cue, step_view
from rollcoach.models import PlanResponse
from tests.cli.plans import STOP_SIGNS, short_plan
from tests.cli.session_helpers import GET_READY, ScriptedKeys, console, output, run, screen


@pytest.fixture(scope="module")
def plan() -> PlanResponse:
    return short_plan()


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
    done = plan.steps[0].seconds if index else 0
    con.print(step_view(plan, index, elapsed, screen(plan, done, paused=paused)))
    return output(con)


def test_the_step_screen(plan: PlanResponse) -> None:
    first, second = plan.steps
    screen = render(plan, 0, 26.2)
    assert "Step 1 of 2" in screen
    assert "Calves · left" in screen
    assert "Foam roller · moderate pressure · hold about 30 s · seated" in screen
    assert "0:19 left" in screen
    cue = current_cue(first, 26.2)
    assert cue is not None
    assert cue.phase == "find-spot"
    assert cue.text in screen
    assert "Find the tender spot" in screen
    assert "Next: Calves · right (0:45)" in screen
    assert STOP_SIGNS[0] in screen  # the stop signs stay on screen (SAFE-8)
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
