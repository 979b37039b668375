"""The guided session of ``rollcoach go``: countdowns, timed cues, pause/skip/quit, sharp-pain stop.

A session is a row of phases: get ready, then for each step its set-up pause
(when it has one, DOSE-11) and its clock, then the stretches (CARE-1), each with
a countdown. One session clock (seconds of *session* time, which runs ``speed``
times faster than the wall clock and stands still while paused) drives them all:
the countdowns, which cue of a step's timeline shows, and the progress bar.
"""

from contextlib import ExitStack
from dataclasses import dataclass
from typing import Literal

from rich.console import Console, Group
from rich.live import Live
from rich.text import Text

from rollcoach.cli.keys import KeySource, SessionClock, terminal_keys, wait_for_key
from rollcoach.cli.render_plan import SIDE_LABEL, clock
from rollcoach.cli.session_view import (
    Outcome,
    Screen,
    current_cue,
    guided_seconds,
    intro,
    ready_view,
    session_progress,
    setup_view,
    sharp_pain_panel,
    step_label,
    step_view,
    stretch_label,
    stretch_ready_view,
    stretch_view,
    summary_panel,
)
from rollcoach.models import PlanResponse
from rollcoach.models.plan_response import Step

Action = Literal["end", "skip", "skip-all", "quit", "pain"]
Kind = Literal["ready", "setup", "step", "stretch-ready", "stretch"]

GET_READY_SECONDS = 5
STRETCH_READY_SECONDS = 10  # off the floor, tool aside, into the first stretch
TICK = 0.05  # longest wall-clock sleep between screen updates and key checks
KEYS: dict[str, Action | Literal["pause"]] = {
    "p": "pause",
    " ": "pause",
    "s": "skip",
    "f": "skip-all",
    "q": "quit",
    "x": "pain",
}
STRETCHING: set[Kind] = {"stretch-ready", "stretch"}


@dataclass(frozen=True)
class Phase:
    """One countdown: ``index`` is the step's (set-up, step) or the stretch's position."""

    kind: Kind
    index: int
    seconds: int
    offset: int  # progress seconds done before it starts


def phases(plan: PlanResponse) -> list[Phase]:
    """The session in order. A first step with its own set-up needs no separate get-ready."""
    out: list[Phase] = []
    done = 0

    def add(kind: Kind, index: int, seconds: int, counted: bool = True) -> None:
        nonlocal done
        out.append(Phase(kind, index, seconds, done))
        done += seconds if counted else 0

    if plan.steps and not plan.steps[0].setup_seconds:
        add("ready", 0, GET_READY_SECONDS, counted=False)
    for index, step in enumerate(plan.steps):
        if step.setup_seconds:
            add("setup", index, step.setup_seconds)
        add("step", index, step.seconds)
    if plan.stretches:
        add("stretch-ready", 0, STRETCH_READY_SECONDS, counted=False)
    for index, stretch in enumerate(plan.stretches):
        add("stretch", index, stretch.seconds)
    return out


