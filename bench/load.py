"""What 50 signed-in phones and browsers get from ``rollcoach serve --auth accounts --workers 2``
at once, endpoint by endpoint, on SQLite and on PostgreSQL.

    .venv/bin/python bench/load.py [--clients 50] [--seconds 30] [--accounts 200]
        [--seed-seconds 30] [--database both|sqlite|postgresql] [--postgres URL] [--quick] [--json]

For each database, a real server (``harness.started_server``, a random 48-character secret)
over a fresh one: a new SQLite file, or a schema of its own in the PostgreSQL at ``--postgres``
(reached through ``search_path``, dropped after; skipped, saying so, when it does not answer).

1. Seeding, through the API at a modest concurrency: ``--accounts`` accounts (a bearer token
   each from ``POST /api/v1/tokens``), each with three small GPX runs imported (the jobs are
   followed to their end, 20 s at most) and two check-ins. Every failure is counted and shown,
   by step. No account is begun after ``--seed-seconds`` (30): on a busy machine argon2 makes
   sign-ups slow, and the load then shares fewer accounts (it says so).
2. The load: ``--clients`` closed-loop clients for ``--seconds``, each on one keep-alive
   connection as a phone keeps one. 70 % are phones calling the API with a bearer token; 30 %
   are browsers signed in through the ``/signin`` form (its CSRF token read from the page),
   loading pages with their session cookie. Each picks its next call by the weights below.
   Before the clock starts, four clients of each kind make each of their calls once.
3. The report per endpoint: requests, errors by kind (HTTP status, reset, timeout), p50, p95
   and p99 latency of every request (failed ones included), req/s, and the totals; what the
   server logged (tracebacks, "database is locked", workers that died). ``--json`` prints it
   all as JSON on stdout (the tables then go to stderr).

A measurement: it exits 0 whatever the errors, and prints them loudly. The clients run in this
process (asyncio + httpx2) and share the cores with the server. ``--quick``: a smoke run of
about 20 s for both databases (10 accounts, 10 clients, 3 s of load).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import math
import os
import random
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import httpx2 as httpx
from rich.console import Console
from rich.table import Table
from rich.text import Text
from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from harness import ROOT, plan_bodies, started_server

POSTGRES = os.environ.get(
    "ROLLCOACH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
PASSWORD = "bench horse battery staple"  # noqa: S105 - the seeded accounts' password
BROWSER_SHARE = 0.3
SEED_CONCURRENCY = 4
WARM_UP_CLIENTS = 4
IMPORTS_WITHIN_S = 20
ONE_CONNECTION = httpx.Limits(max_connections=1, max_keepalive_connections=1)
PLAN_BODIES = plan_bodies()
SITES = ["calves", "hamstrings", "quadriceps", "glutes", "feet", "shins", "adductors"]
LOG_SIGNS = {
    "tracebacks": "Traceback (most recent call last)",
    "database is locked": "database is locked",
    "workers died": "died",
}
T = TypeVar("T")


# What the clients send


def checkin_body(rng: random.Random) -> dict[str, Any]:
    """Today's check-in: one or two sore areas, as a runner taps them on the body map."""
    today = datetime.now(UTC).astimezone().date()
    return {
        "date": today.isoformat(),
        "soreness": {site: rng.randint(1, 8) for site in rng.sample(SITES, rng.randint(1, 2))},
    }


def plan_body(rng: random.Random) -> dict[str, Any]:
    return rng.choice(PLAN_BODIES)


@dataclass(frozen=True)
class Call:
    """One endpoint of the mix and how often a client picks it."""

    method: str
    path: str
    weight: int
    body: Callable[[random.Random], dict[str, Any]] | None = None
    params: dict[str, str] | None = None

    @property
    def name(self) -> str:
        return f"{self.method} {self.path}"


PHONE_CALLS = [
    Call("GET", "/api/v1/plans/today", 3, params={"when": "post-run", "minutes": "10"}),
    Call("POST", "/api/v1/plans", 2, body=plan_body),
    Call("GET", "/api/v1/weeks/current", 1),
    Call("POST", "/api/v1/checkins", 2, body=checkin_body),
    Call("GET", "/api/v1/runs", 2),
]
BROWSER_CALLS = [Call("GET", "/", 4), Call("GET", "/history", 1), Call("GET", "/week", 2)]


