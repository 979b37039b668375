#!/usr/bin/env python3
"""One entry point for every task, used by the README and by CI.

    python3 dev.py demo    set up, then start the web app on SQLite with a demo athlete
    python3 dev.py test    set up, then lint, type-check and run every test
    python3 dev.py bench   set up, then run the benchmarks in bench/
    python3 dev.py setup   only set up (.venv with the project and its dev tools)

Needs nothing but Python 3.11+: it makes .venv and installs into it. It re-installs
only when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".rollcoach-installed"
POSTGRES = ("127.0.0.1", 5432)
CHROMIUM = Path("/usr/bin/chromium")
DEMO_DATABASE = ROOT / ".demo" / "rollcoach-demo.db"
BENCHES = ("plan.py", "import.py", "web.py", "load.py")  # bench/harness.py is what they share


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def run(*args: str | Path) -> None:
    result = subprocess.run([str(a) for a in args], cwd=ROOT, check=False)
    if result.returncode != 0:
        sys.exit(result.returncode)


def setup() -> None:
    """Create .venv and install the project with its dev tools, if not already current."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs on whatever python3 is
        sys.exit("rollcoach needs Python 3.11 or newer")
    if not (BIN / "python").exists():
        say("creating .venv")
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    say("installing rollcoach and its dev tools into .venv")
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(BIN / "python", "-m", "pip", "install", "--quiet", "-e", ".[dev]")
    STAMP.write_text(wanted)


def postgres_available() -> bool:
    try:
        with socket.create_connection(POSTGRES, timeout=2):
            return True
    except OSError:
        return False


def check_postgres() -> None:
    """CI must test PostgreSQL for real; a laptop without it runs SQLite only, and says so."""
    if postgres_available():
        say("PostgreSQL found on 127.0.0.1:5432: storage tests run on SQLite and PostgreSQL")
        os.environ.setdefault(
            "ROLLCOACH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
        )
    elif os.environ.get("CI"):
        sys.exit("[dev] CI needs PostgreSQL on 127.0.0.1:5432 and it is not reachable")
    else:
        say("no PostgreSQL on 127.0.0.1:5432: storage tests run on SQLite only")


def apt_install(package: str) -> None:
    """Install a Debian package where we may (root with apt-get, as CI runs)."""
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say(f"installing Debian's {package} (apt-get)")
        quiet = {"DEBIAN_FRONTEND": "noninteractive", **os.environ}
        for args in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", package]):
            subprocess.run(args, check=False, env=quiet, stdout=subprocess.DEVNULL)


def check_chromium() -> None:
    """Browser tests drive Debian's Chromium."""
    if CHROMIUM.exists():
        say(f"Chromium found at {CHROMIUM}: browser tests run")
        return
    apt_install("chromium")
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        sys.exit("[dev] CI needs /usr/bin/chromium for the browser tests and could not install it")
    say("no /usr/bin/chromium: browser tests are skipped (sudo apt-get install chromium)")


def check_iptables() -> None:
    """The database-outage test drops packets with iptables (root only; skipped without)."""
    if not shutil.which("iptables"):
        apt_install("iptables")
    if not shutil.which("iptables"):
        say("no iptables: the database-outage test is skipped")


def test() -> None:
    setup()
    check_postgres()
    check_chromium()
    check_iptables()
    run(BIN / "ruff", "check", "src", "tests", "bench", "dev.py")
    run(BIN / "mypy")
    run(BIN / "python", "-m", "pytest", *sys.argv[2:])


def demo() -> None:
    """The web app with five weeks of demo history, in its own SQLite file (.demo/).

    The demo file is made afresh each time, so the demo runner's long run is always
    this morning's; set ROLLCOACH_DATABASE_URL to serve another database instead.
    """
    setup()
    if "ROLLCOACH_DATABASE_URL" not in os.environ:
        for stale in DEMO_DATABASE.parent.glob(DEMO_DATABASE.name + "*"):
            stale.unlink()
    os.environ.setdefault("ROLLCOACH_DATABASE_URL", f"sqlite:///{DEMO_DATABASE}")
    os.environ.setdefault("ROLLCOACH_AUTH", "single")
    say(f"database: {os.environ['ROLLCOACH_DATABASE_URL']}")
    run(BIN / "rollcoach", "serve", "--demo", *sys.argv[2:])


def bench() -> None:
    """Every benchmark in bench/; the web one needs wrk to judge throughput (see its summary)."""
    setup()
    if not shutil.which("wrk"):
        apt_install("wrk")
    for name in BENCHES:
        say(f"running bench/{name}")
        run(BIN / "python", ROOT / "bench" / name, *sys.argv[2:])


TASKS = {"setup": setup, "test": test, "demo": demo, "bench": bench}

if __name__ == "__main__":
    task = sys.argv[1] if len(sys.argv) > 1 else ""
    if task not in TASKS:
        sys.exit(f"usage: python3 dev.py {{{'|'.join(TASKS)}}} [args]")
    TASKS[task]()
