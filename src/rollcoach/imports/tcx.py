"""TCX files (Garmin Training Center, Strava, MapMyRide...) into activity summaries.

Each ``<Activity>`` is one summary. Lap totals are the device's own figures, so
they win: moving time and distance are sums over laps, average heart rate is the
laps' averages weighted by lap time, maximum the highest lap maximum. Trackpoints
fill the gaps: elapsed time (first to last point), climb/descent (dead-band
smoothed altitude) and heart rate when laps lack it. Points without a position
are kept: a treadmill run has no GPS and its heart rate must not be lost.

Parsing uses the standard library's C-accelerated ElementTree on the text
:func:`xml_text` returns, which has already refused any ``<!DOCTYPE`` or
``<!ENTITY`` (anywhere, any case, as GPX). Without a DOCTYPE there is no DTD, so
no entity can be declared: no billion laughs, no external entity or DTD fetch (and
expat fetches nothing by itself); a reference to an undeclared entity is a parse
error. That is everything defusedxml's ``forbid_dtd`` guarded against here, and
its pure-Python parser took most of the time of a TCX import.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import datetime
from xml.etree.ElementTree import Element, ParseError, fromstring

from rollcoach.imports._common import (
    EARLIEST_PLAUSIBLE,
    as_utc,
    climb_descent,
    haversine_m,
    heart_rate,
    hr_stats,
    paused_gc,
    positive,
    sport_from_text,
    utc_offset_of,
)
from rollcoach.imports._xmltext import xml_text
from rollcoach.imports.errors import ImportRejected
from rollcoach.imports.summary import ActivitySummary


def read_tcx(data: bytes) -> list[ActivitySummary]:
    """One summary per ``<Activity>``; ``ImportRejected`` if there is none."""
    with paused_gc():
        return _read_tcx(data)


def _read_tcx(data: bytes) -> list[ActivitySummary]:
    text = xml_text(data, "TCX")
    try:
        # Safe without defusedxml: xml_text refused every DOCTYPE/ENTITY (module docstring).
        root = fromstring(text)  # noqa: S314
    except ParseError as exc:
        raise ImportRejected(f"not a valid TCX file: {str(exc)[:100]}") from None
    if _local(root.tag) != "TrainingCenterDatabase":
        raise ImportRejected("not a TCX file (no TrainingCenterDatabase)")
    tags = _Tags(root)
    summaries = [s for s in map(tags.summary, tags.descendants(root, "Activity")) if s is not None]
    if not summaries:
        raise ImportRejected("no activities in this TCX file")
    return summaries


def _summary(tags: _Tags, activity: Element) -> ActivitySummary | None:
    laps = list(tags.children(activity, "Lap"))
    points = list(tags.descendants(activity, "Trackpoint"))
    point_times = [_time(tags.text(p, "Time")) for p in points]
    times = [t for t in point_times if t is not None]
    lap_starts = [t for t in (_time(lap.get("StartTime")) for lap in laps) if t is not None]
    first = lap_starts[:1] or [t for t in [_time(tags.text(activity, "Id"))] if t] or times[:1]
    if not first:
        return None
    start = as_utc(first[0])
    lap_seconds = [positive(tags.number(lap, "TotalTimeSeconds")) for lap in laps]
    moving = sum(s for s in lap_seconds if s) or None
    if times:
        elapsed: float | None = (max(as_utc(t) for t in times) - start).total_seconds()
    elif lap_starts and lap_seconds[-1]:
        elapsed = (as_utc(lap_starts[-1]) - start).total_seconds() + lap_seconds[-1]
    else:
        elapsed = moving
    avg_hr, max_hr = _lap_heart_rate(tags, laps, lap_seconds)
    if avg_hr is None or max_hr is None:
        point_avg, point_max = hr_stats(tags.number(p, "HeartRateBpm", "Value") for p in points)
        avg_hr, max_hr = avg_hr or point_avg, max_hr or point_max
    altitudes = [
        (_seconds(when, start), altitude)
        for p, when in zip(points, point_times, strict=True)
        if (altitude := tags.number(p, "AltitudeMeters")) is not None
    ]
    climb, descent = climb_descent(altitudes) if altitudes else (None, None)
    sport_attr = activity.get("Sport")
    return ActivitySummary(
        start=start,
        utc_offset_s=utc_offset_of(first[0]),
        elapsed_s=elapsed if elapsed is not None and elapsed >= 0 else None,
        moving_s=moving,
        distance_m=_distance(tags, laps, points),
        climb_m=climb,
        descent_m=descent,
        avg_hr=avg_hr,
        max_hr=max_hr,
        sport=sport_from_text(sport_attr, exact=True) or (sport_attr or "unknown").lower(),
        device=tags.text(activity, "Creator", "Name"),
        source_format="tcx",
    )


def _lap_heart_rate(
    tags: _Tags, laps: list[Element], seconds: list[float | None]
) -> tuple[int | None, int | None]:
    weighted = total = 0.0
    peaks: list[int] = []
    for lap, lap_seconds in zip(laps, seconds, strict=True):
        avg = heart_rate(tags.number(lap, "AverageHeartRateBpm", "Value"))
        if avg is not None and lap_seconds:
            weighted += avg * lap_seconds
            total += lap_seconds
        if (peak := heart_rate(tags.number(lap, "MaximumHeartRateBpm", "Value"))) is not None:
            peaks.append(peak)
    return (round(weighted / total) if total else None), (max(peaks) if peaks else None)


def _distance(tags: _Tags, laps: list[Element], points: list[Element]) -> float | None:
    """Laps' distances, else the last cumulative point distance, else haversine."""
    lap_total = sum(d for d in (positive(tags.number(lap, "DistanceMeters")) for lap in laps) if d)
    if lap_total:
        return lap_total
    cumulative = [d for d in (tags.number(p, "DistanceMeters") for p in points) if d is not None]
    if cumulative:
        return positive(max(cumulative))
    positions = [
        (lat, lon)
        for p in points
        if (lat := tags.number(p, "Position", "LatitudeDegrees")) is not None
        and (lon := tags.number(p, "Position", "LongitudeDegrees")) is not None
    ]
    return positive(sum(haversine_m(*a, *b) for a, b in itertools.pairwise(positions)))


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


