"""Garmin Connect export: centimetres, milliseconds, types, offsets, and a streamed JSON."""

import io
import json
import zipfile
from datetime import UTC, datetime
from typing import Any

import pytest

from rollcoach.imports import garmin_export
from rollcoach.imports.archives import ExportActivity
from rollcoach.imports.errors import ImportRejected

SUMMARIES = "DI_CONNECT/DI-Connect-Fitness/runner@example.com_0_summarizedActivities.json"
UPLOADS = "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip"
RUN_START = datetime(2026, 7, 14, 5, 30, tzinfo=UTC)


def ms(moment: datetime) -> float:
    return moment.timestamp() * 1000


def entry(
    activity_id: int,
    start: datetime,
    kind: str = "running",
    *,
    offset_s: int = 7200,
    **fields: Any,
) -> dict[str, Any]:
    """An entry as Garmin writes it: cm, ms, and local time as a second epoch number."""
    return {
        "activityId": activity_id,
        "name": f"{kind} {activity_id}",
        "activityType": kind,
        "sportType": kind.upper(),
        "startTimeGmt": ms(start),
        "startTimeLocal": ms(start) + offset_s * 1000,
        "beginTimestamp": ms(start),
        "deviceId": 3_400_000_000,
        **fields,
    }


ENTRIES = [
    entry(
        11,
        RUN_START,
        duration=3_650_000.0,
        elapsedDuration=3_720_000.0,
        movingDuration=3_600_000.0,
        distance=1_002_050.0,
        elevationGain=5230.0,
        elevationLoss=4950.0,
        avgHr=148.0,
        maxHr=171.0,
        workoutRpe=60,
        description="a name with \"quotes\" and ] brackets, { braces",
    ),
    entry(12, datetime(2026, 7, 15, 17, 0, tzinfo=UTC), "treadmill_running", offset_s=-25200,
          duration=1_800_000.0, distance=0.0, avgHr=0),
    entry(13, datetime(2026, 7, 16, 6, 0, tzinfo=UTC), "trail_running", duration=5_400_000.0,
          elevationGain=0.0),
    entry(14, datetime(2026, 7, 17, 6, 0, tzinfo=UTC), "road_biking", duration=7_200_000.0,
          distance=6_000_000.0),
    entry(15, datetime(2026, 7, 18, 6, 0, tzinfo=UTC), "yoga", duration=3_600_000.0),
]  # fmt: skip


def garmin_json(entries: list[dict[str, Any]]) -> bytes:
    return json.dumps([{"summarizedActivitiesExport": entries}], indent=1).encode()


def garmin_zip(entries: list[dict[str, Any]] = ENTRIES, uploads: bytes | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("DI_CONNECT/DI-Connect-User/user_profile.json", b'{"userName": "x"}')
        archive.writestr(SUMMARIES, garmin_json(entries))
        if uploads is not None:
            archive.writestr(UPLOADS, uploads)
    return buffer.getvalue()


class Trickle(io.RawIOBase):
    """A stream that hands out at most ``step`` bytes per read: every boundary gets hit."""

    def __init__(self, data: bytes, step: int) -> None:
        self.data, self.pos, self.step = data, 0, step

    def read(self, size: int = -1, /) -> bytes:
        size = self.step if size < 0 else min(size, self.step)
        chunk = self.data[self.pos : self.pos + size]
        self.pos += len(chunk)
        return chunk


def read(data: bytes, step: int = 1 << 20) -> list[ExportActivity]:
    return list(garmin_export.read_summaries(Trickle(data, step)))


def test_units_offsets_and_rpe_are_converted() -> None:
    run = read(garmin_json(ENTRIES))[0].summary
    assert run is not None
    assert (run.start, run.utc_offset_s) == (RUN_START, 7200)
    assert (run.elapsed_s, run.moving_s) == (3720, 3600)
    assert run.distance_m == pytest.approx(10020.5)
    assert run.climb_m == pytest.approx(52.3)
    assert run.descent_m == pytest.approx(49.5)
    assert (run.avg_hr, run.max_hr, run.rpe) == (148, 171, 6.0)
    assert (run.sport, run.sub_sport, run.source_format) == ("running", None, "garmin-export")


def test_activity_types_map_to_sport_and_sub_sport() -> None:
    found = [i.summary for i in read(garmin_json(ENTRIES))]
    assert all(s is not None for s in found)
    kinds = [(s.sport, s.sub_sport) for s in found if s is not None]
    assert kinds == [
        ("running", None),
        ("running", "treadmill"),
        ("running", "trail"),
        ("cycling", "road"),
        ("yoga", None),
    ]
    treadmill = found[1]
    assert treadmill is not None
    assert (treadmill.utc_offset_s, treadmill.elapsed_s, treadmill.moving_s) == (-25200, 1800, 1800)
    assert (treadmill.distance_m, treadmill.avg_hr, treadmill.climb_m) == (None, None, None)


def test_streaming_in_tiny_chunks_gives_the_same_result() -> None:
    data = garmin_json(ENTRIES)
    whole = [(i.key, i.summary) for i in read(data)]
    assert [(i.key, i.summary) for i in read(data, step=7)] == whole
    assert [(i.key, i.summary) for i in read(b"\xef\xbb\xbf" + data, step=3)] == whole


def test_keys_are_stable_per_activity_id() -> None:
    keys = [i.key for i in read(garmin_json(ENTRIES))]
    assert keys == [i.key for i in read(garmin_json(ENTRIES[:2] + ENTRIES[2:]), step=11)]
    assert len(set(keys)) == len(keys)
    assert keys[0] == garmin_export.activity_key({"activityId": 11})


def test_several_export_objects_and_an_activity_type_object() -> None:
    nested = dict(ENTRIES[0], activityType={"typeKey": "trail_running"})
    data = json.dumps(
        [{"summarizedActivitiesExport": [nested]}, {"summarizedActivitiesExport": ENTRIES[1:2]}]
    ).encode()
    found = [i.summary for i in read(data, step=5)]
    assert [(s.sport, s.sub_sport) for s in found if s] == [
        ("running", "trail"),
        ("running", "treadmill"),
    ]


def test_an_entry_without_a_start_is_reported_and_the_rest_read() -> None:
    broken = {"activityId": 99, "activityType": "running", "duration": 1000.0}
    items = read(garmin_json([broken, ENTRIES[0]]))
    assert items[0].summary is None
    assert "no start time" in str(items[0].reason)
    assert items[1].summary is not None


def test_truncated_json_yields_what_came_before_then_refuses() -> None:
    data = garmin_json(ENTRIES)
    cut = data[: data.index(b'"activityId": 13')]
    stream = garmin_export.read_summaries(Trickle(cut, 64))
    assert next(stream).summary is not None
    assert next(stream).summary is not None
    with pytest.raises(ImportRejected, match="not valid JSON"):
        next(stream)


def test_a_json_without_summaries_gives_nothing() -> None:
    assert read(b'[{"somethingElse": [1, 2, 3]}]') == []


def test_summary_file_names_are_recognised() -> None:
    assert garmin_export.is_summaries(SUMMARIES)
    assert garmin_export.is_summaries("export/" + SUMMARIES.lower())
    assert not garmin_export.is_summaries("DI_CONNECT/DI-Connect-User/user_profile.json")
