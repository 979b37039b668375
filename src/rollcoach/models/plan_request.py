"""The plan request of spec/interface.md, validated with clear field errors."""

from datetime import date, datetime
from typing import Annotated, cast

from pydantic import AfterValidator, BeforeValidator, Field

from rollcoach.models.base import CalendarMoment, Request, parse_day_or_moment, within_calendar
from rollcoach.vocabulary import (
    Condition,
    InjurySign,
    Level,
    PainSite,
    RunType,
    Side,
    Symptom,
    Tool,
    When,
)

# datetime first: pydantic would also read a midnight date-time string as a bare date.
DEFAULT_MINUTES = 10  # spec/interface.md: a plan fills 10 minutes unless asked otherwise

DayOrMoment = Annotated[
    datetime | date, BeforeValidator(parse_day_or_moment), AfterValidator(within_calendar)
]
Soreness = Annotated[int, Field(ge=0, le=10)]


class BoneStressScreen(Request):
    """SAFE-4's four-question screen plus the one-leg hop test."""

    bony_tenderness: bool = False
    prior_bone_stress: bool = False
    high_arch: bool = False
    volume_jump: bool = False
    hop_pain: bool = False


class Athlete(Request):
    age: int | None = Field(default=None, ge=5, le=110)
    level: Level = "beginner"
    sedentary: bool = False
    conditions: list[Condition] = Field(default_factory=list)
    screen: BoneStressScreen = Field(default_factory=BoneStressScreen)


class Injury(Request):
    area: PainSite
    side: Side = "both"
    date: DayOrMoment
    signs: list[InjurySign] = Field(default_factory=list)


class RunDone(Request):
    minutes: float | None = Field(default=None, ge=0, le=1440)
    km: float | None = Field(default=None, ge=0, le=500)
    climb_m: float | None = Field(default=None, ge=0, le=20000)
    descent_m: float | None = Field(default=None, ge=0, le=20000)
    type: RunType = "easy"


class PainCheckin(Request):
    """A past check-in's pain per site; feeds SAFE-11 (repeated pain site)."""

    date: DayOrMoment
    pain: dict[PainSite, Soreness]


class SharpPainStop(Request):
    """A guided session stopped for sharp pain in ``area`` (SAFE-11)."""

    date: DayOrMoment
    area: PainSite


DEFAULT_TOOLS: tuple[Tool, ...] = ("foam-roller",)


class PlanRequest(Request):
    when: When = "post-run"
    minutes: float = Field(default=DEFAULT_MINUTES, gt=0, le=180)
    now: CalendarMoment | None = None
    tools: list[Tool] = Field(default_factory=lambda: list(DEFAULT_TOOLS))
    athlete: Athlete = Field(default_factory=Athlete)
    injuries: list[Injury] = Field(default_factory=list)
    symptoms: list[Symptom] = Field(default_factory=list)
    soreness: dict[PainSite, Soreness] = Field(default_factory=dict)
    run: RunDone | None = None
    focus: list[PainSite] = Field(default_factory=list)
    checkins: list[PainCheckin] = Field(default_factory=list)
    sharp_pain_stops: list[SharpPainStop] = Field(default_factory=list)

    def soreness_at(self, site: str) -> int:
        """Soreness 0-10 at any site name (0 when not reported)."""
        return cast(dict[str, int], self.soreness).get(site, 0)
