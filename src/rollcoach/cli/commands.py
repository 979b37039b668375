"""``plan`` and ``week``: parse flags, call the engine, render. No logic of their own."""

import json
from typing import Annotated, Any

import typer
from rich.console import Console

from rollcoach import api
from rollcoach.cli import options as o
from rollcoach.cli.render_plan import print_plan
from rollcoach.cli.render_week import print_week

JsonFlag = Annotated[bool, typer.Option("--json", help="Print the response JSON.")]


def emit_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def plan(
    input_file: o.InputFile = None,
    when: o.When = None,
    minutes: o.Minutes = None,
    tools: o.Tools = None,
    sore: o.Sore = None,
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
    as_json: JsonFlag = False,
) -> None:
    """What to roll now: areas, tool, side, time and pressure, with why and rule IDs."""
    request = o.build_plan_request(
        input_file, **{k: v for k, v in locals().items() if k not in {"input_file", "as_json"}}
    )
    response = api.plan(request)
    if as_json:
        emit_json(response.model_dump(mode="json"))
    else:
        print_plan(Console(), response)


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
    as_json: JsonFlag = False,
) -> None:
    """How the next 7 days look: rest, light and run days, roll days, load warnings."""
    request: dict[str, Any] = o.read_input(input_file)
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
    response = api.week(request)
    if as_json:
        emit_json(response.model_dump(mode="json"))
    else:
        print_week(Console(), response)
