"""Opening the history database: the engine, its SQLite settings, and the migrations."""

import sqlite3
import time
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url, text

from rollcoach.history.errors import UnsupportedDatabase
from rollcoach.history.sessions import BEGIN_IMMEDIATE
from rollcoach.history.settings import database_timeout_s, database_url
from rollcoach.history.store import Store

SQLITE_BUSY_TIMEOUT_S = 30  # wait this long for another process's write, not fail at once


def open_store(url: str | None = None) -> Store:
    """The store at ``url`` (default: the configured database), migrated to the latest schema."""
    engine = create_history_engine(url or database_url())
    try:
        upgrade_schema(engine)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine)


def create_history_engine(url: str) -> Engine:
    """An engine for SQLite or PostgreSQL, the two databases the tests run on."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(parsed)
    if backend == "postgresql":
        return _postgres_engine(parsed, database_timeout_s())
    raise UnsupportedDatabase(f"rollcoach keeps history in SQLite or PostgreSQL, not {backend!r}")


def alembic_config(connection: Connection) -> Config:
    """Alembic's settings without an alembic.ini: the scripts ship inside this package."""
    config = Config()
    folder = resources.files("rollcoach.history") / "migrations"
    # Config values go through configparser, which reads % as interpolation.
    config.set_main_option("script_location", str(folder).replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


MIGRATION_LOCK = 0x726F6C6C  # "roll": the PostgreSQL advisory lock held while migrating


def upgrade_schema(engine: Engine) -> None:
    """Bring the schema to the newest migration, in one transaction.

    On PostgreSQL an advisory lock makes app processes starting together migrate
    one after the other (the others then find the schema current); on SQLite the
    migration's transaction takes the write lock at once (BEGIN IMMEDIATE).
    """
    with engine.connect() as connection:
        connection.execution_options(**{BEGIN_IMMEDIATE: True})
        with connection.begin():
            if connection.dialect.name == "postgresql":
                lock = text("SELECT pg_advisory_xact_lock(:key)")
                connection.execute(lock, {"key": MIGRATION_LOCK})
            command.upgrade(alembic_config(connection), "head")


STATEMENT_TIMEOUT_FACTOR = 3  # a statement may take 3 timeouts: our longest is a bulk restore


def _postgres_engine(url: URL, timeout_s: float) -> Engine:
    """Every wait bounded: connecting, waiting for a pooled connection, a statement, the network.

    Without them a request hung for as long as the database's packets were dropped.
    ``tcp_user_timeout`` ends a connection whose sent data goes unanswered (the kernel
    would otherwise retry for about 15 minutes); ``statement_timeout`` is the server's.
    """
    statement_ms = int(timeout_s * STATEMENT_TIMEOUT_FACTOR * 1000)
    given = url.query.get("options", "")
    options = " ".join(
        [*([given] if isinstance(given, str) else given), f"-c statement_timeout={statement_ms}"]
    )
    connect_args = {
        "connect_timeout": max(1, round(timeout_s)),
        "tcp_user_timeout": int(timeout_s * 1000),
        "keepalives": 1,
        "keepalives_idle": max(1, round(timeout_s / 2)),
        "keepalives_interval": 1,
        "keepalives_count": 3,
    }
    return create_engine(
        url.update_query_dict({"options": options.strip()}),
        pool_pre_ping=True,
        pool_timeout=timeout_s,
        connect_args=connect_args,
    )


def _sqlite_engine(url: URL) -> Engine:
    if url.database and url.database != ":memory:" and not url.database.startswith("file:"):
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})
    event.listen(engine, "connect", _prepare_sqlite_connection)
    event.listen(engine, "begin", _begin_sqlite_transaction)
    return engine


def _prepare_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    """Enforce foreign keys, let readers and a writer share the file (WAL).

    The driver's own transaction handling is switched off (SQLAlchemy's recipe) so
    that BEGIN is ours: DDL and reads then sit inside the transaction too, which
    makes a migration or one file's import all-or-nothing.
    """
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    _use_wal(cursor)
    cursor.close()


def _use_wal(cursor: Any) -> None:
    """Switch the file to WAL once; the mode is stored in the file, so later opens only read it.

    Two processes creating a new database together can both ask for the switch;
    SQLite then answers "database is locked" to one of them at once, without
    waiting on its busy timeout (it would otherwise deadlock), so that one retries.
    """
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_S
    while True:
        try:
            mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
            if mode.lower() in {"wal", "memory"}:
                return
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _begin_sqlite_transaction(connection: Connection) -> None:
    immediate = connection.get_execution_options().get(BEGIN_IMMEDIATE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
