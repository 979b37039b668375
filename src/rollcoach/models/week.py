"""The week request and response of spec/interface.md."""

import datetime as dt

from pydantic import Field, ValidationInfo, field_validator

from rollcoach.models.base import CalendarDay, Request, Response
from rollcoach.vocabulary import DayKind, RunType


class WeekAthlete(Request):
    age: int | None = Field(default=None, ge=5, le=110)
    max_hr: int | None = Field(default=None, ge=100, le=240)
    rest_hr: int | None = Field(default=None, ge=25, le=120)


class WeekRun(Request):
    date: CalendarDay
    minutes: float = Field(ge=0, le=1440)
    km: float | None = Field(default=None, ge=0, le=500)
    type: RunType = "easy"
    rpe: float | None = Field(default=None, ge=0, le=10)
    avg_hr: int | None = Field(default=None, ge=30, le=240)


class WeekPlanned(Request):
    """A run the athlete intends (REST-6); length optional, since plans are often rough."""

    date: CalendarDay
    type: RunType
    minutes: float | None = Field(default=None, gt=0, le=1440)
    km: float | None = Field(default=None, gt=0, le=500)


class SettingsOverride(Request):
    """Any of the week planner's thresholds (see knowledge/data/week.yaml)."""

    masters_age: int | None = Field(default=None, ge=0, le=120)
    long_minutes: float | None = Field(default=None, gt=0)
    very_long_minutes: float | None = Field(default=None, gt=0)
    very_long_km: float | None = Field(default=None, gt=0)


class WeekRequest(Request):
    today: CalendarDay | None = None
    athlete: WeekAthlete = Field(default_factory=WeekAthlete)
    runs: list[WeekRun] = Field(default_factory=list)
    planned: list[WeekPlanned] = Field(default_factory=list)
    settings: SettingsOverride = Field(default_factory=SettingsOverride)

    @field_validator("planned")
    @classmethod
    def _from_today_on(cls, planned: list[WeekPlanned], info: ValidationInfo) -> list[WeekPlanned]:
        """A planned run before today is a typo: what was run belongs in ``runs``."""
        today = info.data.get("today") or dt.date.today()  # noqa: DTZ011
        for index, run in enumerate(planned):
            if run.date < today:
                raise ValueError(
                    f"planned run {index} ({run.type}) is dated {run.date.isoformat()}, "
                    f"before today ({today.isoformat()}); plan from today on, "
                    "or list a run already done under runs"
                )
        return planned


class Day(Response):
    date: dt.date
    kind: DayKind
    easy: bool = False
    roll: bool
    why: list[str]
    rules: list[str]


class Load(Response):
    acute: float
    chronic: float
    ratio: float | None
    method: str = "none"


class WeekWarning(Response):
    code: str
    message: str
    rules: list[str]


class WeekResponse(Response):
    days: list[Day]
    recovery_days: int
    load: Load
    warnings: list[WeekWarning]
