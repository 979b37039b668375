"""Alembic's entry point: migrate on the connection that ``open_store`` hands over.

There is no alembic.ini: ``rollcoach.history.db.alembic_config`` builds the
configuration, so the migrations ship inside the package.
"""

from alembic import context
from sqlalchemy import Connection

from rollcoach.history.tables import Base


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError("run migrations through rollcoach.history.db, which passes a connection")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
