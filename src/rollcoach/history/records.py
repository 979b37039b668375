"""What the store takes in and gives back besides activities: check-ins, injuries, sessions.

They are pydantic models so a command or a web route can validate input once,
with the same field names as the JSON contract.
"""

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from rollcoach.models.base import CalendarDay, within_calendar
from rollcoach.models.plan_request import Injury
from rollcoach.vocabulary import PainSite

ZeroToTen = Annotated[int, Field(ge=0, le=10)]
OneToSeven = Annotated[int, Field(ge=1, le=7)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReportedInjury(Injury):
    """An injury as a runner reports it now: it cannot have happened later than now.

    Stored, a future date would make every plan from history invalid input (SAFE-5).
    """

    @field_validator("date")
    @classmethod
    def _not_yet(cls, value: dt.date | dt.datetime) -> dt.date | dt.datetime:
        now = dt.datetime.now(dt.UTC).astimezone()
        if isinstance(value, dt.datetime):
            start = value if value.tzinfo else value.replace(tzinfo=now.tzinfo)
        else:
            start = dt.datetime.combine(value, dt.time.min, tzinfo=now.tzinfo)
        if start > now:
            raise ValueError(f"{value.isoformat()} is in the future; give the day it happened")
        return value


class HooperScores(Record):
    """The Hooper index: four 1-7 ratings for the day (spec/evidence.md, check-in scales)."""

    sleep: OneToSeven
    fatigue: OneToSeven
    stress: OneToSeven
    soreness: OneToSeven


class Checkin(Record):
    """How the body feels on a day: soreness and pain per site, 0-10."""

    date: CalendarDay
    soreness: dict[PainSite, ZeroToTen] = Field(default_factory=dict)
    pain: dict[PainSite, ZeroToTen] = Field(default_factory=dict)
    hooper: HooperScores | None = None
    recovery_status: ZeroToTen | None = Field(
        default=None, description="Perceived Recovery Status, 0-10."
    )


class SessionRecord(Record):
    """A guided session as it went; step lists hold the plan's step ``order`` numbers."""

    started_at: Annotated[AwareDatetime, AfterValidator(within_calendar)]
    plan: dict[str, Any] = Field(description="The plan response JSON that was shown.")
    steps_done: list[int] = Field(default_factory=list)
    steps_skipped: list[int] = Field(default_factory=list)
    stopped_early: bool = False
    stop_reason: Literal["quit", "sharp-pain"] | None = None
    stopped_at_step: int | None = None
    feedback: str | None = None


class StoredCheckin(Record):
    id: int
    checkin: Checkin


class StoredInjury(Record):
    """An injury as reported, with when it was cleared (``None`` while it still counts)."""

    id: int
    injury: Injury
    cleared_at: AwareDatetime | None = None


class StoredSession(Record):
    id: int
    session: SessionRecord
