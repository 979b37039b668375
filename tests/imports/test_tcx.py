"""TCX reader against documents written in the test."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from rollcoach.imports.errors import ImportRejected
from rollcoach.imports.tcx import read_tcx

START = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)
NS = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"


def _iso(seconds: float) -> str:
    return (START + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _trackpoint(
    seconds: float,
    *,
    hr: int | None = None,
    alt: float | None = None,
    gps: bool = True,
    dist: float | None = None,
) -> str:
    parts = [f"<Trackpoint><Time>{_iso(seconds)}</Time>"]
    if gps:
        parts.append(
            "<Position><LatitudeDegrees>46.0</LatitudeDegrees>"
            "<LongitudeDegrees>14.0</LongitudeDegrees></Position>"
        )
    if alt is not None:
        parts.append(f"<AltitudeMeters>{alt}</AltitudeMeters>")
    if dist is not None:
        parts.append(f"<DistanceMeters>{dist}</DistanceMeters>")
    if hr is not None:
        parts.append(f"<HeartRateBpm><Value>{hr}</Value></HeartRateBpm>")
    parts.append("</Trackpoint>")
    return "".join(parts)


def _lap(
    start_s: float,
    seconds: float,
    distance: float | None,
    points: list[str],
    *,
    avg: int | None = None,
    peak: int | None = None,
) -> str:
    parts = [f'<Lap StartTime="{_iso(start_s)}"><TotalTimeSeconds>{seconds}</TotalTimeSeconds>']
    if distance is not None:
        parts.append(f"<DistanceMeters>{distance}</DistanceMeters>")
    if avg is not None:
        parts.append(f"<AverageHeartRateBpm><Value>{avg}</Value></AverageHeartRateBpm>")
    if peak is not None:
        parts.append(f"<MaximumHeartRateBpm><Value>{peak}</Value></MaximumHeartRateBpm>")
    parts.append("<Track>" + "".join(points) + "</Track></Lap>")
    return "".join(parts)


def _activity(sport: str, laps: list[str], creator: str | None = "Forerunner 935") -> str:
    device = f'<Creator xsi:type="Device_t"><Name>{creator}</Name></Creator>' if creator else ""
    return f'<Activity Sport="{sport}"><Id>{_iso(0)}</Id>{"".join(laps)}{device}</Activity>'


def _tcx(*activities: str, prefix: str = "") -> bytes:
    return (
        f'{prefix}<?xml version="1.0" encoding="UTF-8"?>'
        f'<TrainingCenterDatabase xmlns="{NS}" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<Activities>{''.join(activities)}</Activities></TrainingCenterDatabase>"
    ).encode()


def _rejected(data: bytes) -> str:
    with pytest.raises(ImportRejected) as caught:
        read_tcx(data)
    return caught.value.reason


def _two_lap_run() -> bytes:
    lap1 = _lap(
        0, 600, 2000.5, [_trackpoint(0, alt=100), _trackpoint(300, alt=112)], avg=140, peak=165
    )
    lap2 = _lap(
        660, 300, 1000.25, [_trackpoint(660, alt=104), _trackpoint(990, alt=103)], avg=160, peak=178
    )
    return _tcx(_activity("Running", [lap1, lap2]))


def test_laps_give_moving_distance_and_time_weighted_heart_rate() -> None:
    [run] = read_tcx(_two_lap_run())
    assert run.start == START
    assert run.elapsed_s == 990  # first to last trackpoint, the pause included
    assert run.moving_s == 900
    assert run.distance_m == 3000.75
    assert run.avg_hr == 147  # (140 * 600 + 160 * 300) / 900 = 146.7
    assert run.max_hr == 178
    assert (run.climb_m, run.descent_m) == (12, 8)
    assert (run.sport, run.sub_sport) == ("running", None)
    assert run.device == "Forerunner 935"
    assert run.utc_offset_s is None
    assert run.source_format == "tcx"


def test_treadmill_run_without_gps_keeps_trackpoint_heart_rate() -> None:
    points = [_trackpoint(i * 60, hr=hr, gps=False) for i, hr in enumerate([110, 0, 130, 150])]
    [run] = read_tcx(_tcx(_activity("Running", [_lap(0, 180, 600.0, points)])))
    assert (run.avg_hr, run.max_hr) == (130, 150)
    assert run.distance_m == 600
    assert run.elapsed_s == 180
    assert run.climb_m is None


def test_distance_falls_back_to_trackpoint_distance() -> None:
    points = [_trackpoint(0, dist=0.0), _trackpoint(60, dist=180.5)]
    [run] = read_tcx(_tcx(_activity("Running", [_lap(0, 60, None, points)])))
    assert run.distance_m == 180.5


def test_without_trackpoints_elapsed_comes_from_laps() -> None:
    laps = [_lap(0, 600, 2000, []), _lap(900, 300, 1000, [])]
    [run] = read_tcx(_tcx(_activity("Running", laps)))
    assert run.elapsed_s == 1200
    assert run.moving_s == 900


@pytest.mark.parametrize(
    ("sport", "expected"), [("Running", "running"), ("Biking", "cycling"), ("Other", "other")]
)
def test_sport_attribute_is_mapped(sport: str, expected: str) -> None:
    [activity] = read_tcx(_tcx(_activity(sport, [_lap(0, 60, 100, [_trackpoint(0)])])))
    assert activity.sport == expected


def test_several_activities_give_several_summaries() -> None:
    run = _activity("Running", [_lap(0, 60, 100, [_trackpoint(0)])])
    ride = _activity("Biking", [_lap(0, 60, 500, [_trackpoint(0)])], creator=None)
    summaries = read_tcx(_tcx(run, ride))
    assert [(s.sport, s.device) for s in summaries] == [
        ("running", "Forerunner 935"),
        ("cycling", None),
    ]


def test_strava_leading_whitespace_is_tolerated() -> None:
    [run] = read_tcx(b"          \n" + _two_lap_run())
    assert run.distance_m == 3000.75


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "file is empty"),
        (_tcx(), "no activities in this TCX file"),
        (b"<gpx></gpx>", "not a TCX file (no TrainingCenterDatabase)"),
        (b"\x00\x01garbage", "not a valid TCX file"),
        (_two_lap_run()[:200], "not a valid TCX file"),
    ],
)
def test_empty_and_broken_files_are_rejected(data: bytes, reason: str) -> None:
    assert _rejected(data).startswith(reason)


def test_entities_are_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaaaaaaaa">]>'
        b'<TrainingCenterDatabase xmlns="' + NS.encode() + b'">&a;</TrainingCenterDatabase>'
    )
    assert _rejected(bomb) == "XML entities are not allowed"
