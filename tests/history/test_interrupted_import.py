"""kill -9 in the middle of a 500-file import, import again: the same database as one clean run.

Every file is its own transaction, so a killed import leaves whole files stored
and nothing of the file it was in; the next import skips the stored files by
their hash and adds the rest. Runs on SQLite and, when ROLLCOACH_TEST_POSTGRES_URL
is set, on PostgreSQL (a schema of its own per database, see conftest.py).
"""

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from rollcoach.history import tables
from rollcoach.history.db import open_store
from rollcoach.history.importing import collect_files, import_paths
from rollcoach.history.store import table_of
from rollcoach.imports.limits import ImportLimits
from tests.history.conftest import FreshDatabases
from tests.imports.fitwriter import CYCLING, Record, Session, activity_fit

FILES = 500
RECORDS = 60  # enough work per file that the import takes seconds, not milliseconds
POLL_S = 0.005
DEADLINE_S = 45
ACTIVITIES = table_of(tables.Activity)
COMPARED = [c for c in ACTIVITIES.columns if c.name not in ("id", "imported_at")]


def run_file(i: int) -> bytes:
    """A distinct small FIT run; every tenth also holds a ride (two activities, one file)."""
    start = datetime(2026, 1, 1, 6, 0, tzinfo=UTC) + timedelta(hours=13 * i)
    sessions = [
        Session(
            start,
            1800 + i,
            1750 + i,
            5000 + 7 * i,
            avg_hr=None if i % 2 else 130 + i % 40,  # odd files: heart rate from the records
            max_hr=175,
            ascent=i % 50 or None,
            descent=i % 50 or None,
            rpe10=i % 101,
        )
    ]
    if i % 10 == 0:
        sessions.append(Session(start + timedelta(hours=1), 900, 880, 20_000, sport=CYCLING))
    records = [
        Record(start + timedelta(seconds=15 * k), 120 + (k + i) % 50, 40.0 * k, 100 + k % 7)
        for k in range(RECORDS)
    ]
    return activity_fit(sessions, records)


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    for i in range(FILES):
        (folder / f"run-{i:04d}.fit").write_bytes(run_file(i))
    return folder


def start_import(folder: Path, url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "ROLLCOACH_DATABASE_URL": url}
    command = [sys.executable, "-m", "rollcoach", "import", str(folder), "--json"]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def stored_count(engine: Engine) -> int | None:
    """Activities stored so far; ``None`` while the schema is not there yet."""
    try:
        with engine.connect() as connection:
            return int(connection.scalar(select(func.count()).select_from(ACTIVITIES)) or 0)
    except DBAPIError:
        return None


def kill_midway(process: subprocess.Popen[bytes], engine: Engine, at_least: int) -> int:
    """SIGKILL the import once ``at_least`` activities are stored; how many were then."""
    deadline = time.monotonic() + DEADLINE_S
    while time.monotonic() < deadline and process.poll() is None:
        count = stored_count(engine)
        if count is not None and count >= at_least:
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(POLL_S)
    else:
        process.kill()
        process.communicate()
        pytest.fail(f"the import ended or stalled before {at_least} activities were stored")
    process.communicate()
    assert process.returncode == -signal.SIGKILL
    count = stored_count(engine)
    assert count is not None
    return count


def rows(engine: Engine) -> list[tuple[Any, ...]]:
    query = select(*COMPARED).order_by(ACTIVITIES.c.start_utc, ACTIVITIES.c.content_hash)
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(query)]


def per_file(found: list[tuple[Any, ...]]) -> Counter[str]:
    at = [c.name for c in COMPARED].index("content_hash")
    return Counter(row[at] for row in found)


def test_an_import_killed_midway_and_run_again_equals_one_clean_import(
    databases: FreshDatabases, export: Path
) -> None:
    clean_url, killed_url = databases.new_url(), databases.new_url()
    with open_store(clean_url) as store:
        files = list(collect_files([export]))  # exactly what the command collects
        report = import_paths(store, store.default_athlete(), files, ImportLimits())
    assert report.skipped == [] and report.runs == FILES
    expected = report.imported
    assert expected == FILES + FILES // 10

    engine = create_engine(killed_url, poolclass=NullPool)
    try:
        stored = kill_midway(start_import(export, killed_url), engine, at_least=expected // 10)
        assert 0 < stored < expected, "the kill must land in the middle of the import"
        if engine.dialect.name == "sqlite":
            with engine.connect() as connection:
                assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        clean = rows(create_engine(clean_url, poolclass=NullPool))
        clean_files = per_file(clean)
        after_kill = rows(engine)
        assert len(after_kill) == stored
        for content_hash, count in per_file(after_kill).items():
            assert count == clean_files[content_hash], "a file was stored in part"
        assert set(after_kill) <= set(clean)

        again = subprocess.run(
            [sys.executable, "-m", "rollcoach", "import", str(export), "--json"],
            env={**os.environ, "ROLLCOACH_DATABASE_URL": killed_url},
            capture_output=True,
            check=True,
            timeout=DEADLINE_S,
        )
        resumed = json.loads(again.stdout)
        assert resumed["skipped"] == []
        assert (resumed["imported"], resumed["already"]) == (expected - stored, stored)

        final = rows(engine)
        assert final == clean
        assert len(final) == len(set(final)) == expected  # no duplicates
    finally:
        engine.dispose()
