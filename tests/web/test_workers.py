"""``rollcoach serve --workers 2`` over one database: stateless processes that share it."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx2
import pytest

from tests.ports import free_port
from tests.web.conftest import PASSWORD, SECRET


@pytest.fixture
def served(database_url: str) -> Iterator[str]:
    port = free_port()
    env = {
        **os.environ,
        "ROLLCOACH_DATABASE_URL": database_url,
        "ROLLCOACH_AUTH": "accounts",
        "ROLLCOACH_SECRET_KEY": SECRET,
    }
    command = [sys.executable, "-m", "rollcoach", "serve", "--port", str(port), "--workers", "2"]
    server = subprocess.Popen(command, env=env, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx2.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx2.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise AssertionError("rollcoach serve --workers 2 did not start")
            time.sleep(0.2)
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


def test_two_workers_share_accounts_and_data(served: str) -> None:
    with httpx2.Client(base_url=served) as client:
        account = {"email": "ann@example.org", "password": PASSWORD}
        assert client.post("/api/v1/accounts", json=account).status_code == 201
        token = client.post("/api/v1/tokens", json=account).json()["token"]
        headers = {"Authorization": f"Bearer {token}"}
        checkin = {"date": "2026-11-23", "soreness": {"calves": 5}}
        assert client.post("/api/v1/checkins", json=checkin, headers=headers).status_code == 201
    # New connections land on either worker; every one knows the token and the check-in.
    for _ in range(12):
        with httpx2.Client(base_url=served, headers=headers) as fresh:
            assert len(fresh.get("/api/v1/checkins").json()) == 1
