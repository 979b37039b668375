"""What the guided-session tests share: scripted keys, a captured console, running the player,
a screen to render cards on, saving a plan for ``go --from-plan``, and spawning ``go`` in a pty."""

import io
import os
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import pexpect
from rich.console import Console

from rollcoach.cli.player import play
from rollcoach.cli.session_view import Outcome, Screen, session_progress
from rollcoach.models import PlanResponse

NOW = "2026-11-23T18:30:00+00:00"
ANSI = r"(?:\x1b\[[\d;]*m)*"  # colour codes a real terminal gets between styled words
GET_READY = 5


class ScriptedKeys:
    """Presses each key ``at`` wall seconds after the player first asks for one.

    A session still asking for keys after ``budget`` seconds fails the test rather
    than hanging it.
    """

    def __init__(self, script: Iterable[tuple[float, str]] = (), budget: float = 10) -> None:
        self.script = sorted(script)
        self.budget = budget
        self.start: float | None = None
        self.reads = 0

    def read(self, timeout: float) -> str | None:
        self.reads += 1
        now = time.monotonic()
        self.start = now if self.start is None else self.start
        assert now - self.start < self.budget, "the session never ended"
        if self.script and self.start + self.script[0][0] <= now + timeout:
            time.sleep(max(0.0, self.start + self.script[0][0] - now))
            return self.script.pop(0)[1]
        time.sleep(timeout)
        return None


def console(*, terminal: bool = False) -> Console:
    return Console(file=io.StringIO(), force_terminal=terminal, width=100)


def output(con: Console) -> str:
    assert isinstance(con.file, io.StringIO)
    return con.file.getvalue()


def run(
    plan: PlanResponse, script: Iterable[tuple[float, str]] = (), speed: float = 200, **kwargs: bool
) -> tuple[Outcome, str, float]:
    con = console()
    started = time.monotonic()
    outcome = play(plan, console=con, speed=speed, keys=ScriptedKeys(script), **kwargs)
    return outcome, output(con), time.monotonic() - started


def screen(plan: PlanResponse, done: int = 0, *, paused: bool = False, **kw: bool) -> Screen:
    progress = session_progress(plan.total_seconds)
    progress.update(progress.task_ids[0], completed=done)
    return Screen(progress, paused=paused, stop=plan.stop_signs[0], **kw)


def save(tmp_path: Path, plan: PlanResponse) -> str:
    path = tmp_path / "plan.json"
    path.write_text(plan.model_dump_json(), encoding="utf-8")
    return str(path)


def spawn(*args: str, speed: int) -> pexpect.spawn:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"}
    }
    env.update(TERM="xterm-256color", COLUMNS="120", LINES="40")
    return pexpect.spawn(
        sys.executable,
        ["-m", "rollcoach", "go", "--speed", str(speed), "--no-sound", *args],
        dimensions=(40, 120),
        env=env,
        encoding="utf-8",
        timeout=60,
        cwd=str(Path(__file__).parent),
    )
