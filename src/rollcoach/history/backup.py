"""A complete, JSON-able copy of the history, and putting it back into an empty database."""

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Connection, Date, Table, exists, insert, select, text
from sqlalchemy.exc import DBAPIError, StatementError

from rollcoach.history.columns import UtcDateTime
from rollcoach.history.dialects import sync_id_sequences
from rollcoach.history.errors import BackupRejected
from rollcoach.history.tables import Base

BACKUP_FORMAT = "rollcoach-history"
BACKUP_VERSION = 1


def export_history(connection: Connection) -> dict[str, Any]:
    """Every row of every table, by primary key; times as ISO text in UTC."""
    return {
        "format": BACKUP_FORMAT,
        "version": BACKUP_VERSION,
        "schema": schema_revision(connection),
        "tables": {table.name: _export_rows(connection, table) for table in _tables()},
    }


def restore_history(connection: Connection, backup: Mapping[str, Any]) -> None:
    """Write ``backup`` into this (empty) database with the same ids."""
    tables = _checked_tables(connection, backup)
    if any(connection.scalar(select(exists().select_from(table))) for table in _tables()):
        raise BackupRejected("a backup is restored into an empty database only")
    try:
        for table in _tables():
            rows = [_import_row(table, row) for row in tables.get(table.name, [])]
            if rows:
                connection.execute(insert(table), rows)
    except BackupRejected:
        raise
    except (DBAPIError, StatementError, ValueError, TypeError) as error:
        raise BackupRejected(f"the backup does not fit the database: {error}") from error
    sync_id_sequences(connection, _tables())


def schema_revision(connection: Connection) -> str | None:
    """The migration the database is at (a backup only fits that schema)."""
    revision = connection.scalar(text("SELECT version_num FROM alembic_version"))
    return None if revision is None else str(revision)


def _tables() -> list[Table]:
    """Tables with the ones others refer to first (athletes before their runs)."""
    return list(Base.metadata.sorted_tables)


def _checked_tables(connection: Connection, backup: Mapping[str, Any]) -> Mapping[str, Any]:
    if backup.get("format") != BACKUP_FORMAT or backup.get("version") != BACKUP_VERSION:
        raise BackupRejected("this is not a rollcoach history backup of a known version")
    if backup.get("schema") != schema_revision(connection):
        raise BackupRejected("the backup was made by another version of rollcoach")
    tables = backup.get("tables")
    if not isinstance(tables, Mapping) or not set(tables) <= {t.name for t in _tables()}:
        raise BackupRejected("the backup's tables are not rollcoach's")
    return tables


def _export_rows(connection: Connection, table: Table) -> list[dict[str, Any]]:
    rows = connection.execute(select(table).order_by(*table.primary_key.columns)).mappings()
    return [{c.name: _to_json(row[c.name]) for c in table.columns} for row in rows]


def _import_row(table: Table, row: Any) -> dict[str, Any]:
    names = {column.name for column in table.columns}
    if not isinstance(row, Mapping) or set(row) != names:
        raise BackupRejected(f"a {table.name} row needs exactly the fields {sorted(names)}")
    return {c.name: _from_json(c, row[c.name]) for c in table.columns}


def _to_json(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _from_json(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column.type, UtcDateTime):
        return datetime.fromisoformat(value)
    if isinstance(column.type, Date):
        return date.fromisoformat(value)
    return value
