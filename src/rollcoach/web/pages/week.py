"""Week: seven days of rest, light and run days with reasons; as a calendar file or feed."""

from fastapi import HTTPException, Request, status
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from rollcoach.history.errors import UnknownAthlete
from rollcoach.history.planned import NewPlanned
from rollcoach.vocabulary import RUN_TYPES
from rollcoach.web.api.planned import planned_runs
from rollcoach.web.auth import Viewer, services_of
from rollcoach.web.calendar import week_calendar
from rollcoach.web.errors import field_message
from rollcoach.web.ids import RecordId
from rollcoach.web.pages.common import PageViewer, back_to, not_yours
from rollcoach.web.planning import local_now, week_for
from rollcoach.web.render import render
from rollcoach.web.routing import page_router

router = page_router()
ICS_TYPE = "text/calendar; charset=utf-8"


def feed_url(request: Request, athlete_id: int) -> str:
    """The subscribable address; signed, so it cannot be guessed, and reset on request."""
    services = services_of(request)
    base = (services.settings.public_url or str(request.base_url)).rstrip("/")
    version = services.store.calendar_version(athlete_id)
    return f"{base}/calendar/{services.signer.calendar_key(athlete_id, version)}.ics"


def _week_page(
    request: Request, viewer: Viewer, error: str | None = None, status_code: int = 200
) -> HTMLResponse:
    week = week_for(services_of(request).store, viewer.athlete_id)
    today = local_now().date()
    context = {
        "title": "Week",
        "week": week,
        "feed": feed_url(request, viewer.athlete_id),
        "planned": planned_runs(request).upcoming(viewer.athlete_id, today),
        "run_types": RUN_TYPES,
        "today": today.isoformat(),
        "no_runs": any(w.code == "no-runs" for w in week.warnings),
        "error": error,
    }
    return render(request, "week.html", context, status_code)


@router.get("/week", response_class=HTMLResponse)
def week_page(request: Request, viewer: PageViewer) -> HTMLResponse:
    return _week_page(request, viewer)


@router.post("/week/planned", response_model=None)
async def add_planned(request: Request, viewer: PageViewer) -> Response:
    """REST-6: a run the athlete intends; the week is planned around it from now on."""
    form = await request.form()
    try:
        planned = NewPlanned.model_validate(
            {
                "date": form.get("date"),
                "type": form.get("type"),
                "minutes": form.get("minutes") or None,
            }
        )
    except ValidationError as problem:
        error = field_message(problem.errors(include_url=False))
        return await run_in_threadpool(_week_page, request, viewer, error, 422)
    await run_in_threadpool(planned_runs(request).add, viewer.athlete_id, planned)
    return back_to("/week#planned")


@router.post("/week/planned/{planned_id}/remove")
def remove_planned(planned_id: RecordId, request: Request, viewer: PageViewer) -> Response:
    if not planned_runs(request).remove(viewer.athlete_id, planned_id):
        not_yours()
    return back_to("/week#planned")


@router.get("/week.ics")
def week_download(request: Request, viewer: PageViewer) -> Response:
    week = week_for(services_of(request).store, viewer.athlete_id)
    return Response(
        week_calendar(week, viewer.athlete_id),
        media_type=ICS_TYPE,
        headers={"Content-Disposition": 'attachment; filename="rollcoach-week.ics"'},
    )


@router.get("/calendar/{key}.ics")
def week_feed(key: str, request: Request) -> Response:
    """The calendar feed a calendar app polls: no cookie, the signed key says whose it is."""
    services = services_of(request)
    found = services.signer.calendar_athlete(key)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such calendar")
    athlete_id, version = found
    try:
        current = services.store.calendar_version(athlete_id)
    except UnknownAthlete:
        current = None
    if version != current:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such calendar")
    week = week_for(services.store, athlete_id)
    return Response(week_calendar(week, athlete_id), media_type=ICS_TYPE)


@router.post("/week/calendar/reset")
def reset_feed(request: Request, viewer: PageViewer) -> Response:
    """A new calendar address; the old one stops working (shared by mistake, say)."""
    services_of(request).store.new_calendar_version(viewer.athlete_id)
    return back_to("/week#calendar")
