"""The plan response of spec/interface.md."""

from typing import Literal

from pydantic import ConfigDict, Field

from rollcoach.models.base import CompactResponse, Response
from rollcoach.vocabulary import Pressure, Side, When

AfterKind = Literal["stretch", "hydrate", "refuel", "active-recovery", "sleep"]
CuePhase = Literal["set-up", "passes", "find-spot", "hold", "ease", "switch"]


class TimedCue(Response):
    """A cue and the second of the step at which a guided session shows it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    at: int
    phase: CuePhase
    text: str


class Step(Response):
    order: int
    area: str
    side: Side
    tool: str
    seconds: int
    pressure: Pressure
    hold_seconds: int
    speed_cm_s: float
    cues: list[str]
    why: list[str]
    rules: list[str]
    name: str = ""
    tool_name: str = ""
    sensitive: bool = False
    timeline: list[TimedCue] = Field(default_factory=list)


class Exclusion(CompactResponse):
    area: str
    side: Side | None = None
    reason: str
    rules: list[str]
    instead: list[str] | None = None
    hours_left: int | None = None
    tools: list[str] | None = None


class Warning(Response):
    code: str
    message: str
    rules: list[str]


class BeforeStep(Response):
    kind: Literal["walk", "warm-up"]
    minutes: int
    text: str
    rules: list[str]


class AfterStep(CompactResponse):
    kind: AfterKind
    areas: list[str] | None = None
    text: str
    details: list[str] | None = None
    rules: list[str]


class RefusalReason(Response):
    code: str
    message: str
    rules: list[str]


class Refusal(Response):
    reasons: list[RefusalReason]
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
