"""``checkin``, ``profile``, ``injury``, ``export`` and ``restore``: the runner's own records.

They write to the history database (``ROLLCOACH_DATABASE_URL``, else the SQLite
file in the user data folder, created on first use); ``plan``, ``week`` and ``go``
then start from it. Commands that only read never create the athlete, so a new
database stays empty for ``restore``.
"""

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from rollcoach.cli.athlete import AthleteEmail, athlete_for, stored_athlete
from rollcoach.cli.commands import JsonFlag, emit_json, open_history
from rollcoach.cli.errors import InputError
from rollcoach.cli.options import split_values
from rollcoach.history.errors import BackupRejected
from rollcoach.history.profile import Profile
from rollcoach.history.records import Checkin, ReportedInjury, StoredInjury
from rollcoach.models.plan_request import BoneStressScreen

injury_app = typer.Typer(help="Injuries: add, list, clear.")

YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}


def _level(name: str, text: str) -> int:
    try:
        return int(text)
    except ValueError as exc:
        raise InputError(f"{name}: expected a whole number, got '{text}'") from exc


def _pairs(values: list[str] | None, flag: str, what: str) -> dict[str, int]:
    """``A=N`` items (repeatable, comma-separated) as a dict."""
    out: dict[str, int] = {}
    for value in split_values(values):
        key, sep, number = value.partition("=")
        if not sep or not key.strip():
            raise InputError(f"{flag}: expected {what}, got '{value}'")
        out[key.strip()] = _level(f"{flag} {key.strip()}", number.strip())
    return out


# checkin

Levels = Annotated[
    list[str] | None, typer.Argument(metavar="AREA=N", help="How sore each area is, 0-10.")
]
Pain = Annotated[list[str] | None, typer.Option(help="AREA or AREA=N that is pain, not soreness.")]
Hooper = Annotated[str | None, typer.Option(help="1-7: sleep=N,fatigue=N,stress=N,soreness=N.")]
Recovery = Annotated[int | None, typer.Option(help="Perceived recovery status, 0-10.")]
Day = Annotated[str | None, typer.Option("--date", help="The day (ISO date); default today.")]


def checkin(
    levels: Levels = None,
    pain: Pain = None,
    hooper: Hooper = None,
    recovery: Recovery = None,
    day: Day = None,
    athlete_email: AthleteEmail = None,
    as_json: JsonFlag = False,
) -> None:
    """Record how sore each area is today (AREA=N, 0-10); --pain marks pain, not soreness."""
    soreness = _pairs(levels, "checkin", "AREA=N with N from 0 to 10")
    painful: dict[str, int] = {}
    for item in split_values(pain):
        area, sep, number = (part.strip() for part in item.partition("="))
        if not sep and area not in soreness:
            raise InputError(f"--pain {area}: give its level too, as {area}=N (0-10)")
        painful[area] = _level(f"--pain {area}", number) if sep else soreness.pop(area)
    if not (soreness or painful or hooper or recovery is not None):
        raise InputError("checkin: give at least one AREA=N (0-10), --pain, --hooper or --recovery")
    hooper_names = "sleep=N,fatigue=N,stress=N,soreness=N"
    fields: dict[str, Any] = {"soreness": soreness, "pain": painful, "recovery_status": recovery}
    fields["date"] = day if day is not None else datetime.now().astimezone().date()
    fields["hooper"] = _pairs([hooper], "--hooper", hooper_names) if hooper else None
    record = Checkin.model_validate(fields)
    with open_history() as store:
        checkin_id = store.add_checkin(athlete_for(store, athlete_email), record)
    if as_json:
        emit_json({"id": checkin_id, **record.model_dump(mode="json")})
        return
    parts = [f"{a} {n}" for a, n in record.soreness.items()]
    parts += [f"{a} {n} (pain)" for a, n in record.pain.items()]
    detail = f": {', '.join(parts)}" if parts else ""
    typer.echo(f"Check-in #{checkin_id} for {record.date.isoformat()} saved{detail}.")


# profile

