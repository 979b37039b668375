"""Rich output for a week: one row a day with what is planned, the load, the warnings."""

from collections.abc import Sequence

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from rollcoach.cli.render_plan import rules_text
from rollcoach.knowledge import load_knowledge
from rollcoach.models import WeekResponse
from rollcoach.models.week import Day, WeekPlanned
from rollcoach.week.words import run_words

KIND_STYLE = {"rest": "blue", "light": "green", "run": "bold yellow"}


def kind_text(day: Day) -> Text:
    """The day's kind, with "easy" under a run day that holds easy running only (REST-7)."""
    text = Text(day.kind, style=KIND_STYLE[day.kind])
    if day.easy:
        text.append("\neasy", style="green")
    return text


def planned_text(day: Day, planned: Sequence[WeekPlanned]) -> Text:
    """The runs planned for the day; on a rest or light day, marked to be moved (REST-6)."""
    names = load_knowledge().week.run_names
    runs = [run_words(run, names) for run in planned if run.date == day.date]
    if not runs:
        return Text("·", style="dim")
    text = Text("\n".join(runs))
    if day.kind != "run":
        text.stylize("strike dim")
        text.append("\nmove it", style="bold red")
    return text


def week_table(week: WeekResponse, planned: Sequence[WeekPlanned] = ()) -> Table:
    """One row a day; a "Planned" column only when the runner planned something."""
    table = Table(title="Your next 7 days", expand=True)
    table.add_column("Day", width=11)
    table.add_column("Plan", width=6)
    if planned:
        table.add_column("Planned", width=18)
    table.add_column("Roll", width=4, justify="center")
    table.add_column("Why", ratio=1)
    for day in week.days:
        why = Text("\n".join(day.why) + "\n")
        why.append_text(rules_text(day.rules))
        label = day.date.strftime("%a %d %b")
        cells: list[str | Text] = [label, kind_text(day)]
        if planned:
            cells.append(planned_text(day, planned))
        table.add_row(*cells, "✓" if day.roll else "·", why)
    return table


def print_week(console: Console, week: WeekResponse, planned: Sequence[WeekPlanned] = ()) -> None:
    console.print(week_table(week, planned))
    load = week.load
    ratio = f"{load.ratio:.2f}" if load.ratio is not None else "not enough history (28 days)"
    console.print(
        f"Recovery days: [bold]{week.recovery_days}[/]   Load ({load.method}): "
        f"7-day {load.acute:.0f}, 28-day {load.chronic:.0f}, ratio {ratio}"
    )
    for warning in week.warnings:
        body = Text(warning.message + " ")
        body.append_text(rules_text(warning.rules))
        console.print(Panel(body, border_style="yellow", title="Heads up", title_align="left"))
