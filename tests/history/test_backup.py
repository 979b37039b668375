"""A backup holds everything and puts it back exactly, into an empty database only."""

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from rollcoach.history.accounts import Accounts
from rollcoach.history.db import open_store
from rollcoach.history.errors import BackupRejected
from rollcoach.history.import_jobs import ImportJobs
from rollcoach.history.planned import PlannedRuns
from rollcoach.history.profile import Profile
from rollcoach.history.records import Checkin, HooperScores, SessionRecord
from rollcoach.history.store import Store
from rollcoach.models.plan_request import Injury
from rollcoach.models.week import WeekPlanned
from tests.history.conftest import FreshDatabases
from tests.history.factories import HASH_A, HASH_B, START, make_summary, make_treadmill_run


def fill(store: Store) -> dict[str, Any]:
    """One of everything, for two athletes; the export of the result."""
    me, friend = store.default_athlete(), store.add_athlete("friend")
    store.save_profile(me, Profile(age=52, conditions=["blood-thinners"], tools=["massage-stick"]))
    runs = [make_summary(rpe=5), make_treadmill_run(start=START + timedelta(days=1))]
    store.add_activities(me, runs, content_hash=HASH_A, source_path="/runs/a.fit")
    store.add_activities(friend, [make_summary()], content_hash=HASH_B, source_path="b.gpx")
    hooper = HooperScores(sleep=2, fatigue=3, stress=4, soreness=5)
    store.add_checkin(me, Checkin(date=date(2026, 11, 22), soreness={"calves": 4}, hooper=hooper))
    store.add_checkin(friend, Checkin(date=date(2026, 11, 23), pain={"knee": 1}))
    store.add_injury(me, Injury(area="hamstrings", date=date(2026, 11, 20)))
    store.clear_injury(me, store.add_injury(me, Injury(area="hip", date=START)))
    started = datetime(2026, 11, 23, 18, 30, tzinfo=UTC)
    store.record_session(me, SessionRecord(started_at=started, plan={"steps": []}))
    PlannedRuns(store.engine).add(me, WeekPlanned(date=date(2026, 11, 25), type="tempo"))
    fill_accounts(store)
    return store.export_all()


def fill_accounts(store: Store) -> None:
    """The web app's tables: two users, a token, a coach grant, a failed sign-in, a job."""
    accounts = Accounts(store.engine)
    runner = accounts.create_user("runner@example.org", "hash-1")
    coach = accounts.create_user("coach@example.org", "hash-2")
    accounts.add_token(runner.user_id, "api", "d" * 64, "script", None)
    accounts.grant_coach(runner.athlete_id, "coach@example.org")
    accounts.record_attempts([coach.email])
    accounts.secret("web-secret")
    ImportJobs(store.engine).start(runner.athlete_id, 2, "web:1:lease")


def test_restoring_a_backup_into_an_empty_database_gives_the_same_backup(
    store: Store, databases: FreshDatabases
) -> None:
    backup = fill(store)
    assert all(backup["tables"][name] for name in backup["tables"])
    with open_store(databases.new_url()) as empty:
        empty.restore_all(json.loads(json.dumps(backup)))
        assert empty.export_all() == backup


def test_a_restored_database_carries_on_with_new_ids(
    store: Store, databases: FreshDatabases
) -> None:
    backup = fill(store)
    with open_store(databases.new_url()) as restored:
        restored.restore_all(backup)
        assert restored.add_athlete("newcomer") == 5  # me, friend and the two account holders
        me = restored.default_athlete()
        added = restored.add_activities(
            me,
            [make_summary(start=START - timedelta(days=9))],
            content_hash=HASH_B,
            source_path="c",
        )
        assert added.added == 1
        assert restored.add_checkin(me, Checkin(date=date(2026, 11, 24))) == 3


def test_a_backup_is_not_restored_over_existing_history(store: Store) -> None:
    backup = fill(store)
    with pytest.raises(BackupRejected, match="empty"):
        store.restore_all(backup)
    assert store.export_all() == backup


@pytest.mark.parametrize(
    "change",
    [
        {"format": "something-else"},
        {"schema": "9999"},
        {"tables": {"passwords": []}},
        {"tables": {"athletes": [{"id": 1}]}},
        {"tables": {"checkins": [{"id": 1}]}},
    ],
)
def test_a_backup_that_is_not_ours_is_refused_and_nothing_written(
    store: Store, databases: FreshDatabases, change: dict[str, Any]
) -> None:
    backup = fill(store) | change
    with open_store(databases.new_url()) as empty:
        with pytest.raises(BackupRejected):
            empty.restore_all(backup)
        assert all(rows == [] for rows in empty.export_all()["tables"].values())


def test_a_backup_whose_rows_break_the_schema_writes_nothing(
    store: Store, databases: FreshDatabases
) -> None:
    backup = fill(store)
    backup["tables"]["activities"][0]["athlete_id"] = 404
    with open_store(databases.new_url()) as empty:
        with pytest.raises(BackupRejected):
            empty.restore_all(backup)
        assert empty.export_all()["tables"]["athletes"] == []
