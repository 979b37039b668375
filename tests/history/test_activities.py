"""Storing a file's activities: once per file, all or nothing, each athlete apart."""

from datetime import timedelta, timezone

import pytest

from rollcoach.history.activity_log import AddResult
from rollcoach.history.errors import ActivityRejected, UnknownAthlete
from rollcoach.history.store import Store
from rollcoach.imports.summary import ActivitySummary
from tests.history.factories import HASH_A, HASH_B, START, make_summary


def add(
    store: Store, athlete: int, summaries: list[ActivitySummary], content_hash: str
) -> AddResult:
    return store.add_activities(
        athlete, summaries, content_hash=content_hash, source_path=f"/runs/{content_hash[:4]}.fit"
    )


def test_adding_the_same_file_again_adds_nothing(store: Store, athlete: int) -> None:
    runs = [make_summary(), make_summary(start=START + timedelta(days=1))]
    assert add(store, athlete, runs, HASH_A) == AddResult(added=2, already=0)
    assert add(store, athlete, runs, HASH_A) == AddResult(added=0, already=2)
    assert len(store.activities(athlete)) == 2


def test_the_same_start_in_two_different_files_is_kept_twice(store: Store, athlete: int) -> None:
    """Different bytes may be a second recording (watch and phone): we keep both, not guess."""
    add(store, athlete, [make_summary()], HASH_A)
    assert add(store, athlete, [make_summary(source_format="gpx")], HASH_B).added == 1
    assert [row.content_hash for row in store.activities(athlete)] == [HASH_B, HASH_A]


def test_one_instant_written_in_two_time_zones_is_one_activity(store: Store, athlete: int) -> None:
    same_moment = START.astimezone(timezone(timedelta(hours=2)))
    add(store, athlete, [make_summary()], HASH_A)
    assert add(store, athlete, [make_summary(start=same_moment)], HASH_A).already == 1


def test_a_file_is_known_once_stored(store: Store, athlete: int) -> None:
    assert not store.has_file(athlete, HASH_A)
    add(store, athlete, [make_summary()], HASH_A)
    assert store.has_file(athlete, HASH_A)
    assert not store.has_file(store.add_athlete("someone else"), HASH_A)


def test_a_refused_file_leaves_nothing_behind_and_earlier_files_intact(
    store: Store, athlete: int
) -> None:
    add(store, athlete, [make_summary()], HASH_A)
    good = make_summary(start=START + timedelta(days=1))
    # An importer that forgot that Zwift writes heart rate 0 for "no strap".
    zero_hr = make_summary(start=START + timedelta(days=2)).model_copy(update={"avg_hr": 0})
    with pytest.raises(ActivityRejected):
        add(store, athlete, [good, zero_hr], HASH_B)
    assert [row.content_hash for row in store.activities(athlete)] == [HASH_A]
    assert not store.has_file(athlete, HASH_B)
    assert add(store, athlete, [good], HASH_B).added == 1


def test_activities_come_newest_first(store: Store, athlete: int) -> None:
    starts = [START + timedelta(days=n) for n in (3, 0, 7, 1)]
    add(store, athlete, [make_summary(start=start) for start in starts], HASH_A)
    assert [row.start_utc for row in store.activities(athlete)] == sorted(starts, reverse=True)


def test_times_come_back_in_utc(store: Store, athlete: int) -> None:
    add(store, athlete, [make_summary()], HASH_A)
    (row,) = store.activities(athlete)
    assert row.start_utc == START
    assert row.start_utc.utcoffset() == timedelta(0)
    assert row.imported_at.utcoffset() == timedelta(0)


def test_session_load_is_rpe_times_minutes_only_when_rpe_is_known(
    store: Store, athlete: int
) -> None:
    with_rpe = make_summary(rpe=6, elapsed_s=3000.0)
    without = make_summary(start=START + timedelta(days=1))
    add(store, athlete, [with_rpe, without], HASH_A)
    loads = {row.start_utc: row.session_load for row in store.activities(athlete)}
    assert loads == {START: 300.0, START + timedelta(days=1): None}


def test_an_empty_file_adds_nothing(store: Store, athlete: int) -> None:
    assert add(store, athlete, [], HASH_A) == AddResult(added=0, already=0)


def test_activities_of_an_unknown_athlete_are_refused(store: Store) -> None:
    with pytest.raises(UnknownAthlete):
        add(store, store.default_athlete() + 41, [make_summary()], HASH_A)


def test_an_athlete_sees_only_their_own_activities(store: Store, athlete: int) -> None:
    other = store.add_athlete("friend")
    add(store, athlete, [make_summary()], HASH_A)
    add(store, other, [make_summary()], HASH_A)
    assert [row.athlete_id for row in store.activities(other)] == [other]
    assert len(store.activities(athlete)) == 1


def test_the_default_athlete_is_created_once_as_me(store: Store) -> None:
    assert store.default_athlete() == 1
    assert store.default_athlete() == 1
    assert store.add_athlete("friend") == 2
    assert store.export_all()["tables"]["athletes"][0]["name"] == "me"


def test_nul_characters_from_fit_strings_are_dropped(store: Store, athlete: int) -> None:
    add(store, athlete, [make_summary(device="Forerunner 265\x00\x00")], HASH_A)
    assert store.activities(athlete)[0].device == "Forerunner 265"
