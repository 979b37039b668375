"""The two places where SQLite and PostgreSQL need different SQL."""

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, Table, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.dml import Insert

from rollcoach.history.errors import UnsupportedDatabase


def insert_or_skip(dialect: Dialect, table: Table, unique_columns: Sequence[str]) -> Insert:
    """INSERT ... ON CONFLICT DO NOTHING: a row already there is skipped, race-free."""
    if dialect.name == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing(index_elements=unique_columns)
    if dialect.name == "sqlite":
        return sqlite.insert(table).on_conflict_do_nothing(index_elements=unique_columns)
    raise UnsupportedDatabase(f"no INSERT ... ON CONFLICT for {dialect.name!r}")


def sync_id_sequences(connection: Connection, tables: Iterable[Table]) -> None:
    """After rows were written with explicit ids, make PostgreSQL's next id follow them.

    SQLite needs nothing: it takes the next id from the largest one present.
    """
    if connection.dialect.name != "postgresql":
        return
    for table in tables:
        if "id" not in table.c:
            continue
        largest = func.max(table.c.id)
        connection.execute(
            select(
                func.setval(
                    func.pg_get_serial_sequence(table.name, "id"),
                    func.coalesce(largest, 1),
                    largest.is_not(None),
                )
            )
        )
