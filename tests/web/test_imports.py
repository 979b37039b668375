"""Imports over HTTP: a background job with progress and a per-file report; bad files named."""

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import update

from rollcoach.history import tables
from rollcoach.history.import_jobs import LEASE
from tests.web.jobs import services_of, upload
from tests.web.runfiles import run_gpx

START = datetime(2026, 11, 20, 7, 0, tzinfo=UTC)


def test_an_upload_imports_the_good_files_and_names_the_bad_one(single: TestClient) -> None:
    job = upload(
        single,
        [
            ("monday.gpx", run_gpx(START, 40)),
            ("broken.fit", b"not a fit file"),
            ("tuesday.gpx", run_gpx(START.replace(day=21), 30)),
        ],
    )
    assert job["status"] == "done"
    assert (job["total"], job["done"]) == (3, 3)
    report = job["report"]
    assert isinstance(report, dict)
    assert (report["imported"], report["runs"]) == (2, 2)
    [skipped] = report["skipped"]
    assert skipped["path"] == "broken.fit" and skipped["reason"]
    by_name = {f["name"]: f for f in report["files"]}
    assert by_name["monday.gpx"]["imported"] == 1
    assert by_name["broken.fit"]["skipped"] == [skipped["reason"]]
    assert [run["local_date"] for run in single.get("/api/v1/runs").json()] == [
        "2026-11-21",
        "2026-11-20",
    ]


def test_the_same_upload_again_adds_nothing(single: TestClient) -> None:
    files = [("monday.gpx", run_gpx(START, 40))]
    upload(single, files)
    again = upload(single, files)["report"]
    assert isinstance(again, dict)
    assert (again["imported"], again["already"]) == (0, 1)
    assert len(single.get("/api/v1/runs").json()) == 1


def test_the_upload_limit_is_a_413_and_stores_nothing(make_app: object) -> None:
    assert callable(make_app)
    client = TestClient(make_app(max_upload_mb=1))
    big = [("huge.gpx", b" " * (1024 * 1024 + 1))]
    parts = [("files", (name, data, "application/gpx+xml")) for name, data in big]
    assert client.post("/api/v1/imports", files=parts).status_code == 413
    assert client.get("/api/v1/imports").json() == []
    assert list(services_of(client).imports.folders.root.iterdir()) == []


def test_a_body_far_past_the_limit_is_refused_before_it_is_read(make_app: object) -> None:
    assert callable(make_app)
    client = TestClient(make_app(max_upload_mb=1))
    parts = [("files", ("huge.gpx", b" " * (3 * 1024 * 1024), "application/gpx+xml"))]
    response = client.post("/api/v1/imports", files=parts)
    assert response.status_code == 413
    assert "larger than this server takes" in response.json()["detail"]
    assert client.get("/api/v1/imports").json() == []


def test_a_job_whose_heartbeat_stopped_shows_as_interrupted(single: TestClient) -> None:
    services = services_of(single)
    job_id = services.jobs.start(services.store.default_athlete(), 3, "gone:1:lease")
    assert single.get(f"/api/v1/imports/{job_id}").json()["status"] == "running"
    lapsed = tables.utc_now() - LEASE - timedelta(seconds=1)
    with services.store.engine.begin() as connection:
        connection.execute(update(tables.ImportJob).values(heartbeat_at=lapsed))
    assert single.get(f"/api/v1/imports/{job_id}").json()["status"] == "interrupted"
    assert "Interrupted" in single.get(f"/import/{job_id}").text
