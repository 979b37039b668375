"""``plan`` and ``week``: parse flags, lay them over the stored history, call the engine, render.

Without ``--input``, the stored history (profile, injuries, check-ins, guided
sessions, runs) is the base request whenever a database is in use: the default
SQLite file exists, or ``ROLLCOACH_DATABASE_URL`` is set. ``--no-history`` leaves
it out; an ``--input`` request is never mixed with it.
"""

import json
import os
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from platformdirs import user_data_dir
from pydantic import TypeAdapter, ValidationError
from rich.console import Console
from sqlalchemy.exc import SQLAlchemyError

from rollcoach import api
from rollcoach.cli import options as o
from rollcoach.cli import week_options as wo
from rollcoach.cli.errors import InputError
from rollcoach.cli.render_plan import print_plan
from rollcoach.cli.render_week import print_week
from rollcoach.history import requests, snapshot
from rollcoach.history.db import open_store
from rollcoach.history.errors import HistoryError
from rollcoach.history.profile import Profile
from rollcoach.history.settings import DATABASE_URL_VARIABLE, database_url
from rollcoach.history.store import Store
from rollcoach.models import PlanResponse, WeekRequest, WeekResponse

JsonFlag = Annotated[bool, typer.Option("--json", help="Print the response JSON.")]
NoHistory = Annotated[
    bool, typer.Option("--no-history", help="Ignore the stored history (profile, check-ins, runs).")
]
HISTORY_NOTE = "[dim]Planned with your stored history (--no-history to leave it out).[/]"


def emit_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


# The history database


def history_url() -> str | None:
    """The database in use, or ``None`` when there is none yet (nothing is created here)."""
    if os.environ.get(DATABASE_URL_VARIABLE, "").strip():
        return database_url()
    default = Path(user_data_dir("rollcoach", appauthor=False)) / "rollcoach.db"
    return f"sqlite:///{default}" if default.is_file() else None


def open_history(url: str | None = None) -> Store:
    """The store (default: the configured database); failing to open it is one line, exit 2."""
    try:
        return open_store(url)
    except (HistoryError, SQLAlchemyError) as exc:
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())
        raise InputError(f"{DATABASE_URL_VARIABLE}: cannot open the history: {reason}") from exc


def moment(value: str | None) -> datetime:
    """``--now`` as an aware time (naive counts as UTC, as in the API); else the local now.

    An unreadable value falls back to now: the engine then names the bad field.
    """
    if value is not None:
        try:
            parsed = TypeAdapter(datetime).validate_python(value)
        except ValidationError:
            return datetime.now().astimezone()
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
    return datetime.now().astimezone()


def day(value: str | None) -> date:
    """``--today`` as a date; else today in local time (a bad value: the engine names it)."""
    if value is not None:
        try:
            return TypeAdapter(date).validate_python(value)
        except ValidationError:
            pass
    return datetime.now().astimezone().date()


def stored_plan_request(store: Store, now: datetime, when: str | None) -> dict[str, Any]:
    """The plan request the stored history implies (the defaults when nobody is stored yet)."""
    athlete = store.first_athlete()
    if athlete is None:
        return requests.plan_request_from_history(Profile(), [], None, [], [], None, now)
    return snapshot.plan_request_for(store, athlete, now, when)


def stored_week_request(store: Store, today: date) -> dict[str, Any]:
    athlete = store.first_athlete()
    if athlete is None:
        return requests.week_request_from_history(Profile(), [], today)
    return snapshot.week_request_for(store, athlete, today)


def lay_over(base: dict[str, Any], flags: dict[str, Any]) -> dict[str, Any]:
    """Flags over the stored request; what keeps the runner safe is added to, never replaced.

    Injuries and conditions from flags join the stored ones; soreness flags set
    their own areas and sides; pain flags too, but never lower a stored pain; a
    run described by flags replaces the stored run; any other flag replaces the
    stored value.
    """
    out = dict(base)
    for key, value in flags.items():
        if key == "athlete":
            athlete = {**base.get("athlete", {}), **value}
            stored = base.get("athlete", {}).get("conditions", [])
            athlete["conditions"] = list(dict.fromkeys([*value.get("conditions", []), *stored]))
            out[key] = athlete
        elif key == "injuries":
            out[key] = [*value, *base.get("injuries", [])]
        elif key in {"soreness", "pain"}:
            out[key] = o.merge_levels(base.get(key), value, keep_worse=key == "pain")
        else:
            out[key] = value
    return out


