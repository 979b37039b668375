"""The database tables, as typed SQLAlchemy models.

The schema itself is created and changed only by the migrations in
``migrations/versions``; a test checks that they build exactly these tables.
"""

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from rollcoach.history.columns import UtcDateTime

# Fixed constraint names, so migrations can name them the same on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    return datetime.now(UTC)


def _no_items() -> list[str]:
    return []


def _no_answers() -> dict[str, Any]:
    return {}


def _default_tools() -> list[str]:
    return ["foam-roller"]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _athlete_fk() -> Mapped[int]:
    """Every record belongs to one athlete and goes when the athlete goes."""
    return mapped_column(Integer, ForeignKey("athletes.id", ondelete="CASCADE"), index=True)


class Athlete(Base):
    """A runner and their standing answers (the plan request's athlete fields, plus tools)."""

    __tablename__ = "athletes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)
    age: Mapped[int | None] = mapped_column(Integer)
    level: Mapped[str] = mapped_column(String(20), default="beginner")
    sedentary: Mapped[bool] = mapped_column(Boolean, default=False)
    conditions: Mapped[list[str]] = mapped_column(JSON, default=_no_items)
    screen: Mapped[dict[str, Any]] = mapped_column(JSON, default=_no_answers)
    tools: Mapped[list[str]] = mapped_column(JSON, default=_default_tools)
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=_no_answers)


class Injury(Base):
    """An injury as reported; ``date`` is text because it may be a day or a moment."""

    __tablename__ = "injuries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = _athlete_fk()
    area: Mapped[str] = mapped_column(String(40))
    side: Mapped[str] = mapped_column(String(10))
    date: Mapped[str] = mapped_column(String(40))
    signs: Mapped[list[str]] = mapped_column(JSON)
    cleared_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class PlannedRun(Base):
    """A run the athlete intends (REST-6), from today on; the week fits around it."""

    __tablename__ = "planned_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = _athlete_fk()
    date: Mapped[str] = mapped_column(String(10))  # ISO day: sorts as text
    type: Mapped[str] = mapped_column(String(20))
    minutes: Mapped[float | None] = mapped_column(Float)
    km: Mapped[float | None] = mapped_column(Float)


class Activity(Base):
    """One imported activity.

    The same activity from the same file (equal content hash and start) is stored
    once. Two *different* files with the same start are both kept: we cannot tell
    a re-export from a second recording, and dropping a real run would be worse.
    """

    __tablename__ = "activities"
    __table_args__ = (
        UniqueConstraint("athlete_id", "content_hash", "start_utc"),
        Index("ix_activities_athlete_id_start_utc", "athlete_id", "start_utc"),
        CheckConstraint("elapsed_s >= 0", name="elapsed_s_not_negative"),
        CheckConstraint("moving_s >= 0", name="moving_s_not_negative"),
        CheckConstraint("distance_m >= 0", name="distance_m_not_negative"),
        CheckConstraint("climb_m >= 0", name="climb_m_not_negative"),
        CheckConstraint("descent_m >= 0", name="descent_m_not_negative"),
        CheckConstraint("avg_hr > 0 AND avg_hr <= 260", name="avg_hr_plausible"),
        CheckConstraint("max_hr > 0 AND max_hr <= 260", name="max_hr_plausible"),
        CheckConstraint("rpe >= 0 AND rpe <= 10", name="rpe_0_to_10"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(Integer, ForeignKey("athletes.id", ondelete="CASCADE"))
    start_utc: Mapped[datetime] = mapped_column(UtcDateTime())
    utc_offset_s: Mapped[int | None] = mapped_column(Integer)
    local_date: Mapped[date] = mapped_column(Date)
    elapsed_s: Mapped[float | None] = mapped_column(Float)
    moving_s: Mapped[float | None] = mapped_column(Float)
    distance_m: Mapped[float | None] = mapped_column(Float)
    climb_m: Mapped[float | None] = mapped_column(Float)
    descent_m: Mapped[float | None] = mapped_column(Float)
    avg_hr: Mapped[int | None] = mapped_column(Integer)
    max_hr: Mapped[int | None] = mapped_column(Integer)
    session_load: Mapped[float | None] = mapped_column(Float)
    rpe: Mapped[float | None] = mapped_column(Float)
    sport: Mapped[str] = mapped_column(String(60))
    sub_sport: Mapped[str | None] = mapped_column(String(60))
    device: Mapped[str | None] = mapped_column(String(200))
    source_format: Mapped[str] = mapped_column(String(40))
    source_path: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)


class Checkin(Base):
    """A day's check-in: soreness and pain per site (0-10), optional Hooper and PRS."""

    __tablename__ = "checkins"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = _athlete_fk()
    date: Mapped[date] = mapped_column(Date)
    soreness: Mapped[dict[str, int]] = mapped_column(JSON)
    pain: Mapped[dict[str, int]] = mapped_column(JSON)
    hooper: Mapped[dict[str, int] | None] = mapped_column(JSON(none_as_null=True))
    recovery_status: Mapped[int | None] = mapped_column(Integer)


class RollingSession(Base):
    """A guided session as it went: the plan shown, and what was done or skipped."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = _athlete_fk()
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    plan: Mapped[dict[str, Any]] = mapped_column(JSON)
    steps_done: Mapped[list[int]] = mapped_column(JSON)
    steps_skipped: Mapped[list[int]] = mapped_column(JSON)
    stopped_early: Mapped[bool] = mapped_column(Boolean)
    stop_reason: Mapped[str | None] = mapped_column(String(40))
    stopped_at_step: Mapped[int | None] = mapped_column(Integer)
    feedback: Mapped[str | None] = mapped_column(Text)


# Accounts (the web app's ``ROLLCOACH_AUTH=accounts``); one runner on a laptop needs none.


class User(Base):
    """A sign-in: an email and an argon2 hash, tied to exactly one athlete."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    athlete_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("athletes.id", ondelete="CASCADE"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)


class Token(Base):
    """A browser session or a personal API token; only its SHA-256 digest is kept."""

    __tablename__ = "tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class CoachGrant(Base):
    """An athlete lets a coach (another user) read their plans and adherence."""

    __tablename__ = "coach_grants"
    __table_args__ = (UniqueConstraint("athlete_id", "coach_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = _athlete_fk()
    coach_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)


class LoginAttempt(Base):
    """A wrong sign-in, or one being checked: in the database so every process counts them."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(320), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)


class AppSecret(Base):
    """A server secret generated on first use (single-user mode), shared by every process."""

    __tablename__ = "app_secrets"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class ImportJob(Base):
    """A background import from the web app: its progress and, once done, its report.

    ``owner`` is the lease of the process doing the work and ``heartbeat_at`` when
    it last said it is alive, so any app process can tell a slow job from a dead one.
    """

    __tablename__ = "import_jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = _athlete_fk()
    status: Mapped[str] = mapped_column(String(20))
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    report: Mapped[dict[str, Any]] = mapped_column(JSON, default=_no_answers)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)
    owner: Mapped[str | None] = mapped_column(String(100))
    heartbeat_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utc_now)
