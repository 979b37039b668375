"""Import jobs say who runs them and when they last showed life (owner, heartbeat_at).

A job was called "interrupted" after 10 minutes without progress, which also caught
healthy long imports; now it is interrupted when its heartbeat stops. Existing jobs
take their last update as their last heartbeat.

Written by hand to match ``rollcoach.history.tables`` at this revision.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _moment() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.add_column("import_jobs", sa.Column("owner", sa.String(100), nullable=True))
    op.add_column("import_jobs", sa.Column("heartbeat_at", _moment(), nullable=True))
    op.execute("UPDATE import_jobs SET heartbeat_at = updated_at")
    with op.batch_alter_table("import_jobs") as batch:  # SQLite: copies the table
        batch.alter_column("heartbeat_at", existing_type=_moment(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("import_jobs") as batch:
        batch.drop_column("heartbeat_at")
        batch.drop_column("owner")
