"""Every storage test runs on a fresh SQLite file and on a fresh PostgreSQL schema.

PostgreSQL is used when ROLLCOACH_TEST_POSTGRES_URL is set (``dev.py test`` sets
it when a server answers on 127.0.0.1:5432); each test then gets schemas of its
own, reached through ``search_path``, and drops them afterwards.
"""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.pool import NullPool

from rollcoach.history.db import open_store
from rollcoach.history.store import Store

POSTGRES_VARIABLE = "ROLLCOACH_TEST_POSTGRES_URL"
NO_POSTGRES = (
    f"{POSTGRES_VARIABLE} is not set, so there is no PostgreSQL to test against "
    "(python3 dev.py test sets it when 127.0.0.1:5432 answers)"
)


class FreshDatabases:
    """Makes empty databases of one kind for a test, and removes them after it."""

    def __init__(self, backend: str, folder: Path, admin: Engine | None) -> None:
        self.backend, self.folder, self.admin = backend, folder, admin
        self.schemas: list[str] = []

    def new_url(self) -> str:
        if self.admin is None:
            return f"sqlite:///{self.folder / f'history-{uuid.uuid4().hex[:8]}.db'}"
        schema = f"rollcoach_test_{uuid.uuid4().hex[:12]}"
        with self.admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        self.schemas.append(schema)
        url = self.admin.url.update_query_dict({"options": f"-csearch_path={schema}"})
        return url.render_as_string(hide_password=False)

    def drop_all(self) -> None:
        if self.admin is None:
            return
        with self.admin.begin() as connection:
            for schema in self.schemas:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine | None]:
    url = os.environ.get(POSTGRES_VARIABLE, "").strip()
    if not url:
        yield None
        return
    engine = create_engine(make_url(url), poolclass=NullPool)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def databases(
    request: pytest.FixtureRequest, tmp_path: Path, postgres_admin: Engine | None
) -> Iterator[FreshDatabases]:
    if request.param == "postgresql" and postgres_admin is None:
        pytest.skip(NO_POSTGRES)
    admin = postgres_admin if request.param == "postgresql" else None
    fresh = FreshDatabases(request.param, tmp_path, admin)
    yield fresh
    fresh.drop_all()


@pytest.fixture
def database_url(databases: FreshDatabases) -> str:
    return databases.new_url()


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    with open_store(database_url) as opened:
        yield opened


@pytest.fixture
def athlete(store: Store) -> int:
    return store.default_athlete()
