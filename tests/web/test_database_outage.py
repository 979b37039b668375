"""PostgreSQL unreachable: every answer is a quick 503 to retry, and the next one after works.

Before the database timeouts, a request (and /health) hung for the whole outage.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx2
import pytest
from sqlalchemy import make_url

from tests.web.conftest import PASSWORD
from tests.web.outage import Forwarder, can_go_dark
from tests.web.servers import Served, serving

TIMEOUT_S = 2  # ROLLCOACH_DATABASE_TIMEOUT for this server
CHECKIN = {"date": "2026-11-23", "soreness": {"calves": 5}}


@pytest.fixture
def forwarder(database_url: str) -> Iterator[Forwarder]:
    url = make_url(database_url)
    if url.get_backend_name() != "postgresql":
        pytest.skip("an outage of a database server: PostgreSQL only")
    if not can_go_dark():
        pytest.skip("needs root and iptables to drop packets (dev.py test installs it as root)")
    forwarding = Forwarder((url.host or "127.0.0.1", url.port or 5432))
    yield forwarding
    forwarding.close()


@pytest.fixture
def server(database_url: str, forwarder: Forwarder) -> Iterator[Served]:
    through = make_url(database_url).set(host="127.0.0.1", port=forwarder.port)
    url = through.render_as_string(hide_password=False)
    with serving(url, ROLLCOACH_DATABASE_TIMEOUT=str(TIMEOUT_S)) as served:
        yield served


@contextmanager
def _signed_in(server: Served) -> Iterator[httpx2.Client]:
    with httpx2.Client(base_url=server.url, timeout=30) as client:
        account = {"email": "ann@example.org", "password": PASSWORD}
        assert client.post("/api/v1/accounts", json=account).status_code == 201
        token = client.post("/api/v1/tokens", json=account).json()["token"]
        client.headers["Authorization"] = f"Bearer {token}"
        yield client


def test_an_outage_gives_quick_503s_and_recovery_is_immediate(
    server: Served, forwarder: Forwarder
) -> None:
    with _signed_in(server) as client:
        assert client.post("/api/v1/checkins", json=CHECKIN).status_code == 201
        with forwarder.dark():
            started = time.monotonic()
            health = httpx2.get(f"{server.url}/health", timeout=30)
            assert health.status_code == 503 and health.json()["status"] == "unavailable"
            assert time.monotonic() - started < 1.5
            for call in (
                lambda: client.post("/api/v1/checkins", json=CHECKIN),
                lambda: client.get("/api/v1/runs"),
            ):
                started = time.monotonic()
                answer = call()
                assert answer.status_code == 503, answer.text
                assert answer.headers["retry-after"] and "try again" in answer.json()["detail"]
                assert time.monotonic() - started < 3 * TIMEOUT_S + 1
        assert httpx2.get(f"{server.url}/health", timeout=30).status_code == 200
        assert client.post("/api/v1/checkins", json=CHECKIN).status_code == 201
        assert len(client.get("/api/v1/checkins").json()) == 2
