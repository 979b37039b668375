"""A stored run as the engine sees it: one reading for the week request and the report.

Both used to read a run on their own and disagreed on its type (the report knew
only long and easy). Now :func:`week_run` is the one way; the line for "long" is
the week planner's own (``long_minutes`` in week.yaml) unless a caller passes another.
"""

from typing import Any

from rollcoach.history.activity_log import ActivityRow
from rollcoach.imports.summary import RUNNING
from rollcoach.knowledge import load_knowledge

HILLY_M_PER_KM = 20.0  # FOCUS-6: more than 20 m of climb per km is a hill run
TRAIL = "trail"
MAX_MINUTES, MAX_KM = 1440.0, 500.0  # the request models' bounds
MIN_HR, MAX_HR = 30, 240


def long_minutes() -> float:
    """REST-2 / TIME-4's line: a run over this many minutes is long (week.yaml)."""
    return load_knowledge().week.settings.long_minutes


def is_run(activity: ActivityRow) -> bool:
    return activity.sport == RUNNING


def seconds_of(activity: ActivityRow) -> float | None:
    return activity.elapsed_s if activity.elapsed_s is not None else activity.moving_s


def minutes_of(activity: ActivityRow) -> float | None:
    seconds = seconds_of(activity)
    return None if seconds is None else min(seconds / 60, MAX_MINUTES)


def km_of(activity: ActivityRow) -> float | None:
    if activity.distance_m is None:
        return None
    return round(min(activity.distance_m / 1000, MAX_KM), 3)


def guess_type(activity: ActivityRow, long_over: float | None = None) -> str:
    """long over 90 min, hills over 20 m climb per km, trail by sub-sport, else easy.

    Never race, tempo or intervals: a file does not say so, and guessing a race
    would call for more rest days than the runner may need.
    """
    minutes = minutes_of(activity)
    km = km_of(activity)
    if minutes is not None and minutes > (long_over if long_over is not None else long_minutes()):
        return "long"
    if activity.climb_m is not None and km and activity.climb_m / km > HILLY_M_PER_KM:
        return "hills"
    if (activity.sub_sport or "").lower() == TRAIL:
        return "trail"
    return "easy"


def week_run(activity: ActivityRow, long_over: float | None = None) -> dict[str, Any] | None:
    """One run of the week request (a JSON-able dict); ``None`` for other sports or no duration.

    Odd stored values are clipped or left out, never fatal: minutes and km to the
    request's bounds, a heart rate outside 30-240 dropped.
    """
    minutes = minutes_of(activity)
    if not is_run(activity) or minutes is None:
        return None
    run: dict[str, Any] = {
        "date": activity.local_date.isoformat(),
        "minutes": round(minutes, 1),
        "type": guess_type(activity, long_over),
    }
    km = km_of(activity)
    if km is not None:
        run["km"] = km
    if activity.rpe is not None:
        run["rpe"] = activity.rpe
    if activity.avg_hr is not None and MIN_HR <= activity.avg_hr <= MAX_HR:
        run["avg_hr"] = activity.avg_hr
    return run
