"""The week request and response of spec/interface.md."""

import datetime as dt

from pydantic import Field

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
    settings: SettingsOverride = Field(default_factory=SettingsOverride)


class Day(Response):
    date: dt.date
    kind: DayKind
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
