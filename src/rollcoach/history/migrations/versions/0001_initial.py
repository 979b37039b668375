"""The first schema: athletes, injuries, activities, check-ins and guided sessions.

Written by hand to match ``rollcoach.history.tables`` at this revision; it uses
plain SQLAlchemy types so later changes to the models cannot change history.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _moment() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _athlete_id(table: str) -> sa.Column[int]:
    return sa.Column(
        "athlete_id",
        sa.Integer(),
        sa.ForeignKey(
            "athletes.id", name=op.f(f"fk_{table}_athlete_id_athletes"), ondelete="CASCADE"
        ),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "athletes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", _moment(), nullable=False),
        sa.Column("age", sa.Integer(), nullable=True),
        sa.Column("level", sa.String(20), nullable=False),
        sa.Column("sedentary", sa.Boolean(), nullable=False),
        sa.Column("conditions", sa.JSON(), nullable=False),
        sa.Column("screen", sa.JSON(), nullable=False),
        sa.Column("tools", sa.JSON(), nullable=False),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_athletes")),
    )
    op.create_table(
        "injuries",
        sa.Column("id", sa.Integer(), primary_key=True),
        _athlete_id("injuries"),
        sa.Column("area", sa.String(40), nullable=False),
        sa.Column("side", sa.String(10), nullable=False),
        sa.Column("date", sa.String(40), nullable=False),
        sa.Column("signs", sa.JSON(), nullable=False),
        sa.Column("cleared_at", _moment(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_injuries")),
    )
    op.create_index(op.f("ix_injuries_athlete_id"), "injuries", ["athlete_id"])
    _create_activities()
    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer(), primary_key=True),
        _athlete_id("checkins"),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("soreness", sa.JSON(), nullable=False),
        sa.Column("pain", sa.JSON(), nullable=False),
        sa.Column("hooper", sa.JSON(), nullable=True),
        sa.Column("recovery_status", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkins")),
    )
    op.create_index(op.f("ix_checkins_athlete_id"), "checkins", ["athlete_id"])
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        _athlete_id("sessions"),
        sa.Column("started_at", _moment(), nullable=False),
        sa.Column("plan", sa.JSON(), nullable=False),
        sa.Column("steps_done", sa.JSON(), nullable=False),
        sa.Column("steps_skipped", sa.JSON(), nullable=False),
        sa.Column("stopped_early", sa.Boolean(), nullable=False),
        sa.Column("stop_reason", sa.String(40), nullable=True),
        sa.Column("stopped_at_step", sa.Integer(), nullable=True),
        sa.Column("feedback", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sessions")),
    )
    op.create_index(op.f("ix_sessions_athlete_id"), "sessions", ["athlete_id"])


def _create_activities() -> None:
    op.create_table(
        "activities",
        sa.Column("id", sa.Integer(), primary_key=True),
        _athlete_id("activities"),
        sa.Column("start_utc", _moment(), nullable=False),
        sa.Column("utc_offset_s", sa.Integer(), nullable=True),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("elapsed_s", sa.Float(), nullable=True),
        sa.Column("moving_s", sa.Float(), nullable=True),
        sa.Column("distance_m", sa.Float(), nullable=True),
        sa.Column("climb_m", sa.Float(), nullable=True),
        sa.Column("descent_m", sa.Float(), nullable=True),
        sa.Column("avg_hr", sa.Integer(), nullable=True),
        sa.Column("max_hr", sa.Integer(), nullable=True),
        sa.Column("session_load", sa.Float(), nullable=True),
        sa.Column("rpe", sa.Float(), nullable=True),
        sa.Column("sport", sa.String(60), nullable=False),
        sa.Column("sub_sport", sa.String(60), nullable=True),
        sa.Column("device", sa.String(200), nullable=True),
        sa.Column("source_format", sa.String(40), nullable=False),
        sa.Column("source_path", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("imported_at", _moment(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activities")),
        sa.UniqueConstraint(
            "athlete_id",
            "content_hash",
            "start_utc",
            name=op.f("uq_activities_athlete_id_content_hash_start_utc"),
        ),
        sa.CheckConstraint("elapsed_s >= 0", name=op.f("ck_activities_elapsed_s_not_negative")),
        sa.CheckConstraint("moving_s >= 0", name=op.f("ck_activities_moving_s_not_negative")),
        sa.CheckConstraint("distance_m >= 0", name=op.f("ck_activities_distance_m_not_negative")),
        sa.CheckConstraint("climb_m >= 0", name=op.f("ck_activities_climb_m_not_negative")),
        sa.CheckConstraint("descent_m >= 0", name=op.f("ck_activities_descent_m_not_negative")),
        sa.CheckConstraint(
            "avg_hr > 0 AND avg_hr <= 260", name=op.f("ck_activities_avg_hr_plausible")
        ),
        sa.CheckConstraint(
            "max_hr > 0 AND max_hr <= 260", name=op.f("ck_activities_max_hr_plausible")
        ),
        sa.CheckConstraint("rpe >= 0 AND rpe <= 10", name=op.f("ck_activities_rpe_0_to_10")),
    )
    op.create_index(
        op.f("ix_activities_athlete_id_start_utc"), "activities", ["athlete_id", "start_utc"]
    )


def downgrade() -> None:
    for index, table in [
        ("ix_sessions_athlete_id", "sessions"),
        ("ix_checkins_athlete_id", "checkins"),
        ("ix_activities_athlete_id_start_utc", "activities"),
        ("ix_injuries_athlete_id", "injuries"),
    ]:
        op.drop_index(op.f(index), table_name=table)
    for table in ["sessions", "checkins", "activities", "injuries", "athletes"]:
        op.drop_table(table)
