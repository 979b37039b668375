"""Schemathesis against /openapi.json: generated requests never cause a server error.

Runs on a SQLite file (the property is about the app's code paths; the database
tests cover PostgreSQL). Single mode, and accounts mode with a real bearer token.
The apps are made when the module loads: schemathesis' lazy fixtures do not work
with pytest 9 yet (``Function._nodeid``), so the schemas cannot come from fixtures.
"""

import os
import tempfile
from pathlib import Path

import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from rollcoach.web.app import create_app
from rollcoach.web.settings import WebSettings
from tests.web.conftest import SECRET, sign_up_with_token

EXAMPLES = int(os.environ.get("ROLLCOACH_FUZZ_EXAMPLES", "40"))
FOLDER = Path(tempfile.mkdtemp(prefix="rollcoach-fuzz-"))


def _app(auth: str) -> FastAPI:
    url = f"sqlite:///{FOLDER / f'{auth}.db'}"
    return create_app(WebSettings(database_url=url, auth=auth, secret_key=SECRET))


SINGLE_APP = _app("single")
ACCOUNTS_APP = _app("accounts")
TOKEN = str(sign_up_with_token(ACCOUNTS_APP, "fuzz@example.org")[0].headers["Authorization"])
single = schemathesis.openapi.from_asgi("/openapi.json", SINGLE_APP)
accounts = schemathesis.openapi.from_asgi("/openapi.json", ACCOUNTS_APP)
# Derandomized so CI sees the same cases every run; ROLLCOACH_FUZZ_EXAMPLES=400 digs deeper
# (400 per operation passed on 2026-11-23).
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@single.parametrize()
@FUZZ
def test_no_server_error_in_single_mode(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[not_a_server_error])


@accounts.parametrize()
@FUZZ
def test_no_server_error_with_accounts(case: schemathesis.Case) -> None:
    headers = {"Authorization": TOKEN} if case.path not in {"/api/v1/tokens"} else {}
    case.call_and_validate(headers=headers, checks=[not_a_server_error])


def test_the_fuzzed_schema_covers_the_api() -> None:
    paths = TestClient(SINGLE_APP).get("/openapi.json").json()["paths"]
    assert sum(len(methods) for methods in paths.values()) >= 20
