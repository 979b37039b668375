"""Import jobs: a heartbeat tells a slow job from a dead one; a lease keeps one worker per job.

On SQLite and PostgreSQL (tests/history/conftest.py). Several stores over one
database stand in for several app processes sharing it.
"""

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from sqlalchemy import update

from rollcoach.history import tables
from rollcoach.history.db import open_store
from rollcoach.history.import_jobs import LEASE, ImportJobs, Snapshot
from rollcoach.history.store import Store

LONG_AGO = timedelta(hours=2)  # far past the old 10-minute window


def set_times(store: Store, job_id: int, **ago: timedelta) -> None:
    """Move a job's timestamps into the past (``heartbeat_at=timedelta(...)`` and so on)."""
    now = tables.utc_now()
    values = {column: now - delta for column, delta in ago.items()}
    job = tables.ImportJob
    with store.engine.begin() as connection:
        connection.execute(update(job).where(job.id == job_id).values(**values))


def status(jobs: ImportJobs, athlete: int, job_id: int) -> str:
    job = jobs.get(athlete, job_id)
    assert job is not None
    return job.status


def test_a_job_running_for_hours_with_a_fresh_heartbeat_is_not_interrupted(
    store: Store, athlete: int
) -> None:
    jobs = ImportJobs(store.engine)
    job_id = jobs.start(athlete, 3, "web-1:100:a")
    set_times(store, job_id, created_at=LONG_AGO, updated_at=LONG_AGO)
    assert jobs.beat(job_id, "web-1:100:a")
    set_times(store, job_id, updated_at=LONG_AGO)  # no progress for hours: one huge file
    assert status(jobs, athlete, job_id) == "running"
    set_times(store, job_id, heartbeat_at=LEASE + timedelta(seconds=1))
    assert status(jobs, athlete, job_id) == "interrupted"


def test_of_processes_resuming_one_job_at_once_exactly_one_takes_it(database_url: str) -> None:
    stores = [open_store(database_url) for _ in range(6)]
    try:
        athlete = stores[0].default_athlete()
        job_id = ImportJobs(stores[0].engine).start(athlete, 1, "gone:1:a")
        set_times(stores[0], job_id, heartbeat_at=LEASE * 2)

        def resume(index: int) -> bool:
            return ImportJobs(stores[index].engine).resume(athlete, job_id, f"web-{index}:1:b")

        with ThreadPoolExecutor(max_workers=len(stores)) as pool:
            taken = list(pool.map(resume, range(len(stores))))
        assert taken.count(True) == 1
        assert status(ImportJobs(stores[0].engine), athlete, job_id) == "running"
    finally:
        for store in stores:
            store.close()


def test_a_worker_whose_job_was_taken_over_changes_nothing(store: Store, athlete: int) -> None:
    jobs = ImportJobs(store.engine)
    job_id = jobs.start(athlete, 1, "old:1:a")
    progress = Snapshot(1, 4, {"imported": 1})
    assert jobs.advance(job_id, "old:1:a", progress)
    set_times(store, job_id, heartbeat_at=LEASE * 2)  # it looked dead...
    assert jobs.resume(athlete, job_id, "new:2:b")
    assert jobs.running(job_id, "old:1:a") is None  # ...and finds out, and stops
    assert not jobs.beat(job_id, "old:1:a")
    assert not jobs.finish(job_id, "old:1:a", "done", Snapshot(4, 4, {"imported": 9}))
    job = jobs.get(athlete, job_id)
    assert job is not None
    assert (job.status, job.done, job.report) == ("running", 0, {"resumed": 1})
    assert not jobs.resume(athlete, job_id, "third:3:c"), "a running job cannot be resumed"


def test_only_jobs_that_have_not_ended_keep_their_uploads(store: Store, athlete: int) -> None:
    jobs = ImportJobs(store.engine)
    ids = [jobs.start(athlete, 1, f"web:1:{n}") for n in range(4)]
    jobs.finish(ids[0], "web:1:0", "done", Snapshot(1, 1, {}))
    jobs.finish(ids[1], "web:1:1", "failed", Snapshot(0, 1, {}))
    jobs.finish(ids[2], "web:1:2", "interrupted", Snapshot(0, 1, {}))
    assert jobs.kept([*ids, 999]) == {ids[2], ids[3]}


def test_a_job_stopped_and_not_resumed_for_long_is_given_up(store: Store, athlete: int) -> None:
    jobs = ImportJobs(store.engine)
    old, recent = jobs.start(athlete, 1, "web:1:a"), jobs.start(athlete, 1, "web:1:b")
    set_times(store, old, heartbeat_at=timedelta(days=8))
    set_times(store, recent, heartbeat_at=timedelta(days=1))
    jobs.give_up(tables.utc_now() - timedelta(days=7), "too late")
    given_up = jobs.get(athlete, old)
    assert given_up is not None and given_up.status == "failed"
    assert given_up.report["error"] == "too late"
    assert status(jobs, athlete, recent) == "interrupted"
