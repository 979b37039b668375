"""Who is calling and how much, checked before the body is read (gate.py), on a real server.

Raw sockets, so each test controls exactly what is sent and when: a server that
reads the body before deciding would not answer until the body had arrived.
"""

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest

from rollcoach.web.api import ROUTERS as API_ROUTERS
from rollcoach.web.auth import api_viewer
from rollcoach.web.gate import NO_BODY, PUBLIC_WRITES
from rollcoach.web.pages import ROUTERS as PAGE_ROUTERS
from rollcoach.web.pages.common import page_viewer
from tests.web.conftest import PASSWORD
from tests.web.servers import Served, peak_memory_kb, serving
from tests.web.test_api import _api_routes, _calls

MB = 1024 * 1024
SIGNING_OUT = {"/signout"}  # asks no viewer, yet only a signed-in browser has reason to post it
UPLOAD_LIMIT_MB = 100  # above the 60 MB body below: only the route's own 1 MB cap refuses it


@pytest.fixture
def spool(tmp_path: Path) -> Path:
    folder = tmp_path / "spool"
    folder.mkdir()
    return folder


@pytest.fixture
def server(database_url: str, spool: Path) -> Iterator[Served]:
    """One app process (so its memory is one number), its temp files kept in ``spool``."""
    with serving(
        database_url,
        TMPDIR=str(spool),
        ROLLCOACH_MAX_UPLOAD_MB=str(UPLOAD_LIMIT_MB),
        ROLLCOACH_UPLOAD_DIR=str(spool / "uploads"),
    ) as served:
        yield served


def _token(server: Served) -> str:
    account = {"email": "ann@example.org", "password": PASSWORD}
    with httpx2.Client(base_url=server.url) as client:
        assert client.post("/api/v1/accounts", json=account).status_code == 201
        return str(client.post("/api/v1/tokens", json=account).json()["token"])


def _open(server: Served, head: str) -> socket.socket:
    connection = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    connection.sendall(head.encode() + b"\r\n")
    return connection


def _head(path: str, length: int | None, token: str = "", kind: str = "application/json") -> str:
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", f"Content-Type: {kind}"]
    chunked = "Transfer-Encoding: chunked"
    lines.append(f"Content-Length: {length}" if length is not None else chunked)
    if token:
        lines.append(f"Authorization: Bearer {token}")
    return "\r\n".join(lines) + "\r\n"


def _status(connection: socket.socket) -> int:
    answer = connection.recv(65536).decode("latin-1")
    return int(answer.split(" ", 2)[1])


def _send_until_closed(connection: socket.socket, total: int, chunked: bool) -> int:
    """Send up to ``total`` bytes of body; how many went before the server closed."""
    block, sent = b"x" * MB, 0
    frame = f"{len(block):x}\r\n".encode() + block + b"\r\n" if chunked else block
    try:
        while sent < total:
            connection.sendall(frame)
            sent += len(block)
    except OSError:  # the server closed the connection: the rest is never read
        pass
    return sent


