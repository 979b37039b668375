"""GPX reader against documents written in the test."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

import pytest

from rollcoach.imports.errors import ImportRejected
from rollcoach.imports.gpx import read_gpx

START = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)
# Points 0.001 degree apart along a meridian are R * 0.001 * pi / 180 apart exactly.
STEP_M = 6_371_008.8 * math.radians(0.001)

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<gpx version="1.1" creator="OpenTracks" xmlns="http://www.topografix.com/GPX/1/1"'
    ' xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v2"'
    ' xmlns:ns3="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">'
)


def _point(
    i: int,
    *,
    seconds: float | None = None,
    ele: float | None = None,
    hr: str | None = None,
    suffix: str = "Z",
    start: datetime = START,
) -> str:
    parts = [f'<trkpt lat="{46.0 + i * 0.001:.6f}" lon="14.000000">']
    if ele is not None:
        parts.append(f"<ele>{ele}</ele>")
    if seconds is not None:
        moment = (start + timedelta(seconds=seconds)).replace(tzinfo=None).isoformat()
        parts.append(f"<time>{moment}{suffix}</time>")
    if hr is not None:
        parts.append(f"<extensions>{hr}</extensions>")
    parts.append("</trkpt>")
    return "".join(parts)


def _gpx(segments: list[list[str]], *, trk_extra: str = "", head: str = HEAD) -> bytes:
    segs = "".join("<trkseg>" + "".join(points) + "</trkseg>" for points in segments)
    return f"{head}<trk>{trk_extra}{segs}</trk></gpx>".encode()


def _tpx(bpm: int) -> str:
    return f"<gpxtpx:TrackPointExtension><gpxtpx:hr>{bpm}</gpxtpx:hr></gpxtpx:TrackPointExtension>"


def _rejected(data: bytes) -> str:
    with pytest.raises(ImportRejected) as caught:
        read_gpx(data)
    return caught.value.reason


def test_a_run_gives_start_elapsed_distance_climb_hr_sport_and_offset() -> None:
    elevations = [100, 102, 104, 110, 108, 103, 100]
    bpms = [120, 130, 140, 150, 160, 170, 180]
    points = [
        _point(i, seconds=i * 30, ele=e, hr=_tpx(b))
        for i, (e, b) in enumerate(zip(elevations, bpms, strict=True))
    ]
    [run] = read_gpx(_gpx([points], trk_extra="<name>Lunch</name><type>running</type>"))
    assert run.start == START
    assert run.elapsed_s == 180
    assert run.moving_s == 180
    assert run.distance_m == pytest.approx(6 * STEP_M, rel=1e-9)
    assert (run.climb_m, run.descent_m) == (10, 7)  # dead band: the 2 m wiggles are noise
    assert (run.avg_hr, run.max_hr) == (150, 180)
    assert (run.sport, run.sub_sport) == ("running", None)
    assert run.utc_offset_s is None  # "Z" says nothing about where the runner was
    assert run.device == "OpenTracks"
    assert run.source_format == "gpx"


def test_offset_comes_from_the_point_times_own_offset() -> None:
    local = START + timedelta(hours=2)
    points = [_point(i, seconds=i * 10, suffix="+02:00", start=local) for i in range(3)]
    [run] = read_gpx(_gpx([points]))
    assert run.start == START
    assert run.utc_offset_s == 7200


def test_times_without_zone_are_utc_with_unknown_offset() -> None:
    points = [_point(i, seconds=i * 10, suffix="") for i in range(3)]
    [run] = read_gpx(_gpx([points]))
    assert run.start == START
    assert run.utc_offset_s is None


def test_hr_in_other_extension_namespaces_and_zeros_as_missing() -> None:
    hrs = [
        "<ns3:TrackPointExtension><ns3:hr>140</ns3:hr></ns3:TrackPointExtension>",
        "<heartrate>150</heartrate>",
        _tpx(0),
        "<gpxtpx:TrackPointExtension><gpxtpx:hr>n/a</gpxtpx:hr></gpxtpx:TrackPointExtension>",
    ]
    points = [_point(i, seconds=i * 10, hr=hr) for i, hr in enumerate(hrs)]
    [run] = read_gpx(_gpx([points]))
    assert (run.avg_hr, run.max_hr) == (145, 150)


def test_all_zero_heart_rate_is_no_heart_rate() -> None:
    points = [_point(i, seconds=i * 10, hr=_tpx(0)) for i in range(4)]
    [walk] = read_gpx(_gpx([points]))
    assert walk.avg_hr is None
    assert walk.max_hr is None


def test_no_elevations_means_unknown_climb() -> None:
    [run] = read_gpx(_gpx([[_point(i, seconds=i * 10) for i in range(4)]]))
    assert run.climb_m is None
    assert run.descent_m is None


def test_an_altimeter_jump_is_not_a_hill() -> None:
    """A barometer settling from GPS altitude: +650 m in a second, then real climbing."""
    samples = [(0, 1250), (1, 1900), (2, 2250), (12, 2252), (22, 2260), (32, 2258)]
    points = [_point(i, seconds=s, ele=e) for i, (s, e) in enumerate(samples)]
    [run] = read_gpx(_gpx([points]))
    assert (run.climb_m, run.descent_m) == (10, 0)


def test_segments_are_not_bridged_and_pauses_are_not_moving() -> None:
    first = [_point(i, seconds=i * 30) for i in range(3)]
    second = [_point(i + 10, seconds=3600 + i * 30) for i in range(3)]
    paused = [_point(20, seconds=4000), _point(20, seconds=4600)]  # standing still
    [run] = read_gpx(_gpx([first, second, paused]))
    assert run.distance_m == pytest.approx(4 * STEP_M, rel=1e-9)
    assert run.elapsed_s == 4600
    assert run.moving_s == 4 * 30


@pytest.mark.parametrize(
    ("trk_extra", "sport"),
    [
        ("<type>Run</type>", "running"),
        ("<type>trail_running</type>", "running"),
        ("<type>9</type>", "running"),  # Strava's numeric code
        ("<type>Biking</type>", "cycling"),
        ("<type>hiking</type>", "hiking"),
        ("<name>Morning Walk</name>", "walking"),
        ("<name>Evening Run</name><type>unknown</type>", "running"),
        ("<type>Kayaking</type>", "kayaking"),
        ("<name>BC Cadzand-Bad</name><type>unknown</type>", "unknown"),
        ("", "unknown"),
    ],
)
def test_sport_from_type_then_name_else_unknown(trk_extra: str, sport: str) -> None:
    points = [_point(i, seconds=i * 10) for i in range(3)]
    [activity] = read_gpx(_gpx([points], trk_extra=trk_extra))
    assert activity.sport == sport


def test_bom_and_leading_whitespace_are_tolerated() -> None:
    data = _gpx([[_point(i, seconds=i * 10) for i in range(3)]])
    [run] = read_gpx(b"\xef\xbb\xbf  \r\n\t" + data)
    assert run.start == START


def test_utf16_with_bom_is_read() -> None:
    text = _gpx([[_point(i, seconds=i * 10) for i in range(3)]]).decode()
    text = text.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    [run] = read_gpx(text.encode("utf-16"))
    assert run.start == START


def test_a_declared_latin1_encoding_is_honoured() -> None:
    text = _gpx([[_point(i, seconds=i * 10) for i in range(3)]], trk_extra="<name>Läufchen</name>")
    latin1 = text.decode().replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').encode("latin-1")
    [run] = read_gpx(latin1)
    assert run.start == START


def test_files_without_times_cannot_be_placed() -> None:
    points = [_point(i, ele=100) for i in range(3)]
    assert _rejected(_gpx([points])) == "no times in this GPX: cannot place it in your history"


def test_times_from_a_clock_never_set_cannot_be_placed() -> None:
    broken = datetime(1901, 12, 13, 20, 45, 52, tzinfo=UTC)
    points = [_point(i, seconds=0, start=broken) for i in range(3)]
    assert "no valid times" in _rejected(_gpx([points]))


def test_a_track_mostly_without_times_has_a_start_but_no_duration() -> None:
    points = [_point(0, seconds=0), _point(1, seconds=10)] + [_point(i) for i in range(2, 10)]
    [run] = read_gpx(_gpx([points]))
    assert run.start == START
    assert run.elapsed_s is None
    assert run.moving_s is None
    assert run.distance_m == pytest.approx(9 * STEP_M, rel=1e-9)


def test_a_route_is_not_an_activity() -> None:
    route = f'{HEAD}<rte><rtept lat="46" lon="14"/><rtept lat="46.1" lon="14"/></rte></gpx>'
    assert _rejected(route.encode()) == "a route, not a recorded activity"


def test_waypoints_only_is_not_an_activity() -> None:
    data = f'{HEAD}<wpt lat="46" lon="14"><time>2024-05-01T06:00:00Z</time></wpt></gpx>'
    assert _rejected(data.encode()) == "only waypoints, not a recorded activity"


def test_billion_laughs_is_refused_before_parsing() -> None:
    lol = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY lol0 "lol">' + lol + "]>"
        '<gpx version="1.1"><trk><name>&lol9;</name></trk></gpx>'
    )
    assert _rejected(bomb.encode()) == "XML entities are not allowed"


def test_external_entities_are_refused() -> None:
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<gpx version="1.1"><trk><name>&x;</name></trk></gpx>'
    )
    assert _rejected(xxe.encode()) == "XML entities are not allowed"


@pytest.mark.parametrize(
    ("data", "start_of_reason"),
    [
        (b"", "file is empty"),
        (b"   \n\t ", "file is empty"),
        (b"\xff\xfe\x00garbage\x80\x81", "not a"),
        (b"<gpx><trk><trkseg><trkpt", "not a valid GPX file"),
        (b"just some text", "not a valid GPX file"),
        (f'{HEAD}<trk><trkseg><trkpt lat="x" lon="14"/></trkseg></trk></gpx>'.encode(), "not a"),
        (f"{HEAD}</gpx>".encode(), "no track points in this GPX"),
    ],
)
def test_empty_and_broken_files_are_rejected(data: bytes, start_of_reason: str) -> None:
    assert _rejected(data).startswith(start_of_reason)
