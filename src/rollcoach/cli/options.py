"""Command-line flags shared by ``plan`` and ``go``, and how they build a request."""

import json
import sys
from pathlib import Path
from typing import Annotated, Any, get_args

import typer

from rollcoach.cli.errors import InputError, not_one_of, quoted
from rollcoach.vocabulary import (
    CONDITIONS,
    LEVELS,
    PAIN_SITES,
    RUN_TYPES,
    SYMPTOMS,
    TOOLS,
    Side,
)
from rollcoach.vocabulary import When as WhenId

InputFile = Annotated[
    str | None, typer.Option("--input", "-i", help="Request JSON file, or - for stdin.")
]
When = Annotated[str | None, typer.Option(help="post-run (default), pre-run or separate.")]
Minutes = Annotated[float | None, typer.Option(help="Minutes you have (default 10).")]
Tools = Annotated[
    list[str] | None,
    typer.Option("--tool", "--tools", help="A tool you own; repeat or comma-separate."),
]
Sore = Annotated[
    list[str] | None,
    typer.Option(help="Soreness as AREA[:SIDE]=N (0-10), e.g. calves:left=6; repeatable."),
]
Pain = Annotated[
    list[str] | None,
    typer.Option(help="Pain (not soreness) now, as AREA[:SIDE]=N; kept off the plan today."),
]
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


AREA = ("area", "areas", PAIN_SITES)
KINDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "--sore": AREA,
    "--pain": AREA,
    "--focus": AREA,
    "--injury": AREA,
    "--tools": ("tool", "tools", TOOLS),
    "--when": ("session time", "session times", get_args(WhenId)),
    "--level": ("level", "levels", LEVELS),
    "--condition": ("condition", "conditions", CONDITIONS),
    "--symptom": ("symptom", "symptoms", SYMPTOMS),
    "--run-type": ("run type", "run types", RUN_TYPES),
}
SIDES: tuple[str, ...] = get_args(Side)
LEVEL_RANGE = range(11)


def checked(flag: str, value: str) -> str:
    """``value`` when it is one of the IDs ``flag`` takes; else one line with the nearest ID."""
    noun, plural, choices = KINDS[flag]
    if value not in choices:
        raise not_one_of(flag, value, noun, choices, plural)
    return value


def _side(flag: str, value: str) -> str:
    if value not in SIDES:
        raise not_one_of(flag, value, "side", SIDES)
    return value


def parse_levels(flag: str, values: list[str] | None) -> dict[str, Any]:
    """``--sore calves:left=6 --sore quadriceps=4`` -> ``{"calves": {"left": 6}, "quadriceps": 4}``.

    A bare ``AREA=N`` (or side ``both``) is both sides; later values win per side.
    """
    sides: dict[str, dict[str, int]] = {}
    for value in split_values(values):
        where, sep, number = value.partition("=")
        if not sep:
            raise InputError(
                f"{flag}: expected AREA[:SIDE]=N with N from 0 to 10, got {quoted(value)}"
            )
        area, _, side = (part.strip() for part in where.partition(":"))
        checked(flag, area)
        side = _side(flag, side) if side else "both"
        try:
            level = int(number)
        except ValueError:
            level = -1
        if level not in LEVEL_RANGE:
            raise InputError(
                f"{flag}: {quoted(value)}: the level must be a whole number from 0 to 10"
            )
        for one in ("left", "right") if side == "both" else (side,):
            sides.setdefault(area, {})[one] = level
    return {area: _compact(levels) for area, levels in sides.items()}


def _compact(levels: dict[str, int]) -> int | dict[str, int]:
    """Both sides alike read back as the bare number a runner would type."""
    if levels.keys() == {"left", "right"} and levels["left"] == levels["right"]:
        return levels["left"]
    return levels


def merge_levels(
    base: object, extra: dict[str, Any], *, keep_worse: bool = False
) -> dict[str, Any]:
    """Per-site levels ``extra`` laid over ``base``, side by side (a bare number is both).

    With ``keep_worse`` (pain, which protects), a side keeps the higher of the two.
    """
    out = dict(base) if isinstance(base, dict) else {}
    for area, levels in extra.items():
        old, new = _sided(out.get(area)), _sided(levels)
        if old is None or new is None:
            out[area] = levels
            continue
        if keep_worse:
            new = {side: _worse(level, old.get(side)) for side, level in new.items()}
        out[area] = _compact({**old, **new})
    return out


def _worse(level: object, stored: object) -> object:
    if isinstance(level, int) and isinstance(stored, int):
        return max(level, stored)
    return level


def _sided(value: object) -> dict[str, Any] | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return {"left": value, "right": value}
    return dict(value) if isinstance(value, dict) else None


def parse_injury(value: str) -> dict[str, Any]:
    where, sep, day = value.partition("@")
    if not sep:
        raise InputError(f"--injury: expected AREA[:SIDE]@DATE, got {quoted(value)}")
    area, _, side = (part.strip() for part in where.partition(":"))
    injury: dict[str, Any] = {"area": checked("--injury", area), "date": day.strip()}
    if side:
        injury["side"] = _side("--injury", side)
    return injury


def _ids(flag: str, values: list[str] | None) -> list[str]:
    return [checked(flag, value) for value in split_values(values)]


def _set(target: dict[str, Any], key: str, value: object) -> None:
    if value is not None and value != [] and value != {}:
        target[key] = value


def build_plan_request(source: str | None, **flags: Any) -> dict[str, Any]:
    """The ``--input`` JSON with any flags given laid over it (soreness and pain per side)."""
    req = read_input(source)
    athlete = dict(req.get("athlete") or {})
    run = dict(req.get("run") or {})
    for key in ("minutes", "now"):
        _set(req, key, flags.get(key))
    if flags.get("when") is not None:
        req["when"] = checked("--when", flags["when"])
    _set(req, "tools", _ids("--tools", flags.get("tools")) or None)
    for key, flag in (("soreness", "sore"), ("pain", "pain")):
        levels = parse_levels(f"--{flag}", flags.get(flag))
        if levels:
            req[key] = merge_levels(req.get(key), levels, keep_worse=key == "pain")
    _set(req, "focus", _ids("--focus", flags.get("focus")))
    _set(req, "symptoms", _ids("--symptom", flags.get("symptoms")))
    _set(req, "injuries", [parse_injury(v) for v in split_values(flags.get("injuries"))])
    _set(athlete, "age", flags.get("age"))
    if flags.get("level") is not None:
        athlete["level"] = checked("--level", flags["level"])
    _set(athlete, "conditions", _ids("--condition", flags.get("conditions")))
    if flags.get("sedentary"):
        athlete["sedentary"] = True
    if flags.get("run_type") is not None:
        run["type"] = checked("--run-type", flags["run_type"])
    for key, flag in (
        ("minutes", "run_minutes"),
        ("km", "run_km"),
        ("climb_m", "climb"),
        ("descent_m", "descent"),
    ):
        _set(run, key, flags.get(flag))
    _set(req, "athlete", athlete)
    _set(req, "run", run)
    return req
