"""Real recordings from /work/shared/data: every file imports sensibly or is refused clearly.

These files are shared, not part of the project: without them this module is skipped.
Figures are checked against an independent reading (fitdecode decoding every message,
gpxpy's own distance, ElementTree on TCX laps), not against our reader.
"""

from __future__ import annotations

import functools
import math
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as SafeET
import fitdecode
import gpxpy
import pytest

from rollcoach.imports import _fitscan
from rollcoach.imports._common import hr_stats
from rollcoach.imports._fitmessages import WITH_SAMPLES, read_messages
from rollcoach.imports.errors import ImportRejected
from rollcoach.imports.registry import read_path
from rollcoach.imports.summary import ActivitySummary

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
if not DATA.is_dir():
    pytest.skip(f"real sample files not found at {DATA}", allow_module_level=True)

FILES = sorted(
    p.relative_to(DATA).as_posix()
    for folder in ("fit", "gpx", "tcx")
    for p in (DATA / folder).rglob("*")
    if p.is_file()
)

# Every file we refuse, and the start of the reason we give.
REJECTED = {
    "fit/MonitoringFile.fit": "not an activity file (monitoring)",
    "fit/Settings.fit": "not an activity file (settings)",
    "fit/WeightScaleSingleUser.fit": "not an activity file (weight scale)",
    "fit/nametest.FIT": "not an activity file (settings)",
    "fit/antfs-dump.63.fit": "no absolute start time",
    "fit/compressed-speed-distance.fit": "no absolute start time",
    "fit/strava-android-app-201.10-b1218918.fit": "corrupt FIT file: undecodable message",
    "fit/invalid/activity-activity-filecrc.fit": "corrupt FIT file: CRC mismatch",
    "fit/invalid/activity-filecrc.fit": "corrupt FIT file: CRC mismatch",
    "fit/invalid/activity-settings-corruptheader.fit": "corrupt FIT file: bad header",
    "fit/invalid/activity-settings-nodata.fit": "corrupt FIT file: truncated",
    "fit/invalid/activity-unexpected-eof.fit": "corrupt FIT file: truncated",
    "gpx/Mojstrovka.gpx": "no valid times in this GPX",
    "gpx/gpx1.1_with_extensions.gpx": "only waypoints, not a recorded activity",
    "gpx/gpx_with_garmin_extension.gpx": "only waypoints, not a recorded activity",
    "gpx/unicode_with_bom.gpx": "only waypoints, not a recorded activity",
    "gpx/route.gpx": "a route, not a recorded activity",
    "tcx/15.tcx": "file is empty",
}


@functools.cache
def _read(name: str) -> tuple[ActivitySummary, ...] | str:
    try:
        return tuple(read_path(DATA / name))
    except ImportRejected as exc:
        return exc.reason


def _summaries(name: str) -> tuple[ActivitySummary, ...]:
    result = _read(name)
    assert not isinstance(result, str), f"{name} was rejected: {result}"
    return result


@functools.cache
def _fitdecode_sessions(name: str) -> tuple[dict[str, Any], ...]:
    """Sessions as fitdecode reports them when decoding everything (the reference)."""
    sessions = []
    with fitdecode.FitReader(str(DATA / name), check_crc=fitdecode.CrcCheck.RAISE) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "session":
                sessions.append({f.name: f.value for f in frame.fields if f.value is not None})
    return tuple(sessions)


def test_all_sample_files_are_found() -> None:
    assert len(FILES) >= 40
    assert set(REJECTED) <= set(FILES)


