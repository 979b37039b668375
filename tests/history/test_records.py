"""Profile, check-ins, injuries and guided sessions: stored as given, read back the same."""

from datetime import UTC, date, datetime

import pytest

from rollcoach.history.errors import UnknownAthlete
from rollcoach.history.profile import Profile
from rollcoach.history.records import Checkin, HooperScores, SessionRecord
from rollcoach.history.store import Store
from rollcoach.models.plan_request import BoneStressScreen, Injury


def test_a_new_athlete_has_the_plan_requests_defaults(store: Store, athlete: int) -> None:
    assert store.get_profile(athlete) == Profile()
    assert store.get_profile(athlete).tools == ["foam-roller"]


def test_a_saved_profile_is_read_back_whole(store: Store, athlete: int) -> None:
    profile = Profile(
        age=44,
        level="intermediate",
        sedentary=True,
        conditions=["neuropathy"],
        screen=BoneStressScreen(high_arch=True, hop_pain=True),
        tools=["massage-ball", "peanut-ball"],
    )
    store.save_profile(athlete, profile)
    assert store.get_profile(athlete) == profile


def test_the_profile_of_an_unknown_athlete_is_an_error(store: Store) -> None:
    with pytest.raises(UnknownAthlete):
        store.get_profile(99)
    with pytest.raises(UnknownAthlete):
        store.save_profile(99, Profile())


def test_check_ins_come_back_newest_day_first(store: Store, athlete: int) -> None:
    older = Checkin(date=date(2026, 11, 20), soreness={"calves": 6}, pain={"knee": 2})
    newer = Checkin(
        date=date(2026, 11, 21),
        soreness={"quadriceps": 3},
        hooper=HooperScores(sleep=3, fatigue=5, stress=2, soreness=4),
        recovery_status=7,
    )
    first = store.add_checkin(athlete, older)
    second = store.add_checkin(athlete, newer)
    assert [(c.id, c.checkin) for c in store.checkins(athlete)] == [(second, newer), (first, older)]


def test_injuries_keep_a_bare_day_or_a_moment_as_given(store: Store, athlete: int) -> None:
    day = Injury(area="hamstrings", side="left", date=date(2026, 11, 21), signs=["swelling"])
    moment = Injury(area="calves", date=datetime(2026, 11, 22, 8, 15, tzinfo=UTC))
    store.add_injury(athlete, day)
    store.add_injury(athlete, moment)
    assert [stored.injury for stored in store.list_injuries(athlete)] == [day, moment]


def test_a_cleared_injury_no_longer_counts_but_stays_on_record(store: Store, athlete: int) -> None:
    injury_id = store.add_injury(athlete, Injury(area="shins", date=date(2026, 11, 1)))
    assert store.clear_injury(athlete, injury_id)
    assert store.list_injuries(athlete) == []
    (stored,) = store.list_injuries(athlete, include_cleared=True)
    assert stored.cleared_at is not None
    assert stored.cleared_at.utcoffset() is not None


def test_an_athlete_cannot_clear_another_athletes_injury(store: Store, athlete: int) -> None:
    injury_id = store.add_injury(athlete, Injury(area="feet", date=date(2026, 11, 1)))
    other = store.add_athlete("friend")
    assert not store.clear_injury(other, injury_id)
    assert not store.clear_injury(athlete, injury_id + 100)
    assert len(store.list_injuries(athlete)) == 1
    assert store.list_injuries(other) == []


def test_a_guided_session_is_recorded_as_it_went(store: Store, athlete: int) -> None:
    record = SessionRecord(
        started_at=datetime(2026, 11, 23, 18, 30, tzinfo=UTC),
        plan={"status": "ok", "steps": [{"order": 1, "area": "calves"}]},
        steps_done=[1],
        steps_skipped=[2],
        stopped_early=True,
        stop_reason="sharp-pain",
        stopped_at_step=3,
        feedback="calf felt better",
    )
    session_id = store.record_session(athlete, record)
    (stored,) = store.sessions(athlete)
    assert (stored.id, stored.session) == (session_id, record)


def test_records_for_an_unknown_athlete_are_refused(store: Store) -> None:
    with pytest.raises(UnknownAthlete):
        store.add_checkin(7, Checkin(date=date(2026, 11, 20)))
