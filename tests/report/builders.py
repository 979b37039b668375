"""Stored records as the store gives them back, built for report tests."""

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import matplotlib as mpl
import pytest
from matplotlib.figure import Figure

from rollcoach.history.activity_log import ActivityRow
from rollcoach.history.records import Checkin, SessionRecord, StoredCheckin, StoredSession
from rollcoach.models.week import WeekAthlete
from rollcoach.report import ReportInput
from rollcoach.report.plots import drawn

TODAY = date(2026, 11, 23)  # a Monday: the last week shown holds only today
IMPORTED = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)


def activity(day: date, minutes: float, km: float | None, **fields: Any) -> ActivityRow:
    values: dict[str, Any] = {
        "id": 1,
        "athlete_id": 1,
        "start_utc": datetime.combine(day, time(7), UTC),
        "utc_offset_s": 0,
        "local_date": day,
        "elapsed_s": minutes * 60,
        "moving_s": minutes * 60,
        "distance_m": None if km is None else km * 1000,
        "climb_m": None,
        "descent_m": None,
        "avg_hr": None,
        "max_hr": None,
        "session_load": None,
        "rpe": None,
        "sport": "running",
        "sub_sport": None,
        "device": None,
        "source_format": "fit",
        "source_path": f"{day.isoformat()}.fit",
        "content_hash": "a" * 64,
        "imported_at": IMPORTED,
    }
    return ActivityRow.model_validate(values | fields)


def daily_runs(
    days: int, minutes: float, km: float, rpe: float, today: date = TODAY
) -> list[ActivityRow]:
    """One run a day for ``days`` days up to ``today``, all alike."""
    return [
        activity(today - timedelta(days=n), minutes, km, rpe=rpe, id=n + 1) for n in range(days)
    ]


def checkin(day: date, id_: int = 1, **soreness: int) -> StoredCheckin:
    return StoredCheckin(
        id=id_, checkin=Checkin.model_validate({"date": day, "soreness": soreness})
    )


def session(day: date, id_: int = 1, *, steps: int = 3, hour: int = 19) -> StoredSession:
    record = SessionRecord(
        started_at=datetime.combine(day, time(hour), UTC),
        plan={"steps": []},
        steps_done=list(range(1, steps + 1)),
    )
    return StoredSession(id=id_, session=record)


def report_input(
    activities: list[ActivityRow] | None = None,
    checkins: list[StoredCheckin] | None = None,
    sessions: list[StoredSession] | None = None,
    *,
    weeks: int = 12,
    today: date = TODAY,
) -> ReportInput:
    return ReportInput(
        today=today,
        weeks=weeks,
        activities=activities or [],
        checkins=checkins or [],
        sessions=sessions or [],
        athlete=WeekAthlete(age=40),
    )


def full_history() -> ReportInput:
    """Eight weeks of steady running, rolling on most weeks, check-ins on three areas."""
    runs = daily_runs(56, 40, 8, 5)
    checkins = [
        checkin(TODAY - timedelta(days=n), n + 1, calves=n % 7, quadriceps=2)
        for n in range(0, 56, 4)
    ] + [checkin(TODAY - timedelta(days=2), 100, hamstrings=6)]
    sessions = [session(TODAY - timedelta(days=n), n + 1) for n in range(0, 56, 2)]
    return report_input(runs, checkins, sessions)


def counted_draws(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The plots matplotlib draws from now on, by salt (``rollcoach-load`` ...), none kept."""
    drawn.cache_clear()
    draws: list[str] = []
    savefig = Figure.savefig

    def counting(figure: Figure, *args: Any, **kwargs: Any) -> None:
        draws.append(mpl.rcParams["svg.hashsalt"])
        savefig(figure, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", counting)
    return draws
