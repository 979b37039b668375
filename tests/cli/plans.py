"""Hand-built plans for the CLI tests: what the player and the plan view must show, whatever
the engine happens to plan today."""

from collections.abc import Sequence
from typing import Any

from rollcoach.models import PlanResponse
from rollcoach.models.plan_response import AfterStep, Step, Stretch, TimedCue
from rollcoach.vocabulary import Position, Side

STOP_SIGNS = [
    "Stop at once if you feel numbness, tingling, or sharp, shooting or radiating pain.",
    "If pain, swelling, redness that lingers or bruising follow a session, stop and go lighter.",
]
NAMES = {"calves": "Calves", "hamstrings": "Hamstrings", "quadriceps": "Quadriceps"}


def step(
    order: int,
    area: str,
    side: Side,
    *,
    seconds: int = 60,
    position: Position = "seated",
    setup_seconds: int = 0,
    setup: str = "",
) -> Step:
    """One step with a timeline like the engine's: set-up cue, passes, hunt, hold, ease."""
    name = NAMES.get(area, area.capitalize())
    timeline = (
        TimedCue(at=0, phase="set-up", text=f"Settle the {name.lower()} on the roller."),
        TimedCue(at=5, phase="passes", text=f"Roll the whole {name.lower()} slowly, end to end."),
        TimedCue(at=25, phase="find-spot", text="Look for the most tender spot."),
        TimedCue(at=30, phase="hold", text="Rest on it and breathe out slowly."),
        TimedCue(at=seconds - 5, phase="ease", text="Ease off and roll lightly."),
    )
    return Step(
        order=order,
        area=area,
        side=side,
        tool="foam-roller",
        seconds=seconds,
        pressure="moderate",
        hold_seconds=30,
        speed_cm_s=2.5,
        cues=tuple(c.text for c in timeline),
        why=(f"You marked the {name.lower()} sore.",),
        rules=("DOSE-1", "DOSE-9"),
        name=name,
        tool_name="Foam roller",
        timeline=timeline,
        position=position,
        setup_seconds=setup_seconds,
        setup=setup,
    )


def stretch(area: str, side: Side, seconds: int = 30) -> Stretch:
    name = NAMES.get(area, area.capitalize())
    return Stretch(
        area=area,
        side=side,
        seconds=seconds,
        text=f"Lean gently into the {name.lower()} stretch and hold it still.",
        rules=("CARE-1",),
        name=f"{name} stretch",
        position="standing",
    )


def plan(steps: list[Step], stretches: Sequence[Stretch] = (), **fields: Any) -> PlanResponse:
    total = sum(s.seconds for s in steps)
    data: dict[str, Any] = {
        "status": "ok",
        "when": "post-run",
        "total_seconds": total,
        "steps": steps,
        "excluded": [],
        "warnings": [],
        "before": [],
        "after": [AfterStep(kind="hydrate", text="Drink some water.", rules=("CARE-3",))],
        "stop_signs": STOP_SIGNS,
        "refusal": None,
        "session_seconds": total + sum(s.setup_seconds for s in steps),
        "stretches": list(stretches),
        **fields,
    }
    return PlanResponse(**data)


def floor_plan(seconds: int = 60) -> PlanResponse:
    """Two positions, a set-up pause before each of them and a side switch; then stretches."""
    calf, thigh = (
        "Sit tall, roller under the left calf",
        "Lie face down, roller under the left thigh",
    )
    return plan(
        [
            step(1, "calves", "left", seconds=seconds, setup_seconds=10, setup=calf),
            step(2, "calves", "right", seconds=seconds, setup_seconds=5),
            step(
                3,
                "quadriceps",
                "left",
                seconds=seconds,
                position="face-down",
                setup_seconds=15,
                setup=thigh,
            ),
            step(4, "quadriceps", "right", seconds=seconds, position="face-down"),
        ],
        [stretch("calves", "left"), stretch("calves", "right"), stretch("quadriceps", "left")],
    )


def short_plan() -> PlanResponse:
    """Two 45-second steps and nothing else: the player's plain path."""
    return plan([step(1, "calves", "left", seconds=45), step(2, "calves", "right", seconds=45)])
