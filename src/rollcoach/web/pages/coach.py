"""A coach's read-only view of an athlete who granted access: plan, week, adherence."""

from fastapi import Request
from fastapi.responses import HTMLResponse

from rollcoach.web.auth import coached, services_of
from rollcoach.web.ids import RecordId
from rollcoach.web.pages.common import PageViewer
from rollcoach.web.planning import plan_for, week_for
from rollcoach.web.render import render
from rollcoach.web.routing import page_router
from rollcoach.web.view import plan_view

router = page_router()
SESSIONS_SHOWN = 30


@router.get("/coach/{athlete_id}", response_class=HTMLResponse)
def coach_view(athlete_id: RecordId, request: Request, viewer: PageViewer) -> HTMLResponse:
    athlete = coached(request, viewer, athlete_id)
    store = services_of(request).store
    context = {
        "title": f"Coaching {athlete.email}",
        "email": athlete.email,
        "plan": plan_view(plan_for(store, athlete.athlete_id)),
        "week": week_for(store, athlete.athlete_id),
        "sessions": store.sessions(athlete.athlete_id)[:SESSIONS_SHOWN],
        "active": "/profile",
    }
    return render(request, "coach.html", context)
