"""Flags of ``rollcoach week`` alone: ``--plan DATE:TYPE[:MINUTES]``, the runs planned (REST-6)."""

from datetime import date
from difflib import get_close_matches
from typing import Annotated, Any

import typer

from rollcoach.cli.errors import InputError
from rollcoach.vocabulary import RUN_TYPES

MAX_MINUTES = 1440  # the week request's bound (models/week.py)
SHAPE = "DATE:TYPE[:MINUTES], e.g. 2026-12-05:long:100"

Plan = Annotated[
    list[str] | None,
    typer.Option(
        "--plan",
        metavar="DATE:TYPE[:MINUTES]",
        help=f"A run you plan, as {SHAPE}; repeatable. Types: {', '.join(RUN_TYPES)}.",
    ),
]


def _date(value: str, text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            f"--plan {value}: '{text}' is not a date; give it as YYYY-MM-DD ({SHAPE})"
        ) from None


def _run_type(value: str, text: str) -> str:
    typed = text.strip().lower()
    if typed in RUN_TYPES:
        return typed
    close = get_close_matches(typed, RUN_TYPES, n=1, cutoff=0.5)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    raise InputError(
        f"--plan {value}: '{text}' is not a run type{hint}; allowed: {', '.join(RUN_TYPES)}"
    )


def _minutes(value: str, text: str) -> float:
    try:
        minutes = float(text)
    except ValueError:
        minutes = float("nan")
    if not 0 < minutes <= MAX_MINUTES:  # NaN fails too
        raise InputError(
            f"--plan {value}: minutes must be a number above 0 and at most {MAX_MINUTES}, "
            f"not '{text}'"
        )
    return minutes


def parse_plans(values: list[str] | None) -> list[dict[str, Any]]:
    """Each ``--plan`` as a ``planned`` entry of the week request, or one line naming it."""
    out: list[dict[str, Any]] = []
    for value in values or []:
        parts = value.split(":")
        if len(parts) not in (2, 3):
            raise InputError(f"--plan: expected {SHAPE}, not '{value}'")
        entry: dict[str, Any] = {
            "date": _date(value, parts[0]).isoformat(),
            "type": _run_type(value, parts[1]),
        }
        if len(parts) == 3:
            entry["minutes"] = _minutes(value, parts[2])
        out.append(entry)
    return out


def add_plans(request: dict[str, Any], plans: list[dict[str, Any]], today: date) -> None:
    """Join the flags' plans to the request's own; a plan before ``today`` is named here."""
    for plan in plans:
        if date.fromisoformat(plan["date"]) < today:
            raise InputError(
                f"--plan {plan['date']}:{plan['type']}: the date is before today "
                f"({today.isoformat()}); plan from today on"
            )
    stored = request.get("planned", [])
    if plans and isinstance(stored, list):  # anything else: the engine names the field
        request["planned"] = [*stored, *plans]