def run_gpx(start: datetime, minutes: int, lat: float) -> bytes:
    """A run north along a meridian, one point a minute: a few KB, imported in milliseconds."""
    points = "".join(
        f'<trkpt lat="{lat + i * 0.0015:.6f}" lon="14.0"><ele>{300 + i % 5}</ele>'
        f"<time>{(start + timedelta(minutes=i)).strftime('%Y-%m-%dT%H:%M:%SZ')}</time></trkpt>"
        for i in range(minutes + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="rollcoach bench" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type>'
        f"<trkseg>{points}</trkseg></trk></gpx>"
    ).encode()


def history_files(index: int) -> list[tuple[str, tuple[str, bytes, str]]]:
    """Three runs of this week for account ``index``; its own bytes, so nothing is 'already'."""
    morning = datetime.now(UTC).replace(hour=6, minute=0, second=0, microsecond=0)
    days_and_minutes = [(1, 45), (3, 30), (5, 70)]
    return [
        (
            "files",
            (
                f"run-{days}.gpx",
                run_gpx(morning - timedelta(days=days, seconds=-index), minutes, 40 + index / 1e3),
                "application/gpx+xml",
            ),
        )
        for days, minutes in days_and_minutes
    ]


# Tallies


@dataclass
class Tally:
    """Every attempt at one endpoint or seeding step: its latency and, if it failed, why."""

    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    samples: dict[str, str] = field(default_factory=dict)

    def add(self, seconds: float, error: str | None = None, said: str = "") -> None:
        self.latencies.append(seconds)
        if error:
            self.errors[error] += 1
            self.samples.setdefault(error, said[:160])

    def summary(self, elapsed: float | None = None) -> dict[str, Any]:
        ordered = sorted(self.latencies)
        row: dict[str, Any] = {
            "requests": len(ordered),
            "errors": sum(self.errors.values()),
            "error_kinds": dict(self.errors.most_common()),
            "error_samples": self.samples,
        }
        for q in (50, 95, 99):
            row[f"p{q}_ms"] = round(percentile(ordered, q) * 1000, 1)
        if elapsed:
            row["per_s"] = round(len(ordered) / elapsed, 1)
        return row


def percentile(ordered: list[float], q: int) -> float:
    """Nearest rank: the smallest value with at least q % of the values at or under it."""
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, math.ceil(q / 100 * len(ordered)) - 1)]


def error_kind(error: httpx.HTTPError) -> str:
    if isinstance(error, httpx.TimeoutException):
        return "timeout"
    if isinstance(error, httpx.RemoteProtocolError | httpx.ReadError | httpx.WriteError):
        return "reset"  # the server closed the connection instead of answering
    if isinstance(error, httpx.ConnectError):
        return "connect refused"
    return type(error).__name__


async def timed(
    tally: Tally, request: Awaitable[httpx.Response], expect: int | None = None
) -> httpx.Response | None:
    """The response if it is the one wanted (``expect``, else any 2xx); else tally why not."""
    began = time.perf_counter()
    try:
        response = await request
    except httpx.HTTPError as error:
        tally.add(time.perf_counter() - began, error_kind(error), repr(error))
        return None
    ok = response.status_code == expect if expect else 200 <= response.status_code < 300
    failure = None if ok else f"HTTP {response.status_code}"
    tally.add(time.perf_counter() - began, failure, response.text)
    return response if ok else None


async def bounded(limit: int, jobs: Sequence[Awaitable[T]]) -> list[T]:
    """Run these with at most ``limit`` at a time (seeding stays modest, as a real one would)."""
    gate = asyncio.Semaphore(limit)

    async def one(job: Awaitable[T]) -> T:
        async with gate:
            return await job

    return await asyncio.gather(*(one(job) for job in jobs))


# Seeding


@dataclass
class Account:
    email: str
    token: str
    job: int | None = None


Steps = dict[str, Tally]


def new_steps() -> Steps:
    names = ["account", "token", "import upload", "check-in", "import job", "sign-in", "warm-up"]
    return {name: Tally() for name in names}


