"""Rich output for a week: one row a day, the load, the warnings."""

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from rollcoach.cli.render_plan import rules_text
from rollcoach.models import WeekResponse

KIND_STYLE = {"rest": "blue", "light": "green", "run": "bold yellow"}


def week_table(week: WeekResponse) -> Table:
    table = Table(title="Your next 7 days", expand=True)
    table.add_column("Day", width=11)
    table.add_column("Plan", width=6)
    table.add_column("Roll", width=4, justify="center")
    table.add_column("Why", ratio=1)
    for day in week.days:
        why = Text("\n".join(day.why) + "\n")
        why.append_text(rules_text(day.rules))
        label = day.date.strftime("%a %d %b")
        kind = Text(day.kind, style=KIND_STYLE[day.kind])
        table.add_row(label, kind, "✓" if day.roll else "·", why)
    return table


def print_week(console: Console, week: WeekResponse) -> None:
    console.print(week_table(week))
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
