"""GPX tracks (OpenTracks, Strava, Runkeeper, GPSBabel...) into an activity summary.

A GPX is one activity: all its tracks and segments together (apps that split a
recording write several segments or tracks, not several activities). gpxpy only
parses; the figures are computed here so they behave like the other formats:

- start/elapsed: first to last valid point time (before 1990 = a clock never set);
  when under 90 % of the points carry a time, elapsed and moving are ``None``;
- distance: haversine within each segment (no jump across a gap between segments);
- moving: time between points while faster than 1 km/h (gpxpy's threshold);
- climb/descent: dead-band smoothing per segment, sensor jumps skipped; ``None``
  without elevations;
- heart rate: any extension element named ``hr`` or ``heartrate`` (gpxtpx, ns3...);
- sport: ``<type>`` if recognised, else a hint in the track name ("Morning Run"),
  else the type as written, else ``unknown``. Guessing "running" would file hikes
  and walks as runs;
- offset: the offset written in the first point time (``+02:00``); ``Z`` or none
  says nothing about where the runner was, so ``None``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import gpxpy
import gpxpy.gpx

from rollcoach.imports._common import (
    EARLIEST_PLAUSIBLE,
    as_utc,
    climb_descent,
    haversine_m,
    hr_stats,
    positive,
    sport_from_text,
    utc_offset_of,
)
from rollcoach.imports._xmltext import xml_text
from rollcoach.imports.errors import ImportRejected
from rollcoach.imports.summary import ActivitySummary

MOVING_SPEED_MS = 1000 / 3600  # 1 km/h, as gpxpy's default stopped-speed threshold
TIMED_SHARE = 0.9  # below this, the times we have do not span the activity
_HR_NAMES = frozenset({"hr", "heartrate"})

Point = gpxpy.gpx.GPXTrackPoint


def read_gpx(data: bytes) -> list[ActivitySummary]:
    """The one activity a GPX track records; ``ImportRejected`` for routes and the like."""
    text = xml_text(data, "GPX")
    try:
        gpx = gpxpy.parse(text)
    except gpxpy.gpx.GPXException as exc:
        raise ImportRejected(f"not a valid GPX file: {_first_line(exc)}") from None
    except (ValueError, TypeError, AttributeError, KeyError) as exc:
        raise ImportRejected(f"not a valid GPX file ({type(exc).__name__})") from None
    segments = [seg.points for track in gpx.tracks for seg in track.segments if seg.points]
    if not segments:
        if any(route.points for route in gpx.routes):
            raise ImportRejected("a route, not a recorded activity")
        if gpx.waypoints:
            raise ImportRejected("only waypoints, not a recorded activity")
        raise ImportRejected("no track points in this GPX")
    return [_summary(gpx, segments)]


def _summary(gpx: gpxpy.gpx.GPX, segments: list[list[Point]]) -> ActivitySummary:
    timed = [(p, p.time) for seg in segments for p in seg if p.time is not None]
    if not timed:
        raise ImportRejected("no times in this GPX: cannot place it in your history")
    valid = [(p, when) for p, when in timed if as_utc(when) >= EARLIEST_PLAUSIBLE]
    if not valid:
        raise ImportRejected(
            "no valid times in this GPX (the clock was not set): cannot place it in your history"
        )
    first_time = valid[0][1]
    start = min(as_utc(when) for _, when in valid)
    end = max(as_utc(when) for _, when in valid)
    distance = sum(_segment_distance(seg) for seg in segments)
    elevations = [
        [(_seconds(p.time, start), p.elevation) for p in seg if p.elevation is not None]
        for seg in segments
    ]
    climb = descent = None
    if any(elevations):
        pairs = [climb_descent(seg) for seg in elevations]
        climb, descent = sum(c for c, _ in pairs), sum(d for _, d in pairs)
    avg_hr, max_hr = hr_stats(_heart_rates(segments))
    spans = len(valid) > 1 and len(valid) >= TIMED_SHARE * sum(len(seg) for seg in segments)
    return ActivitySummary(
        start=start,
        utc_offset_s=utc_offset_of(first_time),
        elapsed_s=(end - start).total_seconds() if spans else None,
        moving_s=_moving_seconds(segments) if spans else None,
        distance_m=positive(distance),
        climb_m=climb,
        descent_m=descent,
        avg_hr=avg_hr,
        max_hr=max_hr,
        sport=_sport(gpx),
        device=_creator(gpx.creator),
        source_format="gpx",
    )


def _segment_distance(points: list[Point]) -> float:
    return sum(
        haversine_m(a.latitude, a.longitude, b.latitude, b.longitude)
        for a, b in itertools.pairwise(points)
    )


def _moving_seconds(segments: list[list[Point]]) -> float:
    moving = 0.0
    for seg in segments:
        for a, b in itertools.pairwise(seg):
            if a.time is None or b.time is None or not _plausible(a.time):
                continue
            seconds = (as_utc(b.time) - as_utc(a.time)).total_seconds()
            metres = haversine_m(a.latitude, a.longitude, b.latitude, b.longitude)
            if seconds > 0 and metres / seconds >= MOVING_SPEED_MS:
                moving += seconds
    return moving


def _seconds(moment: datetime | None, start: datetime) -> float | None:
    if moment is None or not _plausible(moment):
        return None
    return (as_utc(moment) - start).total_seconds()


def _plausible(moment: datetime) -> bool:
    return as_utc(moment) >= EARLIEST_PLAUSIBLE


def _heart_rates(segments: list[list[Point]]) -> Iterator[float]:
    for seg in segments:
        for point in seg:
            for extension in point.extensions:
                yield from _hr_values(extension)


def _hr_values(element: Any) -> Iterator[float]:
    for child in element.iter():
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag.rsplit("}", 1)[-1].split(":")[-1].lower() in _HR_NAMES and child.text:
            try:
                yield float(child.text.strip())
            except ValueError:
                continue


def _sport(gpx: gpxpy.gpx.GPX) -> str:
    types: list[str] = [str(t.type) for t in gpx.tracks if t.type]
    names = [t.name for t in gpx.tracks if t.name is not None] + [gpx.name or ""]
    for text in types:
        if sport := sport_from_text(text, exact=True):
            return sport
    for text in names:
        if sport := sport_from_text(text, exact=False):
            return sport
    for text in types:
        word = text.strip().lower()
        if re.fullmatch(r"[a-z][a-z _]{1,30}", word):
            return word.replace(" ", "_")
    return "unknown"


def _creator(creator: str | None) -> str | None:
    """The writing app ("OpenTracks", "Runkeeper"): the closest GPX has to a device."""
    if not creator:
        return None
    name = re.split(r"\s+-\s+https?://|\s+https?://", creator.strip(), maxsplit=1)[0]
    return name[:80] or None


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0][:100] if str(exc) else type(exc).__name__
