"""``rollcoach serve`` as a separate process, as people run it, for tests of a real server."""

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx2

from tests.ports import free_port
from tests.web.conftest import SECRET


@dataclass(frozen=True)
class Served:
    url: str
    port: int
    pid: int


@contextmanager
def serving(database_url: str, workers: int = 1, **env: str) -> Iterator[Served]:
    """The app with accounts on over ``database_url``; ``env`` adds ROLLCOACH_* settings.

    Uploads wait in a folder of this server's own, removed after it, never the user's.
    """
    with tempfile.TemporaryDirectory(prefix="rollcoach-test-uploads-") as uploads:
        environment = {
            **os.environ,
            "ROLLCOACH_DATABASE_URL": database_url,
            "ROLLCOACH_AUTH": "accounts",
            "ROLLCOACH_SECRET_KEY": SECRET,
            "ROLLCOACH_UPLOAD_DIR": uploads,
            **env,
        }
        with _server(environment, workers) as served:
            yield served


@contextmanager
def _server(environment: dict[str, str], workers: int) -> Iterator[Served]:
    port = free_port()
    command = [sys.executable, "-m", "rollcoach", "serve", "--port", str(port)]
    command += ["--workers", str(workers)]
    server = subprocess.Popen(command, env=environment, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, server)
        yield Served(url, port, server.pid)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


def _wait_until_up(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx2.get(f"{url}/health/live", timeout=1).status_code == 200:
                return
        except httpx2.TransportError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            raise AssertionError("rollcoach serve did not start")
        time.sleep(0.2)


def peak_memory_kb(pid: int) -> int:
    """The process's peak resident memory so far (VmHWM), in KB."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise AssertionError(f"no VmHWM for process {pid}")
