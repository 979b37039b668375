"""Command-line flags shared by ``plan`` and ``go``, and how they build a request."""

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from rollcoach.cli.errors import InputError

InputFile = Annotated[
    str | None, typer.Option("--input", "-i", help="Request JSON file, or - for stdin.")
]
When = Annotated[str | None, typer.Option(help="post-run (default), pre-run or separate.")]
Minutes = Annotated[float | None, typer.Option(help="Minutes you have (default 10).")]
Tools = Annotated[
    list[str] | None,
    typer.Option("--tool", "--tools", help="A tool you own; repeat or comma-separate."),
]
Sore = Annotated[list[str] | None, typer.Option(help="Soreness as AREA=N (0-10); repeatable.")]
Focus = Annotated[list[str] | None, typer.Option(help="An area you want worked; repeatable.")]
Age = Annotated[int | None, typer.Option(help="Your age in years.")]
Level = Annotated[str | None, typer.Option(help="beginner (default), intermediate, advanced.")]
Sedentary = Annotated[bool, typer.Option(help="A mostly seated day (office job).")]
Conditions = Annotated[
    list[str] | None, typer.Option("--condition", help="A health condition; repeatable.")
]
Symptoms = Annotated[
    list[str] | None, typer.Option("--symptom", help="A symptom you feel now; repeatable.")
]
Injuries = Annotated[
    list[str] | None,
    typer.Option("--injury", help="AREA[:SIDE]@DATE, e.g. hamstrings:left@2026-11-21."),
]
RunMinutes = Annotated[float | None, typer.Option(help="Minutes of the run just done.")]
RunKm = Annotated[float | None, typer.Option(help="Kilometres of the run just done.")]
Climb = Annotated[float | None, typer.Option("--climb", help="Metres climbed on the run.")]
Descent = Annotated[float | None, typer.Option("--descent", help="Metres descended on the run.")]
RunType = Annotated[
    str | None, typer.Option(help="easy, long, tempo, intervals, hills, trail or race.")
]
Now = Annotated[str | None, typer.Option(help="Plan as if it were this ISO date-time.")]


def read_input(source: str | None) -> dict[str, Any]:
    """The request JSON from a file or stdin; a clear one-line error otherwise."""
    if source is None:
        return {}
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"--input: cannot read {source}: {exc.strerror}") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"input: not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    if not isinstance(data, dict):
        raise InputError("input: expected a JSON object")
    return data


def split_values(values: list[str] | None) -> list[str]:
    """``--tool a,b --tool c`` -> ``[a, b, c]``."""
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def parse_soreness(values: list[str] | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for value in split_values(values):
        area, sep, level = value.partition("=")
        if not sep:
            raise InputError(f"--sore: expected AREA=N with N from 0 to 10, got '{value}'")
        try:
            out[area.strip()] = int(level)
        except ValueError as exc:
            raise InputError(
                f"--sore {area.strip()}: soreness must be a whole number 0-10"
            ) from exc
    return out


def parse_injury(value: str) -> dict[str, Any]:
    where, sep, day = value.partition("@")
    if not sep:
        raise InputError(f"--injury: expected AREA[:SIDE]@DATE, got '{value}'")
    area, _, side = where.partition(":")
    injury: dict[str, Any] = {"area": area.strip(), "date": day.strip()}
    if side:
        injury["side"] = side.strip()
    return injury


def _set(target: dict[str, Any], key: str, value: object) -> None:
    if value is not None and value != [] and value != {}:
        target[key] = value


def build_plan_request(source: str | None, **flags: Any) -> dict[str, Any]:
    """The ``--input`` JSON with any flags given laid over it."""
    req = read_input(source)
    athlete = dict(req.get("athlete") or {})
    run = dict(req.get("run") or {})
    for key in ("when", "minutes", "now"):
        _set(req, key, flags.get(key))
    _set(req, "tools", split_values(flags.get("tools")) or None)
    _set(req, "soreness", parse_soreness(flags.get("sore")))
    _set(req, "focus", split_values(flags.get("focus")))
    _set(req, "symptoms", split_values(flags.get("symptoms")))
    _set(req, "injuries", [parse_injury(v) for v in split_values(flags.get("injuries"))])
    _set(athlete, "age", flags.get("age"))
    _set(athlete, "level", flags.get("level"))
    _set(athlete, "conditions", split_values(flags.get("conditions")))
    if flags.get("sedentary"):
        athlete["sedentary"] = True
    for key, flag in (
        ("minutes", "run_minutes"),
        ("km", "run_km"),
        ("climb_m", "climb"),
        ("descent_m", "descent"),
        ("type", "run_type"),
    ):
        _set(run, key, flags.get(flag))
    _set(req, "athlete", athlete)
    _set(req, "run", run)
    return req
