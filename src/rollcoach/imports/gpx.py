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
    paused_gc,
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
    with paused_gc():
        return _read_gpx(data)


def _read_gpx(data: bytes) -> list[ActivitySummary]:
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
    # Each point's UTC time and each leg's length, worked out once and shared below.
    utcs = [[as_utc(p.time) if p.time is not None else None for p in seg] for seg in segments]
    if all(when is None for seg in utcs for when in seg):
        raise ImportRejected("no times in this GPX: cannot place it in your history")
    valid = [
        (p.time, when)
        for seg, seg_utcs in zip(segments, utcs, strict=True)
        for p, when in zip(seg, seg_utcs, strict=True)
        if p.time is not None and when is not None and when >= EARLIEST_PLAUSIBLE
    ]
    if not valid:
        raise ImportRejected(
            "no valid times in this GPX (the clock was not set): cannot place it in your history"
        )
    first_time = valid[0][0]
    start = min(when for _, when in valid)
    end = max(when for _, when in valid)
    legs = [_leg_lengths(seg) for seg in segments]
    distance = sum(sum(seg_legs) for seg_legs in legs)
    elevations = [
        [
            (_seconds(when, start), p.elevation)
            for p, when in zip(seg, seg_utcs, strict=True)
            if p.elevation is not None
        ]
        for seg, seg_utcs in zip(segments, utcs, strict=True)
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
        moving_s=_moving_seconds(utcs, legs) if spans else None,
        distance_m=positive(distance),
        climb_m=climb,
        descent_m=descent,
        avg_hr=avg_hr,
        max_hr=max_hr,
        sport=_sport(gpx),
        device=_creator(gpx.creator),
        source_format="gpx",
    )


def _leg_lengths(points: list[Point]) -> list[float]:
    return [
        haversine_m(a.latitude, a.longitude, b.latitude, b.longitude)
        for a, b in itertools.pairwise(points)
    ]


def _moving_seconds(utcs: list[list[datetime | None]], legs: list[list[float]]) -> float:
    """Time on legs faster than 1 km/h; ``utcs``: point times in UTC, ``legs``: lengths."""
    moving = 0.0
    for seg_utcs, seg_legs in zip(utcs, legs, strict=True):
        for (a, b), metres in zip(itertools.pairwise(seg_utcs), seg_legs, strict=True):
            if a is None or b is None or a < EARLIEST_PLAUSIBLE:
                continue
            seconds = (b - a).total_seconds()
            if seconds > 0 and metres / seconds >= MOVING_SPEED_MS:
                moving += seconds
    return moving


def _seconds(moment: datetime | None, start: datetime) -> float | None:
    """Seconds from ``start`` to ``moment`` (both UTC); ``None`` for no or implausible time."""
    if moment is None or moment < EARLIEST_PLAUSIBLE:
        return None
    return (moment - start).total_seconds()


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
