"""``rollcoach go``: plan a session, then guide it step by step in the terminal.

The plan is built like ``rollcoach plan``'s (stored history as the base unless
``--input`` or ``--no-history``), or read back from a saved ``rollcoach plan
--json`` with ``--from-plan`` (the same session again, or one planned earlier,
exactly as it was planned). When a database is in use, the session is
recorded as it went: the plan, the steps done and skipped, and whether it was
stopped early (quit or sharp pain) and in which step, so that a sharp-pain stop
keeps that area out of the next plans (SAFE-11).
"""

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console

from rollcoach import api
from rollcoach.cli import options as o
from rollcoach.cli.commands import NoHistory, history_url, moment, open_history, plan_request
from rollcoach.cli.errors import InputError, describe_validation
from rollcoach.cli.player import play
from rollcoach.cli.render_plan import refusal_panel
from rollcoach.cli.session_view import Outcome
from rollcoach.history.records import SessionRecord
from rollcoach.models import PlanResponse

Speed = Annotated[
    float, typer.Option(min=0.1, max=1000, help="Run the clock N times faster (demos, tests).")
]
Sound = Annotated[bool, typer.Option(help="Ring the terminal bell at each change.")]
FromPlan = Annotated[
    Path | None,
    typer.Option(
        "--from-plan",
        help="Guide a saved plan (the output of `rollcoach plan --json`) instead of planning now.",
        dir_okay=False,
    ),
]

SINGULAR_FLAGS = {"conditions": "--condition", "symptoms": "--symptom", "injuries": "--injury"}


def saved_plan(path: Path, flags: dict[str, Any]) -> PlanResponse:
    """A plan saved by ``rollcoach plan --json``, guided exactly as it was planned."""
    given = sorted(k for k, v in flags.items() if v not in (None, False, []))
    if given:
        flag = SINGULAR_FLAGS.get(given[0], "--" + given[0].replace("_", "-"))
        raise InputError(f"--from-plan: a saved plan is guided as it is; leave out {flag}")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"--from-plan: cannot read {path}: {exc.strerror}") from exc
    try:
        return PlanResponse.model_validate_json(text)
    except ValidationError as exc:
        raise InputError(describe_validation(exc, prefix="--from-plan: ")) from exc


def session_record(plan: PlanResponse, outcome: Outcome, started_at: datetime) -> SessionRecord:
    """What the history keeps of a guided session."""
    stopped = outcome.status != "done"
    return SessionRecord(
        started_at=started_at,
        plan=plan.model_dump(mode="json"),
        steps_done=outcome.steps_done,
        steps_skipped=outcome.steps_skipped,
        stopped_early=stopped,
        stop_reason=outcome.status if stopped else None,
        stopped_at_step=outcome.stopped_at if stopped else None,
    )


def record(url: str, session: SessionRecord) -> None:
    with open_history(url) as store:
        store.record_session(store.default_athlete(), session)


def go(
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
    speed: Speed = 1.0,
    sound: Sound = True,
    no_history: NoHistory = False,
    from_plan: FromPlan = None,
) -> int:
    """A guided session: set-up pauses, countdowns, timed cues, stretches, pause/skip/quit, stop."""
    skip = {"skip", "input_file", "speed", "sound", "no_history", "from_plan"}
    flags = {k: v for k, v in locals().items() if k not in skip}
    if from_plan is not None:
        # --now still says when the session is kept; every other plan flag is refused
        asked = {k: v for k, v in flags.items() if k != "now"}
        response = saved_plan(from_plan, {**asked, "input": input_file})
    else:
        request, _ = plan_request(input_file, no_history, flags)
        response = api.plan(request)
    console = Console()
    if response.refusal is not None:
        console.print(refusal_panel(response.refusal))
        return 0
    # --now plans as if it were then; the session is kept at that time too.
    started_at = moment(now) if now is not None else datetime.now(UTC)
    outcome = play(response, console=console, speed=speed, sound=sound)
    url = None if no_history else history_url()
    if url is not None and response.steps:
        record(url, session_record(response, outcome, started_at))
    return 0 if outcome.status in {"done", "quit", "sharp-pain"} else 1
