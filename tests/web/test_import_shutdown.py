"""SIGTERM to ``rollcoach serve --workers 2`` mid-import: it exits in time, the job resumes later.

The signal goes to the whole process group, as systemd or a terminal sends it; the
import child stops after the file in hand and leaves its job interrupted, with its
upload kept, for a server started later to resume. On SQLite and PostgreSQL.
"""

import time
from pathlib import Path

import httpx2
from sqlalchemy import select

from rollcoach.history import tables
from rollcoach.web.import_runner import SHUTDOWN_GRACE_S
from tests.web.conftest import PASSWORD, MakeApp
from tests.web.jobs import EXPECTED, WAIT_S, runs_zip, stored
from tests.web.servers import serving


def signed_in(client: httpx2.Client) -> None:
    account = {"email": "ann@example.org", "password": PASSWORD}
    assert client.post("/api/v1/accounts", json=account).status_code == 201
    token = client.post("/api/v1/tokens", json=account).json()["token"]
    client.headers["Authorization"] = f"Bearer {token}"


def wait_midway(client: httpx2.Client, job_id: int) -> None:
    deadline = time.monotonic() + WAIT_S
    while (job := client.get(f"/api/v1/imports/{job_id}").json())["report"].get("imported", 0) < 40:
        assert job["status"] == "running", job
        assert time.monotonic() < deadline, job
        time.sleep(0.05)


def import_children(uploads: Path) -> list[str]:
    """Command lines of import children still alive for uploads in ``uploads``."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            command = cmdline.read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if "rollcoach.web.import_child" in command and str(uploads) in command:
            found.append(command)
    return found


def test_sigterm_stops_the_server_and_its_import_in_time_and_the_job_resumes_later(
    database_url: str, tmp_path: Path, make_app: MakeApp
) -> None:
    uploads = tmp_path / "uploads"  # make_app's too: the later server finds the upload
    with (
        serving(database_url, workers=2, ROLLCOACH_UPLOAD_DIR=str(uploads)) as server,
        httpx2.Client(base_url=server.url, timeout=30) as client,
    ):
        signed_in(client)
        files = [("files", ("runs.zip", runs_zip(), "application/zip"))]
        posted = client.post("/api/v1/imports", files=files)
        assert posted.status_code == 202, posted.text
        job_id = posted.json()["id"]
        wait_midway(client, job_id)
        assert import_children(uploads)
        started = time.monotonic()
    took = time.monotonic() - started
    assert took < SHUTDOWN_GRACE_S, f"shutdown took {took:.1f} s"
    assert import_children(uploads) == []

    services = make_app(auth="accounts").state.services
    job = tables.ImportJob
    with services.store.engine.connect() as connection:
        row = connection.execute(select(job).where(job.id == job_id)).one()
    assert row.status == "interrupted" and 0 < row.report["imported"] < EXPECTED
    services.imports.resume(row.athlete_id, job_id)
    deadline = time.monotonic() + WAIT_S
    while (state := services.jobs.get(row.athlete_id, job_id)) and state.status == "running":
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert state is not None and state.status == "done"
    assert stored(services.store.engine) == (EXPECTED, EXPECTED)
