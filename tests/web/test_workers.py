"""``rollcoach serve --workers 2`` over one database: stateless processes that share it."""

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import httpx2
import pytest

from tests.web.conftest import PASSWORD
from tests.web.servers import serving


@pytest.fixture
def served(database_url: str) -> Iterator[str]:
    with serving(database_url, workers=2) as server:
        yield server.url


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


def test_eight_phones_posting_eight_check_ins_each_all_land(served: str) -> None:
    """Two workers, eight keep-alive clients at once: every check-in is a 201, none a 500."""
    account = {"email": "ann@example.org", "password": PASSWORD}
    assert httpx2.post(f"{served}/api/v1/accounts", json=account).status_code == 201
    token = httpx2.post(f"{served}/api/v1/tokens", json=account).json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    start_together = Barrier(8)

    def phone(index: int) -> list[int]:
        with httpx2.Client(base_url=served, headers=headers, timeout=60) as client:
            start_together.wait()
            return [
                client.post(
                    "/api/v1/checkins",
                    json={"date": f"2026-11-{1 + n:02d}", "soreness": {"calves": index}},
                ).status_code
                for n in range(8)
            ]

    with ThreadPoolExecutor(8) as pool:
        answers = [code for codes in pool.map(phone, range(8)) for code in codes]
    assert answers == [201] * 64
    with httpx2.Client(base_url=served, headers=headers) as client:
        assert len(client.get("/api/v1/checkins").json()) == 64
