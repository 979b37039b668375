"""Apple Health's export (``export.zip`` -> ``apple_health_export/export.xml``): workouts.

The XML reaches gigabytes (every heart-rate sample is a ``<Record>``), so it is
streamed: bytes are fed in chunks to an ``XMLPullParser`` (the parser behind
``iterparse``), each top-level element is handled at its end event and then
dropped from the root, so memory holds one element at a time. The importer bounds
the document by ``ImportLimits.max_expanded_bytes`` (1 GB by default: raise it for
bigger exports; memory stays flat either way).

Apple writes an internal DTD (``<!DOCTYPE HealthData [ ... ]>``), some versions a
broken one. It is cut out of the prolog before the parser sees a byte: nothing is
declared, so nothing can be expanded (no billion laughs), and a reference to an
undeclared entity is a parse error. Nothing external is ever fetched.

``<Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="31.5"
durationUnit="min" startDate="2026-07-14 06:30:00 -0700" endDate=...>``: the
offset comes from ``startDate``; elapsed is end - start, moving the ``duration``.
Distance is ``totalDistance`` (before iOS 16) or the ``sum`` of a
``<WorkoutStatistics type="HKQuantityTypeIdentifierDistance...">`` child; heart
rate the ``average``/``maximum`` of the ``HeartRate`` statistics; climb the
``HKElevationAscended`` metadata; ``HKIndoorWorkout`` marks a treadmill.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from xml.etree.ElementTree import Element, ParseError, XMLPullParser

from rollcoach.imports._common import (
    EARLIEST_PLAUSIBLE,
    heart_rate,
    non_negative,
    positive,
    rounded_offset,
)
from rollcoach.imports._xmlshape import ElementTally
from rollcoach.imports.archives import CHUNK, ExportActivity, Readable
from rollcoach.imports.errors import ImportRejected
from rollcoach.imports.limits import MB
from rollcoach.imports.summary import ActivitySummary

XML_NAME = "export.xml"
MAX_PROLOG = 8 * MB
PREFIX = "HKWorkoutActivityType"
SPORTS = {
    "Running": "running",
    "Walking": "walking",
    "Hiking": "hiking",
    "Cycling": "cycling",
    "Swimming": "swimming",
}
SECONDS = {"s": 1.0, "sec": 1.0, "min": 60.0, "h": 3600.0, "hr": 3600.0}
METRES = {"m": 1.0, "km": 1000.0, "mi": 1609.344, "yd": 0.9144, "ft": 0.3048, "cm": 0.01}
_ROOT_START = re.compile(rb"<!--.*?-->|<(?=[A-Za-z_:])", re.DOTALL)
_NUMBER_UNIT = re.compile(r"^\s*(-?[\d.]+)\s*([A-Za-z]*)\s*$")


def is_export_xml(name: str) -> bool:
    return name.replace("\\", "/").rsplit("/", 1)[-1].lower() == XML_NAME


def workout_key(workout: Element) -> str:
    """Stable across exports: start, type and duration as Apple wrote them."""
    parts = [workout.get(k, "") for k in ("startDate", "workoutActivityType", "duration")]
    return hashlib.sha256(("apple-health:" + "|".join(parts)).encode()).hexdigest()


def read_workouts(stream: Readable) -> Iterator[ExportActivity]:
    """One item per ``<Workout>`` of an ``export.xml`` stream."""
    parser: XMLPullParser[Element] = XMLPullParser(events=("start", "end"))
    walker = _Walker()
    try:
        for chunk in _without_doctype(stream):
            parser.feed(chunk)
            yield from walker.take(parser.read_events())
        parser.close()
        yield from walker.take(parser.read_events())
    except ParseError as exc:
        raise ImportRejected(f"not a valid Apple Health export: {str(exc)[:100]}") from None


class _Walker:
    """Workouts out of the parser's events, each top-level entry dropped once read.

    Depth and the elements held (one entry) are checked as each element opens: by
    then the parser has built at most one chunk (256 KB) past a bound, in bounded
    memory and without recursion, and the rest of the stream is never parsed. The
    checks cost 7 % (503 ms against 469 for a 28 MB export of 200,000 elements).
    """

    def __init__(self) -> None:
        self.tally = ElementTally("one entry of this export")
        self.count = 0
        self.root: Element | None = None

    def take(self, events: Iterable[tuple[object, ...]]) -> Iterator[ExportActivity]:
        for item in events:
            event, node = item[0], item[-1]
            if not isinstance(node, Element):
                continue
            if event == "start":
                self._start(node)
            elif (workout := self._end(node)) is not None:
                yield workout

    def _start(self, node: Element) -> None:
        self.tally.opened()
        if self.tally.depth == 1:
            if node.tag != "HealthData":
                raise ImportRejected("not an Apple Health export (no HealthData)")
            self.root = node

    def _end(self, node: Element) -> ExportActivity | None:
        self.tally.closed()
        if self.tally.depth != 1 or self.root is None:
            return None
        self.root.remove(node)  # bounded memory: done with this element
        self.tally.released()
        if node.tag != "Workout":
            return None
        self.count += 1
        return _item(node, self.count)


def _item(workout: Element, number: int) -> ExportActivity:
    kind = workout.get("workoutActivityType", "")
    label = f"workout {number} ({kind.removeprefix(PREFIX) or 'unknown'})"
    key = workout_key(workout)
    try:
        summary = workout_summary(workout)
    except ValueError as exc:  # ImportRejected, or pydantic's ValidationError
        reason = exc.reason if isinstance(exc, ImportRejected) else str(exc).splitlines()[0]
        return ExportActivity(key, label, "", reason=reason[:120])
    return ExportActivity(key, label, "", summary=summary)


def workout_summary(workout: Element) -> ActivitySummary:
    start, end = _date(workout.get("startDate")), _date(workout.get("endDate"))
    if start is None:
        raise ImportRejected("no readable startDate")
    offset = start.utcoffset()
    unit = SECONDS.get(workout.get("durationUnit", "min").lower())
    duration = positive(_float(workout.get("duration")))
    moving = duration * unit if duration is not None and unit is not None else None
    elapsed = (end - start).total_seconds() if end is not None and end >= start else moving
    stats = {s.get("type", "").removeprefix("HKQuantityTypeIdentifier"): s for s in workout}
    metadata = {m.get("key", ""): m.get("value", "") for m in workout if m.tag == "MetadataEntry"}
    distance = _length(workout.get("totalDistance"), workout.get("totalDistanceUnit"))
    for name, stat in stats.items():
        if distance is None and stat.tag == "WorkoutStatistics" and name.startswith("Distance"):
            distance = _length(stat.get("sum"), stat.get("unit"))
    hr = stats.get("HeartRate")
    kind = workout.get("workoutActivityType", "").removeprefix(PREFIX)
    sport = SPORTS.get(kind, kind.lower() or "unknown")
    indoor = metadata.get("HKIndoorWorkout") == "1"
    sub_sport = "treadmill" if sport in ("running", "walking") else "indoor"
    return ActivitySummary(
        start=start,
        utc_offset_s=rounded_offset(offset.total_seconds()) if offset is not None else None,
        elapsed_s=elapsed,
        moving_s=moving,
        distance_m=positive(distance),
        climb_m=non_negative(_length(*_split(metadata.get("HKElevationAscended")))),
        descent_m=non_negative(_length(*_split(metadata.get("HKElevationDescended")))),
        avg_hr=heart_rate(_float(hr.get("average"))) if hr is not None else None,
        max_hr=heart_rate(_float(hr.get("maximum"))) if hr is not None else None,
        sport=sport,
        sub_sport=sub_sport if indoor else None,
        device=workout.get("sourceName"),
        source_format="apple-health",
    )


def _without_doctype(stream: Readable) -> Iterator[bytes]:
    """The stream's chunks, with the prolog's DOCTYPE block (and its DTD) cut out.

    Everything from ``<!DOCTYPE`` to the root element's ``<`` goes: DTD declarations
    all start ``<!``, so the first ``<`` followed by a name (outside comments) is
    the root, even when the DTD itself is broken.
    """
    head, root = b"", None
    while root is None:
        chunk = stream.read(CHUNK)
        head += chunk
        root = next((m.start() for m in _ROOT_START.finditer(head) if m.group() == b"<"), None)
        if not chunk or len(head) > MAX_PROLOG:
            break
    doctype = head.find(b"<!DOCTYPE", 0, root)
    if doctype >= 0:
        if root is None:
            raise ImportRejected("not a valid Apple Health export: no root element after the DTD")
        head = head[:doctype] + head[root:]
    yield head
    while chunk := stream.read(CHUNK):
        yield chunk


def _date(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.strptime(text.strip(), "%Y-%m-%d %H:%M:%S %z")
    except ValueError:
        return None
    return moment if moment >= EARLIEST_PLAUSIBLE else None


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def _split(text: str | None) -> tuple[str | None, str | None]:
    match = _NUMBER_UNIT.match(text or "")
    return (match.group(1), match.group(2) or "m") if match else (None, None)


def _length(value: str | None, unit: str | None) -> float | None:
    number, factor = _float(value), METRES.get((unit or "").lower())
    return number * factor if number is not None and factor is not None else None