async def seed_account(
    http: httpx.AsyncClient, index: int, steps: Steps, until: float
) -> Account | None:
    """Sign up, take a token, upload three runs, check in twice; ``None`` if it got no token.

    No token is asked for an account that failed to sign up: its 401 would count against the
    sign-in limit per address, which every seeded account shares here (127.0.0.1). None is
    begun after ``until``: seeding is bounded in time (argon2 makes each sign-up slow)."""
    if time.monotonic() > until:
        return None
    email = f"runner{index:04d}@bench.example.org"
    credentials = {"email": email, "password": PASSWORD}
    signup = http.post("/api/v1/accounts", json=credentials)
    if await timed(steps["account"], signup, 201) is None:
        return None
    token = await timed(steps["token"], http.post("/api/v1/tokens", json=credentials), 200)
    if token is None:
        return None
    account = Account(email, str(token.json()["token"]))
    bearer = {"Authorization": f"Bearer {account.token}"}
    upload = http.post("/api/v1/imports", files=history_files(index), headers=bearer)
    if job := await timed(steps["import upload"], upload, 202):
        account.job = int(job.json()["id"])
    rng = random.Random(index)
    for _ in range(2):
        checkin = http.post("/api/v1/checkins", json=checkin_body(rng), headers=bearer)
        await timed(steps["check-in"], checkin, 201)
    return account


async def follow_import(http: httpx.AsyncClient, account: Account, until: float) -> dict[str, Any]:
    """The job's last state: polled until it is no longer running (or time is up)."""
    state: dict[str, Any] = {"status": "never started"}
    bearer = {"Authorization": f"Bearer {account.token}"}
    while account.job is not None and time.monotonic() < until:
        try:
            state = (await http.get(f"/api/v1/imports/{account.job}", headers=bearer)).json()
        except (httpx.HTTPError, ValueError) as error:
            state = {"status": f"unreadable: {error!r}"}
        if state.get("status") != "running":
            break
        await asyncio.sleep(0.25)
    return state


def tally_import(tally: Tally, state: dict[str, Any], seconds: float) -> int:
    """A job that failed, hangs or skipped a file is an error; returns the runs it stored."""
    report = state.get("report") or {}
    skipped = report.get("skipped") or []
    if state.get("status") != "done":
        tally.add(seconds, f"job {state.get('status')}", json.dumps(report))
    elif skipped:
        tally.add(seconds, "file skipped", str(skipped[0].get("reason", "")))
    else:
        tally.add(seconds)
    return int(report.get("imported") or 0)


async def seed(url: str, options: argparse.Namespace, steps: Steps) -> tuple[list[Account], int]:
    """The accounts that got a token, and how many runs were stored; each step tallied."""
    limits = httpx.Limits(max_connections=SEED_CONCURRENCY)
    until = time.monotonic() + options.seed_seconds
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=options.timeout) as http:
        making = [seed_account(http, i, steps, until) for i in range(options.accounts)]
        made = await bounded(SEED_CONCURRENCY, making)
        ready = [account for account in made if account is not None]
        began, runs = time.monotonic(), 0
        for account in ready:
            state = await follow_import(http, account, began + IMPORTS_WITHIN_S)
            if account.job is not None:
                runs += tally_import(steps["import job"], state, time.monotonic() - began)
    return ready, runs


# The load


@dataclass
class Client:
    http: httpx.AsyncClient
    calls: list[Call]
    rng: random.Random


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    return found.group(1) if found else ""


async def signed_in_browser(
    url: str, account: Account, timeout: float, index: int, tally: Tally
) -> Client:
    """A browser that signed in through the form; its cookie jar holds the session."""
    http = httpx.AsyncClient(base_url=url, limits=ONE_CONNECTION, timeout=timeout)
    page = await timed(tally, http.get("/signin"))
    csrf = csrf_of(page.text if page else "")
    form = {"email": account.email, "password": PASSWORD, "csrf": csrf}
    await timed(tally, http.post("/signin", data=form), 303)
    return Client(http, BROWSER_CALLS, random.Random(index))


def phone(url: str, account: Account, timeout: float, index: int) -> Client:
    bearer = {"Authorization": f"Bearer {account.token}"}
    http = httpx.AsyncClient(base_url=url, headers=bearer, limits=ONE_CONNECTION, timeout=timeout)
    return Client(http, PHONE_CALLS, random.Random(index))


