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
    Stretch,
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
POSITION_LABEL = {
    "seated": "seated",
    "face-down": "face down",
    "side-lying": "lying on your side",
    "on-back": "on your back",
    "standing": "standing",
    "kneeling": "kneeling",
}


def clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def count(items: Sequence[object], noun: str) -> str:
    """``1 step``, ``4 steps``, ``3 stretches``."""
    if len(items) == 1:
        return f"1 {noun}"
    return f"{len(items)} {noun}{'es' if noun.endswith(('ch', 's')) else 's'}"


def floor_seconds(plan: PlanResponse) -> int:
    """Time on the floor: rolling plus every set-up pause (DOSE-11)."""
    return plan.session_seconds or plan.total_seconds + sum(s.setup_seconds for s in plan.steps)


def rules_text(rules: Sequence[str]) -> Text:
    return Text(" ".join(rules), style="dim cyan")


def _area_groups(plan: PlanResponse) -> list[list[Step]]:
    """Consecutive steps on one area with one tool (left then right) shown as one block."""
    groups: list[list[Step]] = []
    for step in plan.steps:
        if groups and (groups[-1][0].area, groups[-1][0].tool) == (step.area, step.tool):
            groups[-1].append(step)
        else:
            groups.append([step])
    return groups


def _sides_and_time(items: Sequence[Step | Stretch]) -> str:
    """``left then right · 0:45 each``, or each side's own time when they differ."""
    if len({item.seconds for item in items}) == 1:
        sides = " then ".join(SIDE_LABEL[item.side] for item in items)
        each = " each" if len(items) > 1 else ""
        return f"{sides} · {clock(items[0].seconds)}{each}"
    return " then ".join(f"{SIDE_LABEL[item.side]} {clock(item.seconds)}" for item in items)


def _setup_line(steps: list[Step]) -> Text:
    """Where to be, and the set-up pauses before the clock starts (DOSE-11)."""
    first = steps[0]
    line = Text(POSITION_LABEL[first.position].capitalize(), style="bold")
    for index, step in enumerate(steps):
        if step.setup_seconds:
            what = "to set up" if index == 0 else f"to switch to the {SIDE_LABEL[step.side]}"
            line.append(f" · {clock(step.setup_seconds)} {what}")
            if step.setup:
                line.append(f": {step.setup}")
    return line


def _area_block(steps: list[Step]) -> Text:
    first = steps[0]
    line = Text()
    line.append(first.name, style="bold")
    line.append(f" · {first.tool_name.lower()} · {_sides_and_time(steps)} · ")
    line.append(first.pressure, style=PRESSURE_STYLE[first.pressure])
    if first.hold_seconds:
        line.append(f", hold {first.hold_seconds} s on a tender spot")
    line.append("\n")
    line.append_text(_setup_line(steps))
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
    floor, rolling = floor_seconds(plan), plan.total_seconds
    title = f"Your {plan.when} session: {clock(floor)} on the floor, {count(plan.steps, 'step')}"
    if floor > rolling:
        title += f" ({clock(rolling)} rolling, {clock(floor - rolling)} setting up)"
    return Panel(grid, title=title, title_align="left", border_style="bold green")


def _stretch_groups(plan: PlanResponse) -> list[list[Stretch]]:
    groups: list[list[Stretch]] = []
    for item in plan.stretches:
        if groups and (groups[-1][0].area, groups[-1][0].text) == (item.area, item.text):
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _stretches_panel(plan: PlanResponse) -> Panel | None:
    """CARE-1: the guided stretches after the rolling, with their time (not in the minutes)."""
    if not plan.stretches:
        return None
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for group in _stretch_groups(plan):
        first = group[0]
        line = Text(first.name or first.area, style="bold")
        line.append(f" · {POSITION_LABEL[first.position]} · {_sides_and_time(group)}\n")
        line.append(first.text + " ")
        line.append_text(rules_text(first.rules))
        grid.add_row("•", line)
    seconds = sum(item.seconds for item in plan.stretches)
    title = f"Then stretch: {clock(seconds)}, after the rolling (not counted in your minutes)"
    return Panel(grid, title=title, title_align="left", border_style="green")


def _named(site: str) -> str:
    """The runner's name for a site ID ("Outer quadriceps (vastus lateralis)")."""
    return load_knowledge().names[site][0]


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
                (f"{_named(e.area)}{' (' + e.side + ')' if e.side else ''}: {e.reason}", e.rules)
                for e in plan.excluded
            ],
            "magenta",
        ),
        _stretches_panel(plan),
        _bullets(
            "Before you run" if plan.when == "pre-run" else "Afterwards",
            [(_after_text(a), a.rules) for a in _after_items(plan)],
            "green",
        ),
        _stop_signs(plan),
    ]
    return [p for p in parts if p is not None]


def _after_items(plan: PlanResponse) -> list[AfterStep]:
    """What comes after; the stretch reminder is left out when the stretches are guided."""
    return [a for a in plan.after if not (a.kind == "stretch" and plan.stretches)]


def _after_text(item: AfterStep) -> str:
    return "\n".join([item.text, *("  - " + d for d in item.details or [])])


def _stop_signs(plan: PlanResponse) -> Panel:
    panel = _bullets("Stop signs", [(sign, ["SAFE-8"]) for sign in plan.stop_signs], "red")
    assert panel is not None  # every plan carries stop signs
    return panel


def cited_rules(plan: PlanResponse) -> list[str]:
    """Every rule ID the plan cites, once each."""
    items: list[Step | Stretch | Exclusion | Warning | BeforeStep | AfterStep] = [
        *plan.steps,
        *plan.stretches,
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
