"""Rich output for a plan: the steps with their why and rules, then the rest."""

from collections.abc import Sequence

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from rollcoach.knowledge import load_knowledge
from rollcoach.models import PlanResponse
from rollcoach.models.plan_response import (
    AfterStep,
    BeforeStep,
    Exclusion,
    Refusal,
    Step,
    Warning,
)

LEVEL_STYLE = {"supported": "green", "refined": "cyan", "precaution": "yellow", "contested": "red"}
LEVEL_NOTE = (
    "supported: research agrees; refined: agrees in direction, other numbers; precaution: no "
    "study either way, kept to be careful; contested: research points the other way, kept as the "
    "articles' default. `rollcoach rules` has the details."
)
PRESSURE_STYLE = {"gentle": "green", "moderate": "yellow", "firm": "red"}
SIDE_LABEL = {"left": "left", "right": "right", "both": "both sides"}


def clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def rules_text(rules: Sequence[str]) -> Text:
    return Text(" ".join(rules), style="dim cyan")


def _area_groups(plan: PlanResponse) -> list[list[Step]]:
    """Consecutive steps on one area (left then right) shown as one block."""
    groups: list[list[Step]] = []
    for step in plan.steps:
        if groups and groups[-1][0].area == step.area:
            groups[-1].append(step)
        else:
            groups.append([step])
    return groups


def _area_block(steps: list[Step]) -> Text:
    first = steps[0]
    sides = " then ".join(SIDE_LABEL[s.side] for s in steps)
    each = " each" if len(steps) > 1 else ""
    line = Text()
    line.append(first.name, style="bold")
    line.append(f" · {sides} · {first.tool_name.lower()} · {clock(first.seconds)}{each} · ")
    line.append(first.pressure, style=PRESSURE_STYLE[first.pressure])
    if first.hold_seconds:
        line.append(f", hold {first.hold_seconds} s on a tender spot")
    for why in first.why:
        line.append(f"\n{why}", style="default")
    line.append("\n")
    line.append_text(rules_text(first.rules))
    return line


def _steps_panel(plan: PlanResponse) -> Panel:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", style="bold", no_wrap=True)
    grid.add_column(ratio=1)
    for index, group in enumerate(_area_groups(plan)):
        if index:
            grid.add_row("", "")
        first, last = group[0].order, group[-1].order
        grid.add_row(str(first) if first == last else f"{first}-{last}", _area_block(group))
    title = f"Your {plan.when} session: {clock(plan.total_seconds)}, {len(plan.steps)} steps"
    return Panel(grid, title=title, title_align="left", border_style="bold green")


def _bullets(title: str, rows: list[tuple[str, Sequence[str]]], style: str) -> Panel | None:
    if not rows:
        return None
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for line, rules in rows:
        text = Text(line + " ")
        text.append_text(rules_text(rules))
        grid.add_row("•", text)
    return Panel(grid, title=title, title_align="left", border_style=style)


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
        _steps_panel(plan) if plan.steps else None,
        _bullets("Heads up", [(w.message, w.rules) for w in plan.warnings], "yellow"),
        _bullets(
            "Left out today",
            [
                (f"{e.area}{' (' + e.side + ')' if e.side else ''}: {e.reason}", e.rules)
                for e in plan.excluded
            ],
            "magenta",
        ),
        _bullets("Afterwards", [(_after_text(a), a.rules) for a in plan.after], "green"),
        _stop_signs(plan),
    ]
    return [p for p in parts if p is not None]


def _after_text(item: AfterStep) -> str:
    return "\n".join([item.text, *("  - " + d for d in item.details or [])])


def _stop_signs(plan: PlanResponse) -> Panel:
    panel = _bullets("Stop signs", [(sign, ["SAFE-8"]) for sign in plan.stop_signs], "red")
    assert panel is not None  # every plan carries stop signs
    return panel


def cited_rules(plan: PlanResponse) -> list[str]:
    """Every rule ID the plan cites, once each."""
    items: list[Step | Exclusion | Warning | BeforeStep | AfterStep] = [
        *plan.steps,
        *plan.excluded,
        *plan.warnings,
        *plan.before,
        *plan.after,
    ]
    cited = [r for item in items for r in item.rules]
    if plan.refusal is not None:
        cited += [r for reason in plan.refusal.reasons for r in reason.rules]
    return list(dict.fromkeys([*cited, "SAFE-8"]))


def evidence_panel(plan: PlanResponse) -> Panel:
    """How well research supports the rules behind this plan (spec/evidence.md)."""
    k = load_knowledge()
    by_level: dict[str, list[str]] = {}
    for rule_id in sorted(cited_rules(plan), key=lambda r: k.rule_rank.get(r, 0)):
        by_level.setdefault(k.rules[rule_id].evidence.level, []).append(rule_id)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for level in ("supported", "refined", "precaution", "contested"):
        if level in by_level:
            grid.add_row(Text(level, style=LEVEL_STYLE[level]), rules_text(by_level[level]))
    grid.add_row("", Text(LEVEL_NOTE, style="dim"))
    return Panel(grid, title="Evidence behind these rules", title_align="left", border_style="dim")


def print_plan(console: Console, plan: PlanResponse) -> None:
    console.print(Group(*plan_renderables(plan), evidence_panel(plan)))
