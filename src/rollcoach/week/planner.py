"""Plan the next 7 days: recovery after long runs, planned runs, 3-5 roll days, load warnings.

The order matters and is the order of the rules: a run done today, then recovery
after the latest long run (REST-2/3), then the planned runs in date order (REST-6;
a planned long run brings its own recovery), then enough recovery (REST-1), then
the free days (REST-8), the easy days after a load warning (REST-7) and the roll
days (TIME-5).
"""

from datetime import date, timedelta

from rollcoach.knowledge import Knowledge
from rollcoach.knowledge.config_schema import WeekSettings
from rollcoach.models.week import Day, WeekRequest, WeekResponse, WeekRun, WeekWarning
from rollcoach.week.load import Spike, planned_spikes, spikes, training_load
from rollcoach.week.planned import (
    Clash,
    easy_days,
    mark_easy,
    place_planned,
    settle_clashes,
)
from rollcoach.week.recovery import (
    DayPlan,
    ensure_recovery,
    fill_free,
    latest_long,
    mark_after_long,
    mark_run_today,
)
from rollcoach.week.words import day_words, run_words

DAYS = 7
WARNED_BY = frozenset({"spike", "ratio"})  # the REST-5 warnings REST-7 follows


def settings_for(req: WeekRequest, k: Knowledge) -> WeekSettings:
    """The week file's settings with the request's overrides on top."""
    override = req.settings.model_dump(exclude_none=True)
    return k.week.settings.model_copy(update=override)


def _roll_rank(day: DayPlan) -> int:
    """Roll first the day after a long run, then after runs, then free, light and rest days."""
    if day.after_long:
        return 0
    if day.has_run:
        return 1
    return {"run": 2, "light": 3, "rest": 4}[day.kind or "rest"]


def _roll_text(day: DayPlan) -> str:
    if day.kind == "run":
        return "roll-run" if day.has_run else "roll-free"
    return "roll-light" if day.kind == "light" else "roll-rest"


def mark_roll_days(days: list[DayPlan], k: Knowledge, s: WeekSettings) -> set[date]:
    """TIME-5: 3-5 sessions a week, on the days where they help most."""
    active = sum(d.kind in ("run", "light") for d in days)
    count = min(max(active, s.roll_min), s.roll_max, len(days))
    chosen = sorted(days, key=lambda d: (_roll_rank(d), d.date))[:count]
    target = k.week.texts["roll-target"].format(count=count)
    for index, day in enumerate(sorted(chosen, key=lambda d: d.date)):
        day.why += [k.week.texts[_roll_text(day)], *([target] if index == 0 else [])]
        day.rules += ["TIME-5"] + (["TIME-2"] if day.kind == "rest" else ["TIME-1"])
    return {d.date for d in chosen}


def _warn(k: Knowledge, key: str, code: str | None = None, **fill: object) -> WeekWarning:
    """The warning ``key`` of week.yaml, sent as ``code`` (default: the key itself)."""
    entry = k.week.warnings[key]
    return WeekWarning(code=code or key, message=entry.message.format(**fill), rules=entry.rules)


def _spike_warning(k: Knowledge, spike: Spike, planned: bool) -> WeekWarning:
    """REST-5's spike; a race is a planned spike, so its words are about recovering from it."""
    race = spike.run.type == "race"
    key = ("planned-spike" if planned else "spike") + ("-race" if race else "")
    band = max((b for b in k.week.spike_bands if spike.over > b.above), key=lambda b: b.above)
    return _warn(
        k,
        key,
        "planned-spike" if planned else "spike",
        date=day_words(spike.run.date),
        value=spike.value,
        pct=round(spike.over * 100),
        previous=spike.previous,
        band=band.label,
        hr=band.hazard_ratio,
    )


def load_warnings(
    k: Knowledge, runs: list[WeekRun], s: WeekSettings, today: date, ratio: float | None
) -> list[WeekWarning]:
    """REST-5: single-run spikes (the best runner evidence), the ratio, daily running."""
    out = [_spike_warning(k, spike, planned=False) for spike in spikes(runs, s, today)]
    if ratio is not None and ratio > s.ratio_warn:
        out.append(_warn(k, "ratio", ratio=ratio, limit=s.ratio_warn))
    ran = {r.date for r in runs}
    if all(today - timedelta(days=i) in ran for i in range(7)):
        out.append(_warn(k, "daily"))
    return out