class _Player:
    def __init__(
        self, plan: PlanResponse, console: Console, speed: float, sound: bool, keys: KeySource
    ) -> None:
        self.plan, self.console, self.sound, self.keys = plan, console, sound, keys
        self.clock = SessionClock(speed)
        self.progress = session_progress(guided_seconds(plan))
        self.outcome = Outcome(status="done")
        self.mark = 0.0  # session time at which the current phase started
        self.live = Live(console=console, refresh_per_second=8, transient=True)

    def run(self) -> Outcome:
        phase, action = self._play()
        out = self.outcome
        if action == "pain":
            out.status = "sharp-pain"
            out.stopped_at = self._step_order(phase)
            self.console.print(sharp_pain_panel(self.plan, self._where(phase)))
            return out
        if action == "quit":
            out.status = "quit"
            out.stopped_at = self._step_order(phase) if phase.kind in {"setup", "step"} else None
        self.console.print(summary_panel(self.plan, out))
        return out

    def _play(self) -> tuple[Phase, Action]:
        """Every phase in turn; the one the session ended in, and how."""
        rows = phases(self.plan)
        phase = rows[0]
        action: Action = "end"
        skip_stretches = False
        with self.live:
            try:
                for phase in rows:
                    if skip_stretches and phase.kind in STRETCHING:
                        self._log(phase, done=False, seconds=0.0)
                        continue
                    start = self.mark
                    action = self._phase(phase)
                    if action == "skip-all":
                        skip_stretches = True
                    if action in {"quit", "pain"}:
                        self._count(phase, self.clock.elapsed() - start)
                        break
                    self._log(phase, done=action == "end", seconds=self.mark - start)
            except KeyboardInterrupt:  # Ctrl-C: a quit, with the terminal left tidy
                action = "quit"
        if action in {"skip", "skip-all"}:
            action = "end"
        return phase, action

    def _count(self, phase: Phase, seconds: float) -> None:
        if phase.kind == "step":
            self.outcome.seconds += seconds
        elif phase.kind == "stretch":
            self.outcome.stretch_seconds += seconds

    def _log(self, phase: Phase, *, done: bool, seconds: float) -> None:
        """Count the phase's time, and note a finished or skipped step or stretch."""
        self._count(phase, seconds)
        if phase.kind == "step":
            step = self.plan.steps[phase.index]
            (self.outcome.steps_done if done else self.outcome.steps_skipped).append(step.order)
            label, number = step_label(step), f"Step {phase.index + 1}"
        elif phase.kind == "stretch":
            place = phase.index + 1
            (self.outcome.stretches_done if done else self.outcome.stretches_skipped).append(place)
            label, number = stretch_label(self.plan.stretches[phase.index]), f"Stretch {place}"
        else:
            return
        self.live.console.print(
            Text.assemble(
                ("✓ " if done else "» ", "green" if done else "yellow"),
                f"{number}: {label} ",
                (clock(round(seconds)) if done else "skipped", "dim"),
            )
        )

    def _phase(self, phase: Phase) -> Action:
        """Run one countdown until it ends or a key ends it."""
        step = self.plan.steps[phase.index] if phase.kind == "step" else None
        if phase.kind in {"setup", "step", "stretch"}:
            self._bell()
        shown_cue: int | None = None
        refresh = True
        while True:
            elapsed = self.clock.elapsed() - self.mark
            if elapsed >= phase.seconds:
                self.mark += phase.seconds  # the next phase starts where this one was due to end
                return "end"
            cue = current_cue(step, elapsed) if step is not None else None
            if cue is not None and cue.at != shown_cue:
                if cue.at > 0:  # the cue at 0 came with the step's own bell
                    self._bell()
                shown_cue, refresh = cue.at, True
            self.live.update(self._view(phase, elapsed), refresh=refresh)
            key = wait_for_key(self.keys, self._wait(step, elapsed, phase.seconds))
            refresh = key is not None
            command = KEYS.get(key or "")
            if command == "skip-all" and phase.kind not in STRETCHING:
                command = None  # only the stretches can be skipped all at once
            if command == "pause":
                self.clock.toggle()
            elif command is not None:
                if command in {"skip", "skip-all"}:
                    self.mark = self.clock.elapsed()
                    if self.clock.paused:
                        self.clock.toggle()
                return command

    def _view(self, phase: Phase, elapsed: float) -> Group:
        counted = phase.kind not in {"ready", "stretch-ready"}
        done = phase.offset + (elapsed if counted else 0.0)
        total = guided_seconds(self.plan)
        self.progress.update(self.progress.task_ids[0], completed=min(done, total))
        screen = Screen(
            self.progress,
            paused=self.clock.paused,
            stop=self.plan.stop_signs[0] if self.plan.stop_signs else "",
            stretching=phase.kind in STRETCHING,
        )
        left = phase.seconds - elapsed
        if phase.kind == "ready":
            return ready_view(self.plan, left, screen)
        if phase.kind == "setup":
            return setup_view(self.plan, phase.index, left, screen)
        if phase.kind == "step":
            return step_view(self.plan, phase.index, elapsed, screen)
        if phase.kind == "stretch-ready":
            return stretch_ready_view(self.plan, left, screen)
        return stretch_view(self.plan, phase.index, elapsed, screen)

    def _step_order(self, phase: Phase) -> int | None:
        """The step a stop belongs to; a stretch's is the step that rolled that area and side."""
        if phase.kind in {"setup", "step"}:
            return self.plan.steps[phase.index].order
        if phase.kind == "stretch":
            item = self.plan.stretches[phase.index]
            for step in self.plan.steps:
                if step.area == item.area and item.side in {step.side, "both"}:
                    return step.order
        return None

    def _where(self, phase: Phase) -> str | None:
        if phase.kind in {"setup", "step"}:
            step = self.plan.steps[phase.index]
            return f"{step.name}, {SIDE_LABEL[step.side]}"
        if phase.kind == "stretch":
            item = self.plan.stretches[phase.index]
            return f"{item.name or item.area}, {SIDE_LABEL[item.side]}"
        return None

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
    if not plan.steps and not plan.stretches:
        console.print("Nothing to roll in this plan. Rest well.")
        return Outcome(status="done")
    with ExitStack() as stack:
        source = keys if keys is not None else stack.enter_context(terminal_keys())
        return _Player(plan, console, speed, sound, source).run()
