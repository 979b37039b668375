"""Rich output for a plan: the steps with their why and rules, then the rest."""

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from rollcoach.models import PlanResponse
from rollcoach.models.plan_response import Refusal

PRESSURE_STYLE = {"gentle": "green", "moderate": "yellow", "firm": "red"}
SIDE_LABEL = {"left": "left", "right": "right", "both": "both sides"}


def clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def rules_text(rules: list[str]) -> Text:
    return Text(" ".join(rules), style="dim cyan")


def _steps_table(plan: PlanResponse) -> Table:
    table = Table(title=f"Your {plan.when} session: {clock(plan.total_seconds)}", expand=True)
    for name, kwargs in (
        ("#", {"justify": "right", "width": 3}),
        ("Area", {"ratio": 2}),
        ("Tool", {"ratio": 1}),
        ("Time", {"justify": "right", "width": 5}),
        ("Pressure", {"width": 9}),
        ("Why", {"ratio": 4}),
    ):
        table.add_column(name, **kwargs)  # type: ignore[arg-type]
    for step in plan.steps:
        area = Text(step.name, style="bold")
        area.append(f"\n{SIDE_LABEL[step.side]}", style="italic")
        why = Text("\n".join(step.why))
        why.append("\n")
        why.append_text(rules_text(step.rules))
        pressure = Text(step.pressure, style=PRESSURE_STYLE[step.pressure])
        if step.hold_seconds:
            pressure.append(f"\nhold {step.hold_seconds}s", style="dim")
        table.add_row(str(step.order), area, step.tool_name, clock(step.seconds), pressure, why)
    return table


def _bullets(title: str, rows: list[tuple[str, list[str]]], style: str) -> Panel | None:
    if not rows:
        return None
    body = Text()
    for i, (line, rules) in enumerate(rows):
        body.append(("\n" if i else "") + "• " + line + " ")
        body.append_text(rules_text(rules))
    return Panel(body, title=title, title_align="left", border_style=style)


def refusal_panel(refusal: Refusal) -> Panel:
    body = Text()
    for reason in refusal.reasons:
        body.append("• " + reason.message + " ")
        body.append_text(rules_text(reason.rules))
        body.append("\n")
    body.append("\n" + refusal.advice, style="bold")
    return Panel(body, title="No rolling today", title_align="left", border_style="red")


def plan_renderables(plan: PlanResponse) -> list[Panel | Table]:
    """Everything a runner needs to see, in reading order."""
    if plan.refusal is not None:
        return [refusal_panel(plan.refusal), _stop_signs(plan)]
    parts: list[Panel | Table | None] = [
        _bullets("First", [(f"{b.text} ({b.minutes} min)", b.rules) for b in plan.before], "blue"),
        _steps_table(plan) if plan.steps else None,
        _bullets("Heads up", [(w.message, w.rules) for w in plan.warnings], "yellow"),
        _bullets(
            "Left out today",
            [(f"{e.area}{' (' + e.side + ')' if e.side else ''}: {e.reason}", e.rules)
             for e in plan.excluded],
            "magenta",
        ),
        _bullets("Afterwards", [(a.text, a.rules) for a in plan.after], "green"),
        _stop_signs(plan),
    ]
    return [p for p in parts if p is not None]


def _stop_signs(plan: PlanResponse) -> Panel:
    text = "\n".join("• " + s for s in plan.stop_signs)
    return Panel(Text(text), title="Stop signs (SAFE-8)", title_align="left", border_style="red")


def print_plan(console: Console, plan: PlanResponse) -> None:
    console.print(Group(*plan_renderables(plan)))
