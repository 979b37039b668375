"""Today: the plan for now after the latest run, re-planned as the runner changes the form.

The form's minutes are read here, not by the query validator, so that a 0, an
empty box or 200 comes back as a message beside the field instead of a bare 422;
the form also says that it sent its tool list (``picked``), so that unticking
every tool means "no tools today" rather than "the tools on my profile".
"""

import math
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from rollcoach import api
from rollcoach.knowledge import load_knowledge
from rollcoach.models import PlanResponse
from rollcoach.models.plan_request import DEFAULT_MINUTES
from rollcoach.vocabulary import Tool, When
from rollcoach.web.auth import services_of
from rollcoach.web.pages.common import PageViewer
from rollcoach.web.planning import plan_request
from rollcoach.web.render import render
from rollcoach.web.routing import page_router
from rollcoach.web.view import plan_view

router = page_router()
MAX_MINUTES = 180
MINUTES_ERROR = f"Minutes: enter a number from 1 to {MAX_MINUTES}."
NO_TOOLS = "No tools ticked: stretches only today. Tick a tool to roll as well."
NO_TOOLS_PRE_RUN = "No tools ticked, and no static stretching before a run: just the warm-up."
ROLLING_WARNINGS = {"sensitive", "beginner", "no-time", "short-on-time", "long-session"}
Minutes = Annotated[float, Query(gt=0, le=MAX_MINUTES)]
RawMinutes = Annotated[str | None, Query(alias="minutes")]
Tools = Annotated[list[Tool] | None, Query(alias="tool")]


def read_minutes(raw: str | None) -> tuple[float, str | None]:
    """The minutes the form asked for, or the default and what is wrong with them."""
    if raw is None:
        return DEFAULT_MINUTES, None
    try:
        value = float(raw)
    except ValueError:
        return DEFAULT_MINUTES, MINUTES_ERROR
    if not math.isfinite(value) or not 0 < value <= MAX_MINUTES:
        return DEFAULT_MINUTES, MINUTES_ERROR
    return value, None


def stretch_only(plan: PlanResponse) -> PlanResponse:
    """The plan with no rolling: its stretches and advice, its safety exclusions only.

    Planned with the athlete's own tools, so the stretches cover what would have
    been rolled (and never protected tissue); the engine given no tools at all
    has nothing it needs to do, so it gives no stretches either.
    """
    if plan.status == "refused":
        return plan
    return plan.model_copy(
        update={
            "steps": [],
            "before": [],  # "then roll straight away while still warm"
            "total_seconds": 0,
            "session_seconds": 0,
            "excluded": [
                x for x in plan.excluded if not all(r.startswith("TOOL-") for r in x.rules)
            ],
            "warnings": [w for w in plan.warnings if w.code not in ROLLING_WARNINGS],
        }
    )


def today_plan(
    request: Request,
    athlete_id: int,
    when: str,
    minutes: float,
    tools: list[Tool] | None,
    picked: bool,
) -> tuple[dict[str, Any], PlanResponse, str | None]:
    """The request, the plan and, with every tool unticked, why it is stretches only."""
    store = services_of(request).store
    base = plan_request(store, athlete_id, when, minutes, tools)
    plan = api.plan(base)
    if not (picked and not tools):
        return base, plan, None
    base["tools"] = []
    return base, stretch_only(plan), NO_TOOLS_PRE_RUN if when == "pre-run" else NO_TOOLS


@router.get("/", response_class=HTMLResponse)
def today(
    request: Request,
    viewer: PageViewer,
    when: When = "post-run",
    raw_minutes: RawMinutes = None,
    tools: Tools = None,
    picked: bool = False,
    partial: bool = False,
    checked_in: bool = False,
) -> Response:
    minutes, error = read_minutes(raw_minutes)
    if error is not None and partial:
        return JSONResponse({"field": "minutes", "message": error}, status_code=422)
    base, plan, note = today_plan(request, viewer.athlete_id, when, minutes, tools, picked)
    pairs = [("when", when), ("minutes", f"{minutes:g}")] + [("tool", t) for t in base["tools"]]
    query = urlencode(pairs + ([("picked", "1")] if picked else []))
    context = {
        "title": "Today",
        "plan": plan_view(plan),
        "plan_note": note,
        "session_query": query,
        "form": {
            "when": when,
            "minutes": raw_minutes if error else f"{minutes:g}",
            "tools": base["tools"],
        },
        "minutes_error": error,
        "tools": load_knowledge().tools,
        "run": base.get("run"),
        "soreness": base.get("soreness", {}),
        "flashes": ["Check-in saved: today's plan uses it."] if checked_in else [],
    }
    template = "partials/today_plan.html" if partial else "today.html"
    return render(request, template, context, status_code=422 if error else 200)


@router.get("/session", response_class=HTMLResponse)
def session(
    request: Request,
    viewer: PageViewer,
    when: When = "post-run",
    minutes: Minutes = 10,
    tools: Tools = None,
    picked: bool = False,
    speed: Annotated[float, Query(gt=0, le=500)] = 1,
) -> HTMLResponse:
    """The guided session player for today's plan (``speed`` runs its clock faster)."""
    _, plan, _ = today_plan(request, viewer.athlete_id, when, minutes, tools, picked)
    if plan.status == "refused":
        return render(request, "today.html", {"title": "Today", "plan": plan_view(plan)})
    context = {
        "title": "Session",
        "plan": plan.model_dump(mode="json"),
        "speed": speed,
        "save_url": "/api/v1/sessions",
        "owner": services_of(request).signer.owner_key(viewer.athlete_id),
        "history_url": "/history",
        "today_url": "/",
        "active": "/",
    }
    return render(request, "session.html", context)
