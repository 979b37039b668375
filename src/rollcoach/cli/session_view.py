"""What the guided session shows: get-ready, set-up, step and stretch cards, stop and summary.

Every card carries the stop signs' first line and the keys, so the way out of a
session is always on screen (SAFE-8).
"""

import math
from dataclasses import dataclass, field
from typing import Literal

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TaskProgressColumn, TextColumn
from rich.table import Table
from rich.text import Text

from rollcoach.cli.render_plan import (
    POSITION_LABEL,
    PRESSURE_STYLE,
    SIDE_LABEL,
    clock,
    count,
    floor_seconds,
)
from rollcoach.models import PlanResponse
from rollcoach.models.plan_response import Step, Stretch, TimedCue

Status = Literal["done", "quit", "sharp-pain"]

PHASE_LABEL = {
    "set-up": "Set up",
    "passes": "Slow passes",
    "find-spot": "Find the tender spot",
    "hold": "Hold and breathe",
    "ease": "Ease off",
    "switch": "Switch sides",
}


def key_help(*, stretching: bool = False) -> Text:
    """The keys that work now; while stretching, one more to skip the rest."""
    skip = " skip stretch   " if stretching else " skip   "
    text = Text.assemble(("[p]", "bold"), " pause/resume   ", ("[s]", "bold"), skip)
    if stretching:
        text.append_text(Text.assemble(("[f]", "bold"), " skip all stretches   "))
    text.append_text(
        Text.assemble(
            ("[q]", "bold"), " quit   ", ("[x]", "bold red"), (" SHARP PAIN (stop now)", "red")
        )
    )
    return text


KEY_HELP = key_help()


@dataclass
class Outcome:
    """How a guided session ended; step lists hold step ``order`` numbers.

    Stretch lists hold 1-based positions in ``plan.stretches``.
    """

    status: Status
    steps_done: list[int] = field(default_factory=list)
    steps_skipped: list[int] = field(default_factory=list)
    stopped_at: int | None = None
    seconds: float = 0.0  # session time spent on steps (set-up, pauses, get-ready left out)
    stretches_done: list[int] = field(default_factory=list)
    stretches_skipped: list[int] = field(default_factory=list)
    stretch_seconds: float = 0.0


def current_cue(step: Step, elapsed: float) -> TimedCue | None:
    """The latest cue of the step's timeline whose ``at`` has come."""
    shown = [cue for cue in step.timeline if cue.at <= elapsed]
    return shown[-1] if shown else None


def step_label(step: Step) -> str:
    return f"{step.name} · {SIDE_LABEL[step.side]}"


def stretch_label(stretch: Stretch) -> str:
    return f"{stretch.name or stretch.area} · {SIDE_LABEL[stretch.side]}"


def setup_text(step: Step) -> str:
    """What to do before the step's clock starts: its own set-up words, else its first cue."""
    if step.setup:
        return step.setup
    return step.timeline[0].text if step.timeline else (step.cues[0] if step.cues else "")


def guided_seconds(plan: PlanResponse) -> int:
    """What the progress bar covers: rolling, set-up pauses and the stretches."""
    return floor_seconds(plan) + sum(s.seconds for s in plan.stretches)


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


@dataclass
class Screen:
    """What every card shares: the progress bar, the pause state and the stop line."""

    progress: Progress
    paused: bool = False
    stop: str = ""
    stretching: bool = False


def _frame(title: str, body: list[RenderableType], screen: Screen) -> Group:
    if screen.paused:
        title += " · PAUSED"
        body.insert(
            0, Text("PAUSED: the clock has stopped. Press p to carry on.", style="bold yellow")
        )
    panel = Panel(
        Group(*body),
        title=Text(title, style="bold"),
        title_align="left",
        border_style="yellow" if screen.paused else "green",
        padding=(0, 1),
    )
    parts: list[RenderableType] = [panel, screen.progress]
    if screen.stop:
        parts.append(Text(screen.stop, style="red"))
    parts.append(key_help(stretching=screen.stretching))
    return Group(*parts)


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


def _kit(step: Step) -> Text:
    kit = Text.assemble(
        step.tool_name, " · ", (f"{step.pressure} pressure", PRESSURE_STYLE[step.pressure])
    )
    if step.hold_seconds:
        kit.append(f" · hold about {step.hold_seconds} s")
    kit.append(f" · {POSITION_LABEL[step.position]}")
    return kit


def _after_step(plan: PlanResponse, index: int) -> str:
    """The "Next:" line under a step: its set-up pause, the next step, or the stretches."""
    if index + 1 < len(plan.steps):
        upcoming = plan.steps[index + 1]
        pause = f"set up {clock(upcoming.setup_seconds)}, then " if upcoming.setup_seconds else ""
        return f"Next: {pause}{step_label(upcoming)} ({clock(upcoming.seconds)})"
    if plan.stretches:
        seconds = sum(s.seconds for s in plan.stretches)
        return f"Next: the stretches ({len(plan.stretches)}, {clock(seconds)})"
    return "Next: nothing, this is the last one"


def step_view(plan: PlanResponse, index: int, elapsed: float, screen: Screen) -> Group:
    """The live screen of step ``index`` at ``elapsed`` seconds into it."""
    step = plan.steps[index]
    body: list[RenderableType] = [
        _top_line(Text(step_label(step), style="bold cyan"), step.seconds - elapsed, " left"),
        _kit(step),
        "",
    ]
    cue = current_cue(step, elapsed)
    if cue is not None:
        body += [Text(PHASE_LABEL.get(cue.phase, cue.phase), style="bold magenta"), Text(cue.text)]
    body += ["", Text(_after_step(plan, index), style="dim")]
    return _frame(f"Step {index + 1} of {len(plan.steps)}", body, screen)


