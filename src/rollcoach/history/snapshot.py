"""One athlete's stored history as engine requests (the store's reads plus ``requests``).

Shared by the CLI and the web app so both plan from the same facts.
"""

from datetime import UTC, date, datetime, timedelta
from typing import Any

from rollcoach.history import requests
from rollcoach.history.planned import PlannedRuns
from rollcoach.history.store import Store

RECENT_RUNS = timedelta(days=2)  # enough to find a run that ended within the last 12 hours


def plan_request_for(
    store: Store, athlete_id: int, now: datetime, when: str | None = None
) -> dict[str, Any]:
    """The plan request the athlete's stored history implies at ``now``."""
    checkins = [stored.checkin for stored in store.checkins(athlete_id)]
    return requests.plan_request_from_history(
        store.get_profile(athlete_id),
        [stored.injury for stored in store.list_injuries(athlete_id)],
        requests.todays_checkin(checkins, now.date()),
        checkins,
        [stored.session for stored in store.sessions(athlete_id)],
        requests.latest_run(store.activities_since(athlete_id, now - RECENT_RUNS)),
        now,
        when or "post-run",
    )


def week_request_for(store: Store, athlete_id: int, today: date) -> dict[str, Any]:
    """The week request for ``today``: the athlete's runs of the planner's history window,
    and the runs they plan from today on (REST-6)."""
    since = datetime.combine(today, datetime.min.time(), tzinfo=UTC) - timedelta(
        days=requests.WEEK_HISTORY_DAYS + 1
    )
    activities = store.activities_since(athlete_id, since)
    request = requests.week_request_from_history(store.get_profile(athlete_id), activities, today)
    planned = PlannedRuns(store.engine).upcoming(athlete_id, today)
    if planned:
        request["planned"] = [p.planned.model_dump(mode="json", exclude_none=True) for p in planned]
    return request
