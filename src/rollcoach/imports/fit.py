"""FIT files (Garmin, Coros, Wahoo, Suunto, Zwift, Stryd...) into activity summaries.

Each ``session`` message becomes one summary (a multisport file gives several, each
with its own sport; the caller decides what is a run). Chained FIT files are read
back to back; sub-files without a ``file_id`` (heart-rate strap data appended by
the watch) count as part of the activity before them.

Reading is lean: a first pass decodes only ``file_id``, ``session``, ``activity``
and ``sport``. Only when a session lacks its average heart rate (Fenix 2, Stryd,
Zwift's zeros) or there is no session at all does a second pass decode ``record``
and ``hr`` messages, keeping just (time, bpm) pairs, never the messages.

A file with records but no session (a recording the watch never closed, yet with
a valid CRC) is summarised from its records: start = first record time, elapsed =
last - first, distance = the last record distance; moving time and climb unknown.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from rollcoach.imports._common import heart_rate, hr_stats, non_negative, paused_gc, positive
from rollcoach.imports._fitmessages import (
    ALWAYS,
    FIRST_ABSOLUTE,
    NON_ACTIVITY_NAMES,
    WITH_SAMPLES,
    Scan,
    read_messages,
    verified,
)
from rollcoach.imports.errors import ImportRejected
from rollcoach.imports.summary import ActivitySummary

_FIT_EPOCH = 631_065_600  # 1989-12-31T00:00:00Z in Unix seconds
# Indoor machines: a treadmill session is a run (on the treadmill), and so on.
_EQUIPMENT_SPORTS = {"treadmill": "running", "indoor_cycling": "cycling", "indoor_rowing": "rowing"}


def read_fit(data: bytes) -> list[ActivitySummary]:
    """Summaries of every session in a FIT file; ``ImportRejected`` if it is not one."""
    with paused_gc():
        return _read_fit(data)


def _read_fit(data: bytes) -> list[ActivitySummary]:
    if not data:
        raise ImportRejected("file is empty")
    data = verified(data)
    state = read_messages(data, ALWAYS)
    if state.needs_samples():
        state = read_messages(data, WITH_SAMPLES)
    if not state.sessions and not state.records:
        others = [t for t in state.types_seen if t != "activity"]
        if others:
            kind = NON_ACTIVITY_NAMES.get(others[0], others[0].replace("_", " "))
            raise ImportRejected(f"not an activity file ({kind})")
        raise ImportRejected("no activity in this FIT file (no session, no records)")
    summaries = [s for s in (_summary(state, session) for session in state.sessions) if s]
    if not state.sessions:
        summaries = [s for s in [_from_records(state)] if s]
    if not summaries:
        raise ImportRejected(
            "no absolute start time in this FIT file (the device clock was not set): "
            "cannot place it in your history"
        )
    return summaries


def _summary(scan: Scan, session: dict[str, Any]) -> ActivitySummary | None:
    start_raw = session.get("start_time")
    elapsed = non_negative(session.get("total_elapsed_time"))
    if not isinstance(start_raw, int) or start_raw < FIRST_ABSOLUTE:
        end = session.get("timestamp")
        if not isinstance(end, int) or elapsed is None or end - elapsed < FIRST_ABSOLUTE:
            return None
        start_raw = round(end - elapsed)
    avg_hr = heart_rate(session.get("avg_heart_rate"))
    max_hr = heart_rate(session.get("max_heart_rate"))
    if avg_hr is None:
        window = (start_raw, start_raw + (elapsed or 0) + 1) if len(scan.sessions) > 1 else None
        avg_hr, sample_max = hr_stats(_samples(scan, window))
        max_hr = max_hr or sample_max
    climb, descent = (
        non_negative(session.get("total_ascent")),
        non_negative(session.get("total_descent")),
    )
    if not climb and not descent:  # 0/0: indoor or no altimeter, not a flat course
        climb = descent = None
    rpe = session.get("workout_rpe")
    sport, sub_sport = _sport(session.get("sport"), session.get("sub_sport"))
    return ActivitySummary(
        start=_fit_time(start_raw),
        utc_offset_s=scan.offset_s,
        elapsed_s=elapsed,
        moving_s=non_negative(session.get("total_timer_time")),
        distance_m=positive(session.get("total_distance")),
        climb_m=climb,
        descent_m=descent,
        avg_hr=avg_hr,
        max_hr=max_hr,
        sport=sport,
        sub_sport=sub_sport,
        rpe=rpe / 10 if isinstance(rpe, int) and 0 <= rpe <= 100 else None,
        device=scan.device,
        source_format="fit",
    )


def _from_records(scan: Scan) -> ActivitySummary | None:
    """A recording without a session: what its records say, nothing more."""
    if scan.first_ts is None or scan.last_ts is None or scan.first_ts < FIRST_ABSOLUTE:
        return None
    avg_hr, max_hr = hr_stats(_samples(scan, None))
    sport, sub_sport = _sport(scan.sport.get("sport"), scan.sport.get("sub_sport"))
    return ActivitySummary(
        start=_fit_time(scan.first_ts),
        utc_offset_s=scan.offset_s,
        elapsed_s=float(scan.last_ts - scan.first_ts),
        distance_m=scan.last_distance,
        avg_hr=avg_hr,
        max_hr=max_hr,
        sport=sport,
        sub_sport=sub_sport,
        device=scan.device,
        source_format="fit",
    )


def _samples(scan: Scan, window: tuple[float, float] | None) -> list[int]:
    """Heart-rate samples (records first; a strap's ``hr`` messages if records have none)."""
    pairs = scan.record_hr or scan.strap_hr
    if window is None:
        return [bpm for _, bpm in pairs]
    low, high = window
    return [bpm for when, bpm in pairs if low <= when <= high]


def _fit_time(raw: int) -> datetime:
    return datetime.fromtimestamp(_FIT_EPOCH + raw, UTC)


def _sport(sport: object, sub_sport: object) -> tuple[str, str | None]:
    """FIT enum names, lower case; ``generic`` is FIT's "not said", so unknown / None."""
    sub = sub_sport if isinstance(sub_sport, str) and sub_sport != "generic" else None
    if not isinstance(sport, str) or sport == "generic":
        return "unknown", sub
    if sport == "fitness_equipment" and sub in _EQUIPMENT_SPORTS:
        return _EQUIPMENT_SPORTS[sub], sub
    return sport, sub
