"""The ``rollcoach`` command: a thin shell over the engine.

Every command parses input, calls :mod:`rollcoach.api` and renders. Bad input of
any kind ends here as one line on stderr and exit code 2, never a traceback.
"""

import sys

import click
import typer
from pydantic import ValidationError

from rollcoach.cli import catalogue, commands, demo, go
from rollcoach.cli.errors import InputError, describe_validation

app = typer.Typer(
    name="rollcoach",
    help="A recovery coach for runners: what to foam-roll, with what, for how long, "
    "and when not to.",
    no_args_is_help=True,
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

EXIT_BAD_INPUT = 2


def _fail(message: str) -> int:
    typer.echo(f"rollcoach: error: {message}", err=True)
    return EXIT_BAD_INPUT


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (tests call this directly)."""
    try:
        result = app(args=argv, prog_name="rollcoach", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError:
        return 0
    except click.UsageError as exc:
        return _fail(exc.format_message().replace("\n", " "))
    except click.exceptions.Abort:
        return 130
    except ValidationError as exc:
        return _fail(describe_validation(exc))
    except InputError as exc:
        return _fail(str(exc))
    return result if isinstance(result, int) else 0


def main() -> None:
    sys.exit(run())