def setup_view(plan: PlanResponse, index: int, seconds_left: float, screen: Screen) -> Group:
    """The pause before step ``index``: where to be and what to do before its clock starts."""
    step = plan.steps[index]
    body: list[RenderableType] = [
        _top_line(Text(f"Next: {setup_text(step)}", style="bold cyan"), seconds_left, " to set up"),
        Text.assemble((step_label(step), "bold"), " · ", _kit(step)),
        Text("The step's clock starts when this one ends (s to start now).", style="dim"),
    ]
    title = f"Set up for step {index + 1} of {len(plan.steps)}"
    return _frame(title, body, screen)


def ready_view(plan: PlanResponse, seconds_left: float, screen: Screen) -> Group:
    first = plan.steps[0]
    body: list[RenderableType] = [
        _top_line(
            Text.assemble(
                "First up: ",
                (step_label(first), "bold cyan"),
                f" with the {first.tool_name.lower()}, {POSITION_LABEL[first.position]}",
            ),
            seconds_left,
            "",
        ),
    ]
    if setup_text(first):
        body.append(Text(setup_text(first), style="dim"))
    return _frame("Get ready", body, screen)


def stretch_ready_view(plan: PlanResponse, seconds_left: float, screen: Screen) -> Group:
    """Between the rolling and the stretches: off the tool and into the first stretch."""
    first = plan.stretches[0]
    seconds = sum(s.seconds for s in plan.stretches)
    body: list[RenderableType] = [
        _top_line(
            Text.assemble(
                "Rolling done. Put the tool aside; first stretch: ",
                (stretch_label(first), "bold cyan"),
                f", {POSITION_LABEL[first.position]}",
            ),
            seconds_left,
            "",
        ),
        Text(first.text, style="dim"),
        Text(
            f"{len(plan.stretches)} stretches, {clock(seconds)}. Ease in; never stretch into pain.",
            style="dim",
        ),
    ]
    return _frame("Stretches next", body, screen)


def stretch_view(plan: PlanResponse, index: int, elapsed: float, screen: Screen) -> Group:
    """The live screen of stretch ``index`` (CARE-1), with its own countdown."""
    item = plan.stretches[index]
    upcoming = plan.stretches[index + 1] if index + 1 < len(plan.stretches) else None
    after = (
        f"Next: {stretch_label(upcoming)} ({clock(upcoming.seconds)})"
        if upcoming
        else "Next: nothing, this is the last stretch"
    )
    body: list[RenderableType] = [
        _top_line(Text(stretch_label(item), style="bold cyan"), item.seconds - elapsed, " left"),
        Text(POSITION_LABEL[item.position].capitalize()),
        "",
        Text(item.text),
        Text("Breathe slowly and hold still; ease off if it pinches or sharpens.", style="dim"),
        "",
        Text(after, style="dim"),
    ]
    return _frame(f"Stretch {index + 1} of {len(plan.stretches)}", body, screen)


def intro(plan: PlanResponse) -> Group:
    line = Text.assemble(
        ("Guided session: ", "bold"), f"{count(plan.steps, 'step')}, {clock(floor_seconds(plan))}"
    )
    if plan.stretches:
        seconds = sum(s.seconds for s in plan.stretches)
        line.append(f", then {count(plan.stretches, 'stretch')} ({clock(seconds)})")
    return Group(
        line,
        Panel(
            _bullets(plan.stop_signs),
            title="Stop signs: read these first",
            title_align="left",
            border_style="red",
        ),
        KEY_HELP,
        "",
    )


def sharp_pain_panel(plan: PlanResponse, where: str | None) -> Panel:
    """``where`` is what was being worked ("Calves, left"), if anything."""
    area = f"that area ({where})" if where else "that area"
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
    skipped = ", ".join(step_label(by_order[o]) for o in outcome.steps_skipped) or "none"
    body = Text.assemble(
        ("Steps done: ", "bold"),
        f"{len(outcome.steps_done)} of {len(plan.steps)}\n",
        ("Skipped: ", "bold"),
        f"{skipped}\n",
        ("Total time: ", "bold"),
        f"{clock(round(outcome.seconds))}\n",
    )
    if plan.stretches:
        body.append_text(
            Text.assemble(
                ("Stretches done: ", "bold"),
                f"{len(outcome.stretches_done)} of {len(plan.stretches)}"
                f" ({clock(round(outcome.stretch_seconds))})\n",
            )
        )
    body.append("\n")
    warm_up = [a.text for a in plan.after if a.kind == "warm-up"]
    if outcome.status == "done":
        body.append(
            f"Well done. Now your warm-up: {warm_up[0]}"
            if warm_up
            else "Well done, that's your recovery looked after. Drink some water, keep "
            "moving gently, and enjoy the rest of your day.",
            style="green",
        )
        return Panel(body, title="Session complete", title_align="left", border_style="green")
    body.append(
        "That's fine: every easy minute of rolling counts. Come back to it whenever you like.",
        style="yellow",
    )
    return Panel(body, title="Session ended early", title_align="left", border_style="yellow")
