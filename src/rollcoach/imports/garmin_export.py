"""Garmin Connect's account export: the summaries in ``*_summarizedActivities.json``.

``DI_CONNECT/DI-Connect-Fitness/<user>_0_summarizedActivities.json`` is shaped
``[{"summarizedActivitiesExport": [{...}, ...]}]``; distances and elevations are in
**centimetres**, durations and timestamps in **milliseconds** (``startTimeGmt`` is
UTC, ``startTimeLocal`` the same instant on the watch's clock, so their difference
is the UTC offset), ``workoutRpe`` is RPE x 10.

The file can exceed 100 MB. ijson is not a dependency, and ``json.load`` would hold
the whole document (several times its size as objects), so the array is streamed:
the text is read in chunks and each entry decoded on its own with
``json.JSONDecoder.raw_decode``, so memory holds one chunk and one activity. An
entry that does not decode within 16 MB is refused as broken JSON; the importer
bounds the whole document by ``ImportLimits.max_expanded_bytes`` (time, not memory).

The original uploads (FIT files in nested zips under ``DI-Connect-Uploaded-Files``)
are not read when the summaries exist: nothing links a summary to its file except
the start time, and the summaries already carry every figure the coach uses. The
importer falls back to those files only for an export without summaries.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from rollcoach.imports._common import (
    EARLIEST_PLAUSIBLE,
    heart_rate,
    non_negative,
    positive,
    rounded_offset,
)
from rollcoach.imports.archives import CHUNK, ExportActivity, Readable
from rollcoach.imports.errors import ImportRejected
from rollcoach.imports.limits import MB
from rollcoach.imports.summary import ActivitySummary

SUMMARIES = re.compile(
    r"(?:^|/)DI_CONNECT/DI-Connect-Fitness/[^/]*summarizedActivities\.json$", re.IGNORECASE
)
_KEY = re.compile(r'"summarizedActivitiesExport"\s*:\s*\[')
_MAX_ENTRY_CHARS = 16 * MB
_DECODER = json.JSONDecoder()

# activityType -> (sport, sub-sport); unknown types keep their own name.
TYPES: dict[str, tuple[str, str | None]] = {
    "running": ("running", None),
    "street_running": ("running", None),
    "treadmill_running": ("running", "treadmill"),
    "indoor_running": ("running", "treadmill"),
    "virtual_run": ("running", "treadmill"),
    "trail_running": ("running", "trail"),
    "track_running": ("running", "track"),
    "ultra_run": ("running", "ultra"),
    "cycling": ("cycling", None),
    "road_biking": ("cycling", "road"),
    "mountain_biking": ("cycling", "mountain"),
    "gravel_cycling": ("cycling", "gravel"),
    "indoor_cycling": ("cycling", "indoor"),
    "virtual_ride": ("cycling", "indoor"),
    "walking": ("walking", None),
    "casual_walking": ("walking", None),
    "speed_walking": ("walking", None),
    "hiking": ("hiking", None),
    "lap_swimming": ("swimming", "pool"),
    "open_water_swimming": ("swimming", "open water"),
    "swimming": ("swimming", None),
}


def is_summaries(name: str) -> bool:
    return bool(SUMMARIES.search(name.replace("\\", "/")))


def activity_key(entry: dict[str, Any]) -> str:
    """Stable across exports: Garmin's activity id (else start and type)."""
    ident = entry.get("activityId")
    text = f"{ident}" if ident is not None else f"{entry.get('startTimeGmt')}|{_type(entry)}"
    return hashlib.sha256(f"garmin:{text}".encode()).hexdigest()


def read_summaries(stream: Readable) -> Iterator[ExportActivity]:
    """One item per entry of every ``summarizedActivitiesExport`` array in the stream."""
    for number, entry in enumerate(json_entries(stream), start=1):
        if not isinstance(entry, dict):
            continue
        ident = entry.get("activityId")
        label = f"activity {ident}" if ident is not None else f"entry {number}"
        item = ExportActivity(activity_key(entry), label, source="")
        try:
            summary = garmin_summary(entry)
        except ValueError as exc:  # ImportRejected, or pydantic's ValidationError
            reason = exc.reason if isinstance(exc, ImportRejected) else str(exc).splitlines()[0]
            yield ExportActivity(item.key, label, item.source, reason=reason[:120])
            continue
        yield ExportActivity(item.key, label, item.source, summary=summary)


