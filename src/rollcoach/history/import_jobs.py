"""Background imports started from the web app: progress, report and who runs them, in the database.

Kept in the database, not in the process, so any app process can answer "how far
along is it". The process doing the work holds the job's lease (``owner``) and
keeps its heartbeat fresh; a running job whose heartbeat stopped lost its process
and is "interrupted", however long a healthy one runs. Every write of the worker
names its lease, so a process thought dead (its job resumed elsewhere) changes
nothing any more. Heartbeats are the writers' clocks: hosts sharing a database
should keep time (NTP), well within the lease.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from pydantic import BaseModel
from sqlalchemy import CursorResult, Engine, select, update

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


RUNNING, DONE, FAILED, INTERRUPTED = "running", "done", "failed", "interrupted"
ENDED = frozenset({DONE, FAILED})  # nothing left to do: the job's upload can go
LEASE = timedelta(seconds=30)  # a running job whose heartbeat is older lost its process
HEARTBEAT_EVERY_S = 5.0  # how often the process running a job says it is alive


@dataclass(frozen=True)
class Snapshot:
    """How far a job got: units done of units found, and its report so far."""

    done: int
    total: int
    report: dict[str, Any]


@dataclass(frozen=True)
class RunningJob:
    """What the process holding a job's lease needs to run it, or to record its end."""

    athlete_id: int
    snapshot: Snapshot


def _as_seen(row: tables.ImportJob) -> JobState:
    """The job as stored; a running one whose heartbeat stopped is "interrupted"."""
    state = JobState.model_validate(row, from_attributes=True)
    if state.status == RUNNING and tables.utc_now() - row.heartbeat_at > LEASE:
        return state.model_copy(update={"status": INTERRUPTED})
    return state


class ImportJobs:
    def __init__(self, engine: Engine) -> None:
        self._sessions = reading_sessions(engine)
        self._writes = writing_sessions(engine)

    def start(self, athlete_id: int, total: int, owner: str) -> int:
        """A new running job, its lease held by ``owner``."""
        with self._writes.begin() as session:
            job = tables.ImportJob(
                athlete_id=athlete_id, status=RUNNING, total=total, done=0, owner=owner
            )
            session.add(job)
            session.flush()
            return job.id

    def resume(self, athlete_id: int, job_id: int, owner: str) -> bool:
        """Take over an interrupted job of this athlete's for ``owner``; whether it was one.

        Read and written in one writing transaction (the row locked on PostgreSQL),
        so of several processes resuming the same job at once, one wins.
        """
        job = tables.ImportJob
        query = select(job).where(job.id == job_id, job.athlete_id == athlete_id)
        with self._writes.begin() as session:
            row = session.scalar(query.with_for_update())
            if row is None or _as_seen(row).status != INTERRUPTED:
                return False
            now = tables.utc_now()
            row.status, row.owner, row.heartbeat_at, row.updated_at = RUNNING, owner, now, now
            row.done = 0
            row.report = {"resumed": int(row.report.get("resumed", 0)) + 1}
            return True

    def running(self, job_id: int, owner: str) -> RunningJob | None:
        """The job if it still runs under this lease (not ended, not taken over)."""
        job = tables.ImportJob
        query = select(job).where(job.id == job_id, job.owner == owner, job.status == RUNNING)
        with self._sessions() as session:
            row = session.scalar(query)
            if row is None:
                return None
            return RunningJob(row.athlete_id, Snapshot(row.done, row.total, dict(row.report)))

    def beat(self, job_id: int, owner: str) -> bool:
        """The lease holder is alive; ``False``: the lease is no longer its own."""
        return self._update_held(job_id, owner)

    def advance(self, job_id: int, owner: str, now: Snapshot) -> bool:
        return self._update_held(job_id, owner, done=now.done, total=now.total, report=now.report)

    def finish(self, job_id: int, owner: str, status: str, last: Snapshot) -> bool:
        """End the lease: done, failed, or interrupted (to be resumed)."""
        values = {"done": last.done, "total": last.total, "report": last.report}
        return self._update_held(job_id, owner, status=status, **values)

    def kept(self, job_ids: Iterable[int]) -> set[int]:
        """Those of these jobs that have not ended (running or interrupted): their uploads stay."""
        job = tables.ImportJob
        query = select(job.id).where(job.id.in_(list(job_ids)), job.status.not_in(ENDED))
        with self._sessions() as session:
            return set(session.scalars(query))

    def give_up(self, idle_since: datetime, reason: str) -> None:
        """Fail the stopped jobs nobody resumed since ``idle_since``, so their uploads can go."""
        job = tables.ImportJob
        stopped = job.status.in_((RUNNING, INTERRUPTED)) & (job.heartbeat_at < idle_since)
        with self._writes.begin() as session:
            for row in session.scalars(select(job).where(stopped).with_for_update()):
                row.status, row.report = FAILED, {**row.report, "error": reason}

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

    def _update_held(self, job_id: int, owner: str, **values: Any) -> bool:
        """Write a running job only while ``owner`` holds its lease; each write is a heartbeat."""
        job, now = tables.ImportJob, tables.utc_now()
        held = update(job).where(job.id == job_id, job.owner == owner, job.status == RUNNING)
        with self._writes.begin() as session:
            result = session.execute(held.values(updated_at=now, heartbeat_at=now, **values))
            return cast(CursorResult[Any], result).rowcount == 1
