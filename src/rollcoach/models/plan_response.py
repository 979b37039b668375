"""The plan response of spec/interface.md."""

from typing import Literal

from pydantic import ConfigDict, Field

from rollcoach.models.base import CompactResponse, Response
from rollcoach.vocabulary import Position, Pressure, Side, When

AfterKind = Literal["stretch", "hydrate", "refuel", "active-recovery", "sleep", "warm-up"]
FROZEN = ConfigDict(extra="forbid", frozen=True)
CuePhase = Literal["set-up", "passes", "find-spot", "hold", "ease", "switch"]


class TimedCue(Response):
    """A cue and the second of the step at which a guided session shows it."""

    model_config = FROZEN

    at: int
    phase: CuePhase
    text: str


class Step(Response):
    """One side of one area. Immutable (arrays are tuples), so equal steps can be shared."""

    model_config = FROZEN

    order: int
    area: str
    side: Side
    tool: str
    seconds: int
    pressure: Pressure
    hold_seconds: int
    speed_cm_s: float
    cues: tuple[str, ...]
    why: tuple[str, ...]
    rules: tuple[str, ...]
    name: str = ""
    tool_name: str = ""
    sensitive: bool = False
    timeline: tuple[TimedCue, ...] = ()
    position: Position = "seated"
    setup_seconds: int = 0
    setup: str = ""  # what to do in the set-up pause: where to lie and put the tool


class Stretch(Response):
    """One side of one guided static stretch after the rolling (CARE-1)."""

    model_config = FROZEN

    area: str
    side: Side
    seconds: int
    text: str
    rules: tuple[str, ...]
    name: str = ""
    position: Position = "standing"


class Exclusion(CompactResponse):
    model_config = FROZEN

    area: str
    side: Side | None = None
    reason: str
    rules: tuple[str, ...]
    instead: tuple[str, ...] | None = None
    hours_left: int | None = None
    tools: tuple[str, ...] | None = None


class Warning(Response):
    model_config = FROZEN

    code: str
    message: str
    rules: tuple[str, ...]


class BeforeStep(Response):
    model_config = FROZEN

    kind: Literal["walk", "warm-up"]
    minutes: int
    text: str
    rules: tuple[str, ...]


class AfterStep(CompactResponse):
    model_config = FROZEN

    kind: AfterKind
    areas: tuple[str, ...] | None = None
    text: str
    details: tuple[str, ...] | None = None
    rules: tuple[str, ...]


class RefusalReason(Response):
    model_config = FROZEN

    code: str
    message: str
    rules: tuple[str, ...]


class Refusal(Response):
    model_config = FROZEN

    reasons: tuple[RefusalReason, ...]
    advice: str


class PlanResponse(Response):
    status: Literal["ok", "refused"]
    when: When
    total_seconds: int
    steps: list[Step]
    excluded: list[Exclusion]
    warnings: list[Warning]
    before: list[BeforeStep]
    after: list[AfterStep]
    stop_signs: list[str]
    refusal: Refusal | None
    session_seconds: int = 0  # total_seconds + every step's setup_seconds (DOSE-11)
    stretches: list[Stretch] = Field(default_factory=list)