async def make_clients(
    url: str, accounts: list[Account], n: int, timeout: float, signin: Tally
) -> list[Client]:
    """``n`` clients over the accounts in turn: the first 30 % browsers, the rest phones."""
    browsers = round(n * BROWSER_SHARE)
    chosen = [accounts[i % len(accounts)] for i in range(n)]
    signing_in = [
        signed_in_browser(url, a, timeout, i, signin) for i, a in enumerate(chosen[:browsers])
    ]
    made = await bounded(SEED_CONCURRENCY, signing_in)
    return made + [phone(url, a, timeout, i) for i, a in enumerate(chosen) if i >= browsers]


async def warm_up(clients: list[Client], tally: Tally) -> None:
    """A few clients of each kind make each call once first, so that the load does not pay
    for what a worker loads on first use (matplotlib for the history page, templates)."""
    firsts = [c for c in clients if c.calls is BROWSER_CALLS][:WARM_UP_CLIENTS]
    firsts += [c for c in clients if c.calls is PHONE_CALLS][:WARM_UP_CLIENTS]
    await asyncio.gather(*(keep_calling(c, c.calls, defaultdict(lambda: tally)) for c in firsts))


async def keep_calling(client: Client, calls: Iterable[Call], tallies: dict[str, Tally]) -> None:
    """Closed loop: the next call as soon as the last one is answered."""
    for call in calls:
        body = call.body(client.rng) if call.body else None
        request = client.http.request(call.method, call.path, params=call.params, json=body)
        await timed(tallies[call.name], request)


def picks(client: Client, until: float) -> Iterator[Call]:
    """The client's calls picked by weight, until the time is up."""
    weights = [call.weight for call in client.calls]
    while time.perf_counter() < until:
        yield client.rng.choices(client.calls, weights)[0]


async def load(clients: list[Client], seconds: float) -> tuple[dict[str, Tally], float]:
    tallies = {call.name: Tally() for call in BROWSER_CALLS + PHONE_CALLS}
    began = time.perf_counter()
    await asyncio.gather(*(keep_calling(c, picks(c, began + seconds), tallies) for c in clients))
    return tallies, time.perf_counter() - began


def totals(tallies: dict[str, Tally]) -> Tally:
    every = Tally()
    for tally in tallies.values():
        every.latencies += tally.latencies
        every.errors.update(tally.errors)
        for kind, said in tally.samples.items():
            every.samples.setdefault(kind, said)
    return every


async def seed_and_load(url: str, options: argparse.Namespace) -> dict[str, Any]:
    began = time.perf_counter()
    steps = new_steps()
    accounts, runs = await seed(url, options, steps)
    if not accounts:
        seeding_s = time.perf_counter() - began
        return {"seed": seeding_report(steps, runs, 0, seeding_s, options.accounts)}
    clients = await make_clients(url, accounts, options.clients, options.timeout, steps["sign-in"])
    try:
        await warm_up(clients, steps["warm-up"])
        seeding_s = time.perf_counter() - began
        seeded = seeding_report(steps, runs, len(accounts), seeding_s, options.accounts)
        tallies, elapsed = await load(clients, options.seconds)
    finally:
        await asyncio.gather(*(client.http.aclose() for client in clients))
    endpoints = {name: tally.summary(elapsed) for name, tally in tallies.items()}
    browsers = sum(client.calls is BROWSER_CALLS for client in clients)
    return {
        "seed": seeded,
        "load": {
            "seconds": round(elapsed, 1),
            "clients": len(clients),
            "browsers": browsers,
            "phones": len(clients) - browsers,
            "endpoints": endpoints,
            "total": totals(tallies).summary(elapsed),
        },
    }


def seeding_report(
    steps: Steps, runs: int, accounts: int, seconds: float, asked: int
) -> dict[str, Any]:
    return {
        "seconds": round(seconds, 1),
        "accounts_asked": asked,
        "accounts_tried": steps["account"].summary()["requests"],
        "accounts_with_token": accounts,
        "runs_imported": runs,
        "steps": {name: tally.summary() for name, tally in steps.items()},
    }


# The databases and servers


