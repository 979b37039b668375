"""Uploads wait in a folder per job while it may still need them, and no longer.

At start-up the folders of ended and unknown jobs and uploads abandoned mid-way are
removed; those of running and interrupted jobs stay (the second can resume).
Another database sharing the upload folder keeps its own.
"""

import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import update

from rollcoach.history import tables
from rollcoach.history.import_jobs import Snapshot
from rollcoach.history.settings import DATABASE_URL_VARIABLE
from rollcoach.web.import_runner import CHILD_MODULE, NOT_RESUMED, new_lease
from rollcoach.web.upload_folder import INCOMING_STALE
from tests.history.conftest import FreshDatabases
from tests.web.conftest import MakeApp
from tests.web.jobs import WAIT_S, services_of
from tests.web.runfiles import run_gpx


def test_at_start_up_the_uploads_no_job_needs_are_removed(
    make_app: MakeApp, databases: FreshDatabases
) -> None:
    services = services_of(TestClient(make_app()))
    jobs, folders, athlete = (
        services.jobs,
        services.imports.folders,
        services.store.default_athlete(),
    )
    ids = {
        kind: jobs.start(athlete, 1, f"web:1:{kind}")
        for kind in ("done", "failed", "interrupted", "running", "forgotten")
    }
    for kind in ("done", "failed", "interrupted"):
        jobs.finish(ids[kind], f"web:1:{kind}", kind, Snapshot(0, 1, {}))
    job = tables.ImportJob
    with services.store.engine.begin() as connection:
        week_ago = tables.utc_now() - timedelta(days=8)
        connection.execute(
            update(job).where(job.id == ids["forgotten"]).values(heartbeat_at=week_ago)
        )
    for job_id in [*ids.values(), 999]:
        folders.of(job_id).mkdir()
        (folders.of(job_id) / "0000-monday.gpx").write_bytes(b"<gpx/>")
    abandoned, arriving = folders.incoming(), folders.incoming()
    long_ago = time.time() - INCOMING_STALE.total_seconds() - 60
    os.utime(abandoned, (long_ago, long_ago))
    (folders.root / "notes.txt").write_text("not ours: left alone")
    other = services_of(TestClient(make_app(database_url=databases.new_url())))
    assert other.imports.folders.root != folders.root

    restarted = services_of(TestClient(make_app()))  # the server starting again

    assert restarted.imports.folders.root == folders.root
    assert {path.name for path in folders.root.iterdir()} == {
        f"job-{ids['interrupted']}",
        f"job-{ids['running']}",
        arriving.name,
        "notes.txt",
    }
    forgotten = jobs.get(athlete, ids["forgotten"])
    assert forgotten is not None and forgotten.status == "failed"
    assert forgotten.report["error"] == NOT_RESUMED
    assert other.imports.folders.root.is_dir()


def test_a_job_ending_after_its_web_process_is_gone_still_removes_its_upload(
    make_app: MakeApp, database_url: str
) -> None:
    """The child runs on its own (here started by hand, with no web process watching)."""
    services = services_of(TestClient(make_app()))
    lease = new_lease()
    job_id = services.jobs.start(services.store.default_athlete(), 1, lease)
    folder = services.imports.folders.adopt(services.imports.folders.incoming(), job_id)
    (folder / "0000-monday.gpx").write_bytes(run_gpx(datetime(2026, 11, 20, 7, 0, tzinfo=UTC), 30))
    child = [sys.executable, "-m", CHILD_MODULE, str(job_id), lease, str(folder)]
    environment = {**os.environ, DATABASE_URL_VARIABLE: database_url}
    subprocess.run(child, env=environment, check=True, timeout=WAIT_S)
    job = services.jobs.get(services.store.default_athlete(), job_id)
    assert job is not None and job.status == "done" and job.report["imported"] == 1
    assert not folder.exists()
