"""Planned runs (REST-6): the runs an athlete intends, which the week fits around.

Written by hand to match ``rollcoach.history.tables`` at this revision.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "planned_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("date", sa.String(length=10), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("minutes", sa.Float(), nullable=True),
        sa.Column("km", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_planned_runs_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planned_runs")),
    )
    op.create_index(
        op.f("ix_planned_runs_athlete_id"), "planned_runs", ["athlete_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_planned_runs_athlete_id"), table_name="planned_runs")
    op.drop_table("planned_runs")
