"""``rollcoach go``: plan a session, then guide it step by step in the terminal."""

from typing import Annotated

import typer
from rich.console import Console

from rollcoach import api
from rollcoach.cli import options as o
from rollcoach.cli.player import play
from rollcoach.cli.render_plan import refusal_panel

Speed = Annotated[
    float, typer.Option(min=0.1, max=1000, help="Run the clock N times faster (demos, tests).")
]
Sound = Annotated[bool, typer.Option(help="Ring the terminal bell at each change.")]


def go(
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
    speed: Speed = 1.0,
    sound: Sound = True,
) -> int:
    """A guided session: countdowns, cues at the right moments, pause/skip/quit, sharp-pain stop."""
    flags = {k: v for k, v in locals().items() if k not in {"input_file", "speed", "sound"}}
    response = api.plan(o.build_plan_request(input_file, **flags))
    console = Console()
    if response.refusal is not None:
        console.print(refusal_panel(response.refusal))
        return 0
    outcome = play(response, console=console, speed=speed, sound=sound)
    return 0 if outcome.status in {"done", "quit", "sharp-pain"} else 1
