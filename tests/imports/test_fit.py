"""FIT reader against files written by the test's own encoder (tests/imports/fitwriter.py)."""

from __future__ import annotations

import contextlib
import random
from datetime import UTC, datetime, timedelta

import pytest

from rollcoach.imports import _fitscan
from rollcoach.imports._fitmessages import WITH_SAMPLES, read_messages
from rollcoach.imports.errors import ImportRejected
from rollcoach.imports.fit import read_fit
from tests.imports.fitwriter import (
    ACTIVITY,
    CYCLING,
    DEVICE_INFO,
    FILE_ID,
    FITNESS_EQUIPMENT,
    GENERIC,
    MONITORING_B_FILE,
    RECORD,
    RUNNING,
    SESSION,
    SETTINGS_FILE,
    TRAIL_SUB,
    TRANSITION,
    TREADMILL_SUB,
    WEIGHT_FILE,
    FitWriter,
    Record,
    Session,
    activity_fit,
    fit_time,
    with_fixed_crc,
)

START = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)


def _run(**overrides: object) -> Session:
    values: dict[str, object] = {
        "start": START,
        "elapsed_s": 3725.5,
        "timer_s": 3600.25,
        "distance_m": 10012.34,
        "sport": RUNNING,
        "sub_sport": TRAIL_SUB,
        "avg_hr": 151,
        "max_hr": 182,
        "ascent": 123,
        "descent": 118,
        "rpe10": 70,
    }
    values.update(overrides)
    return Session(**values)  # type: ignore[arg-type]


def _records(hrs: list[int | None], start: datetime = START, step_s: int = 10) -> list[Record]:
    return [
        Record(start + timedelta(seconds=i * step_s), hr, distance_m=i * 30.0)
        for i, hr in enumerate(hrs)
    ]


def _rejected(data: bytes) -> str:
    with pytest.raises(ImportRejected) as caught:
        read_fit(data)
    return caught.value.reason


def test_a_run_gives_every_session_figure_exactly() -> None:
    [run] = read_fit(activity_fit([_run()], _records([140, 150, 160])))
    assert run.start == START
    assert run.utc_offset_s == 7200
    assert run.elapsed_s == 3725.5
    assert run.moving_s == 3600.25
    assert run.distance_m == 10012.34
    assert (run.climb_m, run.descent_m) == (123, 118)
    assert (run.avg_hr, run.max_hr) == (151, 182)  # the session's figures, not the records'
    assert (run.sport, run.sub_sport) == ("running", "trail")
    assert run.rpe == 7.0
    assert run.device == "garmin fenix6x"
    assert run.source_format == "fit"
    assert run.is_run


def test_treadmill_run_without_gps_keeps_heart_rate_from_records() -> None:
    session = _run(sub_sport=TREADMILL_SUB, avg_hr=None, max_hr=None, ascent=None, descent=None)
    [run] = read_fit(activity_fit([session], _records([100, 120, 140, None])))
    assert (run.sport, run.sub_sport) == ("running", "treadmill")
    assert (run.avg_hr, run.max_hr) == (120, 140)
    assert run.climb_m is None
    assert run.descent_m is None


def test_fitness_equipment_treadmill_counts_as_a_run() -> None:
    session = _run(sport=FITNESS_EQUIPMENT, sub_sport=TREADMILL_SUB)
    [run] = read_fit(activity_fit([session]))
    assert (run.sport, run.sub_sport) == ("running", "treadmill")


def test_generic_sport_is_unknown_and_generic_sub_sport_is_none() -> None:
    [activity] = read_fit(activity_fit([_run(sport=GENERIC, sub_sport=GENERIC)]))
    assert (activity.sport, activity.sub_sport) == ("unknown", None)


def test_zero_heart_rate_everywhere_means_no_heart_rate() -> None:
    """Zwift writes 0 in the session and in every record when no strap is paired."""
    session = _run(avg_hr=0, max_hr=0)
    [ride] = read_fit(activity_fit([session], _records([0, 0, 0, 0])))
    assert ride.avg_hr is None
    assert ride.max_hr is None


def test_zero_samples_are_left_out_of_a_computed_average() -> None:
    session = _run(avg_hr=None, max_hr=None)
    [run] = read_fit(activity_fit([session], _records([0, 130, 0, 150])))
    assert (run.avg_hr, run.max_hr) == (140, 150)


def test_zero_distance_and_flat_zero_climb_are_unknown_not_zero() -> None:
    session = _run(distance_m=0, ascent=0, descent=0)
    [run] = read_fit(activity_fit([session]))
    assert run.distance_m is None
    assert run.climb_m is None
    assert run.descent_m is None


def test_a_real_descent_with_zero_climb_keeps_the_zero() -> None:
    [run] = read_fit(activity_fit([_run(ascent=0, descent=40)]))
    assert (run.climb_m, run.descent_m) == (0, 40)


