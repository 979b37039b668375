"""Today: the plan for now after the latest run, re-planned as the runner changes the form."""

from typing import Annotated
from urllib.parse import urlencode

from fastapi import Query, Request
from fastapi.responses import HTMLResponse

from rollcoach import api
from rollcoach.knowledge import load_knowledge
from rollcoach.vocabulary import Tool, When
from rollcoach.web.auth import services_of
from rollcoach.web.pages.common import PageViewer
from rollcoach.web.planning import plan_for, plan_request
from rollcoach.web.render import render
from rollcoach.web.routing import page_router
from rollcoach.web.view import plan_view

router = page_router()
Minutes = Annotated[float, Query(gt=0, le=180)]
Tools = Annotated[list[Tool] | None, Query(alias="tool")]


@router.get("/", response_class=HTMLResponse)
def today(
    request: Request,
    viewer: PageViewer,
    when: When = "post-run",
    minutes: Minutes = 10,
    tools: Tools = None,
    partial: bool = False,
    checked_in: bool = False,
) -> HTMLResponse:
    store = services_of(request).store
    base = plan_request(store, viewer.athlete_id, when, minutes, tools)
    plan = api.plan(base)
    query = urlencode(
        [("when", when), ("minutes", f"{minutes:g}")] + [("tool", t) for t in base["tools"]]
    )
    context = {
        "title": "Today",
        "plan": plan_view(plan),
        "session_query": query,
        "form": {"when": when, "minutes": minutes, "tools": base["tools"]},
        "tools": load_knowledge().tools,
        "run": base.get("run"),
        "soreness": base.get("soreness", {}),
        "flashes": ["Check-in saved: today's plan uses it."] if checked_in else [],
    }
    template = "partials/plan.html" if partial else "today.html"
    return render(request, template, context)


@router.get("/session", response_class=HTMLResponse)
def session(
    request: Request,
    viewer: PageViewer,
    when: When = "post-run",
    minutes: Minutes = 10,
    tools: Tools = None,
    speed: Annotated[float, Query(gt=0, le=500)] = 1,
) -> HTMLResponse:
    """The guided session player for today's plan (``speed`` runs its clock faster)."""
    plan = plan_for(services_of(request).store, viewer.athlete_id, when, minutes, tools)
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
