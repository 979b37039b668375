"""What the store takes in and gives back besides activities: check-ins, injuries, sessions.

They are pydantic models so a command or a web route can validate input once,
with the same field names as the JSON contract.
"""

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field

from rollcoach.models.base import CalendarDay, within_calendar
from rollcoach.models.plan_request import Injury
from rollcoach.vocabulary import PainSite

ZeroToTen = Annotated[int, Field(ge=0, le=10)]
OneToSeven = Annotated[int, Field(ge=1, le=7)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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
