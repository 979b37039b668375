"""A hostile file uploaded to the web app is a skipped file in the report, never a dead server."""

from datetime import UTC, datetime

from fastapi.testclient import TestClient

from tests.imports.test_xml_shape import deep_gpx
from tests.web.jobs import upload
from tests.web.runfiles import run_gpx


def test_a_gpx_nested_200000_deep_is_skipped_and_the_server_answers_on(single: TestClient) -> None:
    good = run_gpx(datetime(2026, 11, 22, 7, tzinfo=UTC), 45)
    job = upload(single, [("deep.gpx", deep_gpx()), ("good.gpx", good)])
    assert job["status"] == "done", job
    (skipped,) = job["report"]["skipped"]
    assert skipped["path"] == "deep.gpx" and "64 levels deep" in skipped["reason"]
    assert job["report"]["imported"] == 1
    assert single.get("/health").json()["status"] == "ok"
    assert len(single.get("/api/v1/runs").json()) == 1
