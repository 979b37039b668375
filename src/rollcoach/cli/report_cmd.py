"""``report``: an HTML report with plots of load, rolling and soreness.

The command reads the store and writes the file; the page itself is built by the
pure functions of :mod:`rollcoach.report` (imported here on use: matplotlib is
slow to import and no other command needs it).
"""

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from rollcoach.cli.athlete import AthleteEmail, athlete_for
from rollcoach.cli.errors import InputError
from rollcoach.history.db import open_store
from rollcoach.knowledge.loader import load_knowledge

DEFAULT_OUT = Path("rollcoach-report.html")
MAX_WEEKS = 260  # rollcoach.report.MAX_WEEKS, repeated so --help needs no matplotlib

OutOption = Annotated[
    Path,
    typer.Option("--out", help="Where to write the report (HTML).", dir_okay=False),
]
WeeksOption = Annotated[
    int,
    typer.Option("--weeks", min=1, max=MAX_WEEKS, help="How many weeks back, this one included."),
]


def report(
    out: OutOption = DEFAULT_OUT, weeks: WeeksOption = 12, athlete_email: AthleteEmail = None
) -> None:
    """Write an HTML report with plots of your history."""
    from rollcoach.report import build_report
    from rollcoach.report.reading import read_report_input

    now = datetime.now(UTC).astimezone()  # the runner's local time: their day, their weeks
    with open_store() as store:
        source = read_report_input(store, athlete_for(store, athlete_email), now, weeks)
    page = build_report(source, load_knowledge().week)
    try:
        out.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"--out: cannot write {out}: {exc.strerror or exc}") from None
    typer.echo(str(out.resolve()))