class Unreachable(Exception):
    """The PostgreSQL to measure does not answer: that database is skipped, with this reason."""


@contextmanager
def postgres_schema(admin_url: str) -> Iterator[str]:
    """A URL into a new schema of its own (``search_path``), dropped when we leave."""
    admin = create_engine(make_url(admin_url), poolclass=NullPool)
    schema = f"rollcoach_load_{uuid.uuid4().hex[:12]}"
    try:
        execute(admin, f'CREATE SCHEMA "{schema}"')
    except SQLAlchemyError as error:
        admin.dispose()
        raise Unreachable(str(error).strip().splitlines()[0]) from error
    try:
        url = admin.url.update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        execute(admin, f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


def execute(engine: Engine, statement: str) -> None:
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(statement))


@contextmanager
def fresh_database(kind: str, folder: Path, postgres: str) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'load.db'}"
        return
    with postgres_schema(postgres) as url:
        yield url


def log_signs(log: Path) -> dict[str, Any]:
    """What the server said that a client cannot see: tracebacks (and the first one's error),
    locks, dead workers."""
    said = log.read_text(errors="replace") if log.exists() else ""
    signs: dict[str, Any] = {name: said.count(sign) for name, sign in LOG_SIGNS.items()}
    if signs["tracebacks"]:
        after = said.split(LOG_SIGNS["tracebacks"], 1)[1].splitlines()[1:]
        signs["first error"] = next((line for line in after if line[:1] not in " \t"), "")
    return signs


def measure_database(kind: str, options: argparse.Namespace) -> dict[str, Any]:
    """Seed and load one database through its own server; a skip when it cannot be reached."""
    settings = {"ROLLCOACH_SECRET_KEY": secrets.token_urlsafe(36)}  # 48 characters
    flags = ("--auth", "accounts", "--workers", "2")
    with tempfile.TemporaryDirectory(prefix="rollcoach-load-") as tmp:
        folder = Path(tmp)
        try:
            with fresh_database(kind, folder, options.postgres) as database:
                settings["ROLLCOACH_DATABASE_URL"] = database
                with started_server(folder, settings, *flags) as url:
                    result = asyncio.run(seed_and_load(url, options))
        except Unreachable as why:
            return {"database": kind, "skipped": f"PostgreSQL does not answer: {why}"}
        return {"database": kind, **result, "server_log": log_signs(folder / "server.log")}


# The report


