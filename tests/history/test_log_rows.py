"""``rollcoach log --json``: the spec's shape, local days, and null for the unknown."""

from datetime import UTC, date, datetime

from rollcoach.history.store import Store
from tests.history.factories import HASH_A, HASH_B, make_summary, make_treadmill_run

LOG_KEYS = [
    "id",
    "start",
    "local_date",
    "sport",
    "sub_sport",
    "minutes",
    "moving_minutes",
    "km",
    "climb_m",
    "descent_m",
    "avg_hr",
    "max_hr",
    "rpe",
    "load",
    "source",
]


def test_a_log_row_has_exactly_the_fields_of_the_spec(store: Store, athlete: int) -> None:
    summary = make_summary(
        start=datetime(2026, 11, 22, 7, 5, tzinfo=UTC),
        utc_offset_s=3600,
        elapsed_s=3725.0,
        moving_s=3600.0,
        distance_m=10012.3456,
        rpe=4.0,
    )
    store.add_activities(athlete, [summary], content_hash=HASH_A, source_path="/w/run 1.fit")
    (row,) = store.log_rows(athlete)
    assert list(row) == LOG_KEYS
    assert row == {
        "id": row["id"],
        "start": "2026-11-22T07:05:00+00:00",
        "local_date": "2026-11-22",
        "sport": "running",
        "sub_sport": None,
        "minutes": 62.1,
        "moving_minutes": 60.0,
        "km": 10.012,
        "climb_m": 52.0,
        "descent_m": 49.5,
        "avg_hr": 148,
        "max_hr": 171,
        "rpe": 4.0,
        "load": 248.3,
        "source": "run 1.fit",
    }


def test_a_treadmill_run_without_distance_has_null_km_never_zero(
    store: Store, athlete: int
) -> None:
    run = make_treadmill_run(avg_hr=None, max_hr=None, moving_s=None)
    store.add_activities(athlete, [run], content_hash=HASH_A, source_path="treadmill.fit")
    (row,) = store.log_rows(athlete)
    assert row["sub_sport"] == "treadmill"
    nulls = ["moving_minutes", "km", "climb_m", "descent_m", "avg_hr", "max_hr", "rpe", "load"]
    assert {key: row[key] for key in nulls} == dict.fromkeys(nulls)
    assert row["minutes"] == 62.0


def test_a_late_run_belongs_to_the_next_local_day_when_the_offset_says_so(
    store: Store, athlete: int
) -> None:
    late = make_summary(start=datetime(2026, 11, 22, 23, 30, tzinfo=UTC), utc_offset_s=2 * 3600)
    store.add_activities(athlete, [late], content_hash=HASH_A, source_path="late.fit")
    (row,) = store.log_rows(athlete)
    assert row["start"] == "2026-11-22T23:30:00+00:00"
    assert row["local_date"] == "2026-11-23"


def test_an_early_run_west_of_greenwich_belongs_to_the_day_before(
    store: Store, athlete: int
) -> None:
    early = make_summary(start=datetime(2026, 11, 22, 3, 0, tzinfo=UTC), utc_offset_s=-5 * 3600)
    store.add_activities(athlete, [early], content_hash=HASH_A, source_path="early.fit")
    assert store.activities(athlete)[0].local_date == date(2026, 11, 21)


def test_without_an_offset_the_local_day_is_the_utc_day(store: Store, athlete: int) -> None:
    run = make_summary(start=datetime(2026, 11, 22, 23, 30, tzinfo=UTC), utc_offset_s=None)
    store.add_activities(athlete, [run], content_hash=HASH_A, source_path="no-offset.gpx")
    assert store.log_rows(athlete)[0]["local_date"] == "2026-11-22"


def test_the_source_is_the_file_name_whatever_system_wrote_the_path(
    store: Store, athlete: int
) -> None:
    store.add_activities(
        athlete, [make_summary()], content_hash=HASH_A, source_path="C:\\Runs\\morning.tcx"
    )
    store.add_activities(
        athlete, [make_summary()], content_hash=HASH_B, source_path="export/activities/1.fit.gz"
    )
    assert {row["source"] for row in store.log_rows(athlete)} == {"morning.tcx", "1.fit.gz"}


def test_an_empty_history_logs_an_empty_list(store: Store, athlete: int) -> None:
    assert store.log_rows(athlete) == []