class _Tags:
    """Elements by local name (any namespace), looked up in C where that is exact.

    A TCX can put elements in several namespaces, so lookups go by local name.
    When a local name is written with one tag only in the whole document,
    ``find``/``iter`` with that tag give exactly what a walk comparing local names
    gives, at C speed; names written with several tags take the walk.
    """

    def __init__(self, root: Element) -> None:
        by_local: dict[str, set[str]] = {}
        for tag in {node.tag for node in root.iter()}:
            if isinstance(tag, str):
                by_local.setdefault(_local(tag), set()).add(tag)
        # local name -> its one tag, or None when written with several
        self._tags = {
            name: next(iter(tags)) if len(tags) == 1 else None for name, tags in by_local.items()
        }

    def summary(self, activity: Element) -> ActivitySummary | None:
        return _summary(self, activity)

    def children(self, element: Element, name: str) -> Iterator[Element]:
        if name not in self._tags:
            return iter(())
        tag = self._tags[name]
        if tag is not None:
            return iter(element.findall(tag))
        return (child for child in element if _local(child.tag) == name)

    def descendants(self, element: Element, name: str) -> Iterator[Element]:
        if name not in self._tags:
            return iter(())
        tag = self._tags[name]
        if tag is not None:
            return element.iter(tag)
        return (node for node in element.iter() if _local(node.tag) == name)

    def find(self, element: Element, *path: str) -> Element | None:
        node: Element | None = element
        for name in path:
            if node is None or name not in self._tags:
                return None
            tag = self._tags[name]
            if tag is not None:
                node = node.find(tag)
            else:
                node = next((c for c in node if _local(c.tag) == name), None)
        return node

    def text(self, element: Element, *path: str) -> str | None:
        node = self.find(element, *path)
        text = node.text.strip() if node is not None and node.text else ""
        return text or None

    def number(self, element: Element, *path: str) -> float | None:
        text = self.text(element, *path)
        try:
            return float(text) if text is not None else None
        except ValueError:
            return None


def _seconds(moment: datetime | None, start: datetime) -> float | None:
    return (as_utc(moment) - start).total_seconds() if moment is not None else None


def _time(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return moment if as_utc(moment) >= EARLIEST_PLAUSIBLE else None