Conditions = Annotated[list[str] | None, typer.Option("--condition", help="Add a condition.")]
NoConditions = Annotated[
    list[str] | None, typer.Option("--no-condition", help="Remove a condition.")
]
ProfileTools = Annotated[
    list[str] | None, typer.Option("--tool", "--tools", help="The tools you own (all of them).")
]
Screen = Annotated[list[str] | None, typer.Option(help="Bone-stress screen QUESTION=yes|no.")]
Seated = Annotated[bool | None, typer.Option("--sedentary/--active", help="Mostly seated days?")]


def _screen(values: list[str] | None) -> dict[str, bool]:
    questions = list(BoneStressScreen.model_fields)
    answers: dict[str, bool] = {}
    for value in split_values(values):
        key, _, answer = (part.strip() for part in value.partition("="))
        if key not in questions:
            raise InputError(f"--screen: unknown question '{key}' (one of: {', '.join(questions)})")
        if answer.lower() not in YES | NO:
            raise InputError(f"--screen {key}: answer yes or no, got '{answer}'")
        answers[key] = answer.lower() in YES
    return answers


def _edited(
    profile: Profile, age: int | None, level: str | None, sedentary: bool | None, **lists: Any
) -> Profile:
    data = profile.model_dump(mode="json")
    for key, value in (("age", age), ("level", level), ("sedentary", sedentary)):
        if value is not None:
            data[key] = value
    dropped = set(split_values(lists["no_conditions"]))
    added = [c for c in data["conditions"] + split_values(lists["conditions"]) if c not in dropped]
    data["conditions"] = list(dict.fromkeys(added))
    data["tools"] = split_values(lists["tools"]) or data["tools"]
    data["screen"] = {**data["screen"], **_screen(lists["screen"])}
    return Profile.model_validate(data)


def _show_profile(profile: Profile) -> None:
    table = Table(title="Your profile", show_header=False, title_justify="left")
    screen = [q.replace("_", " ") for q, yes in profile.screen.model_dump().items() if yes]
    for label, value in (
        ("Age", str(profile.age) if profile.age is not None else "not given"),
        ("Level", profile.level),
        ("Days", "mostly seated" if profile.sedentary else "active"),
        ("Conditions", ", ".join(profile.conditions) or "none"),
        ("Bone-stress screen", ", ".join(screen) or "nothing reported"),
        ("Tools", ", ".join(profile.tools) or "none"),
    ):
        table.add_row(label, value)
    Console().print(table)


def profile(
    age: Annotated[int | None, typer.Option(help="Your age in years.")] = None,
    level: Annotated[str | None, typer.Option(help="beginner, intermediate, advanced.")] = None,
    sedentary: Seated = None,
    conditions: Conditions = None,
    no_conditions: NoConditions = None,
    tools: ProfileTools = None,
    screen: Screen = None,
    athlete_email: AthleteEmail = None,
    as_json: JsonFlag = False,
) -> None:
    """Show or edit your profile: age, level, conditions, bone-stress screen, tools."""
    lists = {"conditions": conditions, "no_conditions": no_conditions, "tools": tools}
    editing = any([age is not None, level, sedentary is not None, screen, *lists.values()])
    with open_history() as store:
        if editing:
            athlete = athlete_for(store, athlete_email)
            current = _edited(
                store.get_profile(athlete), age, level, sedentary, screen=screen, **lists
            )
            store.save_profile(athlete, current)
        else:
            athlete_id = stored_athlete(store, athlete_email)
            current = Profile() if athlete_id is None else store.get_profile(athlete_id)
    if as_json:
        emit_json(current.model_dump(mode="json"))
    else:
        _show_profile(current)


# injury

Side = Annotated[str, typer.Option(help="left, right or both.")]
Since = Annotated[
    str | None, typer.Option("--date", help="When it happened (ISO date or date-time); now.")
]
Signs = Annotated[list[str] | None, typer.Option("--sign", help="redness or swelling; repeatable.")]


def _injury_json(stored: StoredInjury) -> dict[str, Any]:
    cleared = stored.cleared_at.isoformat() if stored.cleared_at is not None else None
    return {"id": stored.id, **stored.injury.model_dump(mode="json"), "cleared_at": cleared}