@pytest.mark.parametrize("name", FILES)
def test_every_file_imports_sensibly_or_is_refused_with_a_reason(name: str) -> None:
    result = _read(name)
    if isinstance(result, str):
        assert name in REJECTED, f"{name} unexpectedly rejected: {result}"
        assert result.startswith(REJECTED[name])
        return
    assert name not in REJECTED, f"{name} should be rejected ({REJECTED[name]})"
    assert result
    for s in result:
        assert datetime(1990, 1, 1, tzinfo=UTC) < s.start < datetime(2030, 1, 1, tzinfo=UTC)
        assert s.start.utcoffset() == timedelta(0)
        assert s.elapsed_s is None or 0 <= s.elapsed_s < 48 * 3600
        assert s.moving_s is None or s.elapsed_s is None or s.moving_s <= s.elapsed_s + 2
        assert s.distance_m is None or 0 < s.distance_m < 500_000
        assert s.climb_m is None or s.climb_m < 5000
        assert s.avg_hr is None or (s.max_hr is not None and 40 < s.avg_hr <= s.max_hr < 230)
        assert s.sport
        assert s.sport == s.sport.lower()
        assert " " not in s.sport
        assert s.utc_offset_s is None or s.utc_offset_s % 900 == 0
        assert s.source_format == name.split("/")[0]


@pytest.mark.parametrize(
    "name",
    [
        "fit/fit-benchmarks-sample-run.fit",
        "fit/fit-benchmarks-large-ultra-run.fit",
        "fit/2013-02-06-12-11-14.fit",
        "fit/gap-2022-05-29-run.fit",
        "fit/garmin-fenix-5-run.fit",
        "fit/20170518-191602-1740899583.fit",
    ],
)
def test_fit_runs_match_the_session_fitdecode_reads(name: str) -> None:
    [ours] = _summaries(name)
    [ref] = _fitdecode_sessions(name)
    assert ours.start == ref["start_time"]
    assert ours.elapsed_s == pytest.approx(ref["total_elapsed_time"])
    assert ours.moving_s == pytest.approx(ref["total_timer_time"])
    if ref["total_distance"]:
        assert ours.distance_m == pytest.approx(ref["total_distance"])
    else:  # an indoor rower: 0 m means "not measured"
        assert ours.distance_m is None
    assert ours.climb_m == (ref.get("total_ascent") or None)
    assert ours.avg_hr == ref["avg_heart_rate"]
    assert ours.max_hr == ref["max_heart_rate"]


@pytest.mark.parametrize(
    ("name", "minutes", "km", "offset_h", "sub_sport"),
    [
        ("fit/fit-benchmarks-sample-run.fit", 78, 9.4, 2, "trail"),
        ("fit/fit-benchmarks-large-ultra-run.fit", 720, 84.2, -5, None),
        ("fit/2013-02-06-12-11-14.fit", 44, 4.8, None, None),
        ("fit/gap-2022-05-29-run.fit", 24, 3.3, 2, None),
    ],
)
def test_fit_runs_match_the_data_readme(
    name: str, minutes: int, km: float, offset_h: int | None, sub_sport: str | None
) -> None:
    [run] = _summaries(name)
    assert run.is_run
    assert run.sub_sport == sub_sport
    assert run.elapsed_s is not None
    assert round(run.elapsed_s / 60) == minutes
    assert run.distance_m is not None
    assert round(run.distance_m / 1000, 1) == km
    assert run.utc_offset_s == (None if offset_h is None else offset_h * 3600)


def test_multisport_file_gives_its_seven_sessions_with_heart_rate_from_records() -> None:
    name = "fit/activity-large-fenxi2-multisport.fit"
    summaries = _summaries(name)
    ref = _fitdecode_sessions(name)
    assert len(summaries) == len(ref) == 7
    assert [s.sport for s in summaries] == [
        "unknown",
        "transition",
        "running",
        "transition",
        "running",
        "transition",
        "cycling",
    ]
    assert [s.start for s in summaries] == [r["start_time"] for r in ref]
    assert all(r.get("avg_heart_rate") is None for r in ref)  # the device left it out
    assert all(s.avg_hr is not None for s in summaries)


def test_fenix2_average_heart_rate_is_the_mean_of_its_records() -> None:
    name = "fit/activity-small-fenix2-run.fit"
    bpms = []
    with fitdecode.FitReader(str(DATA / name)) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "record":
                bpm = frame.get_value("heart_rate", fallback=None)
                if bpm:
                    bpms.append(bpm)
    [run] = _summaries(name)
    assert run.avg_hr == round(sum(bpms) / len(bpms))
    assert run.max_hr == max(bpms)


