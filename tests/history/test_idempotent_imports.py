"""Hypothesis: importing any set of files twice leaves exactly what importing once left."""

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from rollcoach.history import tables
from rollcoach.history.store import Store
from rollcoach.imports.summary import ActivitySummary

# A few instants, some written in another zone, so files overlap and one moment has two spellings.
BASE = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
STARTS = [BASE, BASE + timedelta(hours=1), BASE.astimezone(timezone(timedelta(hours=-3)))]
HASHES = ["a" * 64, "b" * 64, "c" * 64]


def optional(values: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.none() | values


def amounts(top: float) -> st.SearchStrategy[object]:
    return optional(st.floats(0, top, allow_nan=False, allow_infinity=False))


summaries = st.builds(
    ActivitySummary,
    start=st.sampled_from(STARTS),
    utc_offset_s=optional(st.integers(-14 * 3600, 14 * 3600)),
    elapsed_s=amounts(100_000),
    moving_s=amounts(100_000),
    distance_m=amounts(300_000),
    climb_m=amounts(9_000),
    descent_m=amounts(9_000),
    avg_hr=optional(st.integers(1, 260)),
    max_hr=optional(st.integers(1, 260)),
    sport=st.sampled_from(["running", "cycling", "walking"]),
    sub_sport=optional(st.sampled_from(["treadmill", "trail"])),
    rpe=amounts(10),
    device=optional(st.text(max_size=12)),
    source_format=st.sampled_from(["fit", "gpx", "tcx"]),
)
files = st.lists(st.tuples(st.sampled_from(HASHES), st.lists(summaries, max_size=4)), max_size=4)


def import_all(store: Store, athlete: int, batch: list[tuple[str, list[ActivitySummary]]]) -> int:
    added = 0
    for content_hash, found in batch:
        result = store.add_activities(
            athlete, found, content_hash=content_hash, source_path=f"{content_hash[:3]}.fit"
        )
        assert result.added + result.already == len(found)
        added += result.added
    return added


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(batch=files)
def test_importing_files_twice_stores_what_importing_once_does(
    store: Store, athlete: int, batch: list[tuple[str, list[ActivitySummary]]]
) -> None:
    # One store serves every example (a schema each would be slow): start each one empty.
    with store.engine.begin() as connection:
        connection.execute(delete(tables.Activity))
    added = import_all(store, athlete, batch)
    once = store.activities(athlete)
    assert import_all(store, athlete, batch) == 0
    assert store.activities(athlete) == once
    assert added == len(once) == len({(h, s.start) for h, found in batch for s in found})
