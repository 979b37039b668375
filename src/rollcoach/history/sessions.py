"""Sessions for reading and for writing, so SQLite writers wait their turn instead of failing.

SQLite in WAL mode lets many readers and one writer share the file. A transaction
that starts with a plain ``BEGIN`` and reads before it writes holds a read snapshot;
when it then wants to write while another connection wrote meanwhile, SQLite refuses
the upgrade at once with "database is locked" (waiting could deadlock), so the busy
timeout never applies. A writer that begins with ``BEGIN IMMEDIATE`` takes the write
lock first and waits on the busy timeout like it should. Readers keep a plain
``BEGIN`` so they never queue behind a writer. PostgreSQL ignores the option.
"""

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

BEGIN_IMMEDIATE = "sqlite_begin_immediate"  # read by db._begin_sqlite_transaction


def writer(engine: Engine) -> Engine:
    """The same engine (and pool) whose transactions take SQLite's write lock up front."""
    return engine.execution_options(**{BEGIN_IMMEDIATE: True})


def reading_sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def writing_sessions(engine: Engine) -> sessionmaker[Session]:
    """Use for every transaction that may write, even one that reads first."""
    return sessionmaker(writer(engine), expire_on_commit=False)
