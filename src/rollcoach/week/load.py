"""Training load (evidence.md): session load, 7- vs 28-day EWMA ratio, single-run spikes."""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from rollcoach.knowledge.config_schema import WeekData, WeekSettings
from rollcoach.models.week import Load, WeekAthlete, WeekPlanned, WeekRun
from rollcoach.vocabulary import RunType

ASSUMED_REST_HR = 60  # bpm, used for TRIMP when the athlete gives none
MIN_COMPARABLE = 1.0  # km or minutes: shorter "longest runs" say nothing about a spike


def _max_hr(athlete: WeekAthlete) -> float | None:
    """The athlete's maximum, else Tanaka's 208 - 0.7 x age."""
    if athlete.max_hr is not None:
        return athlete.max_hr
    return 208 - 0.7 * athlete.age if athlete.age is not None else None


def trimp(run: WeekRun, athlete: WeekAthlete) -> float | None:
    """Banister's TRIMP: minutes x HRr x 0.64 e^(1.92 HRr)."""
    top = _max_hr(athlete)
    if run.avg_hr is None or top is None:
        return None
    rest = athlete.rest_hr or ASSUMED_REST_HR
    if top <= rest:
        return None
    reserve = min(max((run.avg_hr - rest) / (top - rest), 0.0), 1.0)
    return run.minutes * reserve * 0.64 * math.exp(1.92 * reserve)


def session_load(run: WeekRun, athlete: WeekAthlete, data: WeekData) -> tuple[float, str]:
    """RPE x minutes (Foster), else TRIMP, else minutes weighted by run type."""
    if run.rpe is not None:
        return run.rpe * run.minutes, "session-rpe"
    from_hr = trimp(run, athlete)
    if from_hr is not None:
        return from_hr, "trimp"
    return run.minutes * data.type_effort[run.type], "run-type"


def _ewma(series: list[float], days: int) -> float:
    weight = 2 / (days + 1)
    value = 0.0
    for x in series:
        value = weight * x + (1 - weight) * value
    return value


def training_load(
    runs: list[WeekRun], athlete: WeekAthlete, data: WeekData, s: WeekSettings, today: date
) -> Load:
    """Acute and chronic load through today; the ratio only once 28 days are covered."""
    start = today - timedelta(days=s.history_days - 1)
    daily = [0.0] * s.history_days
    methods: set[str] = set()
    for run in runs:
        if start <= run.date <= today:
            value, method = session_load(run, athlete, data)
            daily[(run.date - start).days] += value
            methods.add(method)
    acute, chronic = _ewma(daily, s.acute_days), _ewma(daily, s.chronic_days)
    covered = bool(runs) and (today - min(r.date for r in runs)).days + 1 >= s.chronic_days
    ratio = round(acute / chronic, 2) if covered and chronic > 0 else None
    method = methods.pop() if len(methods) == 1 else ("mixed" if methods else "none")
    return Load(acute=round(acute, 1), chronic=round(chronic, 1), ratio=ratio, method=method)


class Effort(Protocol):
    """A run done (``WeekRun``) or planned (``WeekPlanned``): what spikes and recovery read."""

    @property
    def date(self) -> date: ...
    @property
    def minutes(self) -> float | None: ...
    @property
    def km(self) -> float | None: ...
    @property
    def type(self) -> RunType: ...


@dataclass(frozen=True)
class Spike:
    """A run longer than the longest of the 30 days before it (REST-5)."""

    run: Effort
    value: str
    previous: str
    over: float


def _measure(run: Effort, by_km: bool) -> float | None:
    return run.km if by_km else run.minutes


def _fmt(value: float, by_km: bool) -> str:
    return f"{value:.1f} km" if by_km else f"{value:.0f} min"


def spike_of(run: Effort, earlier: Iterable[Effort], s: WeekSettings) -> Spike | None:
    """``run`` as a spike over the runs of its previous 30 days, if it is one.

    Distances compare when every run has one, else minutes; a planned run of
    unknown length, or one only a distance describes, is left out of a minutes
    comparison.
    """
    start = run.date - timedelta(days=s.spike_window_days)
    window = [r for r in earlier if start <= r.date < run.date]
    by_km = run.km is not None and all(r.km is not None for r in window)
    own = _measure(run, by_km)
    measured = (_measure(r, by_km) for r in window)
    longest = max((m for m in measured if m is not None), default=0.0)
    if own is None or longest < MIN_COMPARABLE or own <= longest * (1 + s.spike_over):
        return None
    return Spike(run, _fmt(own, by_km), _fmt(longest, by_km), own / longest - 1)


def spikes(runs: list[WeekRun], s: WeekSettings, today: date) -> list[Spike]:
    """Runs of the last 7 days that beat the longest of their previous 30 days by > 10 %."""
    recent = (r for r in runs if today - timedelta(days=6) <= r.date <= today)
    return [spike for run in recent if (spike := spike_of(run, runs, s)) is not None]


def planned_spikes(runs: list[WeekRun], planned: list[WeekPlanned], s: WeekSettings) -> list[Spike]:
    """Planned runs that would beat the longest of their previous 30 days, done or planned."""
    earlier: list[Effort] = [*runs, *planned]
    return [spike for run in planned if (spike := spike_of(run, earlier, s)) is not None]
