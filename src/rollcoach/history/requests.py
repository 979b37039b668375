"""Stored history as engine requests: pure functions, no I/O, no clock.

The CLI (and later the web app) reads the records from the store and hands them
here; what comes back is a plan or week request dict that flags or a form can
still be laid over before it goes to :mod:`rollcoach.api`.

- The plan takes the profile (athlete and tools), the open injuries, today's
  check-in (its soreness as ``soreness``; its pain sites as ``pain``, which
  SAFE-12 protects, never as soreness), the check-ins of the last 14 days (their
  pain per site, for SAFE-11), guided sessions stopped for sharp pain (the
  stopped step's area, for SAFE-11) and the latest run when it ended within the
  last 12 hours and the plan is post-run.
- The week takes the runs of the last 56 days (the planner's load history) and
  the athlete's age, each run read by :func:`rollcoach.history.runs.week_run`,
  as the report reads it. Other sports are cross-training: they are left out of
  ``runs`` for now (the week request has no place for them yet).

A check-in that gives a site 0 (as soreness or pain) says the site is clear: it
is passed on as pain 0, which is how SAFE-11 learns that a site has recovered.
"""

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from rollcoach.history.activity_log import ActivityRow
from rollcoach.history.profile import Profile
from rollcoach.history.records import Checkin, SessionRecord
from rollcoach.history.runs import guess_type, is_run, km_of, minutes_of, seconds_of, week_run
from rollcoach.models.plan_request import Injury
from rollcoach.vocabulary import PainSite

RUN_FRESH_FOR = timedelta(hours=12)  # a run that ended longer ago than this is not "just done"
CHECKIN_WINDOW_DAYS = 14  # SAFE-11: pain on 3+ check-ins within 14 days
WEEK_HISTORY_DAYS = 56  # the week planner counts loads this far back (week.yaml history_days)
MAX_METRES = 20000.0  # the plan request's bound on climb and descent


def plan_request_from_history(
    profile: Profile,
    injuries: Iterable[Injury],
    today: Checkin | None,
    checkins: Iterable[Checkin],
    sessions: Iterable[SessionRecord],
    latest: ActivityRow | None,
    now: datetime,
    when: str = "post-run",
) -> dict[str, Any]:
    """The plan request the stored history implies at ``now`` (a JSON-able dict).

    ``today`` is the check-in of ``now``'s day (see :func:`todays_checkin`);
    ``checkins`` may be all of them: only the window SAFE-11 needs is kept.
    """
    athlete = profile.model_dump(mode="json", exclude={"tools"})
    stops = sharp_pain_stops(sessions)
    request: dict[str, Any] = {
        "tools": list(profile.tools),
        "athlete": athlete,
        "injuries": [injury.model_dump(mode="json") for injury in injuries],
        "soreness": soreness_of(today) if today is not None else {},
        "pain": pain_of(today) if today is not None else {},
        "checkins": pain_checkins(checkins, now.date(), stops),
        "sharp_pain_stops": stops,
    }
    run = run_just_done(latest, now) if when == "post-run" else None
    if run is not None:
        request["run"] = run
    return request


def week_request_from_history(
    profile: Profile, activities: Iterable[ActivityRow], today: date
) -> dict[str, Any]:
    """The week request for ``today`` from the stored runs (other sports left out)."""
    oldest = today - timedelta(days=WEEK_HISTORY_DAYS - 1)
    runs = [week_run(a) for a in activities if oldest <= a.local_date <= today]
    request: dict[str, Any] = {
        "today": today.isoformat(),
        "runs": sorted((r for r in runs if r is not None), key=lambda r: str(r["date"])),
    }
    if profile.age is not None:
        request["athlete"] = {"age": profile.age}
    return request