def test_chained_triathlon_gives_five_sessions_and_strap_hr_matches_the_swim() -> None:
    name = "fit/sample_mulitple_header.fit"
    summaries = _summaries(name)
    assert [s.sport for s in summaries] == [
        "swimming",
        "transition",
        "cycling",
        "transition",
        "running",
    ]
    assert summaries[0].sub_sport == "open_water"
    scan = read_messages((DATA / name).read_bytes(), WITH_SAMPLES)
    swim = _fitdecode_sessions(name)[0]
    low = (swim["start_time"] - datetime(1989, 12, 31, tzinfo=UTC)).total_seconds()
    window = [b for t, b in scan.strap_hr if low <= t <= low + swim["total_elapsed_time"]]
    assert hr_stats(window) == (swim["avg_heart_rate"], swim["max_heart_rate"])


def test_zwift_zeros_are_no_heart_rate_and_its_epoch_local_time_no_offset() -> None:
    [ride] = _summaries("fit/null_compressed_speed_dist.fit")
    assert ride.avg_hr is None
    assert ride.max_hr is None
    assert ride.utc_offset_s is None
    assert (ride.sport, ride.sub_sport) == ("cycling", "virtual_activity")


def test_lean_reading_gives_the_same_summaries_as_decoding_everything(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    names = [n for n in FILES if n.startswith("fit/") and "ultra" not in n]
    lean = {n: _read(n) for n in names}
    monkeypatch.setattr(_fitscan, "LEAN", False)
    for name in names:
        try:
            full: tuple[ActivitySummary, ...] | str = tuple(read_path(DATA / name))
        except ImportRejected as exc:
            full = exc.reason
        assert full == lean[name], name


def test_the_ultra_is_read_fast() -> None:
    path = DATA / "fit" / "fit-benchmarks-large-ultra-run.fit"
    began = time.perf_counter()
    [ultra] = read_path(path)
    elapsed = time.perf_counter() - began
    assert ultra.elapsed_s == pytest.approx(43199.919)
    assert elapsed < 3.0, f"{elapsed:.2f} s"  # ~0.4 s here; decoding everything takes ~3.5 s


@pytest.mark.parametrize(
    "name",
    [
        "gpx/gap-2025-08-29-hike-hr.gpx",
        "gpx/gap-2025-08-30-walk-hr.gpx",
        "gpx/cerknicko-jezero.gpx",
        "gpx/korita-zbevnica.gpx",
        "gpx/track-with-empty-segment.gpx",
    ],
)
def test_gpx_distance_agrees_with_gpxpy(name: str) -> None:
    [activity] = _summaries(name)
    with open(DATA / name, encoding="utf-8-sig") as handle:
        reference = gpxpy.parse(handle).length_2d()
    assert activity.distance_m == pytest.approx(reference, rel=0.005)


def test_opentracks_gpx_keeps_its_offset_and_drops_zero_heart_rate() -> None:
    for name in ("gpx/gap-2025-08-29-hike-hr.gpx", "gpx/gap-2025-08-30-walk-hr.gpx"):
        [activity] = _summaries(name)
        assert activity.utc_offset_s == 7200
        assert activity.avg_hr is None  # the files carry hr 0 throughout
        assert activity.sport == "unknown"  # <type>unknown</type>: not guessed as a run
    [walk] = _summaries("gpx/gap-2025-08-30-walk-hr.gpx")
    assert walk.start == datetime(2025, 8, 30, 18, 29, 19, 825000, tzinfo=UTC)
    assert walk.moving_s is not None
    assert abs(walk.moving_s - 664) < 30


def test_tcx_ski_uses_lap_figures_and_survives_the_altimeter_settling() -> None:
    name = "tcx/cross-country-skiing_activity_1.tcx"
    [ski] = _summaries(name)
    ns = {"t": "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"}
    laps = SafeET.parse(DATA / name).getroot().findall(".//t:Lap", ns)
    seconds = [float(lap.findtext("t:TotalTimeSeconds", namespaces=ns) or 0) for lap in laps]
    metres = [float(lap.findtext("t:DistanceMeters", namespaces=ns) or 0) for lap in laps]
    bpm = [int(lap.findtext("t:AverageHeartRateBpm/t:Value", namespaces=ns) or 0) for lap in laps]
    assert ski.moving_s == pytest.approx(sum(seconds))
    assert ski.distance_m == pytest.approx(sum(metres))
    weighted = sum(b * s for b, s in zip(bpm, seconds, strict=True)) / sum(seconds)
    assert ski.avg_hr == round(weighted)
    assert ski.sport == "other"
    # The barometer starts 1,000 m low and settles in seconds; that is not a climb.
    assert ski.climb_m is not None
    assert ski.climb_m < 200
    assert ski.device is not None
    assert "vívoactive" in ski.device


def test_tcx_without_heart_rate_has_none() -> None:
    [ride] = _summaries("tcx/mapmyride_biking.tcx")
    assert ride.sport == "cycling"
    assert ride.avg_hr is None
    assert ride.distance_m is not None
    assert math.isclose(ride.distance_m, 15350.42196864)


ACCEPTED = [name for name in FILES if name not in REJECTED]


@pytest.mark.filterwarnings("ignore:invalid field size:UserWarning")  # Coros's own quirk
@pytest.mark.parametrize("name", [n for n in ACCEPTED if n.lower().endswith(".fit")])
def test_every_accepted_fit_session_matches_fitdecode(name: str) -> None:
    """Start, duration, distance, climb and heart rate of each session, file by file."""
    ours = {s.start: s for s in _summaries(name)}
    timed = [r for r in _fitdecode_sessions(name) if "start_time" in r]
    assert timed, name
    for ref in timed:
        start = ref["start_time"].replace(tzinfo=UTC)
        summary = ours.get(start)
        assert summary is not None, (name, start, sorted(ours))
        assert summary.elapsed_s == pytest.approx(ref["total_elapsed_time"])
        if ref.get("total_distance"):
            assert summary.distance_m == pytest.approx(ref["total_distance"])
        if ref.get("total_ascent"):
            assert summary.climb_m == ref["total_ascent"]
        if ref.get("avg_heart_rate"):
            assert summary.avg_hr == ref["avg_heart_rate"]


def _gpx_bounds(name: str) -> tuple[datetime, datetime] | None:
    with open(DATA / name, encoding="utf-8-sig") as handle:
        bounds = gpxpy.parse(handle).get_time_bounds()
    if bounds.start_time is None or bounds.end_time is None:
        return None
    return bounds.start_time, bounds.end_time


@pytest.mark.parametrize("name", [n for n in ACCEPTED if n.endswith(".gpx")])
def test_every_accepted_gpx_starts_and_lasts_as_gpxpy_says(name: str) -> None:
    [activity] = _summaries(name)
    bounds = _gpx_bounds(name)
    assert bounds is not None
    start, end = bounds
    assert activity.start == start.astimezone(UTC)
    if activity.elapsed_s is not None:  # None when under 90 % of points are timed
        assert activity.elapsed_s == pytest.approx((end - start).total_seconds())


def _tcx_laps(name: str) -> list[Any]:
    text = (DATA / name).read_text(encoding="utf-8").lstrip()
    root = SafeET.fromstring(text)
    return [el for el in root.iter() if el.tag.endswith("}Lap")]


def _child(element: Any, local: str) -> Any:
    return next(c for c in element if c.tag.endswith("}" + local))


@pytest.mark.parametrize("name", [n for n in ACCEPTED if n.endswith(".tcx")])
def test_every_accepted_tcx_matches_its_laps(name: str) -> None:
    laps = _tcx_laps(name)
    [activity] = _summaries(name)
    first = datetime.fromisoformat(laps[0].get("StartTime").replace("Z", "+00:00"))
    assert activity.start == first.astimezone(UTC)
    metres = sum(float(_child(lap, "DistanceMeters").text) for lap in laps)
    seconds = sum(float(_child(lap, "TotalTimeSeconds").text) for lap in laps)
    assert activity.distance_m == pytest.approx(metres)
    assert activity.moving_s == pytest.approx(seconds)
