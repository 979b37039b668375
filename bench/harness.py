"""What the bench scripts share: a real ``rollcoach serve`` to load, and the plan requests sent."""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import httpx2 as httpx

ROOT = Path(__file__).resolve().parent.parent
SORE = ["calves", "hamstrings", "quadriceps", "glutes", "it-band", "feet", "shins"]
TOOLS = ["foam-roller", "massage-ball", "massage-stick", "peanut-ball"]
READY_WITHIN_S = 60


def plan_bodies(n: int = 64, seed: int = 7) -> list[dict[str, Any]]:
    """Around the issue's example: a long post-run session, a few sore spots, varied a little."""
    rng = random.Random(seed)

    def body() -> dict[str, Any]:
        minutes = rng.randint(40, 150)
        run = {"minutes": minutes, "km": round(minutes / rng.uniform(4.8, 6.5), 1)}
        return {
            "when": "post-run",
            "minutes": rng.choice([8, 10, 10, 12, 15]),
            "tools": ["foam-roller", *rng.sample(TOOLS[1:], rng.randint(0, 2))],
            "athlete": {"age": rng.randint(25, 60)},
            "soreness": {s: rng.randint(2, 7) for s in rng.sample(SORE, rng.randint(1, 3))},
            "run": run | {"type": rng.choice(["long", "easy", "tempo", "intervals"])},
        }

    return [body() for _ in range(n)]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def started_server(folder: Path, settings: dict[str, str], *flags: str) -> Iterator[str]:
    """``rollcoach serve`` on a free port with only these ``ROLLCOACH_*`` settings; its output
    goes to ``folder/server.log``. Stopped however we leave, worker processes included."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ROLLCOACH_")} | settings
    command = [sys.executable, "-m", "rollcoach", "serve", "--host", "127.0.0.1", *flags]
    log_path, url = folder / "server.log", f"http://127.0.0.1:{port}"
    with log_path.open("wb") as log:
        server = subprocess.Popen(  # noqa: S603 - our own CLI
            [*command, "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own group: the workers are stopped with it
        )
        try:
            wait_until_ready(url, server, log_path)
            yield url
        finally:
            stop(server)


def wait_until_ready(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + READY_WITHIN_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped ({server.returncode}):\n{log.read_text()}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(
        f"the server did not answer GET /health within {READY_WITHIN_S} s:\n{log.read_text()}"
    )


def stop(server: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the server's process group, SIGKILL if it has not gone within 15 s."""
    for sent, wait_s in ((signal.SIGTERM, 15.0), (signal.SIGKILL, None)):
        with suppress(ProcessLookupError):
            os.killpg(server.pid, sent)
        try:
            server.wait(timeout=wait_s)
            return
        except subprocess.TimeoutExpired:
            continue
