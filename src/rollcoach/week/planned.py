"""REST-6 and REST-7: the week fits around planned runs, and follows its own load warnings."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from rollcoach.knowledge.config_schema import WeekData, WeekSettings
from rollcoach.models.week import WeekAthlete, WeekPlanned
from rollcoach.week.load import Effort
from rollcoach.week.recovery import DayPlan, is_long, mark_after_long
from rollcoach.week.words import day_words, run_words

HARD_TYPES = frozenset({"tempo", "intervals", "hills", "race", "long"})
EASY_DAYS = 3  # REST-7: the days after a load warning that hold no hard running


@dataclass(frozen=True)
class Clash:
    """A planned run on a day that recovery needs (REST-6): the day keeps its kind."""

    run: WeekPlanned
    day: DayPlan
    suggest: str = ""


def is_hard(run: Effort, s: WeekSettings) -> bool:
    return run.type in HARD_TYPES or is_long(run, s)


def place_planned(
    days: list[DayPlan],
    planned: Iterable[WeekPlanned],
    athlete: WeekAthlete,
    data: WeekData,
    s: WeekSettings,
) -> tuple[list[Clash], list[WeekPlanned], bool]:
    """In date order, so a planned long run's recovery days can clash with later plans.

    Returns the clashes, the planned runs that made (or joined) run days, and whether
    REST-3's masters line applied to a planned run.
    """
    by_date = {d.date: d for d in days}
    clashes: list[Clash] = []
    kept: list[WeekPlanned] = []
    masters = False
    for run in sorted(planned, key=lambda r: r.date):
        day = by_date[run.date]
        day.planned.append(run)
        if day.needed_by is not None:
            clashes.append(Clash(run, day))
            continue
        kept.append(run)
        day.kind = "run"
        day.why.append(data.texts["planned"].format(what=run_words(run, data.run_names)))
        day.rules.append("REST-6")
        if not day.ran and is_long(run, s):
            masters |= mark_after_long(days, run, athlete, data, s, planned=True)
    return clashes, kept, masters


def nearest_free(run: Effort, days: list[DayPlan], avoid: Iterable[date] = ()) -> DayPlan | None:
    """The free run day closest to ``run``'s date, a later one on a tie."""
    skip = set(avoid)
    free = [d for d in days if d.free and d.date not in skip and d.date != run.date]
    return min(free, key=lambda d: (abs((d.date - run.date).days), d.date < run.date), default=None)


def _suggest(run: WeekPlanned, days: list[DayPlan], avoid: Iterable[date], data: WeekData) -> str:
    """Name the day that suits ``run`` best, and say so on that day."""
    target = nearest_free(run, days, avoid)
    if target is None:
        return data.texts["suggest-later"]
    what = run_words(run, data.run_names)
    target.why.append(data.texts["suits"].format(what=what, date=day_words(run.date)))
    return day_words(target.date)


def settle_clashes(
    clashes: list[Clash],
    days: list[DayPlan],
    easy: dict[date, date],
    data: WeekData,
    s: WeekSettings,
) -> list[Clash]:
    """Each clash with its suggested day (for a hard run, outside the easy days)."""
    settled = []
    for clash in clashes:
        avoid = easy if is_hard(clash.run, s) else {}
        suggest = _suggest(clash.run, days, avoid, data)
        day = clash.day
        day.why.append(
            data.texts["planned-clash"].format(
                what=run_words(clash.run, data.run_names), kind=day.kind, suggest=suggest
            )
        )
        day.rules.append("REST-6")
        settled.append(Clash(clash.run, day, suggest))
    return settled


def easy_days(today: date, warned: bool, spiked: Iterable[Effort]) -> dict[date, date]:
    """REST-7: each day that holds no hard running, with the first day after its window.

    A warning on the runs done covers the three days from today; a planned spike,
    the three days after it.
    """
    starts = ([today] if warned else []) + [r.date + timedelta(days=1) for r in spiked]
    out: dict[date, date] = {}
    for start in starts:
        until = start + timedelta(days=EASY_DAYS)
        for n in range(EASY_DAYS):
            day = start + timedelta(days=n)
            out[day] = max(until, out.get(day, until))
    return out


def mark_easy(days: list[DayPlan], easy: dict[date, date], data: WeekData, s: WeekSettings) -> None:
    """Run days in REST-7's window are easy; a hard planned run there is told to ease or move."""
    for day in days:
        if day.kind != "run" or day.date not in easy:
            continue
        day.easy = True
        day.rules.append("REST-7")
        hard = [r for r in day.planned if is_hard(r, s)]
        if not hard:
            day.why.append(data.texts["easy"].format(until=day_words(easy[day.date])))
        for run in hard:
            suggest = _suggest(run, days, easy, data)
            what = run_words(run, data.run_names)
            day.why.append(data.texts["easy-planned"].format(what=what, suggest=suggest))