def _clash_warning(k: Knowledge, clash: Clash) -> WeekWarning:
    """REST-6: the planned date, the recovery it clashes with, and the day that suits it."""
    day = clash.day
    warning = _warn(
        k,
        "planned-on-rest-day",
        what=run_words(clash.run, k.week.run_names),
        date=day_words(day.date),
        kind=day.kind,
        cause=day.needed_after,
        suggest=clash.suggest,
    )
    rules = list(dict.fromkeys([*warning.rules, *([day.needed_by] if day.needed_by else [])]))
    return warning.model_copy(update={"rules": rules})


def done_runs(req: WeekRequest, today: date) -> list[WeekRun]:
    """The runs up to today; a race planned today is today's longest run (REST-5's wording)."""
    runs = sorted((r for r in req.runs if r.date <= today), key=lambda r: r.date)
    race_today = any(p.date == today and p.type == "race" for p in req.planned)
    ran_today = [r for r in runs if r.date == today]
    if race_today and ran_today:
        race = max(ran_today, key=lambda r: r.minutes)
        runs = [r.model_copy(update={"type": "race"}) if r is race else r for r in runs]
    return runs


def nothing_to_go_on(req: WeekRequest, runs: list[WeekRun], s: WeekSettings, today: date) -> bool:
    """REST-8: no run in the planner's load history and none planned."""
    oldest = today - timedelta(days=s.history_days - 1)
    return not req.planned and not any(oldest <= r.date for r in runs)


def plan_week(req: WeekRequest, k: Knowledge, today: date) -> WeekResponse:
    """The answer to "how do my next days look?" for one validated request. Pure."""
    s = settings_for(req, k)
    runs = done_runs(req, today)
    days = [DayPlan(today + timedelta(days=i)) for i in range(DAYS)]
    ahead = [p for p in req.planned if today <= p.date < today + timedelta(days=DAYS)]
    mark_run_today(days, runs, k.week)
    long_run = latest_long(runs, s)
    masters = long_run is not None and mark_after_long(days, long_run, req.athlete, k.week, s)
    clashes, kept, planned_masters = place_planned(days, ahead, req.athlete, k.week, s)
    ensure_recovery(days, k.week, s)
    empty = nothing_to_go_on(req, runs, s, today)
    fill_free(days, k.week, empty)
    load = training_load(runs, req.athlete, k.week, s, today)
    warnings = load_warnings(k, runs, s, today, load.ratio)
    fresh = [p for p in kept if not (p.date == today and days[0].ran)]
    ahead_spikes = planned_spikes(runs, fresh, s)
    warned = any(w.code in WARNED_BY for w in warnings)
    easy = easy_days(today, warned, [spike.run for spike in ahead_spikes])
    settled = settle_clashes(clashes, days, easy, k.week, s)
    mark_easy(days, easy, k.week, s)
    rolls = mark_roll_days(days, k, s)
    warnings += [_spike_warning(k, spike, planned=True) for spike in ahead_spikes]
    warnings += [_clash_warning(k, clash) for clash in settled]
    recovery_days = sum(d.kind in ("rest", "light") for d in days)
    if ahead and recovery_days < s.min_recovery_days:
        warnings.append(_warn(k, "few-recovery-days", min=s.min_recovery_days))
    if masters or planned_masters:
        warnings.append(_warn(k, "age-contested"))
    if empty:
        warnings.append(_warn(k, "no-runs"))
    return WeekResponse(
        days=[
            Day(
                date=d.date,
                kind=d.kind or "run",
                easy=d.easy,
                roll=d.date in rolls,
                why=d.why,
                rules=list(dict.fromkeys(d.rules)),
            )
            for d in days
        ],
        recovery_days=recovery_days,
        load=load,
        warnings=warnings,
    )
