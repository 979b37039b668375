"""Shared model settings for requests and responses."""

from datetime import date, datetime
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    SerializerFunctionWrapHandler,
    model_serializer,
)

FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2199, 12, 31)
Day = TypeVar("Day", date, datetime)


class Request(BaseModel):
    """Requests reject unknown fields: a typo must be named, not ignored."""

    model_config = ConfigDict(extra="forbid")


class Response(BaseModel):
    """Responses are built by the engine from already-checked values.

    Items inside a response are frozen, with tuples for arrays: equal items are
    values, so the planner may build one once and share it between answers.
    """

    model_config = ConfigDict(extra="forbid")


class CompactResponse(Response):
    """A response item whose optional fields are left out when empty (as in the spec)."""

    @model_serializer(mode="wrap")
    def _drop_none(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        return {key: value for key, value in data.items() if value is not None}


def parse_day_or_moment(value: object) -> object:
    """Accept a bare date ("2026-11-21") or a date-time; keep which one it was."""
    if isinstance(value, str) and len(value.strip()) == 10:
        return date.fromisoformat(value.strip())
    return value


def within_calendar(value: Day) -> Day:
    """Dates far outside a runner's life would overflow the day arithmetic (72 h, 56 days)."""
    day = value.date() if isinstance(value, datetime) else value
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"must be between {FIRST_DAY} and {LAST_DAY}")
    return value


CalendarDay = Annotated[date, AfterValidator(within_calendar)]
CalendarMoment = Annotated[datetime, AfterValidator(within_calendar)]
