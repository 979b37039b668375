"""``--athlete EMAIL`` on the record commands: a shared database's other runners, by email.

A database that ``rollcoach serve --auth accounts`` fills has an athlete per account;
without ``--athlete`` the commands keep using the first one (here Ann's).
"""

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from rollcoach.history.accounts import Accounts
from rollcoach.history.db import open_store
from rollcoach.history.store import Store
from tests.cli.helpers import assert_one_line_error, cli
from tests.history.conftest import database_url, databases, postgres_admin
from tests.history.factories import HASH_A, make_summary
from tests.imports.fitwriter import Session, activity_fit

__all__ = ["database_url", "databases", "postgres_admin"]

ANN, BOB = "ann@example.org", "bob@example.org"


@pytest.fixture
def history_database(
    history_database: str, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> str:
    """On SQLite and on PostgreSQL: the accounts are looked up by email in the database."""
    monkeypatch.setenv("ROLLCOACH_DATABASE_URL", database_url)
    return database_url


@pytest.fixture
def store(history_database: str) -> Iterator[Store]:
    with open_store(history_database) as opened:
        yield opened


@pytest.fixture
def athletes(store: Store) -> dict[str, int]:
    """Ann's and Bob's athletes (accounts made as sign-up makes them); Ann's comes first."""
    accounts = Accounts(store.engine)
    return {
        email: accounts.create_user(email, "not-a-real-hash").athlete_id for email in (ANN, BOB)
    }


def test_report_is_of_the_runner_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, store: Store, athletes: dict[str, int]
) -> None:
    today = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    run = make_summary(start=today, utc_offset_s=0, rpe=5.0)
    store.add_activities(athletes[BOB], [run], content_hash=HASH_A, source_path="bob.fit")
    pages = {}
    for name, flags in (("first", []), ("bob", ["--athlete", "Bob@Example.org"])):
        out = tmp_path / f"{name}.html"
        code, _, err = cli(capsys, "report", "--out", str(out), *flags)
        assert (code, err) == (0, "")
        pages[name] = out.read_text(encoding="utf-8")
    assert "Nothing to show yet" in pages["first"]
    assert "Nothing to show yet" not in pages["bob"]


def test_records_go_to_the_runner_named_and_are_read_back(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, store: Store, athletes: dict[str, int]
) -> None:
    bob = ["--athlete", BOB]
    assert cli(capsys, "checkin", "calves=4", "--date", "2026-11-23", *bob)[0] == 0
    assert cli(capsys, "profile", "--age", "61", *bob)[0] == 0
    assert cli(capsys, "injury", "add", "hamstrings", "--date", "2026-11-21", *bob)[0] == 0
    run = tmp_path / "run.fit"
    run.write_bytes(
        activity_fit([Session(datetime(2026, 11, 22, 7, tzinfo=UTC), 3000, 2950, 10_000)])
    )
    assert cli(capsys, "import", str(run), "--json", *bob)[0] == 0

    assert [c.checkin.soreness for c in store.checkins(athletes[BOB])] == [{"calves": 4}]
    assert store.get_profile(athletes[BOB]).age == 61
    assert len(store.activities(athletes[BOB])) == 1
    for kind in (store.checkins, store.activities, store.list_injuries):
        assert kind(athletes[ANN]) == []
    assert json.loads(cli(capsys, "profile", "--json", *bob)[1])["age"] == 61
    assert len(json.loads(cli(capsys, "log", "--json", *bob)[1])) == 1
    assert json.loads(cli(capsys, "log", "--json")[1]) == []  # Ann's: the first runner
    (injury,) = json.loads(cli(capsys, "injury", "list", "--json", *bob)[1])
    assert cli(capsys, "injury", "clear", str(injury["id"]))[0] == 2  # not Ann's injury
    assert cli(capsys, "injury", "clear", str(injury["id"]), *bob)[0] == 0


@pytest.mark.parametrize(
    "command",
    [
        ["report"],
        ["log"],
        ["import", "/"],  # the whole disk: the email is checked before any file
        ["checkin", "calves=2"],
        ["profile"],
        ["profile", "--age", "40"],
        ["injury", "add", "calves"],
        ["injury", "list"],
        ["injury", "clear", "1"],
    ],
)
def test_an_unknown_email_is_one_line_naming_it(
    capsys: pytest.CaptureFixture[str], store: Store, athletes: dict[str, int], command: list[str]
) -> None:
    code, out, err = cli(capsys, *command, "--athlete", "nobody@example.org")
    assert_one_line_error(code, out, err, "--athlete")
    assert "nobody@example.org" in err
    assert store.checkins(athletes[ANN]) == [] and store.list_injuries(athletes[ANN]) == []
    assert store.get_profile(athletes[ANN]).age is None
