"""Activities between an importer's summaries, the table, and ``rollcoach log --json``."""

import re
from datetime import UTC, date, datetime
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict

from rollcoach.imports.summary import ActivitySummary


class AddResult(BaseModel):
    """What one file added: new activities, and ones already stored from that file."""

    model_config = ConfigDict(frozen=True)

    added: int
    already: int


class ActivityRow(BaseModel):
    """One stored activity, as read back (times in UTC)."""

    model_config = ConfigDict(frozen=True, from_attributes=True)

    id: int
    athlete_id: int
    start_utc: AwareDatetime
    utc_offset_s: int | None
    local_date: date
    elapsed_s: float | None
    moving_s: float | None
    distance_m: float | None
    climb_m: float | None
    descent_m: float | None
    avg_hr: int | None
    max_hr: int | None
    session_load: float | None
    rpe: float | None
    sport: str
    sub_sport: str | None
    device: str | None
    source_format: str
    source_path: str
    content_hash: str
    imported_at: AwareDatetime


def session_load(summary: ActivitySummary) -> float | None:
    """Session RPE load (RPE x elapsed minutes); unknown without both, so the planner decides."""
    if summary.rpe is None or summary.elapsed_s is None:
        return None
    return summary.rpe * summary.elapsed_s / 60


def activity_values(
    summary: ActivitySummary,
    *,
    athlete_id: int,
    content_hash: str,
    source_path: str,
    imported_at: datetime,
) -> dict[str, Any]:
    """The row for one summary; the local day is fixed here, from the file's own offset."""
    return {
        "athlete_id": athlete_id,
        "start_utc": summary.start.astimezone(UTC),
        "utc_offset_s": summary.utc_offset_s,
        "local_date": summary.local_start.date(),
        "elapsed_s": summary.elapsed_s,
        "moving_s": summary.moving_s,
        "distance_m": summary.distance_m,
        "climb_m": summary.climb_m,
        "descent_m": summary.descent_m,
        "avg_hr": summary.avg_hr,
        "max_hr": summary.max_hr,
        "session_load": session_load(summary),
        "rpe": summary.rpe,
        "sport": _text(summary.sport),
        "sub_sport": _text(summary.sub_sport),
        "device": _text(summary.device),
        "source_format": _text(summary.source_format),
        "source_path": _text(source_path),
        "content_hash": content_hash,
        "imported_at": imported_at,
    }


def _text(value: str | None) -> str | None:
    """Drop NUL characters (FIT strings end with them): PostgreSQL refuses them, SQLite not."""
    return None if value is None else value.replace("\x00", "")


def log_entry(row: ActivityRow) -> dict[str, Any]:
    """One item of ``rollcoach log --json`` (spec/interface.md); unknown stays null."""
    return {
        "id": row.id,
        "start": row.start_utc.astimezone(UTC).isoformat(timespec="seconds"),
        "local_date": row.local_date.isoformat(),
        "sport": row.sport,
        "sub_sport": row.sub_sport,
        "minutes": _per(row.elapsed_s, 60, 1),
        "moving_minutes": _per(row.moving_s, 60, 1),
        "km": _per(row.distance_m, 1000, 3),
        "climb_m": _per(row.climb_m, 1, 1),
        "descent_m": _per(row.descent_m, 1, 1),
        "avg_hr": row.avg_hr,
        "max_hr": row.max_hr,
        "rpe": row.rpe,
        "load": _per(row.session_load, 1, 1),
        "source": file_name(row.source_path),
    }


def file_name(path: str) -> str:
    """The last part of a path written on any system (``/`` or ``\\``)."""
    return re.split(r"[\\/]", path.rstrip("\\/"))[-1] or path


def _per(value: float | None, unit: float, digits: int) -> float | None:
    return None if value is None else round(value / unit, digits)