@injury_app.callback(invoke_without_command=True)
def injury(ctx: typer.Context) -> None:
    """Injuries: add, list, clear."""
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())


@injury_app.command("add")
def injury_add(
    area: Annotated[str, typer.Argument(help="The injured area or pain site.")],
    side: Side = "both",
    since: Since = None,
    signs: Signs = None,
    athlete_email: AthleteEmail = None,
    as_json: JsonFlag = False,
) -> None:
    """Record an injury: its area stays out of plans for 72 hours, then gentle only."""
    when = since if since is not None else datetime.now().astimezone().isoformat("T", "seconds")
    injury = ReportedInjury.model_validate(
        {"area": area, "side": side, "date": when, "signs": split_values(signs)}
    )
    with open_history() as store:
        injury_id = store.add_injury(athlete_for(store, athlete_email), injury)
    if as_json:
        emit_json({"id": injury_id, **injury.model_dump(mode="json")})
        return
    typer.echo(f"Injury #{injury_id} recorded: {injury.area} ({injury.side}), since {when}.")


@injury_app.command("list")
def injury_list(
    show_all: Annotated[bool, typer.Option("--all", help="Cleared injuries too.")] = False,
    athlete_email: AthleteEmail = None,
    as_json: JsonFlag = False,
) -> None:
    """Your injuries, oldest first (open ones only unless --all)."""
    with open_history() as store:
        athlete = stored_athlete(store, athlete_email)
        found = [] if athlete is None else store.list_injuries(athlete, include_cleared=show_all)
    rows = [_injury_json(stored) for stored in found]
    if as_json:
        emit_json(rows)
        return
    table = Table("ID", "Area", "Side", "Since", "Signs", "Cleared", title="Injuries")
    for row in rows:
        cells = (row["id"], row["area"], row["side"], row["date"], row["signs"], row["cleared_at"])
        table.add_row(*(", ".join(c) if isinstance(c, list) else str(c or "-") for c in cells))
    Console().print(table if rows else "No injuries on record.")


@injury_app.command("clear")
def injury_clear(
    injury_id: Annotated[int, typer.Argument(metavar="ID", help="The injury's ID (see list).")],
    athlete_email: AthleteEmail = None,
) -> None:
    """Mark an injury healed: it no longer shapes plans (it stays on record)."""
    with open_history() as store:
        athlete = stored_athlete(store, athlete_email)
        cleared = athlete is not None and store.clear_injury(athlete, injury_id)
    if not cleared:
        raise InputError(f"ID: no injury {injury_id} (see `rollcoach injury list`)")
    typer.echo(f"Injury #{injury_id} cleared.")


# export and restore

BackupFile = Annotated[
    str, typer.Argument(metavar="FILE", help="Backup JSON file, or - for stdio.")
]


def export(file: BackupFile = "-") -> None:
    """Write a complete JSON backup of your history (FILE, or - for stdout)."""
    with open_history() as store:
        text = json.dumps(store.export_all(), indent=2, ensure_ascii=False)
    if file == "-":
        typer.echo(text)
        return
    try:
        Path(file).write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"FILE: cannot write {file}: {exc.strerror}") from exc
    typer.echo(f"Backup written to {file}.")


def restore(file: BackupFile) -> None:
    """Restore a JSON backup (from ``export``) into an empty database."""
    try:
        text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
        backup = json.loads(text)
    except OSError as exc:
        raise InputError(f"FILE: cannot read {file}: {exc.strerror}") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"FILE: {file} is not a JSON backup ({exc})") from exc
    if not isinstance(backup, dict):
        raise InputError(f"FILE: {file} is not a rollcoach history backup")
    with open_history() as store:
        if any(store.export_all()["tables"].values()):
            raise InputError(
                "restore: this database already holds records; a backup goes into an empty "
                "database only (point ROLLCOACH_DATABASE_URL at a new one)"
            )
        try:
            store.restore_all(backup)
        except BackupRejected as exc:
            raise InputError(f"restore: {exc}") from exc
    counts = ", ".join(f"{len(rows)} {name}" for name, rows in backup["tables"].items())
    typer.echo(f"Restored {file}: {counts}.")
