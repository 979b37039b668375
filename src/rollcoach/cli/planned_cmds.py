"""`rollcoach planned`: the runs you intend (REST-6), stored so every week fits them."""

from datetime import datetime
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from rollcoach.cli.athlete import AthleteEmail, athlete_for, stored_athlete
from rollcoach.cli.commands import JsonFlag, emit_json, open_history
from rollcoach.cli.errors import InputError
from rollcoach.history.planned import NewPlanned, PlannedRuns

planned_app = typer.Typer(help="Runs you plan: add, list, remove (the week fits them).")


@planned_app.callback(invoke_without_command=True)
def planned(ctx: typer.Context) -> None:
    """Runs you plan: add, list, remove."""
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())


@planned_app.command("add")
def planned_add(
    day: Annotated[str, typer.Argument(metavar="DATE", help="The day, YYYY-MM-DD (today on).")],
    run_type: Annotated[str, typer.Argument(metavar="TYPE", help="easy, long, tempo, ...")],
    minutes: Annotated[float | None, typer.Option(help="How long, if you know.")] = None,
    athlete_email: AthleteEmail = None,
    as_json: JsonFlag = False,
) -> None:
    """Plan a run: `rollcoach week` keeps the rest your last long run needs around it."""
    plan = NewPlanned.model_validate({"date": day, "type": run_type, "minutes": minutes})
    with open_history() as store:
        planned_id = PlannedRuns(store.engine).add(athlete_for(store, athlete_email), plan)
    if as_json:
        emit_json({"id": planned_id, **plan.model_dump(mode="json")})
        return
    typer.echo(f"Planned #{planned_id}: {plan.type} run on {plan.date:%a %d %b}.")


@planned_app.command("list")
def planned_list(athlete_email: AthleteEmail = None, as_json: JsonFlag = False) -> None:
    """The runs you plan, from today on."""
    today = datetime.now().astimezone().date()
    with open_history() as store:
        athlete = stored_athlete(store, athlete_email)
        found = [] if athlete is None else PlannedRuns(store.engine).upcoming(athlete, today)
    if as_json:
        emit_json([p.model_dump(mode="json") for p in found])
        return
    table = Table("ID", "Day", "Run", "Minutes", title="Planned runs")
    for p in found:
        minutes = f"{p.planned.minutes:g}" if p.planned.minutes else "-"
        table.add_row(str(p.id), f"{p.planned.date:%a %d %b}", p.planned.type, minutes)
    Console().print(table if found else "No runs planned.")


@planned_app.command("remove")
def planned_remove(
    planned_id: Annotated[int, typer.Argument(metavar="ID", help="See `rollcoach planned list`.")],
    athlete_email: AthleteEmail = None,
) -> None:
    """Drop a planned run."""
    with open_history() as store:
        athlete = stored_athlete(store, athlete_email)
        removed = athlete is not None and PlannedRuns(store.engine).remove(athlete, planned_id)
    if not removed:
        raise InputError(f"ID: no planned run {planned_id} (see `rollcoach planned list`)")
    typer.echo(f"Planned run #{planned_id} removed.")
