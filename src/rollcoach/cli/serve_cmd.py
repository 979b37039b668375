"""``serve``: the web app (pages and ``/api/v1``) with uvicorn.

Settings come from ``ROLLCOACH_*`` environment variables (one settings class,
:mod:`rollcoach.web.settings`); the flags set the common ones. With ``--workers``
each process builds its own app from the environment, sharing the database.
"""

import os
from datetime import datetime
from typing import Annotated

import typer
from pydantic import ValidationError

from rollcoach.cli.errors import InputError

HostOption = Annotated[str, typer.Option("--host", help="Address to listen on.")]
PortOption = Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")]
AuthOption = Annotated[
    str | None,
    typer.Option(
        "--auth",
        help="single (one athlete, no sign-in) or accounts; default from "
        "ROLLCOACH_AUTH, else single.",
    ),
]
WorkersOption = Annotated[
    int, typer.Option("--workers", min=1, max=64, help="App processes (they share the database).")
]
DemoOption = Annotated[
    bool,
    typer.Option(
        "--demo",
        help="Give the single-user athlete five weeks of demo history first "
        "(only when nothing is stored yet).",
    ),
]


def setting_problem(error: ValidationError) -> str:
    """The first bad setting as its environment variable and what is allowed."""
    first = error.errors(include_url=False)[0]
    names = [str(part) for part in first["loc"]]
    message = str(first["msg"]).removeprefix("Value error, ")
    if not names:
        return message
    return f"ROLLCOACH_{'_'.join(names).upper()}: {message}"


def migrate(url: str | None) -> None:
    """Bring the schema up to date once, here, before the workers start and open it."""
    from rollcoach.cli.commands import open_history

    open_history(url).close()


def seed_demo_if_empty(url: str | None) -> bool:
    """Demo history for the single-user athlete of an empty database; whether it was added."""
    from rollcoach.history.db import open_store
    from rollcoach.history.demo_data import seed_demo

    with open_store(url) as store:
        athlete = store.default_athlete()
        if store.activities(athlete):
            return False
        seed_demo(store, athlete, datetime.now().astimezone())
        return True


SHUTDOWN_GRACE_S = 15  # on SIGTERM, requests in flight get this long, then are cut off


def serve(
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    auth: AuthOption = None,
    workers: WorkersOption = 1,
    demo: DemoOption = False,
) -> None:
    """Start the web app: today's plan, check-in, guided session, week, history, import."""
    import uvicorn

    from rollcoach.web.settings import load_settings

    try:
        settings = load_settings(**({"auth": auth} if auth is not None else {}))
    except ValidationError as error:
        raise InputError(setting_problem(error)) from None
    migrate(settings.database_url)
    if demo and seed_demo_if_empty(settings.database_url):
        typer.echo("Added five weeks of demo history for the demo athlete.")
    os.environ["ROLLCOACH_AUTH"] = settings.auth  # each worker builds its app from the env
    typer.echo(f"rollcoach is running at http://{host}:{port}/  (Ctrl-C stops it)")
    uvicorn.run(
        "rollcoach.web.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        proxy_headers=True,
        timeout_graceful_shutdown=SHUTDOWN_GRACE_S,
    )