def _files_in(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def test_an_anonymous_60_mb_json_body_is_refused_at_once(server: Served) -> None:
    before = peak_memory_kb(server.pid)
    started = time.monotonic()
    with _open(server, _head("/api/v1/sessions", 60 * MB)) as connection:
        assert _status(connection) == 413
        assert time.monotonic() - started < 1
        _send_until_closed(connection, 60 * MB, chunked=False)
    assert peak_memory_kb(server.pid) - before < 20 * 1024
    assert httpx2.get(f"{server.url}/health/live").status_code == 200


def test_an_anonymous_chunked_json_body_is_refused_before_it_is_read(server: Served) -> None:
    before = peak_memory_kb(server.pid)
    with _open(server, _head("/api/v1/sessions", None)) as connection:
        assert _status(connection) == 401
        assert _send_until_closed(connection, 100 * MB, chunked=True) < 100 * MB
    assert peak_memory_kb(server.pid) - before < 20 * 1024


def test_an_anonymous_chunked_300_mb_upload_writes_nothing(server: Served, spool: Path) -> None:
    head = _head("/api/v1/imports", None, kind="multipart/form-data; boundary=x")
    with _open(server, head) as connection:
        assert _status(connection) == 401
        assert _send_until_closed(connection, 300 * MB, chunked=True) < 300 * MB
    assert _files_in(spool) == 0


def test_a_signed_in_chunked_json_body_stops_at_one_mb(server: Served) -> None:
    token = _token(server)
    before = peak_memory_kb(server.pid)
    with _open(server, _head("/api/v1/sessions", None, token)) as connection:
        sent = _send_until_closed(connection, 200 * MB, chunked=True)
        assert sent < 200 * MB
    assert peak_memory_kb(server.pid) - before < 20 * 1024
    assert httpx2.get(f"{server.url}/health/live").status_code == 200


def test_a_signed_in_chunked_upload_past_the_limit_stops_there(server: Served, spool: Path) -> None:
    token = _token(server)
    boundary = "----rollcoach"
    kind = f"multipart/form-data; boundary={boundary}"
    with _open(server, _head("/api/v1/imports", None, token, kind)) as connection:
        part = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; '
            'filename="big.gpx"\r\nContent-Type: application/gpx+xml\r\n\r\n'
        ).encode()
        connection.sendall(f"{len(part):x}\r\n".encode() + part + b"\r\n")
        sent = _send_until_closed(connection, 600 * MB, chunked=True)
        assert sent < (UPLOAD_LIMIT_MB + 50) * MB  # the rest of the 600 MB was never read
    assert _files_in(spool) <= (UPLOAD_LIMIT_MB + 1) * MB
    with httpx2.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"}) as api:
        assert api.get("/api/v1/imports").json() == []


def test_a_page_form_from_no_one_is_sent_to_sign_in_unread(server: Served) -> None:
    head = _head("/checkin", None, kind="application/x-www-form-urlencoded")
    with _open(server, head) as connection:
        answer = connection.recv(65536).decode("latin-1")
        assert answer.startswith("HTTP/1.1 303") and "location: /signin?next=/checkin" in answer


def test_sign_up_is_open_but_capped(server: Served) -> None:
    with _open(server, _head("/api/v1/accounts", 2 * MB)) as connection:
        assert _status(connection) == 413
    account = {"email": "bo@example.org", "password": PASSWORD}
    assert httpx2.post(f"{server.url}/api/v1/accounts", json=account).status_code == 201


def test_the_gate_lets_through_unsigned_exactly_the_routes_that_ask_no_viewer() -> None:
    """A new public form or API call must be named in PUBLIC_WRITES, or the gate refuses it."""
    guards = {api_viewer, page_viewer}
    routers = [*API_ROUTERS, *PAGE_ROUTERS]
    routes = _api_routes([route for router in routers for route in router.routes])
    open_writes = {
        route.path
        for route in routes
        if route.methods - NO_BODY and not _calls(route.dependant) & guards
    }
    assert open_writes - SIGNING_OUT == PUBLIC_WRITES


def test_the_gates_refusals_carry_the_security_headers(server: Served) -> None:
    refused = httpx2.post(f"{server.url}/api/v1/checkins", json={})
    assert refused.status_code == 401
    assert refused.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in refused.headers["content-security-policy"]


def test_answers_to_whole_requests_keep_the_connection_open(server: Served) -> None:
    account = {"email": "cy@example.org", "password": PASSWORD}
    with httpx2.Client(base_url=server.url) as client:
        for answer in (client.get("/health/live"), client.post("/api/v1/accounts", json=account)):
            assert answer.status_code in {200, 201}
            assert answer.headers.get("connection") != "close"


def test_a_path_with_a_line_break_is_sent_to_sign_in_escaped(server: Served) -> None:
    with _open(server, _head("/x%0d%0aSet-Cookie:%20a=1", 0)) as connection:
        answer = connection.recv(65536).decode("latin-1")
    assert answer.startswith("HTTP/1.1 303")
    assert "location: /signin?next=/x%0D%0ASet-Cookie%3A%20a%3D1" in answer
