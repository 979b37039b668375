"""The plan request of spec/interface.md, validated with clear field errors."""

from datetime import UTC, date, datetime, time
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo, field_validator

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


class BySide(Request):
    """A 0-10 level per side; a bare number in a request means both sides."""

    left: Soreness = 0
    right: Soreness = 0

    @property
    def worst(self) -> int:
        return max(self.left, self.right)

    def on(self, side: str) -> int:
        """The level on ``side``; "both" reads the worse of the two."""
        return self.worst if side == "both" else (self.left if side == "left" else self.right)


def _both_sides(value: object) -> object:
    """``6`` and ``{"left": 6, "right": 6}`` say the same thing.

    A bare number out of range is named here, at the site, not at a side it never had.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        if not 0 <= value <= 10:
            raise ValueError(f"must be a whole number from 0 to 10, not {value}")
        return {"left": value, "right": value}
    return value


SideLevels = Annotated[BySide, BeforeValidator(_both_sides)]

SCREEN_QUESTIONS = ("bony_tenderness", "prior_bone_stress", "high_arch", "volume_jump")


class BoneStressScreen(Request):
    """SAFE-4's four-question screen plus the one-leg hop test; ``None`` is unanswered."""

    bony_tenderness: bool | None = None
    prior_bone_stress: bool | None = None
    high_arch: bool | None = None
    volume_jump: bool | None = None
    hop_pain: bool | None = None

    @property
    def answered(self) -> bool:
        """Every scoring question has an answer: from then on the screen decides (SAFE-4)."""
        return all(getattr(self, item) is not None for item in SCREEN_QUESTIONS)


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
    soreness: dict[PainSite, SideLevels] = Field(default_factory=dict)
    pain: dict[PainSite, SideLevels] = Field(default_factory=dict)
    run: RunDone | None = None
    focus: list[PainSite] = Field(default_factory=list)
    checkins: list[PainCheckin] = Field(default_factory=list)
    sharp_pain_stops: list[SharpPainStop] = Field(default_factory=list)

    @field_validator("injuries")
    @classmethod
    def _not_in_the_future(cls, injuries: list[Injury], info: ValidationInfo) -> list[Injury]:
        """SAFE-5: an injury dated after ``now`` is a typo, not a plan to get hurt."""
        now = info.data.get("now") or datetime.now(UTC)
        now = now if now.tzinfo else now.replace(tzinfo=UTC)
        for index, injury in enumerate(injuries):
            # In UTC: two times in one zone compare by wall clock, wrong across a DST change.
            if _starts(injury.date, now).astimezone(UTC) > now.astimezone(UTC):
                raise ValueError(
                    f"injury {index} ({injury.area}) is dated {injury.date.isoformat()}, "
                    f"after now ({now.isoformat(timespec='minutes')}); give the day it happened"
                )
        return injuries

    def soreness_at(self, site: str, side: str = "both") -> int:
        """Soreness 0-10 at any site name and side (0 when not reported)."""
        return _level(self.soreness, site, side)

    def pain_at(self, site: str, side: str = "both") -> int:
        """Pain now 0-10 at any site name and side (SAFE-12; 0 when not reported)."""
        return _level(self.pain, site, side)


def _level(levels: dict[Any, BySide], site: str, side: str) -> int:
    found = levels.get(site)
    return found.on(side) if found is not None else 0


def _starts(value: date | datetime, now: datetime) -> datetime:
    """When an injury happened at the earliest: a bare date from that day's start."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.combine(value, time.min, tzinfo=now.tzinfo)
