"""The guided session of ``rollcoach go``: countdowns, timed cues, pause/skip/quit, sharp-pain stop.

One session clock (seconds of *session* time, which runs ``speed`` times faster
than the wall clock and stands still while paused) drives everything: the get-ready
countdown, each step's countdown, which cue of the step's timeline shows, and the
progress bar over the whole plan.
"""

from contextlib import ExitStack
from typing import Literal

from rich.console import Console, Group
from rich.live import Live
from rich.text import Text

from rollcoach.cli.keys import KeySource, SessionClock, terminal_keys, wait_for_key
from rollcoach.cli.render_plan import clock
from rollcoach.cli.session_view import (
    Outcome,
    current_cue,
    intro,
    ready_view,
    session_progress,
    sharp_pain_panel,
    step_label,
    step_view,
    summary_panel,
)
from rollcoach.models import PlanResponse
from rollcoach.models.plan_response import Step

Action = Literal["end", "skip", "quit", "pain"]

GET_READY_SECONDS = 5
TICK = 0.05  # longest wall-clock sleep between screen updates and key checks
KEYS: dict[str, Action | Literal["pause"]] = {
    "p": "pause",
    " ": "pause",
    "s": "skip",
    "q": "quit",
    "x": "pain",
}


class _Player:
    def __init__(
        self, plan: PlanResponse, console: Console, speed: float, sound: bool, keys: KeySource
    ) -> None:
        self.plan, self.console, self.sound, self.keys = plan, console, sound, keys
        self.clock = SessionClock(speed)
        self.progress = session_progress(plan.total_seconds)
        self.offsets = [sum(s.seconds for s in plan.steps[:i]) for i in range(len(plan.steps))]
        self.outcome = Outcome(status="done")
        self.mark = 0.0  # session time at which the current phase started
        self.rolling_from = float("inf")  # session time at which step 1 started
        self.live = Live(console=console, refresh_per_second=8, transient=True)

    def run(self) -> Outcome:
        index, action = self._play()
        out = self.outcome
        step = self.plan.steps[index] if index is not None else None
        if action != "end":
            out.stopped_at = step.order if step is not None else None
            out.seconds = max(0.0, self.clock.elapsed() - self.rolling_from)
        if action == "pain":
            out.status = "sharp-pain"
            self.console.print(sharp_pain_panel(self.plan, step))
        else:
            out.status = "quit" if action == "quit" else "done"
            self.console.print(summary_panel(self.plan, out))
        return out

    def _play(self) -> tuple[int | None, Action]:
        """Get ready, then every step; which step it ended on, and how."""
        index: int | None = None
        with self.live:
            try:
                action = self._phase(GET_READY_SECONDS, None)
                if action in ("end", "skip"):
                    self.rolling_from = self.mark
                    for index, step in enumerate(self.plan.steps):
                        action = self._phase(step.seconds, index)
                        if action not in ("end", "skip"):
                            break
                        self._log(step, index, done=action == "end")
            except KeyboardInterrupt:  # Ctrl-C: a quit, with the terminal left tidy
                action = "quit"
        return index, "end" if action in ("end", "skip") else action

    def _log(self, step: Step, index: int, *, done: bool) -> None:
        (self.outcome.steps_done if done else self.outcome.steps_skipped).append(step.order)
        self.outcome.seconds = self.mark - self.rolling_from
        self.live.console.print(
            Text.assemble(
                ("✓ " if done else "» ", "green" if done else "yellow"),
                f"Step {index + 1}: {step_label(step)} ",
                (clock(step.seconds) if done else "skipped", "dim"),
            )
        )

    def _phase(self, duration: int, index: int | None) -> Action:
        """Run one phase (get-ready when ``index`` is None) until it ends or a key ends it."""
        step = self.plan.steps[index] if index is not None else None
        if step is not None:
            self._bell()
        shown_cue: int | None = None
        refresh = True
        while True:
            elapsed = self.clock.elapsed() - self.mark
            if elapsed >= duration:
                self.mark += duration  # the next phase starts where this one was due to end
                return "end"
            cue = current_cue(step, elapsed) if step is not None else None
            if cue is not None and cue.at != shown_cue:
                if cue.at > 0:  # the cue at 0 came with the step's own bell
                    self._bell()
                shown_cue, refresh = cue.at, True
            self.live.update(self._view(index, elapsed), refresh=refresh)
            key = wait_for_key(self.keys, self._wait(step, elapsed, duration))
            refresh = key is not None
            command = KEYS.get(key or "")
            if command == "pause":
                self.clock.toggle()
            elif command is not None:
                if command == "skip":
                    self.mark = self.clock.elapsed()
                    if self.clock.paused:
                        self.clock.toggle()
                return command

    def _view(self, index: int | None, elapsed: float) -> Group:
        paused = self.clock.paused
        done = 0.0 if index is None else self.offsets[index] + elapsed
        total = self.plan.total_seconds
        self.progress.update(self.progress.task_ids[0], completed=min(done, total))
        if index is None:
            return ready_view(
                self.plan, GET_READY_SECONDS - elapsed, progress=self.progress, paused=paused
            )
        return step_view(self.plan, index, elapsed, progress=self.progress, paused=paused)

    def _wait(self, step: Step | None, elapsed: float, duration: int) -> float:
        """Wall seconds to sleep: a short tick, cut to wake exactly at the next cue or the end."""
        if self.clock.paused:
            return TICK * 2
        upcoming = [c.at for c in step.timeline if c.at > elapsed] if step is not None else []
        return min(TICK, (min([duration, *upcoming]) - elapsed) / self.clock.speed)

    def _bell(self) -> None:
        if self.sound:
            self.console.bell()


def play(
    plan: PlanResponse,
    *,
    console: Console,
    speed: float = 1.0,
    sound: bool = True,
    keys: KeySource | None = None,
) -> Outcome:
    """Guide ``plan`` step by step in the terminal; keys come from stdin unless given."""
    if speed <= 0:
        raise ValueError("speed must be positive")
    console.print(intro(plan))
    if not plan.steps:
        console.print("Nothing to roll in this plan. Rest well.")
        return Outcome(status="done")
    with ExitStack() as stack:
        source = keys if keys is not None else stack.enter_context(terminal_keys())
        return _Player(plan, console, speed, sound, source).run()