def test_multisport_gives_one_summary_per_session_with_heart_rate_per_window() -> None:
    swim_start, t1_start, run_start = (
        START,
        START + timedelta(seconds=40),
        START + timedelta(seconds=60),
    )
    sessions = [
        Session(swim_start, 30, 30, 1500, sport=CYCLING),
        Session(t1_start, 10, 10, 50, sport=TRANSITION),
        Session(run_start, 30, 30, 5000, sport=RUNNING),
    ]
    hrs = [110, 112, 114, 116, None, 140, None, 160, 162, 164]
    [ride, transition, run] = read_fit(activity_fit(sessions, _records(hrs)))
    assert [s.sport for s in (ride, transition, run)] == ["cycling", "transition", "running"]
    assert [s.start for s in (ride, transition, run)] == [swim_start, t1_start, run_start]
    assert (ride.avg_hr, ride.max_hr) == (113, 116)
    assert (transition.avg_hr, transition.max_hr) == (140, 140)
    assert (run.avg_hr, run.max_hr) == (162, 164)
    assert {s.utc_offset_s for s in (ride, transition, run)} == {7200}


def test_chained_files_are_all_read_and_strap_heart_rate_fills_in() -> None:
    """A watch appends the chest strap's ``hr`` data as a second FIT file, no file_id."""
    first = activity_fit([_run(avg_hr=None, max_hr=None)], _records([None, None, None]))
    strap = FitWriter()
    strap.hr_message([5000.0, 5001.0], [120, 130], timestamp=fit_time(START) + 1)
    strap.hr_message([5002.0], [170], timestamp=None)
    [run] = read_fit(first + strap.to_bytes())
    assert (run.avg_hr, run.max_hr) == (140, 170)


def test_strap_heart_rate_is_placed_on_the_file_clock_for_multisport() -> None:
    ride, run = Session(START, 100, sport=CYCLING), Session(START + timedelta(seconds=200), 100)
    strap = FitWriter()
    strap.hr_message([70.0, 80.0], [120, 124], timestamp=fit_time(START) + 10)  # ride
    strap.hr_message([270.0, 280.0], [160, 170], timestamp=None)  # run
    first = activity_fit([ride, run], _records([None, None]))
    summaries = read_fit(first + strap.to_bytes())
    assert [(s.sport, s.avg_hr, s.max_hr) for s in summaries] == [
        ("cycling", 122, 124),
        ("running", 165, 170),
    ]


def test_chained_activities_give_the_sessions_of_both() -> None:
    later = START + timedelta(hours=5)
    data = activity_fit([_run()]) + activity_fit([_run(start=later, sport=CYCLING)])
    assert [(s.start, s.sport) for s in read_fit(data)] == [
        (START, "running"),
        (later, "cycling"),
    ]


def test_a_settings_file_chained_after_an_activity_is_ignored() -> None:
    settings = FitWriter()
    settings.message(FILE_ID, type=SETTINGS_FILE, manufacturer=1)
    settings.message(SESSION, start_time=fit_time(START), total_elapsed_time=5.0, sport=CYCLING)
    [run] = read_fit(activity_fit([_run()]) + settings.to_bytes())
    assert run.sport == "running"


@pytest.mark.parametrize(
    ("local_minus_utc", "expected"),
    [(7200, 7200), (7195, 7200), (-18000 + 20, -18000), (19800, 19800), (20 * 3600, None)],
)
def test_offset_is_local_minus_utc_rounded_to_15_minutes(
    local_minus_utc: int, expected: int | None
) -> None:
    [run] = read_fit(activity_fit([_run()], local_offset_s=local_minus_utc))
    assert run.utc_offset_s == expected


def test_offset_is_unknown_without_local_timestamp() -> None:
    [run] = read_fit(activity_fit([_run()], local_offset_s=None))
    assert run.utc_offset_s is None


def test_rpe_is_stored_times_ten() -> None:
    [run] = read_fit(activity_fit([_run(rpe10=45)]))
    assert run.rpe == 4.5
    [no_rpe] = read_fit(activity_fit([_run(rpe10=None)]))
    assert no_rpe.rpe is None


def test_records_without_a_session_are_summarised_from_the_records() -> None:
    data = activity_fit([], _records([120, 140, 160], step_s=600))
    [run] = read_fit(data)
    assert run.start == START
    assert run.elapsed_s == 1200
    assert run.distance_m == 60.0
    assert (run.avg_hr, run.max_hr) == (140, 160)
    assert run.moving_s is None
    assert run.climb_m is None
    assert run.sport == "unknown"


@pytest.mark.parametrize(
    ("file_type", "kind"),
    [(SETTINGS_FILE, "settings"), (MONITORING_B_FILE, "monitoring"), (WEIGHT_FILE, "weight scale")],
)
def test_files_that_are_not_activities_are_rejected_with_their_kind(
    file_type: int, kind: str
) -> None:
    writer = FitWriter()
    writer.message(FILE_ID, type=file_type, manufacturer=1, product=1)
    assert _rejected(writer.to_bytes()) == f"not an activity file ({kind})"


