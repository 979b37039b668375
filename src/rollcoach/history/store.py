"""The history store: the few questions and records the CLI and the web app need.

Every method is one transaction, and every query is scoped to one athlete, so
one athlete can never see or change another's records.
"""

from collections.abc import Mapping
from datetime import datetime
from types import TracebackType
from typing import Any, Protocol, Self, cast

from sqlalchemy import Engine, Table, exists, func, select
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from rollcoach.history import tables
from rollcoach.history.activity_log import (
    ActivityRow,
    AddResult,
    activity_values,
    log_entry,
)
from rollcoach.history.backup import export_history, restore_history
from rollcoach.history.dialects import insert_or_skip, sync_id_sequences
from rollcoach.history.errors import ActivityRejected, UnknownAthlete
from rollcoach.history.profile import Profile, profile_of, write_profile
from rollcoach.history.records import (
    Checkin,
    SessionRecord,
    StoredCheckin,
    StoredInjury,
    StoredSession,
)
from rollcoach.history.sessions import reading_sessions, writer, writing_sessions
from rollcoach.imports.summary import ActivitySummary
from rollcoach.models.plan_request import Injury

DEFAULT_ATHLETE_ID = 1
DEFAULT_ATHLETE_NAME = "me"
ACTIVITY_KEY = ("athlete_id", "content_hash", "start_utc")


class _NewRow(Protocol):
    @property
    def id(self) -> int: ...


def table_of(model: type[tables.Base]) -> Table:
    return cast(Table, model.__table__)


