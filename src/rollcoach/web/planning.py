"""The athlete's plan and week right now, from the stored history plus the page's choices."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from rollcoach import api
from rollcoach.history.snapshot import plan_request_for, week_request_for
from rollcoach.history.store import Store
from rollcoach.models import PlanResponse, WeekResponse
from rollcoach.models.plan_request import DEFAULT_MINUTES


def local_now() -> datetime:
    """The server's local time: days (check-ins, rest days) follow the runner's calendar."""
    return datetime.now().astimezone()


def plan_request(
    store: Store,
    athlete_id: int,
    when: str,
    minutes: float,
    tools: Sequence[str] | None,
    now: datetime | None = None,
) -> dict[str, Any]:
    moment = now or local_now()
    request = plan_request_for(store, athlete_id, moment, when)
    request.update(when=when, minutes=minutes, now=moment.isoformat())
    if tools:
        request["tools"] = list(dict.fromkeys(tools))
    return request


def plan_for(
    store: Store,
    athlete_id: int,
    when: str = "post-run",
    minutes: float = DEFAULT_MINUTES,
    tools: Sequence[str] | None = None,
    now: datetime | None = None,
) -> PlanResponse:
    """Today's plan: the stored history, with when / minutes / tools as the page chose
    (the defaults are the plan request's own, and the athlete's stored tools)."""
    return api.plan(plan_request(store, athlete_id, when, minutes, tools, now))


def week_for(store: Store, athlete_id: int, now: datetime | None = None) -> WeekResponse:
    return api.week(week_request_for(store, athlete_id, (now or local_now()).date()))
