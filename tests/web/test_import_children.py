"""Imports in a child process: progress inside archives, kill -9, resume, crashes, shutdown.

The child is the real one (``python -m rollcoach.web.import_child``), or one of
tests/web/children that misbehaves on purpose. Each test runs on SQLite and on
PostgreSQL (tests/history/conftest.py).
"""

import os
import signal
import time
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from rollcoach.history import import_jobs
from rollcoach.web import import_runner
from rollcoach.web.import_progress import SOMETHING_BROKE
from rollcoach.web.import_runner import RECORD_S
from tests.web.conftest import MakeApp
from tests.web.jobs import (
    EXPECTED,
    FILES,
    WAIT_S,
    Job,
    ended,
    folder_of,
    post_files,
    removed,
    runs_zip,
    services_of,
    upload,
    wait_for,
)
from tests.web.jobs import stored as stored_in
from tests.web.runfiles import run_gpx

START = datetime(2026, 11, 20, 7, 0, tzinfo=UTC)


def stored(client: TestClient) -> tuple[int, int]:
    return stored_in(services_of(client).store.engine)


def midway(client: TestClient, job_id: int, imported: int = 40) -> Job:
    """Wait until the job has stored ``imported`` runs, and check it is not done yet."""
    job = wait_for(client, job_id, lambda j: ended(j) or j["report"].get("imported", 0) >= imported)
    assert job["status"] == "running", "the import ended before it could be stopped midway"
    return job


def test_progress_advances_inside_a_zip_of_many_run_files(single: TestClient) -> None:
    seen: list[tuple[int, int]] = []

    def watch(job: Job) -> bool:
        seen.append((job["done"], job["total"]))
        return ended(job)

    job = wait_for(single, post_files(single, [("runs.zip", runs_zip())])["id"], watch)
    assert job["status"] == "done"
    assert (job["done"], job["total"]) == (FILES, FILES)
    assert any(0 < done < FILES and total == FILES for done, total in seen), seen
    report = job["report"]
    assert (report["imported"], report["runs"], report["skipped"]) == (EXPECTED, FILES, [])
    [entry] = report["files"]
    assert entry == {"name": "runs.zip", "imported": EXPECTED, "already": 0, "skipped": []}
    assert removed(folder_of(single, job["id"])), "the upload stays after its job is done"


def test_a_killed_child_leaves_its_runs_in_the_report_and_the_job_resumes(
    single: TestClient,
) -> None:
    job_id = post_files(single, [("runs.zip", runs_zip())])["id"]
    midway(single, job_id)
    pid = services_of(single).imports.pid(job_id)
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    job = wait_for(single, job_id, ended)
    assert job["status"] == "interrupted"
    count, unique = stored(single)
    assert 0 < count < EXPECTED and count == unique
    report = job["report"]
    # What the report held when the child was killed (40 or more), never more than stored.
    assert 40 <= report["imported"] <= count
    [reading] = report["files"]
    assert reading["name"] == "runs.zip" and reading["reading"] is True
    assert folder_of(single, job_id).is_dir(), "an interrupted job keeps its upload to resume"
    assert "Resume import" in single.get(f"/import/{job_id}").text

    resumed = single.post(f"/api/v1/imports/{job_id}/resume")
    assert resumed.status_code == 202, resumed.text
    assert resumed.json()["status"] == "running"
    job = wait_for(single, job_id, ended)
    assert job["status"] == "done"
    assert stored(single) == (EXPECTED, EXPECTED), "every run stored once"
    assert job["report"]["imported"] + job["report"]["already"] == EXPECTED
    assert job["report"]["resumed"] == 1
    assert removed(folder_of(single, job_id))
    assert single.post(f"/api/v1/imports/{job_id}/resume").status_code == 409


def test_a_child_that_segfaults_fails_its_job_plainly_and_the_server_answers(
    single: TestClient,
) -> None:
    services_of(single).imports.child_module = "tests.web.children.segfault"
    job = upload(
        single,
        [
            ("monday.gpx", run_gpx(START, 40)),
            ("crash.gpx", run_gpx(START.replace(day=21), 30)),
            ("wednesday.gpx", run_gpx(START.replace(day=22), 30)),
        ],
    )
    assert job["status"] == "failed"
    error = job["report"]["error"]
    assert "crash.gpx" in error and "damaged" in error
    assert not any(word in error for word in ("SIGSEGV", "signal", "Traceback", "-11"))
    assert job["report"]["imported"] == 1  # monday.gpx, read before the crash
    assert single.get("/health").status_code == 200
    assert single.get("/api/v1/runs").status_code == 200
    assert removed(folder_of(single, job["id"])), "the upload stays after its job failed"