def todays_checkin(checkins: Iterable[Checkin], today: date) -> Checkin | None:
    """All of ``today``'s check-ins as one, later ones overriding earlier ones per site.

    ``checkins`` come newest first, as the store gives them.
    """
    same_day = [c for c in checkins if c.date == today]
    if not same_day:
        return None
    soreness: dict[PainSite, int] = {}
    pain: dict[PainSite, int] = {}
    for checkin in reversed(same_day):
        soreness.update(checkin.soreness)
        pain.update(checkin.pain)
    return Checkin.model_validate({"date": today, "soreness": soreness, "pain": pain})


def soreness_of(checkin: Checkin) -> dict[str, int]:
    """Soreness per site above 0; pain is not soreness (SAFE-12), see :func:`pain_of`."""
    return {site: level for site, level in checkin.soreness.items() if level > 0}


def pain_of(checkin: Checkin) -> dict[str, int]:
    """Pain now per site above 0, as the plan's ``pain`` (SAFE-12); a 0 means clear."""
    return {site: level for site, level in checkin.pain.items() if level > 0}


def pain_checkins(
    checkins: Iterable[Checkin], today: date, stops: Sequence[dict[str, Any]] = ()
) -> list[dict[str, Any]]:
    """Check-ins as SAFE-11's ``checkins``: pain per site, a 0 anywhere meaning "clear".

    Kept: the last 14 days, and back to the oldest sharp-pain stop (a check-in
    after the stop may be the one that cleared it). Later days are left out.
    """
    oldest = today - timedelta(days=CHECKIN_WINDOW_DAYS)
    for stop in stops:
        oldest = min(oldest, datetime.fromisoformat(stop["date"]).date())
    out: list[dict[str, Any]] = []
    for checkin in checkins:
        if not oldest <= checkin.date <= today:
            continue
        pain = {site: 0 for site, level in checkin.soreness.items() if level == 0}
        pain.update(checkin.pain)
        if pain:
            out.append({"date": checkin.date.isoformat(), "pain": pain})
    return out


def sharp_pain_stops(sessions: Iterable[SessionRecord]) -> list[dict[str, Any]]:
    """Sessions stopped for sharp pain, as SAFE-11's stops: when, and the stopped step's area."""
    stops: list[dict[str, Any]] = []
    for session in sessions:
        if session.stop_reason != "sharp-pain":
            continue
        area = stopped_area(session)
        if area is not None:
            stops.append({"date": session.started_at.isoformat(), "area": area})
    return stops


def stopped_area(session: SessionRecord) -> str | None:
    """The area of the step the session stopped in (``None`` before step 1 or if unknown)."""
    if session.stopped_at_step is None:
        return None
    steps = session.plan.get("steps")
    for step in steps if isinstance(steps, list) else []:
        if isinstance(step, dict) and step.get("order") == session.stopped_at_step:
            area = step.get("area")
            return area if isinstance(area, str) else None
    return None


def latest_run(activities: Iterable[ActivityRow]) -> ActivityRow | None:
    """The run that started last, other sports aside."""
    runs = [a for a in activities if is_run(a)]
    return max(runs, key=lambda a: a.start_utc, default=None)


def run_just_done(activity: ActivityRow | None, now: datetime) -> dict[str, Any] | None:
    """The plan's ``run`` when ``activity`` is a run that ended within the last 12 hours."""
    if activity is None or not is_run(activity) or activity.start_utc > now:
        return None
    seconds = seconds_of(activity) or 0.0
    if now - (activity.start_utc + timedelta(seconds=seconds)) > RUN_FRESH_FOR:
        return None
    run: dict[str, Any] = {"type": guess_type(activity)}
    minutes = minutes_of(activity)
    if minutes is not None:
        run["minutes"] = round(minutes, 1)
    km = km_of(activity)
    if km is not None:
        run["km"] = km
    for key, value in (("climb_m", activity.climb_m), ("descent_m", activity.descent_m)):
        if value is not None:
            run[key] = round(min(value, MAX_METRES), 1)
    return run
