"""The guided session of ``rollcoach go``: countdowns, timed cues, pause/skip/quit, sharp-pain stop.

One session clock (seconds of *session* time, which runs ``speed`` times faster
than the wall clock and stands still while paused) drives everything: the get-ready
countdown, each step's countdown, which cue of the step's timeline shows, and the
progress bar over the whole plan.
"""

import math
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Literal

from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.panel import Panel
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TaskProgressColumn, TextColumn
from rich.table import Table
from rich.text import Text

from rollcoach.cli.keys import KeySource, SessionClock, terminal_keys, wait_for_key
from rollcoach.cli.render_plan import PRESSURE_STYLE, SIDE_LABEL, clock
from rollcoach.models import PlanResponse
from rollcoach.models.plan_response import Step, TimedCue

Status = Literal["done", "quit", "sharp-pain"]
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
KEY_HELP = Text.assemble(
    ("[p]", "bold"),
    " pause/resume   ",
    ("[s]", "bold"),
    " skip step   ",
    ("[q]", "bold"),
    " quit   ",
    ("[x]", "bold red"),
    (" SHARP PAIN (stop now)", "red"),
)
PHASE_LABEL = {
    "set-up": "Set up",
    "passes": "Slow passes",
    "find-spot": "Find the tender spot",
    "hold": "Hold and breathe",
    "ease": "Ease off",
    "switch": "Switch sides",
}


@dataclass
class Outcome:
    """How a guided session ended; step lists hold step ``order`` numbers."""

    status: Status
    steps_done: list[int] = field(default_factory=list)
    steps_skipped: list[int] = field(default_factory=list)
    stopped_at: int | None = None
    seconds: float = 0.0  # session time spent on steps (pauses and get-ready left out)


def current_cue(step: Step, elapsed: float) -> TimedCue | None:
    """The latest cue of the step's timeline whose ``at`` has come."""
    shown = [cue for cue in step.timeline if cue.at <= elapsed]
    return shown[-1] if shown else None


def _label(step: Step) -> str:
    return f"{step.name} · {SIDE_LABEL[step.side]}"


class SessionClockColumn(ProgressColumn):
    """Session time done and planned, e.g. ``1:05 / 4:30`` (follows ``speed``, not the wall)."""

    def render(self, task: Task) -> Text:
        return Text(f"{clock(int(task.completed))} / {clock(int(task.total or 0))}", style="cyan")


def session_progress(total_seconds: int) -> Progress:
    progress = Progress(
        TextColumn("[bold]Session"),
        BarColumn(bar_width=None),
        TaskProgressColumn(),
        SessionClockColumn(),
        auto_refresh=False,
        expand=True,
    )
    progress.add_task("session", total=max(total_seconds, 1))
    return progress


def _frame(title: str, body: list[RenderableType], progress: Progress, paused: bool) -> Group:
    if paused:
        title += " · PAUSED"
        body.insert(
            0, Text("PAUSED: the clock has stopped. Press p to carry on.", style="bold yellow")
        )
    panel = Panel(
        Group(*body),
        title=Text(title, style="bold"),
        title_align="left",
        border_style="yellow" if paused else "green",
        padding=(0, 1),
    )
    return Group(panel, progress, KEY_HELP)


def _bullets(lines: list[str]) -> Table:
    """One bullet a line, wrapped lines indented under their text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1)
    grid.add_column(ratio=1)
    for line in lines:
        grid.add_row("•", line)
    return grid


def _top_line(left: Text, seconds_left: float, suffix: str) -> Table:
    grid = Table.grid(expand=True)
    grid.add_column(ratio=1)
    grid.add_column(justify="right")
    grid.add_row(left, Text.assemble((clock(max(0, math.ceil(seconds_left))), "bold"), suffix))
    return grid


def step_view(
    plan: PlanResponse, index: int, elapsed: float, *, progress: Progress, paused: bool = False
) -> Group:
    """The live screen of step ``index`` at ``elapsed`` seconds into it."""
    step = plan.steps[index]
    kit = Text.assemble(
        step.tool_name, " · ", (f"{step.pressure} pressure", PRESSURE_STYLE[step.pressure])
    )
    if step.hold_seconds:
        kit.append(f" · hold about {step.hold_seconds} s")
    body: list[RenderableType] = [
        _top_line(Text(_label(step), style="bold cyan"), step.seconds - elapsed, " left"),
        kit,
        "",
    ]
    cue = current_cue(step, elapsed)
    if cue is not None:
        body += [Text(PHASE_LABEL.get(cue.phase, cue.phase), style="bold magenta"), Text(cue.text)]
    upcoming = plan.steps[index + 1] if index + 1 < len(plan.steps) else None
    body += [
        "",
        Text(
            "Next: "
            + (
                f"{_label(upcoming)} ({clock(upcoming.seconds)})"
                if upcoming
                else "nothing, this is the last one"
            ),
            style="dim",
        ),
    ]
    return _frame(f"Step {index + 1} of {len(plan.steps)}", body, progress, paused)


def ready_view(
    plan: PlanResponse, seconds_left: float, *, progress: Progress, paused: bool = False
) -> Group:
    first = plan.steps[0]
    body: list[RenderableType] = [
        _top_line(
            Text.assemble(
                "First up: ", (_label(first), "bold cyan"), f" with the {first.tool_name.lower()}"
            ),
            seconds_left,
            "",
        ),
    ]
    if first.timeline:
        body.append(Text(first.timeline[0].text, style="dim"))
    return _frame("Get ready", body, progress, paused)


def intro(plan: PlanResponse) -> Group:
    return Group(
        Text.assemble(
            ("Guided session: ", "bold"), f"{len(plan.steps)} steps, {clock(plan.total_seconds)}"
        ),
        Panel(
            _bullets(plan.stop_signs),
            title="Stop signs: read these first",
            title_align="left",
            border_style="red",
        ),
        KEY_HELP,
        "",
    )


def sharp_pain_panel(plan: PlanResponse, step: Step | None) -> Panel:
    area = f"that area ({step.name}, {SIDE_LABEL[step.side]})" if step else "that area"
    body = Group(
        Text(
            "You did the right thing by stopping. Come off the roller slowly and rest in a "
            "position that feels comfortable.",
            style="bold",
        ),
        "",
        _bullets(plan.stop_signs),
        "",
        Text(
            f"If the pain is still there later, please leave {area} alone and don't roll it "
            "again until a physio or doctor has checked it. Resting is part of recovery "
            "too, so be kind to yourself today."
        ),
    )
    return Panel(body, title="Stopped: sharp pain", title_align="left", border_style="red")


def summary_panel(plan: PlanResponse, outcome: Outcome) -> Panel:
    by_order = {step.order: step for step in plan.steps}
    skipped = ", ".join(_label(by_order[o]) for o in outcome.steps_skipped) or "none"
    body = Text.assemble(
        ("Steps done: ", "bold"),
        f"{len(outcome.steps_done)} of {len(plan.steps)}\n",
        ("Skipped: ", "bold"),
        f"{skipped}\n",
        ("Total time: ", "bold"),
        f"{clock(round(outcome.seconds))}\n\n",
    )
    if outcome.status == "done":
        body.append(
            "Well done, that's your recovery looked after. Drink some water, keep "
            "moving gently, and enjoy the rest of your day.",
            style="green",
        )
        return Panel(body, title="Session complete", title_align="left", border_style="green")
    body.append(
        "That's fine: every easy minute of rolling counts. Come back to it whenever you like.",
        style="yellow",
    )
    return Panel(body, title="Session ended early", title_align="left", border_style="yellow")


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
                f"Step {index + 1}: {_label(step)} ",
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
