"""``import`` and ``log``: fill the history from run files, and show it."""

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from rollcoach.cli.athlete import AthleteEmail, athlete_for
from rollcoach.cli.errors import InputError
from rollcoach.history.db import open_store
from rollcoach.history.importing import ImportReport, collect_files, import_paths
from rollcoach.history.store import Store
from rollcoach.imports.limits import ImportLimits

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON.")]
Paths = Annotated[list[Path], typer.Argument(help="Files or folders to import.")]


class RateColumn(ProgressColumn):
    """Files per second, once there is a rate to show."""

    def render(self, task: Task) -> Text:
        speed = task.speed
        return Text(f"{speed:,.0f} files/s" if speed else "", style="cyan")


def _progress(console: Console) -> Progress:
    return Progress(
        TextColumn("[bold]Importing"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )


def _print_report(console: Console, report: ImportReport) -> None:
    console.print(
        f"[bold green]{report.imported}[/] imported ({report.runs} runs, {report.other} other), "
        f"[bold]{report.already}[/] already there, [bold yellow]{len(report.skipped)}[/] skipped."
    )
    if report.runs_by_year:
        years = ", ".join(f"{y}: {n}" for y, n in sorted(report.runs_by_year.items()))
        console.print(f"Runs by year: {years}")
    if report.skipped:
        table = Table("Skipped file", "Why", title="Skipped", title_justify="left")
        for item in report.skipped:
            table.add_row(item["path"], item["reason"])
        console.print(table)


def import_(paths: Paths, as_json: JsonFlag = False, athlete_email: AthleteEmail = None) -> None:
    """Import runs from .fit/.gpx/.tcx files (also .gz), folders, zips, and Strava,
    Garmin Connect or Apple Health exports."""
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise InputError(f"PATH: no such file or folder: {', '.join(missing)}")
    with open_store() as store:
        report = _import_files(store, athlete_for(store, athlete_email), paths)
    if as_json:
        typer.echo(json.dumps(report.as_json(), indent=2))
    else:
        _print_report(Console(), report)


def _import_files(store: Store, athlete: int, paths: list[Path]) -> ImportReport:
    files = list(collect_files(paths))
    with _progress(Console(stderr=True)) as progress:
        task = progress.add_task("import", total=len(files))
        return import_paths(store, athlete, files, ImportLimits(), lambda _: progress.advance(task))


def log(as_json: JsonFlag = False, athlete_email: AthleteEmail = None) -> None:
    """Stored activities, newest first."""
    with open_store() as store:
        rows = store.log_rows(athlete_for(store, athlete_email))
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    table = Table(title="Activities", expand=True)
    for column in ("Date", "Sport", "Time", "km", "Climb", "HR", "Source"):
        table.add_column(column)
    for row in rows:
        minutes = f"{row['minutes']:.0f} min" if row["minutes"] is not None else "-"
        km = f"{row['km']:.2f}" if row["km"] is not None else "-"
        climb = f"{row['climb_m']:.0f} m" if row["climb_m"] is not None else "-"
        hr = str(row["avg_hr"]) if row["avg_hr"] is not None else "-"
        sport = row["sport"] + (f" ({row['sub_sport']})" if row["sub_sport"] else "")
        table.add_row(row["local_date"], sport, minutes, km, climb, hr, row["source"] or "")
    Console().print(table)