class Store:
    """Run history over an engine whose schema is already migrated (see ``open_store``)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sessions = reading_sessions(engine)
        self._writes = writing_sessions(engine)

    @property
    def engine(self) -> Engine:
        return self._engine

    def close(self) -> None:
        """Close every pooled connection (SQLite files are then free to move)."""
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # Athletes and profile

    def default_athlete(self) -> int:
        """The single-user athlete: the first one, created as "me" on first use."""
        with self._writes.begin() as session:
            first = session.scalar(select(tables.Athlete.id).order_by(tables.Athlete.id).limit(1))
            if first is not None:
                return first
            connection = session.connection()
            athletes = table_of(tables.Athlete)
            statement = insert_or_skip(connection.dialect, athletes, ["id"])
            connection.execute(statement.values(id=DEFAULT_ATHLETE_ID, name=DEFAULT_ATHLETE_NAME))
            sync_id_sequences(connection, [athletes])
            return DEFAULT_ATHLETE_ID

    def first_athlete(self) -> int | None:
        """The single-user athlete if there is one yet (unlike ``default_athlete``, no write)."""
        with self._sessions() as session:
            return session.scalar(select(tables.Athlete.id).order_by(tables.Athlete.id).limit(1))

    def add_athlete(self, name: str) -> int:
        """A new athlete with the default profile (for accounts; one runner needs none)."""
        with self._writes.begin() as session:
            athlete = tables.Athlete(name=name)
            session.add(athlete)
            session.flush()
            return athlete.id

    def get_profile(self, athlete_id: int) -> Profile:
        with self._sessions() as session:
            return profile_of(_athlete(session, athlete_id))

    def save_profile(self, athlete_id: int, profile: Profile) -> None:
        with self._writes.begin() as session:
            write_profile(_athlete(session, athlete_id), profile)

    def calendar_version(self, athlete_id: int) -> int:
        """Which calendar address is current (a reset makes the old one stop working)."""
        with self._sessions() as session:
            return int(_athlete(session, athlete_id).settings.get("calendar_version", 0))

    def new_calendar_version(self, athlete_id: int) -> int:
        with self._writes.begin() as session:
            athlete = _athlete(session, athlete_id)
            version = int(athlete.settings.get("calendar_version", 0)) + 1
            athlete.settings = {**athlete.settings, "calendar_version": version}
            return version

    # Activities

    def add_activities(
        self,
        athlete_id: int,
        summaries: list[ActivitySummary],
        *,
        content_hash: str,
        source_path: str,
    ) -> AddResult:
        """Store one file's activities, all or none; ones this file already gave are skipped."""
        imported_at = tables.utc_now()
        rows = [
            activity_values(
                summary,
                athlete_id=athlete_id,
                content_hash=content_hash,
                source_path=source_path,
                imported_at=imported_at,
            )
            for summary in summaries
        ]
        with self._writes.begin() as session:
            _athlete(session, athlete_id)
            added = _insert_new_activities(session, rows) if rows else 0
        return AddResult(added=added, already=len(rows) - added)

    def has_file(self, athlete_id: int, content_hash: str) -> bool:
        """Whether a file with these bytes was imported already (so it need not be read)."""
        activity = tables.Activity
        query = select(
            exists().where(activity.athlete_id == athlete_id, activity.content_hash == content_hash)
        )
        with self._sessions() as session:
            return bool(session.scalar(query))

    def file_activity_count(self, athlete_id: int, content_hash: str) -> int:
        """How many activities a file with these bytes gave (0: not imported yet)."""
        activity = tables.Activity
        query = select(func.count()).where(
            activity.athlete_id == athlete_id, activity.content_hash == content_hash
        )
        with self._sessions() as session:
            return int(session.scalar(query) or 0)

    def activities(
        self, athlete_id: int, *, limit: int | None = None, offset: int = 0
    ) -> list[ActivityRow]:
        """Stored activities, newest first; ``limit`` and ``offset`` page them in SQL.

        The id breaks ties between equal start times, so pages never overlap.
        """
        activity = tables.Activity
        query = (
            select(activity)
            .where(activity.athlete_id == athlete_id)
            .order_by(activity.start_utc.desc(), activity.id.desc())
            .limit(limit)
            .offset(offset)
        )
        with self._sessions() as session:
            return [ActivityRow.model_validate(row) for row in session.scalars(query)]

    def activities_since(self, athlete_id: int, start: datetime) -> list[ActivityRow]:
        """Stored activities that started at ``start`` or later, newest first."""
        activity = tables.Activity
        query = (
            select(activity)
            .where(activity.athlete_id == athlete_id, activity.start_utc >= start)
            .order_by(activity.start_utc.desc(), activity.id.desc())
        )
        with self._sessions() as session:
            return [ActivityRow.model_validate(row) for row in session.scalars(query)]

    def activity_count(self, athlete_id: int) -> int:
        activity = tables.Activity
        query = select(func.count()).where(activity.athlete_id == athlete_id)
        with self._sessions() as session:
            return int(session.scalar(query) or 0)

    def log_rows(
        self, athlete_id: int, *, limit: int | None = None, offset: int = 0
    ) -> list[dict[str, Any]]:
        """The ``rollcoach log --json`` list (spec/interface.md), or one page of it."""
        return [log_entry(row) for row in self.activities(athlete_id, limit=limit, offset=offset)]

    # Check-ins, injuries and sessions

    def add_checkin(self, athlete_id: int, checkin: Checkin) -> int:
        data = checkin.model_dump(mode="json")
        row = tables.Checkin(
            athlete_id=athlete_id,
            date=checkin.date,
            soreness=data["soreness"],
            pain=data["pain"],
            hooper=data["hooper"],
            recovery_status=checkin.recovery_status,
        )
        return self._add(athlete_id, row)

    def checkins(self, athlete_id: int) -> list[StoredCheckin]:
        """Check-ins, newest day first."""
        checkin = tables.Checkin
        query = (
            select(checkin)
            .where(checkin.athlete_id == athlete_id)
            .order_by(checkin.date.desc(), checkin.id.desc())
        )
        with self._sessions() as session:
            return [_stored_checkin(row) for row in session.scalars(query)]

    def add_injury(self, athlete_id: int, injury: Injury) -> int:
        row = tables.Injury(
            athlete_id=athlete_id,
            area=injury.area,
            side=injury.side,
            date=injury.date.isoformat(),
            signs=list(injury.signs),
        )
        return self._add(athlete_id, row)

    def list_injuries(
        self, athlete_id: int, *, include_cleared: bool = False
    ) -> list[StoredInjury]:
        """Injuries in the order they were reported; cleared ones only when asked."""
        injury = tables.Injury
        query = select(injury).where(injury.athlete_id == athlete_id).order_by(injury.id)
        if not include_cleared:
            query = query.where(injury.cleared_at.is_(None))
        with self._sessions() as session:
            return [_stored_injury(row) for row in session.scalars(query)]

    def clear_injury(self, athlete_id: int, injury_id: int) -> bool:
        """Mark an injury healed from now on; False when this athlete has no such injury."""
        with self._writes.begin() as session:
            row = session.get(tables.Injury, injury_id)
            if row is None or row.athlete_id != athlete_id:
                return False
            if row.cleared_at is None:
                row.cleared_at = tables.utc_now()
            return True

    def record_session(self, athlete_id: int, record: SessionRecord) -> int:
        data = record.model_dump(mode="json")
        row = tables.RollingSession(
            athlete_id=athlete_id,
            started_at=record.started_at,
            plan=data["plan"],
            steps_done=data["steps_done"],
            steps_skipped=data["steps_skipped"],
            stopped_early=record.stopped_early,
            stop_reason=record.stop_reason,
            stopped_at_step=record.stopped_at_step,
            feedback=record.feedback,
        )
        return self._add(athlete_id, row)

    def sessions(self, athlete_id: int) -> list[StoredSession]:
        """Guided sessions, newest first."""
        rolling = tables.RollingSession
        query = (
            select(rolling)
            .where(rolling.athlete_id == athlete_id)
            .order_by(rolling.started_at.desc(), rolling.id.desc())
        )
        with self._sessions() as session:
            return [_stored_session(row) for row in session.scalars(query)]

    # Backup

    def export_all(self) -> dict[str, Any]:
        """Everything, every athlete, as JSON-able data that ``restore_all`` takes back."""
        with self._engine.connect() as connection:
            return export_history(connection)

    def restore_all(self, backup: Mapping[str, Any]) -> None:
        """Load an ``export_all`` backup into this empty database, all or nothing."""
        with writer(self._engine).begin() as connection:
            restore_history(connection, backup)

    def _add(self, athlete_id: int, row: _NewRow) -> int:
        """Insert one row for a known athlete; its new id."""
        with self._writes.begin() as session:
            _athlete(session, athlete_id)
            session.add(row)
            session.flush()
            return row.id


