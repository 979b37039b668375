"""Planned runs (REST-6): what the athlete intends to run, kept so every week can fit it.

Only today's and later plans matter to a week; older ones stay stored (they are what
the athlete meant to do) but are never sent to the planner, which refuses past dates.
"""

import datetime as dt
from datetime import date

from pydantic import BaseModel, ConfigDict, field_validator
from sqlalchemy import Engine, select

from rollcoach.history import tables
from rollcoach.history.sessions import reading_sessions, writing_sessions
from rollcoach.models.week import WeekPlanned


class NewPlanned(WeekPlanned):
    """A planned run is from today on (the local day): a run already past is history."""

    @field_validator("date")
    @classmethod
    def _not_past(cls, value: dt.date) -> dt.date:
        today = dt.datetime.now().astimezone().date()
        if value < today:
            raise ValueError(f"{value.isoformat()} is before today ({today.isoformat()})")
        return value


class StoredPlanned(BaseModel):
    """A planned run as stored, with the id to remove it by."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: int
    planned: WeekPlanned


def _stored(row: tables.PlannedRun) -> StoredPlanned:
    planned = WeekPlanned(
        date=date.fromisoformat(row.date), type=row.type, minutes=row.minutes, km=row.km
    )
    return StoredPlanned(id=row.id, planned=planned)


class PlannedRuns:
    def __init__(self, engine: Engine) -> None:
        self._sessions = reading_sessions(engine)
        self._writes = writing_sessions(engine)

    def add(self, athlete_id: int, planned: WeekPlanned) -> int:
        row = tables.PlannedRun(
            athlete_id=athlete_id,
            date=planned.date.isoformat(),
            type=planned.type,
            minutes=planned.minutes,
            km=planned.km,
        )
        with self._writes.begin() as session:
            session.add(row)
            session.flush()
            return row.id

    def upcoming(self, athlete_id: int, today: date) -> list[StoredPlanned]:
        """Planned runs from ``today`` on, soonest first."""
        run = tables.PlannedRun
        query = (
            select(run)
            .where(run.athlete_id == athlete_id, run.date >= today.isoformat())
            .order_by(run.date, run.id)
        )
        with self._sessions() as session:
            return [_stored(row) for row in session.scalars(query)]

    def remove(self, athlete_id: int, planned_id: int) -> bool:
        """False when this athlete has no such planned run (another's is not theirs)."""
        with self._writes.begin() as session:
            row = session.get(tables.PlannedRun, planned_id)
            if row is None or row.athlete_id != athlete_id:
                return False
            session.delete(row)
            return True
