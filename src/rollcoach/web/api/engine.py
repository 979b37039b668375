"""Plans and weeks: the engine over HTTP, as a request body or from the stored history."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from rollcoach import api
from rollcoach.models import PlanRequest, PlanResponse, WeekRequest, WeekResponse
from rollcoach.models.base import CalendarMoment
from rollcoach.vocabulary import Tool, When
from rollcoach.web.auth import ViewerDep, services_of
from rollcoach.web.lean_route import LeanJSONRoute
from rollcoach.web.planning import plan_for, week_for
from rollcoach.web.routing import API_PREFIX, api_router

router = api_router("plans")
# The two pure engine calls take the lean path (see lean_route.py for why and how much).
engine_router = APIRouter(prefix=API_PREFIX, tags=["plans"], route_class=LeanJSONRoute)
JSON_TYPE = "application/json"


def json_of(model: PlanResponse | WeekResponse) -> Response:
    """Serialised in one step (no second validation against a response model)."""
    return Response(model.model_dump_json(), media_type=JSON_TYPE)


@engine_router.post("/plans", responses={200: {"model": PlanResponse}})
async def post_plan(body: PlanRequest, _viewer: ViewerDep) -> Response:
    """A plan for exactly this request (spec/interface.md); nothing stored is added.

    Async on purpose: the engine is pure and takes well under 1 ms, less than a
    hand-off to the thread pool would.
    """
    return json_of(api.plan(body))


@engine_router.post("/weeks", responses={200: {"model": WeekResponse}})
async def post_week(body: WeekRequest, _viewer: ViewerDep) -> Response:
    """A week for exactly this request."""
    return json_of(api.week(body))


@router.get("/plans/today", responses={200: {"model": PlanResponse}})
def today_plan(
    request: Request,
    viewer: ViewerDep,
    when: When = "post-run",
    minutes: Annotated[float, Query(gt=0, le=180)] = 10,
    tools: Annotated[list[Tool] | None, Query()] = None,
    now: CalendarMoment | None = None,
) -> Response:
    """The plan your stored history implies now: profile, injuries, check-ins, latest run."""
    store = services_of(request).store
    return json_of(plan_for(store, viewer.athlete_id, when, minutes, tools, now))


@router.get("/weeks/current", responses={200: {"model": WeekResponse}})
def current_week(request: Request, viewer: ViewerDep) -> Response:
    """The next 7 days from your stored runs and profile."""
    return json_of(week_for(services_of(request).store, viewer.athlete_id))
