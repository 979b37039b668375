"""Helpers for tests of import jobs: upload, wait for a job, read its row and its folder."""

import io
import time
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from rollcoach.history import tables
from rollcoach.web.services import Services
from tests.history.test_interrupted_import import run_file

Job = dict[str, Any]
WAIT_S = 90  # a child process starts in well under a second, but CI machines are shared
FILES = 400  # enough that the import takes seconds, so it can be watched and stopped midway
EXPECTED = FILES + FILES // 10  # every tenth file also holds a ride


@cache
def runs_zip() -> bytes:
    """A zip of ``FILES`` distinct FIT runs."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(FILES):
            archive.writestr(f"runs/run-{i:04d}.fit", run_file(i))
    return buffer.getvalue()


def stored(engine: Engine) -> tuple[int, int]:
    """Activities stored, and how many distinct ones (a file stored twice would show)."""
    activity = tables.Activity
    distinct = select(activity.content_hash, activity.start_utc).distinct().subquery()
    with engine.connect() as connection:
        count = connection.scalar(select(func.count()).select_from(activity))
        unique = connection.scalar(select(func.count()).select_from(distinct))
    return int(count or 0), int(unique or 0)


def services_of(client: TestClient) -> Services:
    app = client.app
    assert isinstance(app, FastAPI)
    services: Services = app.state.services
    return services


def post_files(client: TestClient, files: list[tuple[str, bytes]]) -> Job:
    """Start an import of ``files``; the job as the answer gives it."""
    parts = [("files", (name, data, "application/octet-stream")) for name, data in files]
    response = client.post("/api/v1/imports", files=parts)
    assert response.status_code == 202, response.text
    job: Job = response.json()
    return job


def wait_for(client: TestClient, job_id: int, until: Callable[[Job], bool]) -> Job:
    """Poll the job until ``until`` holds for it (or fail after ``WAIT_S``)."""
    deadline = time.monotonic() + WAIT_S
    while True:
        job: Job = client.get(f"/api/v1/imports/{job_id}").json()
        if until(job):
            return job
        assert time.monotonic() < deadline, f"gave up waiting; the job is {job}"
        time.sleep(0.02)


def ended(job: Job) -> bool:
    return bool(job["status"] != "running")


def upload(client: TestClient, files: list[tuple[str, bytes]]) -> Job:
    """Import ``files`` and wait for the job to end."""
    return wait_for(client, post_files(client, files)["id"], ended)


def folder_of(client: TestClient, job_id: int) -> Path:
    return services_of(client).imports.folders.of(job_id)


def removed(folder: Path) -> bool:
    """Whether ``folder`` is gone, or goes soon (its job's process removes it as it exits)."""
    deadline = time.monotonic() + 10
    while folder.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    return not folder.exists()
