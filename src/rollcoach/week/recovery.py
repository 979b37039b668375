"""REST-1..4: rest and light days after long runs, done or planned, and enough recovery."""

from dataclasses import dataclass, field
from datetime import date

from rollcoach.knowledge.config_schema import WeekData, WeekSettings
from rollcoach.models.week import WeekAthlete, WeekPlanned, WeekRun
from rollcoach.vocabulary import DayKind
from rollcoach.week.load import Effort
from rollcoach.week.words import day_words, run_words


@dataclass
class DayPlan:
    """One day while the week is being worked out; ``kind`` stays ``None`` until decided."""

    date: date
    kind: DayKind | None = None
    why: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    after_long: bool = False
    needed_after: str | None = None  # REST-2/3: the run this recovery day follows, in words
    needed_by: str | None = None  # ... and the rule that needs it
    ran: bool = False  # a run was done on this day
    planned: list[WeekPlanned] = field(default_factory=list)
    free: bool = False  # a run day nothing fills: free to run (REST-8)
    easy: bool = False  # easy running only (REST-7)

    @property
    def has_run(self) -> bool:
        """A run was done, or a planned run keeps this a run day."""
        return self.ran or (self.kind == "run" and bool(self.planned))


def is_very_long(run: Effort, s: WeekSettings) -> bool:
    """REST-3's line: 150 min, 30 km, or a race of marathon distance (all settings)."""
    km = run.km or 0.0
    race = run.type == "race" and km >= s.marathon_km
    return (run.minutes or 0.0) >= s.very_long_minutes or km >= s.very_long_km or race


def is_long(run: Effort, s: WeekSettings) -> bool:
    """REST-2's line (over 90 min); a planned "long" run of no given length counts."""
    if run.minutes is None and run.type == "long":
        return True
    return (run.minutes or 0.0) > s.long_minutes or is_very_long(run, s)


def latest_long(runs: list[WeekRun], s: WeekSettings) -> WeekRun | None:
    return max((r for r in runs if is_long(r, s)), key=lambda r: r.date, default=None)


def _rest_days(run: Effort, athlete: WeekAthlete, s: WeekSettings) -> tuple[int, str]:
    if not is_very_long(run, s):
        return 1, "REST-2"
    masters = athlete.age is not None and athlete.age >= s.masters_age
    return (3 if masters else 2), "REST-3"


def _cause(run: Effort, data: WeekData, planned: bool) -> str:
    """The run a recovery day follows: "your long run on Sun 22 Nov (100 minutes)"."""
    when = day_words(run.date)
    if planned:
        return data.texts["cause-planned"].format(what=run_words(run, data.run_names), date=when)
    what = data.run_names["race"] if run.type == "race" else data.run_names["long"]
    return data.texts["cause-done"].format(what=what, date=when, minutes=f"{run.minutes:.0f}")


def mark_after_long(
    days: list[DayPlan],
    run: Effort,
    athlete: WeekAthlete,
    data: WeekData,
    s: WeekSettings,
    planned: bool = False,
) -> bool:
    """Rest, then light days after a long run on the days still open; True if REST-3 at 40+."""
    rest, rule = _rest_days(run, athlete, s)
    texts = data.texts
    cause = _cause(run, data, planned)
    light = s.light_days_after_long if rule == "REST-3" else max(1, s.light_days_after_long - 1)
    masters = rule == "REST-3" and rest == 3
    for day in days:
        n = (day.date - run.date).days
        if day.kind is not None or not 1 <= n <= rest + light:
            continue
        day.needed_after, day.needed_by = cause, rule
        if n <= rest:
            day.kind, day.after_long = "rest", n == 1
            key = "rest-after-very-long" if rule == "REST-3" else "rest-after-long"
            day.why.append(texts[key].format(n=n, total=rest, cause=cause))
            day.rules += [rule, "REST-4"]
            if masters and n == 1:
                day.why.append(texts["masters"].format(age=athlete.age, masters_age=s.masters_age))
        else:
            day.kind = "light"
            day.why.append(texts["light-after-long"].format(cause=cause))
            day.rules.append("REST-2")
    return masters


def mark_run_today(days: list[DayPlan], runs: list[WeekRun], data: WeekData) -> None:
    """A run already done today makes today a run day, whatever else applies."""
    done = [r for r in runs if r.date == days[0].date]
    if done:
        minutes = sum(r.minutes for r in done)
        days[0].kind, days[0].ran = "run", True
        days[0].why.append(data.texts["ran-today"].format(minutes=f"{minutes:.0f}"))
        days[0].rules.append("REST-1")


def _spread(free: list[DayPlan], wanted: int) -> list[DayPlan]:
    """``wanted`` days spaced as evenly as possible among the free ones."""
    return [free[round((i + 1) * (len(free) + 1) / (wanted + 1)) - 1] for i in range(wanted)]


def ensure_recovery(days: list[DayPlan], data: WeekData, s: WeekSettings) -> None:
    """REST-1: at least two recovery days, taken from the days nothing else has claimed."""
    recovery = sum(d.kind in ("rest", "light") for d in days)
    free = [d for d in days if d.kind is None]
    wanted = min(max(s.min_recovery_days - recovery, 0), len(free))
    has_rest = any(d.kind == "rest" for d in days)
    for day in _spread(free, wanted) if wanted else []:
        day.kind = "light" if has_rest else "rest"
        has_rest = True
        day.why.append(data.texts["recovery-added"].format(min=s.min_recovery_days))
        day.rules += ["REST-1"] + (["REST-4"] if day.kind == "rest" else [])


def fill_free(days: list[DayPlan], data: WeekData, nothing_to_go_on: bool) -> None:
    """The days left are free to run: never said to hold a run that is not there (REST-8)."""
    for day in days:
        if day.kind is None:
            day.kind, day.free = "run", True
            day.why.append(data.texts["free"])
            day.rules += ["REST-1", *(["REST-8"] if nothing_to_go_on else [])]
