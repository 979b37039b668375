"""Week: seven days of rest, light and run days with reasons; as a calendar file or feed."""

from fastapi import HTTPException, Request, status
from fastapi.responses import HTMLResponse, Response

from rollcoach.history.errors import UnknownAthlete
from rollcoach.web.auth import services_of
from rollcoach.web.calendar import week_calendar
from rollcoach.web.pages.common import PageViewer, back_to
from rollcoach.web.planning import week_for
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


@router.get("/week", response_class=HTMLResponse)
def week_page(request: Request, viewer: PageViewer) -> HTMLResponse:
    week = week_for(services_of(request).store, viewer.athlete_id)
    context = {
        "title": "Week",
        "week": week,
        "feed": feed_url(request, viewer.athlete_id),
    }
    return render(request, "week.html", context)


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
