"""Plan the next 7 days: recovery after long runs, 3-5 roll days, load warnings."""

from datetime import date, timedelta

from rollcoach.knowledge import Knowledge
from rollcoach.knowledge.config_schema import WeekSettings
from rollcoach.models.week import Day, WeekRequest, WeekResponse, WeekRun, WeekWarning
from rollcoach.week.load import spikes, training_load
from rollcoach.week.recovery import (
    DayPlan,
    day_words,
    ensure_recovery,
    mark_after_long,
    mark_run_today,
)

ROLL_TEXT = {"run": "roll-run", "light": "roll-light", "rest": "roll-rest"}


def settings_for(req: WeekRequest, k: Knowledge) -> WeekSettings:
    """The week file's settings with the request's overrides on top."""
    override = req.settings.model_dump(exclude_none=True)
    return k.week.settings.model_copy(update=override)


def _roll_rank(day: DayPlan) -> int:
    """Roll first the day after a long run, then run days, then light days, then rest."""
    if day.after_long:
        return 0
    return {"run": 1, "light": 2, "rest": 3}[day.kind or "rest"]


def mark_roll_days(days: list[DayPlan], k: Knowledge, s: WeekSettings) -> set[date]:
    """TIME-5: 3-5 sessions a week, on the days where they help most."""
    active = sum(d.kind in ("run", "light") for d in days)
    count = min(max(active, s.roll_min), s.roll_max, len(days))
    chosen = sorted(days, key=lambda d: (_roll_rank(d), d.date))[:count]
    target = k.week.texts["roll-target"].format(count=count)
    for index, day in enumerate(sorted(chosen, key=lambda d: d.date)):
        day.why += [k.week.texts[ROLL_TEXT[day.kind or "rest"]], *([target] if index == 0 else [])]
        day.rules += ["TIME-5"] + (["TIME-2"] if day.kind == "rest" else ["TIME-1"])
    return {d.date for d in chosen}


def _warn(k: Knowledge, code: str, **fill: object) -> WeekWarning:
    entry = k.week.warnings[code]
    return WeekWarning(code=code, message=entry.message.format(**fill), rules=entry.rules)


def load_warnings(
    k: Knowledge, runs: list[WeekRun], s: WeekSettings, today: date, ratio: float | None
) -> list[WeekWarning]:
    """REST-5: single-run spikes (the best runner evidence), the ratio, daily running."""
    out = []
    for spike in spikes(runs, s, today):
        band = max((b for b in k.week.spike_bands if spike.over > b.above), key=lambda b: b.above)
        out.append(
            _warn(
                k,
                "spike",
                date=day_words(spike.run.date),
                value=spike.value,
                pct=round(spike.over * 100),
                previous=spike.previous,
                band=band.label,
                hr=band.hazard_ratio,
            )
        )
    if ratio is not None and ratio > s.ratio_warn:
        out.append(_warn(k, "ratio", ratio=ratio, limit=s.ratio_warn))
    ran = {r.date for r in runs}
    if all(today - timedelta(days=i) in ran for i in range(7)):
        out.append(_warn(k, "daily"))
    return out


def plan_week(req: WeekRequest, k: Knowledge, today: date) -> WeekResponse:
    """The answer to "how do my next days look?" for one validated request. Pure."""
    s = settings_for(req, k)
    runs = sorted((r for r in req.runs if r.date <= today), key=lambda r: r.date)
    days = [DayPlan(today + timedelta(days=i)) for i in range(7)]
    mark_run_today(days, runs, k.week)
    masters = mark_after_long(days, runs, req.athlete, k.week, s)
    ensure_recovery(days, k.week, s)
    rolls = mark_roll_days(days, k, s)
    load = training_load(runs, req.athlete, k.week, s, today)
    warnings = load_warnings(k, runs, s, today, load.ratio)
    if masters:
        warnings.append(_warn(k, "age-contested"))
    return WeekResponse(
        days=[
            Day(
                date=d.date,
                kind=d.kind or "run",
                roll=d.date in rolls,
                why=d.why,
                rules=list(dict.fromkeys(d.rules)),
            )
            for d in days
        ],
        recovery_days=sum(d.kind in ("rest", "light") for d in days),
        load=load,
        warnings=warnings,
    )