def code_version() -> dict[str, Any]:
    """The commit measured, the files changed on top of it (others edit as we run), and the
    package the server imports (another copy when ``PYTHONPATH`` points at one)."""

    def git(*args: str) -> str:
        done = subprocess.run(  # noqa: S603
            ["git", *args],  # noqa: S607 - the developer's git
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        return done.stdout.strip()

    status = git("status", "--porcelain", "--untracked-files=no")
    changed = [line[3:] for line in status.split("\n") if line]
    spec = importlib.util.find_spec("rollcoach")
    package = str(Path(spec.origin).parent) if spec and spec.origin else "not found"
    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return {"commit": commit, "changed": changed, "package": package}


def kinds_text(row: dict[str, Any]) -> str:
    return ", ".join(f"{kind} x{n}" for kind, n in row["error_kinds"].items()) or "-"


def table(title: str, rows: dict[str, dict[str, Any]], rate: bool) -> Table:
    shown = Table(title=title, title_justify="left")
    for heading in ["", "requests", "errors", "error kinds", "p50 ms", "p95 ms", "p99 ms"]:
        shown.add_column(heading, justify="left" if heading in ("", "error kinds") else "right")
    if rate:
        shown.add_column("req/s", justify="right")
    for name, row in rows.items():
        style = "bold red" if row["errors"] else None
        cells = [name, f"{row['requests']:,}", f"{row['errors']:,}", kinds_text(row)]
        cells += [f"{row[k]:,.1f}" for k in ("p50_ms", "p95_ms", "p99_ms")]
        shown.add_row(*cells, *([f"{row['per_s']:,.1f}"] if rate else []), style=style)
    return shown


def show_errors(console: Console, kind: str, rows: dict[str, dict[str, Any]]) -> None:
    """Loudly: every failing endpoint or step, each kind of failure with what it said first."""
    failing = {name: row for name, row in rows.items() if row["errors"]}
    for name, row in failing.items():
        share = row["errors"] / max(row["requests"], 1)
        console.print(f"[bold red]ERRORS on {kind}: {name}: {row['errors']:,} ({share:.1%})")
        for error, said in row["error_samples"].items():
            console.print(Text(f"  {error}: {said!r}", style="red"))


def show(console: Console, result: dict[str, Any]) -> None:
    kind = result["database"]
    if "skipped" in result:
        console.print(f"[bold yellow]{kind}: skipped. {result['skipped']}")
        return
    seed = result["seed"]
    title = (
        f"{kind}: seeding, {seed['seconds']} s ({seed['accounts_with_token']} accounts with a "
        f"token, {seed['runs_imported']} runs imported)"
    )
    console.print(table(title, seed["steps"], rate=False))
    if seed["accounts_tried"] < seed["accounts_asked"]:
        console.print(
            f"[bold yellow]{kind}: only {seed['accounts_tried']} of {seed['accounts_asked']} "
            "accounts begun within --seed-seconds (each sign-up hashes a password)"
        )
    show_errors(console, kind, seed["steps"])
    if "load" in result:
        run = result["load"]
        title = (
            f"{kind}: {run['clients']} clients ({run['phones']} phones, {run['browsers']} "
            f"browsers), {run['seconds']} s"
        )
        rows = run["endpoints"] | {"total": run["total"]}
        console.print(table(title, rows, rate=True))
        show_errors(console, kind, run["endpoints"])
        if not run["total"]["errors"]:
            console.print(f"[bold green]{kind}: no errors under load")
    logged = result["server_log"]
    alarm = any(isinstance(n, int) and n for n in logged.values())
    console.print(Text(f"{kind}: server log: {logged}", style="bold red" if alarm else ""))


def options_of(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--clients", type=int, help="concurrent clients (50; quick 10)")
    parser.add_argument("--seconds", type=float, help="of load per database (30; quick 3)")
    parser.add_argument("--accounts", type=int, help="seeded accounts (200; quick 10)")
    parser.add_argument("--database", choices=["both", "sqlite", "postgresql"], default="both")
    parser.add_argument("--postgres", default=POSTGRES, help="admin URL (a schema is made)")
    parser.add_argument("--seed-seconds", type=float, help="seeding's bound (30; quick 10)")
    parser.add_argument("--timeout", type=float, default=10, help="per request, s (10)")
    parser.add_argument("--quick", action="store_true", help="a smoke run of about 20 s")
    parser.add_argument("--json", action="store_true", help="the results as JSON on stdout")
    options = parser.parse_args(argv)
    options.clients = options.clients or (10 if options.quick else 50)
    options.seconds = options.seconds or (3 if options.quick else 30)
    options.accounts = options.accounts or (10 if options.quick else 200)
    options.seed_seconds = options.seed_seconds or (10 if options.quick else 30)
    if min(options.clients, options.seconds, options.accounts, options.timeout) <= 0:
        parser.error("--clients, --seconds, --accounts and --timeout must be positive")
    return options


def main(argv: list[str] | None = None) -> int:
    options = options_of(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # still stop the server
    out = sys.stderr if options.json else sys.stdout
    console = Console(file=out, width=None if out.isatty() else 140)
    code = code_version()
    dirty = f", {len(code['changed'])} files changed on top" if code["changed"] else ", clean"
    machine = f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
    console.print(f"code {code['commit']}{dirty}; {machine}; clients in this process")
    if not Path(code["package"]).is_relative_to(ROOT):
        console.print(f"[bold yellow]the server runs {code['package']}, not this checkout")
    kinds = ["sqlite", "postgresql"] if options.database == "both" else [options.database]
    results = []
    for kind in kinds:
        console.print(f"{kind}: starting the server, seeding {options.accounts} accounts")
        results.append(measure_database(kind, options))
        show(console, results[-1])
    if options.json:
        settings = {k: v for k, v in vars(options).items() if k != "postgres"}
        host = {"cpus": os.cpu_count(), "load_average": os.getloadavg()[0]}
        document = {"code": code, "machine": host, "options": settings, "databases": results}
        print(json.dumps(document, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
