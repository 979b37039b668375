"""Models for the planner's numbers and words (dose, messages, week files)."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from rollcoach.knowledge.schema import RuleId, Strict
from rollcoach.vocabulary import Level, Pressure, RunType

PickKind = Literal["very-sore", "sore", "asked", "chain", "run", "core", "extra"]


class PreRunDose(Strict):
    seconds: int = Field(ge=20, le=30)
    min_seconds: int = Field(ge=20, le=30)
    max_seconds: int = Field(ge=20, le=30)


class SetupSeconds(Strict):
    """DOSE-11: what moving costs before a step's clock starts."""

    first: int = Field(ge=0, le=60)  # getting down on the floor with the tool
    position: int = Field(ge=0, le=60)  # a new body position
    move: int = Field(ge=0, le=60)  # same position, another muscle or tool
    side: int = Field(ge=0, le=30)  # the same muscle, the other side


class DoseData(Strict):
    default_minutes: float = Field(gt=0)
    speed_cm_s: float = Field(gt=0)
    hold_seconds: int = Field(ge=20, le=90)
    min_seconds: int = Field(ge=30, le=120)
    max_seconds: int = Field(ge=30, le=120)
    sore_from: int = Field(ge=1, le=10)
    very_sore_from: int = Field(ge=1, le=10)
    gentle_from: int = Field(ge=1, le=10)
    step_seconds: dict[PickKind, int]
    pre_run: PreRunDose
    level_pressure: dict[Level, Pressure]
    hunt_seconds: int = Field(ge=0, le=30)  # DOSE-9: finding the spot after a full pass
    lead_in_seconds: int = Field(ge=0, le=10)  # reading the set-up cue before the first pass
    setup: SetupSeconds
    stretch_seconds: int = Field(ge=15, le=60)  # CARE-1, per side


class Refusal(Strict):
    rules: list[RuleId] = Field(min_length=1)
    message: str
    advice: str


class RuledText(Strict):
    rules: list[RuleId] = Field(min_length=1)
    message: str


class BeforeItem(Strict):
    kind: Literal["walk", "warm-up"]
    minutes: int = Field(ge=1)
    rules: list[RuleId] = Field(min_length=1)
    text: str


class AfterText(Strict):
    rules: list[RuleId] = Field(min_length=1)
    text: str


class MessagesData(Strict):
    refusals: dict[str, Refusal]
    advice: dict[str, str]
    screen_items: dict[str, str]
    exclusions: dict[str, str]
    warnings: dict[str, RuledText]
    stop_signs: list[str] = Field(min_length=1)
    step_cues: dict[str, str]
    pressure_why: dict[str, str]
    before: dict[str, BeforeItem]
    after: dict[str, AfterText]


class WeekSettings(BaseModel):
    """Thresholds of the week planner; a request may override any of them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    masters_age: int = Field(ge=0, le=120)
    long_minutes: float = Field(gt=0)
    very_long_minutes: float = Field(gt=0)
    very_long_km: float = Field(gt=0)
    marathon_km: float = Field(gt=0)
    light_days_after_long: int = Field(ge=0, le=3)
    min_recovery_days: int = Field(ge=0, le=7)
    roll_min: int = Field(ge=0, le=7)
    roll_max: int = Field(ge=0, le=7)
    spike_over: float = Field(ge=0)
    spike_window_days: int = Field(ge=1)
    ratio_warn: float = Field(gt=0)
    acute_days: int = Field(ge=1)
    chronic_days: int = Field(ge=1)
    history_days: int = Field(ge=1)


class SpikeBand(Strict):
    above: float
    label: str
    hazard_ratio: float


class WeekData(Strict):
    settings: WeekSettings
    type_effort: dict[RunType, float]
    spike_bands: list[SpikeBand] = Field(min_length=1)
    run_names: dict[RunType, str]  # "tempo" -> "tempo run", for the texts of the week
    texts: dict[str, str]
    warnings: dict[str, RuledText]