def test_a_failed_import_says_so_plainly_and_the_sql_stays_in_the_log(single: TestClient) -> None:
    services_of(single).imports.child_module = "tests.web.children.broken_database"
    job = upload(single, [("monday.gpx", run_gpx(START, 40))])
    assert job["status"] == "failed"
    assert job["report"]["error"] == SOMETHING_BROKE
    assert "INSERT" not in str(job) and "OperationalError" not in str(job)
    page = single.get(f"/import/{job['id']}").text
    assert "Something went wrong on our side" in page and "INSERT" not in page
    assert removed(folder_of(single, job["id"]))


def test_shutdown_stops_a_running_import_within_the_bound_and_it_resumes(make_app: MakeApp) -> None:
    first = TestClient(make_app())
    job_id = post_files(first, [("runs.zip", runs_zip())])["id"]
    midway(first, job_id)
    started = time.monotonic()
    services_of(first).imports.stop()
    took = time.monotonic() - started
    assert took < 5, f"the child should stop after the file in hand, not take {took:.1f} s"
    job = first.get(f"/api/v1/imports/{job_id}").json()
    assert job["status"] == "interrupted"
    assert 0 < job["report"]["imported"] < EXPECTED
    assert folder_of(first, job_id).is_dir()

    again = TestClient(make_app())  # the server started again, over the same database
    page = again.get(f"/import/{job_id}").text
    assert "Resume import" in page
    token = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    answer = again.post(f"/import/{job_id}/resume", data={"csrf": token}, follow_redirects=False)
    assert answer.status_code == 303
    assert wait_for(again, job_id, ended)["status"] == "done"
    assert stored(again) == (EXPECTED, EXPECTED)


def test_a_child_that_ignores_the_stop_is_killed_after_the_grace(single: TestClient) -> None:
    imports = services_of(single).imports
    imports.child_module = "tests.web.children.stubborn"
    files = [(f"day-{d}.gpx", run_gpx(START.replace(day=d), 30)) for d in range(1, 21)]
    job_id = post_files(single, files)["id"]
    wait_for(single, job_id, lambda job: job["done"] >= 1)
    started = time.monotonic()
    imports.stop(grace=1.0)
    took = time.monotonic() - started
    assert took < 1.0 + RECORD_S + 1, f"stop took {took:.1f} s"
    job = single.get(f"/api/v1/imports/{job_id}").json()
    assert job["status"] == "interrupted"
    assert folder_of(single, job_id).is_dir()


@pytest.fixture
def no_spooling(monkeypatch: pytest.MonkeyPatch) -> None:
    """Starlette's form parser spools files to temporary files; an upload must not use it."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the upload was spooled to a temporary file")

    monkeypatch.setattr("starlette.formparsers.SpooledTemporaryFile", refuse)


@pytest.mark.usefixtures("no_spooling")
def test_an_upload_is_written_once_into_its_jobs_folder(single: TestClient) -> None:
    job = upload(single, [("monday.gpx", run_gpx(START, 40)), ("tuesday.gpx", run_gpx(START, 41))])
    assert job["status"] == "done" and job["report"]["imported"] == 1
    assert job["report"]["already"] == 1  # the same start: one run, twice
    page = single.get("/import").text
    token = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    form = single.post(
        "/import",
        data={"csrf": token},
        files=[("files", ("wednesday.gpx", run_gpx(START.replace(day=22), 30), "text/xml"))],
        follow_redirects=False,
    )
    assert form.status_code == 303, form.text
    job_id = int(form.headers["location"].rsplit("/", 1)[1])
    assert wait_for(single, job_id, ended)["report"]["imported"] == 1


def test_an_upload_without_its_form_token_is_refused_and_leaves_nothing(single: TestClient) -> None:
    files = [("files", ("monday.gpx", run_gpx(START, 40), "text/xml"))]
    refused = single.post("/import", data={"csrf": "forged"}, files=files)
    assert refused.status_code == 403
    assert single.get("/api/v1/imports").json() == []
    assert list(services_of(single).imports.folders.root.iterdir()) == []


def test_a_child_slow_to_start_is_running_not_interrupted(
    single: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its web process beats for it while it lives, so only a gone process looks interrupted."""
    monkeypatch.setattr(import_jobs, "LEASE", timedelta(seconds=1))
    monkeypatch.setattr(import_runner, "HEARTBEAT_EVERY_S", 0.2)
    services_of(single).imports.child_module = "tests.web.children.slow_start"
    job_id = post_files(single, [("monday.gpx", run_gpx(START, 40))])["id"]
    deadline = time.monotonic() + WAIT_S
    while (job := single.get(f"/api/v1/imports/{job_id}").json())["status"] == "running":
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert job["status"] == "done" and job["report"]["imported"] == 1
