"""Background imports started from the web app: progress and report, in the database.

Kept in the database, not in the process, so any app process can answer "how far
along is it" while the process that took the upload does the work.
"""

from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Engine, select, update

from rollcoach.history import tables
from rollcoach.history.sessions import reading_sessions, writing_sessions


class JobState(BaseModel):
    """An import's progress, as the API returns it."""

    id: int
    status: str
    total: int
    done: int
    report: dict[str, Any]
    created_at: datetime
    updated_at: datetime


STALE_AFTER = timedelta(minutes=10)  # a running job not advanced this long lost its process


def _as_seen(row: tables.ImportJob) -> JobState:
    """The job as stored; one whose process died (no progress for a while) is "interrupted"."""
    state = JobState.model_validate(row, from_attributes=True)
    if state.status == "running" and tables.utc_now() - state.updated_at > STALE_AFTER:
        return state.model_copy(update={"status": "interrupted"})
    return state


class ImportJobs:
    def __init__(self, engine: Engine) -> None:
        self._sessions = reading_sessions(engine)
        self._writes = writing_sessions(engine)

    def start(self, athlete_id: int, total: int) -> int:
        with self._writes.begin() as session:
            job = tables.ImportJob(athlete_id=athlete_id, status="running", total=total, done=0)
            session.add(job)
            session.flush()
            return job.id

    def advance(self, job_id: int, done: int, report: dict[str, Any]) -> None:
        self._update(job_id, done=done, report=report)

    def finish(self, job_id: int, report: dict[str, Any], status: str = "done") -> None:
        self._update(job_id, status=status, report=report)

    def get(self, athlete_id: int, job_id: int) -> JobState | None:
        """The job if it is this athlete's (another athlete's job is the same as none)."""
        job = tables.ImportJob
        query = select(job).where(job.id == job_id, job.athlete_id == athlete_id)
        with self._sessions() as session:
            row = session.scalar(query)
            return None if row is None else _as_seen(row)

    def recent(self, athlete_id: int, limit: int = 10) -> list[JobState]:
        job = tables.ImportJob
        query = select(job).where(job.athlete_id == athlete_id).order_by(job.id.desc()).limit(limit)
        with self._sessions() as session:
            return [_as_seen(row) for row in session.scalars(query)]

    def _update(self, job_id: int, **values: Any) -> None:
        with self._writes.begin() as session:
            session.execute(
                update(tables.ImportJob)
                .where(tables.ImportJob.id == job_id)
                .values(updated_at=tables.utc_now(), **values)
            )
