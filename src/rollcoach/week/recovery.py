"""REST-1..4: rest and light days after long runs, and enough recovery each week."""

from dataclasses import dataclass, field
from datetime import date

from rollcoach.knowledge.config_schema import WeekData, WeekSettings
from rollcoach.models.week import WeekAthlete, WeekRun
from rollcoach.vocabulary import DayKind


@dataclass
class DayPlan:
    date: date
    kind: DayKind | None = None
    why: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    after_long: bool = False


def is_very_long(run: WeekRun, s: WeekSettings) -> bool:
    """REST-3's line: 150 min, 30 km, or a race of marathon distance (all settings)."""
    km = run.km or 0.0
    race = run.type == "race" and km >= s.marathon_km
    return run.minutes >= s.very_long_minutes or km >= s.very_long_km or race


def _latest_long(runs: list[WeekRun], s: WeekSettings) -> WeekRun | None:
    long_runs = [r for r in runs if r.minutes > s.long_minutes or is_very_long(r, s)]
    return max(long_runs, key=lambda r: r.date, default=None)


def _rest_days(run: WeekRun, athlete: WeekAthlete, s: WeekSettings) -> tuple[int, str]:
    if not is_very_long(run, s):
        return 1, "REST-2"
    masters = athlete.age is not None and athlete.age >= s.masters_age
    return (3 if masters else 2), "REST-3"


def mark_after_long(
    days: list[DayPlan],
    runs: list[WeekRun],
    athlete: WeekAthlete,
    data: WeekData,
    s: WeekSettings,
) -> bool:
    """Rest, then light days after the latest long run; True if the masters rule applied."""
    run = _latest_long(runs, s)
    if run is None:
        return False
    rest, rule = _rest_days(run, athlete, s)
    texts = data.texts
    what = "race" if run.type == "race" else "run"
    light = s.light_days_after_long if rule == "REST-3" else max(1, s.light_days_after_long - 1)
    for day in days:
        n = (day.date - run.date).days
        if day.kind is not None:
            continue
        if 1 <= n <= rest:
            day.kind, day.after_long = "rest", n == 1
            fill = {"n": n, "total": rest, "minutes": f"{run.minutes:.0f}", "what": what}
            key = "rest-after-very-long" if rule == "REST-3" else "rest-after-long"
            day.why.append(texts[key].format(date=day_words(run.date), **fill))
            day.rules += [rule, "REST-4"]
        elif rest < n <= rest + light:
            day.kind = "light"
            day.why.append(texts["light-after-long"])
            day.rules.append("REST-2")
    masters = rule == "REST-3" and rest == 3
    if masters:
        note = texts["masters"].format(age=athlete.age, masters_age=s.masters_age)
        for day in (d for d in days if d.kind == "rest" and d.after_long):
            day.why.append(note)
    return masters


def mark_run_today(days: list[DayPlan], runs: list[WeekRun], data: WeekData) -> None:
    """A run already done today makes today a run day, whatever else applies."""
    done = [r for r in runs if r.date == days[0].date]
    if done:
        minutes = sum(r.minutes for r in done)
        days[0].kind = "run"
        days[0].why.append(data.texts["ran-today"].format(minutes=f"{minutes:.0f}"))
        days[0].rules.append("REST-1")


def _spread(free: list[DayPlan], wanted: int) -> list[DayPlan]:
    """``wanted`` days spaced as evenly as possible among the free ones."""
    return [free[round((i + 1) * (len(free) + 1) / (wanted + 1)) - 1] for i in range(wanted)]


def ensure_recovery(days: list[DayPlan], data: WeekData, s: WeekSettings) -> None:
    """REST-1: at least two recovery days; the rest of the week can run."""
    recovery = sum(d.kind in ("rest", "light") for d in days)
    free = [d for d in days if d.kind is None]
    wanted = min(max(s.min_recovery_days - recovery, 0), len(free))
    has_rest = any(d.kind == "rest" for d in days)
    for day in _spread(free, wanted) if wanted else []:
        day.kind = "light" if has_rest else "rest"
        has_rest = True
        day.why.append(data.texts["recovery-added"].format(min=s.min_recovery_days))
        day.rules += ["REST-1"] + (["REST-4"] if day.kind == "rest" else [])
    for day in days:
        if day.kind is None:
            day.kind = "run"
            day.why.append(data.texts["run"])
            day.rules.append("REST-1")


def day_words(day: date) -> str:
    """A day as a runner says it ("Sun 22 Nov"), for the texts of the week."""
    return f"{day:%a} {day.day} {day:%b}"
