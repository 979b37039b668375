"""The report's numbers: stored records in, weekly series out. Pure, no I/O, no clock.

Weeks run Monday to Sunday (the last one ends today). Loads come from the week
planner's own model (``week/load.py``): each run's session load (RPE x minutes,
else TRIMP, else minutes by run type) and the 7- vs 28-day EWMA ratio, taken at
the end of each week.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, timedelta, tzinfo

from rollcoach.history import runs
from rollcoach.history.activity_log import ActivityRow
from rollcoach.history.records import StoredCheckin, StoredSession
from rollcoach.knowledge.config_schema import WeekData
from rollcoach.models.week import WeekAthlete, WeekRun
from rollcoach.week.load import session_load, training_load

MAX_WEEKS = 260  # five years: more would not fit a readable plot


@dataclass(frozen=True)
class ReportInput:
    """Everything the report is drawn from, as read from the store."""

    today: date
    weeks: int
    activities: Sequence[ActivityRow]
    checkins: Sequence[StoredCheckin]
    sessions: Sequence[StoredSession]
    athlete: WeekAthlete
    tz: tzinfo = UTC  # guided sessions are stored in UTC; their day is the runner's


@dataclass(frozen=True)
class LoadWeek:
    """One week of running: distance, summed session load, and the ratio at its end."""

    start: date
    runs: int
    km: float
    load: float
    ratio: float | None


@dataclass(frozen=True)
class RollingWeek:
    start: date
    sessions: int


@dataclass(frozen=True)
class SorenessLine:
    """One area's soreness (0-10) on the days a check-in rated it."""

    area: str
    points: tuple[tuple[date, int], ...]


@dataclass(frozen=True)
class ReportData:
    today: date
    weeks: tuple[date, ...]
    load: tuple[LoadWeek, ...]
    rolling: tuple[RollingWeek, ...]
    soreness: tuple[SorenessLine, ...]
    methods: dict[str, int]
    ratio_warn: float
    roll_min: int
    roll_max: int
    older: int  # records of any kind before the first week shown

    @property
    def first_day(self) -> date:
        return self.weeks[0]

    @property
    def has_runs(self) -> bool:
        return any(week.runs for week in self.load)

    @property
    def has_rolling(self) -> bool:
        return any(week.sessions for week in self.rolling)

    @property
    def has_soreness(self) -> bool:
        return bool(self.soreness)

    @property
    def empty(self) -> bool:
        return not (self.has_runs or self.has_rolling or self.has_soreness)

    def warned(self, week: LoadWeek) -> bool:
        """Whether the week ended above the 7:28 warning line (REST-5)."""
        return week.ratio is not None and week.ratio > self.ratio_warn

    def on_target(self, week: RollingWeek) -> bool:
        """Whether the week's rolling sessions were within the TIME-5 band."""
        return self.roll_min <= week.sessions <= self.roll_max


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_starts(today: date, weeks: int) -> tuple[date, ...]:
    """The Mondays of the last ``weeks`` weeks, oldest first; the last week holds today."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValueError(f"weeks must be 1-{MAX_WEEKS}, not {weeks}")
    last = week_start(today)
    return tuple(last - timedelta(weeks=n) for n in range(weeks - 1, -1, -1))


def week_run(row: ActivityRow, data: WeekData) -> WeekRun | None:
    """A stored run as the week planner sees it; ``None`` without a duration.

    The same reading as the week request's (:func:`rollcoach.history.runs.week_run`),
    with "long" at the planner's ``long_minutes``.
    """
    run = runs.week_run(row, data.settings.long_minutes)
    return None if run is None else WeekRun.model_validate(run)


def weekly_load(
    runs: Sequence[WeekRun],
    athlete: WeekAthlete,
    data: WeekData,
    weeks: Sequence[date],
    today: date,
) -> tuple[tuple[LoadWeek, ...], dict[str, int]]:
    """Per week: runs, km, summed session load, and the 7:28 ratio on its last day."""
    settings = data.settings
    known = [run for run in runs if run.date <= today]
    by_week: dict[date, list[WeekRun]] = {week: [] for week in weeks}
    for run in known:
        if (start := week_start(run.date)) in by_week:
            by_week[start].append(run)
    methods: Counter[str] = Counter()
    result = []
    for start, in_week in by_week.items():
        loads = [session_load(run, athlete, data) for run in in_week]
        methods.update(method for _, method in loads)
        end = min(start + timedelta(days=6), today)
        ratio = training_load(known, athlete, data, settings, end).ratio if known else None
        result.append(
            LoadWeek(
                start=start,
                runs=len(in_week),
                km=round(sum(run.km or 0.0 for run in in_week), 2),
                load=round(sum(value for value, _ in loads), 1),
                ratio=ratio,
            )
        )
    return tuple(result), dict(methods)


def weekly_rolling(
    sessions: Iterable[StoredSession], weeks: Sequence[date], today: date, tz: tzinfo
) -> tuple[RollingWeek, ...]:
    """Guided rolling sessions per week; one counts once at least one step was done."""
    counts: Counter[date] = Counter()
    for stored in sessions:
        session = stored.session
        day = session.started_at.astimezone(tz).date()
        if session.steps_done and day <= today:
            counts[week_start(day)] += 1
    return tuple(RollingWeek(start=week, sessions=counts[week]) for week in weeks)


def soreness_lines(
    checkins: Iterable[StoredCheckin], first_day: date, today: date
) -> tuple[SorenessLine, ...]:
    """One line per area rated in the window; a later check-in of the same day wins."""
    latest: dict[date, StoredCheckin] = {}
    for stored in checkins:
        day = stored.checkin.date
        if first_day <= day <= today and (day not in latest or stored.id > latest[day].id):
            latest[day] = stored
    points: dict[str, list[tuple[date, int]]] = {}
    for day in sorted(latest):
        for area, value in latest[day].checkin.soreness.items():
            points.setdefault(area, []).append((day, value))
    return tuple(SorenessLine(area, tuple(points[area])) for area in sorted(points))


def _older(source: ReportInput, first_day: date) -> int:
    return (
        sum(row.local_date < first_day for row in source.activities)
        + sum(c.checkin.date < first_day for c in source.checkins)
        + sum(
            s.session.started_at.astimezone(source.tz).date() < first_day for s in source.sessions
        )
    )


def report_data(source: ReportInput, data: WeekData) -> ReportData:
    """The three series the report plots, for the ``weeks`` weeks up to ``today``."""
    weeks = week_starts(source.today, source.weeks)
    runs = [run for row in source.activities if (run := week_run(row, data)) is not None]
    load, methods = weekly_load(runs, source.athlete, data, weeks, source.today)
    settings = data.settings
    return ReportData(
        today=source.today,
        weeks=weeks,
        load=load,
        rolling=weekly_rolling(source.sessions, weeks, source.today, source.tz),
        soreness=soreness_lines(source.checkins, weeks[0], source.today),
        methods=methods,
        ratio_warn=settings.ratio_warn,
        roll_min=settings.roll_min,
        roll_max=settings.roll_max,
        older=_older(source, weeks[0]),
    )
