"""The schema comes from the migrations alone, and it is exactly the models' schema."""

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Column, Integer, MetaData, inspect, select, text

from rollcoach.history import tables
from rollcoach.history.backup import schema_revision
from rollcoach.history.db import alembic_config, create_history_engine, open_store
from rollcoach.history.errors import UnsupportedDatabase
from rollcoach.history.store import Store
from rollcoach.history.tables import Base
from tests.history.factories import HASH_A, make_summary

HEAD = "0004"  # the newest migration
UPDATED = datetime(2026, 11, 20, 7, 5, tzinfo=UTC)
TABLES = {
    "athletes",
    "injuries",
    "planned_runs",
    "activities",
    "checkins",
    "sessions",
    "users",
    "tokens",
    "coach_grants",
    "login_attempts",
    "app_secrets",
    "import_jobs",
}


def differences(store: Store, metadata: MetaData) -> list[Any]:
    with store.engine.connect() as connection:
        return list(compare_metadata(MigrationContext.configure(connection), metadata))


def kinds(diffs: list[Any]) -> set[str]:
    """Alembic reports most changes as a tuple, column changes as a list of tuples."""
    return {str((diff[0] if isinstance(diff, list) else diff)[0]) for diff in diffs}


def test_migrations_build_exactly_the_tables_of_the_models(store: Store) -> None:
    assert differences(store, Base.metadata) == []
    assert TABLES.issubset(inspect(store.engine).get_table_names())


def test_the_schema_check_would_notice_a_model_the_migrations_miss(store: Store) -> None:
    drifted = MetaData()
    for table in Base.metadata.sorted_tables:
        table.to_metadata(drifted)
    drifted.tables["activities"].append_column(Column("mood", Integer))
    drifted.tables["activities"].c.elapsed_s.type = Integer()
    assert kinds(differences(store, drifted)) == {"add_column", "modify_type"}


def test_opening_again_keeps_the_schema_and_the_data(database_url: str) -> None:
    with open_store(database_url) as first:
        athlete = first.default_athlete()
        first.add_activities(athlete, [make_summary()], content_hash=HASH_A, source_path="a.fit")
    with open_store(database_url) as again:
        with again.engine.connect() as connection:
            assert schema_revision(connection) == HEAD
        assert len(again.activities(athlete)) == 1


def test_each_database_is_set_up_for_how_rollcoach_uses_it(store: Store) -> None:
    """SQLite: foreign keys on, WAL. PostgreSQL: everything inside the search_path schema."""
    with store.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        else:
            schema = connection.scalar(text("SELECT current_schema()"))
            assert str(schema).startswith("rollcoach_test_")
            assert set(inspect(connection).get_table_names()) == TABLES | {"alembic_version"}


def test_other_databases_are_refused_with_a_clear_error() -> None:
    with pytest.raises(UnsupportedDatabase, match="SQLite or PostgreSQL"):
        open_store("mysql://coach@localhost/history")


def test_app_processes_starting_together_migrate_one_after_the_other(database_url: str) -> None:
    """Several workers opening a new database at once: all start, the schema is built once."""

    def open_and_close(_: int) -> str | None:
        with open_store(database_url) as store, store.engine.connect() as connection:
            return schema_revision(connection)

    with ThreadPoolExecutor(max_workers=4) as pool:
        revisions = list(pool.map(open_and_close, range(4)))
    assert revisions == [HEAD] * 4


def test_import_jobs_from_before_heartbeats_take_their_last_update_as_one(
    database_url: str,
) -> None:
    """0003 adds owner and heartbeat_at; a job already there keeps its running state."""
    engine = create_history_engine(database_url)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0002")
            sqlite = connection.dialect.name == "sqlite"  # keeps UTC without its offset
            at = UPDATED.replace(tzinfo=None) if sqlite else UPDATED
            connection.execute(
                text(
                    "INSERT INTO athletes (id, name, created_at, level, sedentary, conditions, "
                    "screen, tools, settings) VALUES (1, 'me', :at, 'novice', :no, '[]', '{}', "
                    "'[]', '{}')"
                ),
                {"at": at, "no": False},
            )
            connection.execute(
                text(
                    "INSERT INTO import_jobs (athlete_id, status, total, done, report, "
                    "created_at, updated_at) VALUES (1, 'running', 1, 0, '{}', :at, :at)"
                ),
                {"at": at},
            )
    finally:
        engine.dispose()
    with open_store(database_url) as store, store.engine.connect() as connection:
        job = tables.ImportJob
        row = connection.execute(select(job.owner, job.heartbeat_at, job.updated_at)).one()
    assert row.owner is None
    assert row.heartbeat_at == row.updated_at == UPDATED
