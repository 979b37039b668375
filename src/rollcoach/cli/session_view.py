"""What the guided session shows: the step card, get-ready, progress, stop and summary panels."""

import math
from dataclasses import dataclass, field
from typing import Literal

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TaskProgressColumn, TextColumn
from rich.table import Table
from rich.text import Text

from rollcoach.cli.render_plan import PRESSURE_STYLE, SIDE_LABEL, clock
from rollcoach.models import PlanResponse
from rollcoach.models.plan_response import Step, TimedCue

Status = Literal["done", "quit", "sharp-pain"]

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


def step_label(step: Step) -> str:
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
        _top_line(Text(step_label(step), style="bold cyan"), step.seconds - elapsed, " left"),
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
                f"{step_label(upcoming)} ({clock(upcoming.seconds)})"
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
                "First up: ",
                (step_label(first), "bold cyan"),
                f" with the {first.tool_name.lower()}",
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
    skipped = ", ".join(step_label(by_order[o]) for o in outcome.steps_skipped) or "none"
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