def garmin_summary(entry: dict[str, Any]) -> ActivitySummary:
    start = _moment(entry.get("startTimeGmt", entry.get("beginTimestamp")))
    if start is None:
        raise ImportRejected("no start time")
    local = _moment(entry.get("startTimeLocal"))
    offset = rounded_offset((local - start).total_seconds()) if local is not None else None
    duration = _ms(entry.get("duration"))
    sport, sub_sport = TYPES.get(_type(entry), (_type(entry) or "unknown", None))
    rpe = non_negative(entry.get("workoutRpe"))
    return ActivitySummary(
        start=start,
        utc_offset_s=offset,
        elapsed_s=_ms(entry.get("elapsedDuration")) or duration,
        moving_s=_ms(entry.get("movingDuration")) or duration,
        distance_m=_cm(positive(entry.get("distance"))),
        climb_m=_cm(non_negative(entry.get("elevationGain"))),
        descent_m=_cm(non_negative(entry.get("elevationLoss"))),
        avg_hr=heart_rate(entry.get("avgHr")),
        max_hr=heart_rate(entry.get("maxHr")),
        sport=sport,
        sub_sport=sub_sport,
        rpe=rpe / 10 if rpe is not None and rpe <= 100 else None,
        source_format="garmin-export",
    )


def json_entries(stream: Readable) -> Iterator[object]:
    """The elements of each ``"summarizedActivitiesExport": [...]`` array, one by one."""
    text = _Text(stream)
    while True:
        match = _KEY.search(text.buf, text.pos)
        if match is None:
            text.pos = max(text.pos, len(text.buf) - 200)  # a key may straddle two chunks
            if not text.more():
                return
            continue
        text.pos = match.end()
        yield from _array(text)


def _array(text: _Text) -> Iterator[object]:
    while True:
        text.skip_blanks()
        if text.pos >= len(text.buf):
            raise ImportRejected("not valid JSON: the file ends inside the activity list")
        if text.buf[text.pos] == "]":
            text.pos += 1
            return
        if text.buf[text.pos] == ",":
            text.pos += 1
            continue
        try:
            value, end = _DECODER.raw_decode(text.buf, text.pos)
        except json.JSONDecodeError as exc:
            if len(text.buf) - text.pos > _MAX_ENTRY_CHARS or not text.more():
                raise ImportRejected(f"not valid JSON: {exc.msg}") from None
            continue
        if end >= len(text.buf) and text.more():
            continue  # a number may go on in the next chunk: decode it again
        text.pos = end
        yield value


class _Text:
    """Text decoded chunk by chunk; ``buf[pos:]`` is what is still unread."""

    def __init__(self, stream: Readable) -> None:
        self.stream, self.buf, self.pos, self.eof = stream, "", 0, False
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")()

    def more(self) -> bool:
        """Append the next chunk; ``False`` at the end of the stream."""
        if self.eof:
            return False
        chunk = self.stream.read(CHUNK)
        try:
            fresh = self._decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError:
            raise ImportRejected("not valid JSON: text is not UTF-8") from None
        self.buf, self.pos = self.buf[self.pos :] + fresh, 0
        self.eof = not chunk
        return bool(chunk)

    def skip_blanks(self) -> None:
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.buf) or not self.more():
                return


def _type(entry: dict[str, Any]) -> str:
    kind = entry.get("activityType")
    if isinstance(kind, dict):
        kind = kind.get("typeKey")
    return kind.strip().lower() if isinstance(kind, str) else ""


def _moment(value: object) -> datetime | None:
    """Milliseconds since 1970 (or an ISO text), as UTC; ``None`` if absent or implausible."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        seconds = value / 1000 if abs(value) > 1e11 else value
        try:
            moment = datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):
            return None
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
        moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    else:
        return None
    return moment if moment >= EARLIEST_PLAUSIBLE else None


def _ms(value: object) -> float | None:
    seconds = positive(value)
    return seconds / 1000 if seconds is not None else None


def _cm(value: float | None) -> float | None:
    return value / 100 if value is not None else None
