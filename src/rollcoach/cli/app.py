"""The ``rollcoach`` command: a thin shell over the engine.

Every command parses input, calls :mod:`rollcoach.api` and renders. Bad input of
any kind ends here as one line on stderr and exit code 2, never a traceback.
"""

import sys

import typer
from pydantic import ValidationError
from typer.exceptions import TyperException

from rollcoach.cli import (
    catalogue,
    commands,
    demo,
    go,
    history_cmds,
    planned_cmds,
    records_cmds,
    report_cmd,
    serve_cmd,
)
from rollcoach.cli.errors import InputError, describe_validation

app = typer.Typer(
    name="rollcoach",
    help="A recovery coach for runners: what to foam-roll, with what, for how long, "
    "and when not to.",
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command()(commands.plan)
app.command()(commands.week)
app.command()(go.go)
app.command()(catalogue.rules)
app.command()(catalogue.areas)
app.command()(catalogue.tools)
app.command()(demo.demo)
app.command("import")(history_cmds.import_)
app.command()(history_cmds.log)
app.command()(records_cmds.checkin)
app.command()(records_cmds.profile)
app.add_typer(records_cmds.injury_app, name="injury")
app.add_typer(planned_cmds.planned_app, name="planned")
app.command()(records_cmds.export)
app.command()(records_cmds.restore)
app.command()(report_cmd.report)
app.command()(serve_cmd.serve)

EXIT_BAD_INPUT = 2


def _fail(message: str) -> int:
    typer.echo(f"rollcoach: error: {message}", err=True)
    return EXIT_BAD_INPUT


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (tests call this directly)."""
    args = sys.argv[1:] if argv is None else argv
    try:
        result = app(args=args or ["--help"], prog_name="rollcoach", standalone_mode=False)
    except typer.Abort:
        return 130
    except TyperException as exc:  # usage errors: unknown option, bad number, ...
        format_message = getattr(exc, "format_message", None)
        message = format_message() if callable(format_message) else str(exc)
        return _fail(" ".join(str(message).split()))
    except ValidationError as exc:
        return _fail(describe_validation(exc))
    except InputError as exc:
        return _fail(str(exc))
    return result if isinstance(result, int) else 0


def main() -> None:
    sys.exit(run())