def _athlete(session: Session, athlete_id: int) -> tables.Athlete:
    athlete = session.get(tables.Athlete, athlete_id)
    if athlete is None:
        raise UnknownAthlete(f"no athlete {athlete_id}")
    return athlete


def _insert_new_activities(session: Session, rows: list[dict[str, Any]]) -> int:
    """Insert the rows not stored yet; how many were new."""
    connection = session.connection()
    activities = table_of(tables.Activity)
    statement = insert_or_skip(connection.dialect, activities, ACTIVITY_KEY)
    try:
        inserted = connection.execute(statement.returning(activities.c.id), rows).all()
    except (IntegrityError, DataError) as error:
        raise ActivityRejected(f"the database refused these activities: {error.orig}") from error
    return len(inserted)


def _stored_checkin(row: tables.Checkin) -> StoredCheckin:
    fields = ("date", "soreness", "pain", "hooper", "recovery_status")
    checkin = Checkin.model_validate({name: getattr(row, name) for name in fields})
    return StoredCheckin(id=row.id, checkin=checkin)


def _stored_injury(row: tables.Injury) -> StoredInjury:
    fields = ("area", "side", "date", "signs")
    injury = Injury.model_validate({name: getattr(row, name) for name in fields})
    return StoredInjury(id=row.id, injury=injury, cleared_at=row.cleared_at)


def _stored_session(row: tables.RollingSession) -> StoredSession:
    fields = SessionRecord.model_fields
    record = SessionRecord.model_validate({name: getattr(row, name) for name in fields})
    return StoredSession(id=row.id, session=record)
