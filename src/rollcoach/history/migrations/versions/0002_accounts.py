"""Accounts for the web app: users, tokens, coach grants, sign-in attempts, secrets, imports.

Written by hand to match ``rollcoach.history.tables`` at this revision.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _moment() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _fk(column: str, table: str, target: str) -> sa.Column[int]:
    return sa.Column(
        column,
        sa.Integer(),
        sa.ForeignKey(
            f"{target}.id", name=op.f(f"fk_{table}_{column}_{target}"), ondelete="CASCADE"
        ),
        nullable=False,
    )


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        _fk("athlete_id", "users", "athletes"),
        sa.Column("created_at", _moment(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
        sa.UniqueConstraint("athlete_id", name=op.f("uq_users_athlete_id")),
    )
    op.create_table(
        "tokens",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("user_id", "tokens", "users"),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("label", sa.String(100), nullable=True),
        sa.Column("created_at", _moment(), nullable=False),
        sa.Column("expires_at", _moment(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tokens")),
        sa.UniqueConstraint("digest", name=op.f("uq_tokens_digest")),
    )
    op.create_index(op.f("ix_tokens_user_id"), "tokens", ["user_id"])
    op.create_table(
        "coach_grants",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("athlete_id", "coach_grants", "athletes"),
        _fk("coach_id", "coach_grants", "users"),
        sa.Column("created_at", _moment(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coach_grants")),
        sa.UniqueConstraint(
            "athlete_id", "coach_id", name=op.f("uq_coach_grants_athlete_id_coach_id")
        ),
    )
    op.create_index(op.f("ix_coach_grants_athlete_id"), "coach_grants", ["athlete_id"])
    op.create_index(op.f("ix_coach_grants_coach_id"), "coach_grants", ["coach_id"])
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(320), nullable=False),
        sa.Column("at", _moment(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempts")),
    )
    op.create_index(op.f("ix_login_attempts_key"), "login_attempts", ["key"])
    op.create_table(
        "app_secrets",
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("value", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_app_secrets")),
    )
    op.create_table(
        "import_jobs",
        sa.Column("id", sa.Integer(), primary_key=True),
        _fk("athlete_id", "import_jobs", "athletes"),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.Column("created_at", _moment(), nullable=False),
        sa.Column("updated_at", _moment(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_jobs")),
    )
    op.create_index(op.f("ix_import_jobs_athlete_id"), "import_jobs", ["athlete_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_import_jobs_athlete_id"), table_name="import_jobs")
    op.drop_index(op.f("ix_login_attempts_key"), table_name="login_attempts")
    op.drop_index(op.f("ix_coach_grants_coach_id"), table_name="coach_grants")
    op.drop_index(op.f("ix_coach_grants_athlete_id"), table_name="coach_grants")
    op.drop_index(op.f("ix_tokens_user_id"), table_name="tokens")
    for table in [
        "import_jobs",
        "app_secrets",
        "login_attempts",
        "coach_grants",
        "tokens",
        "users",
    ]:
        op.drop_table(table)