def plan_request(
    input_file: str | None, no_history: bool, flags: dict[str, Any]
) -> tuple[dict[str, Any], str | None]:
    """The request for ``plan`` and ``go``, and the database it drew on (``None``: none)."""
    url = None if no_history else history_url()
    if input_file is not None or url is None:
        return o.build_plan_request(input_file, **flags), None
    with open_history(url) as store:
        base = stored_plan_request(store, moment(flags.get("now")), flags.get("when"))
    return lay_over(base, o.build_plan_request(None, **flags)), url


R = TypeVar("R", PlanResponse, WeekResponse)

# The commands


def show(
    response: R, render: Callable[[Console, R], None], *, as_json: bool, from_history: bool
) -> None:
    """The response as JSON, or rendered, saying when history was its base."""
    if as_json:
        emit_json(response.model_dump(mode="json"))
        return
    console = Console()
    render(console, response)
    if from_history:
        console.print(HISTORY_NOTE)


def plan(
    input_file: o.InputFile = None,
    when: o.When = None,
    minutes: o.Minutes = None,
    tools: o.Tools = None,
    sore: o.Sore = None,
    pain: o.Pain = None,
    focus: o.Focus = None,
    age: o.Age = None,
    level: o.Level = None,
    sedentary: o.Sedentary = False,
    conditions: o.Conditions = None,
    symptoms: o.Symptoms = None,
    injuries: o.Injuries = None,
    run_minutes: o.RunMinutes = None,
    run_km: o.RunKm = None,
    climb: o.Climb = None,
    descent: o.Descent = None,
    run_type: o.RunType = None,
    now: o.Now = None,
    no_history: NoHistory = False,
    as_json: JsonFlag = False,
) -> None:
    """What to roll now: areas, tool, side, time and pressure, with why and rule IDs."""
    flags = {k: v for k, v in locals().items() if k not in {"input_file", "as_json", "no_history"}}
    request, url = plan_request(input_file, no_history, flags)
    show(api.plan(request), print_plan, as_json=as_json, from_history=url is not None)


def week(
    input_file: o.InputFile = None,
    today: Annotated[str | None, typer.Option(help="First day of the week (ISO date).")] = None,
    age: o.Age = None,
    masters_age: Annotated[int | None, typer.Option(help="Age from which 3 rest days.")] = None,
    very_long_minutes: Annotated[
        float | None, typer.Option(help="Minutes from which a run is very long.")
    ] = None,
    very_long_km: Annotated[
        float | None, typer.Option(help="Kilometres from which a run is very long.")
    ] = None,
    plans: wo.Plan = None,
    no_history: NoHistory = False,
    as_json: JsonFlag = False,
) -> None:
    """How the next 7 days look: rest, light and run days, roll days, load warnings.

    ``--plan`` adds runs you intend to the request's ``planned`` (REST-6).
    """
    planned = wo.parse_plans(plans)
    url = None if no_history or input_file is not None else history_url()
    request: dict[str, Any]
    if url is None:
        request = o.read_input(input_file)
    else:
        with open_history(url) as store:
            request = stored_week_request(store, day(today))
    if today is not None:
        request["today"] = today
    if age is not None:
        request["athlete"] = {**request.get("athlete", {}), "age": age}
    overrides = {
        "masters_age": masters_age,
        "very_long_minutes": very_long_minutes,
        "very_long_km": very_long_km,
    }
    settings = {k: v for k, v in overrides.items() if v is not None}
    if settings:
        request["settings"] = {**request.get("settings", {}), **settings}
    wo.add_plans(request, planned, day(request.get("today")))
    req = WeekRequest.model_validate(request)
    show(
        api.week(req),
        lambda console, answer: print_week(console, answer, req.planned),
        as_json=as_json,
        from_history=url is not None,
    )