def test_an_activity_file_with_nothing_in_it_is_rejected() -> None:
    assert "no activity" in _rejected(activity_fit([]))


def test_a_session_timed_since_power_on_is_rejected() -> None:
    """Old Forerunners without a clock write seconds since power-on, not dates."""
    writer = FitWriter()
    writer.message(FILE_ID, type=4, manufacturer=1)
    writer.message(SESSION, start_time=1000, total_elapsed_time=60.0, sport=RUNNING)
    writer.message(SESSION, timestamp=1060, total_elapsed_time=60.0, sport=RUNNING)
    assert "no absolute start time" in _rejected(writer.to_bytes())


def test_a_session_without_start_time_is_placed_from_its_end() -> None:
    writer = FitWriter()
    writer.message(FILE_ID, type=4, manufacturer=1)
    writer.message(SESSION, timestamp=fit_time(START) + 600, total_elapsed_time=600.0, sport=1)
    [run] = read_fit(writer.to_bytes())
    assert run.start == START


def test_a_corrupt_byte_is_a_crc_mismatch() -> None:
    data = bytearray(activity_fit([_run()]))
    data[40] ^= 0xFF
    assert _rejected(bytes(data)) == "corrupt FIT file: CRC mismatch"


def test_a_corrupt_header_crc_is_a_crc_mismatch() -> None:
    data = bytearray(activity_fit([_run()]))
    data[12] ^= 0x01
    assert _rejected(bytes(data)) == "corrupt FIT file: CRC mismatch"


def test_zero_padding_after_the_file_is_ignored() -> None:
    [run] = read_fit(activity_fit([_run()]) + b"\0" * 7)
    assert run.distance_m == 10012.34


def test_other_bytes_after_the_file_are_not_ignored() -> None:
    assert _rejected(activity_fit([_run()]) + b"junk").startswith("corrupt FIT file")


def test_a_file_cut_in_half_is_rejected_as_truncated() -> None:
    data = activity_fit([_run()], _records([140] * 20))
    reason = _rejected(data[: len(data) // 2])
    assert reason.startswith("corrupt FIT file: truncated")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "file is empty"),
        (b"\x00" * 3, "not a FIT file"),
        (bytes(range(256)) * 4, "not a FIT file"),
        (b"<?xml version='1.0'?><gpx></gpx>", "not a FIT file"),
    ],
)
def test_empty_and_garbage_bytes_are_rejected(data: bytes, reason: str) -> None:
    assert _rejected(data) == reason


def test_every_truncation_and_mutation_is_either_read_or_rejected() -> None:
    """Never a crash or a traceback: cut at every byte, and corrupt with a valid CRC."""
    data = activity_fit([_run(avg_hr=None)], _records([130, 140, 150]))
    for cut in range(len(data)):
        with pytest.raises(ImportRejected):
            read_fit(data[:cut])
    rng = random.Random(20240501)  # noqa: S311 - reproducible mutations, not secrets
    for _ in range(400):
        mutated = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            mutated[rng.randrange(14, len(data) - 2)] = rng.randrange(256)
        with contextlib.suppress(ImportRejected):
            read_fit(with_fixed_crc(bytes(mutated)))


def test_lean_reading_matches_decoding_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    """Skipped and narrowly read messages (compressed timestamps too) change no figure."""
    writer = FitWriter()
    base = fit_time(START)
    writer.message(FILE_ID, type=4, manufacturer=1, product=3291)
    writer.message(DEVICE_INFO, timestamp=base, device_index=0)
    writer.message(RECORD, timestamp=base, heart_rate=100, distance=0.0, altitude=50.0)
    for second in range(1, 40):
        offset = (base + second) & 0x1F
        writer.message(RECORD, compressed_offset=offset, heart_rate=100 + second, distance=second)
    writer.message(SESSION, start_time=base, total_elapsed_time=39.0, sport=RUNNING)
    writer.message(ACTIVITY, timestamp=base + 39, local_timestamp=base + 39 + 3600)
    data = writer.to_bytes()

    lean_scan = read_messages(data, WITH_SAMPLES)
    lean = read_fit(data)
    monkeypatch.setattr(_fitscan, "LEAN", False)
    full_scan = read_messages(data, WITH_SAMPLES)
    assert read_fit(data) == lean
    assert lean_scan.record_hr == full_scan.record_hr
    assert lean_scan.record_hr[-1] == (base + 39, 139)
    assert (lean_scan.first_ts, lean_scan.last_ts) == (base, base + 39)
    assert lean_scan.last_distance == full_scan.last_distance == 39.0
    assert lean[0].avg_hr == round(sum(range(100, 140)) / 40)
