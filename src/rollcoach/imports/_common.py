"""Small helpers the format readers share, so every format cleans values the same way."""

import gc
import math
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

# Garmin's FIT epoch is 1989-12-31; anything earlier is a clock that was never set
# (GPSBabel writes 1901-12-13 for "no time"), so it cannot place a run in a history.
EARLIEST_PLAUSIBLE = datetime(1989, 12, 31, tzinfo=UTC)
MAX_OFFSET_S = 14 * 3600
# GPS and barometric altitude jitter by a few metres; climbing is only counted once the
# elevation has moved this far from the last turning point (a dead band).
CLIMB_THRESHOLD_M = 5.0
# Faster than any runner, hiker or rider climbs or drops: such a step is a sensor jump.
MAX_VERTICAL_SPEED_MS = 5.0
EARTH_RADIUS_M = 6_371_008.8


def heart_rate(value: object) -> int | None:
    """A plausible heart rate or ``None``: 0 (Zwift, OpenTracks) means "no sensor"."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    bpm = round(value)
    return bpm if 0 < bpm <= 260 else None


def positive(value: object) -> float | None:
    """A measured quantity or ``None``: 0, negatives and NaN mean "not measured"."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) and value > 0 else None


def non_negative(value: object) -> float | None:
    """Like :func:`positive` but 0 is a real value (a flat run climbs 0 m)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) and value >= 0 else None


def hr_stats(samples: Iterable[float | None]) -> tuple[int | None, int | None]:
    """Mean and max of the heart-rate samples that are real (zeros dropped)."""
    total = count = 0
    peak: int | None = None
    for sample in samples:
        bpm = heart_rate(sample)
        if bpm is None:
            continue
        total += bpm
        count += 1
        peak = bpm if peak is None or bpm > peak else peak
    return (round(total / count) if count else None), peak


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres: the standard for run distances from points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def climb_descent(
    samples: Iterable[tuple[float | None, float]], threshold: float = CLIMB_THRESHOLD_M
) -> tuple[float, float]:
    """Climb and descent from (seconds, elevation) samples, seconds ``None`` if unknown.

    A dead band: raw point-to-point sums count noise as hills. A step faster than
    ``MAX_VERTICAL_SPEED_MS`` is an altimeter settling or a GPS glitch (a watch
    "climbing" 1,000 m in its first seconds), not a hill: it is skipped, not counted.
    """
    climb = descent = 0.0
    anchor = previous = previous_s = None
    for seconds, elevation in samples:
        if anchor is None or previous is None:
            anchor = elevation
        elif (
            seconds is not None
            and previous_s is not None
            and abs(elevation - previous) > MAX_VERTICAL_SPEED_MS * max(seconds - previous_s, 1.0)
        ):
            anchor += elevation - previous
        elif elevation - anchor >= threshold:
            climb += elevation - anchor
            anchor = elevation
        elif anchor - elevation >= threshold:
            descent += anchor - elevation
            anchor = elevation
        previous, previous_s = elevation, seconds
    return climb, descent


def utc_offset_of(moment: datetime) -> int | None:
    """The offset a timestamp states (``+02:00``), or ``None`` for naive or ``Z`` times.

    ``Z`` says the writer used UTC, not that the runner lives at UTC.
    """
    offset = moment.utcoffset()
    if offset is None or offset == timedelta(0):
        return None
    return rounded_offset(offset.total_seconds())


def rounded_offset(seconds: float) -> int | None:
    """An offset rounded to 15 minutes (clocks drift a few seconds); ``None`` if absurd."""
    rounded = round(seconds / 900) * 900
    return rounded if abs(rounded) <= MAX_OFFSET_S else None


def as_utc(moment: datetime) -> datetime:
    """UTC view of a time; naive times are taken as UTC (what GPX and TCX prescribe)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


_SPORT_WORDS: tuple[tuple[str, str], ...] = (
    (r"treadmill|trail ?run|run|running|jog|jogging|lauf|laufen", "running"),
    (r"walk|walking|spaziergang", "walking"),
    (r"hike|hiking|wandern|wanderung", "hiking"),
    (r"bike|biking|cycle|cycling|ride|riding|mtb|radfahren", "cycling"),
    (r"swim|swimming", "swimming"),
)
# Strava's GPX exports write its activity type as a number: 1 is a ride, 9 a run.
_STRAVA_TYPE_CODES = {"1": "cycling", "9": "running"}


def sport_from_text(text: str | None, *, exact: bool) -> str | None:
    """Map a free-text type or name to our sport names.

    ``exact`` (a ``<type>`` element) matches the whole text, so ``trail_running`` or
    Strava's numeric codes work; otherwise (a track name like "Morning Run") any
    word may match. ``None`` when nothing is recognised.
    """
    if not text:
        return None
    cleaned = text.strip().lower().replace("_", " ").replace("-", " ")
    if exact and cleaned in _STRAVA_TYPE_CODES:
        return _STRAVA_TYPE_CODES[cleaned]
    for pattern, sport in _SPORT_WORDS:
        if exact and re.fullmatch(rf"(?:\w+ )?(?:{pattern})", cleaned):
            return sport
        if not exact and re.search(rf"\b(?:{pattern})\b", cleaned):
            return sport
    return None


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector off while a file is read, then as it was.

    A parse allocates hundreds of thousands of objects (XML elements, datetimes,
    gpxpy points), each batch setting off a collection that walks every object the
    process holds; inside an import (SQLAlchemy and all loaded) that was a third of
    the time of reading a TCX. The trees and summaries have no reference cycles:
    reference counting frees them as before, and anything cyclic waits for the
    next collection once this block ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
