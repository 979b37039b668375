"""Check-in: soreness and pain per site on the body map, optional Hooper items and recovery."""

from datetime import date
from typing import Any, get_args

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from rollcoach.history.records import Checkin
from rollcoach.history.requests import todays_checkin
from rollcoach.knowledge import load_knowledge
from rollcoach.vocabulary import PainSite
from rollcoach.web.auth import services_of
from rollcoach.web.errors import field_message
from rollcoach.web.pages.common import PageViewer, back_to
from rollcoach.web.planning import local_now
from rollcoach.web.render import render
from rollcoach.web.routing import page_router
from rollcoach.web.view import area_name

router = page_router()
HOOPER = [
    ("sleep", "Sleep last night", "1 very good … 7 very bad"),
    ("fatigue", "Tiredness", "1 very fresh … 7 exhausted"),
    ("stress", "Stress", "1 very relaxed … 7 very stressed"),
    ("soreness", "Muscle soreness overall", "1 none … 7 very sore"),
]


def sites() -> list[dict[str, Any]]:
    """Every pain site, targets first, with whether it may be rolled at all."""
    knowledge = load_knowledge()
    order = [*knowledge.areas, *knowledge.never_areas]
    ids = sorted(get_args(PainSite), key=lambda s: order.index(s) if s in order else len(order))
    return [
        {"id": site, "name": area_name(site), "never": site not in knowledge.areas} for site in ids
    ]


@router.get("/checkin", response_class=HTMLResponse)
def checkin_page(request: Request, viewer: PageViewer, error: str | None = None) -> HTMLResponse:
    today = local_now().date()
    stored = [s.checkin for s in services_of(request).store.checkins(viewer.athlete_id)]
    current = todays_checkin(stored, today)
    values = {**(current.soreness if current else {}), **(current.pain if current else {})}
    context = {
        "title": "Check-in",
        "sites": sites(),
        "values": values,
        "pain": set(current.pain) if current else set(),
        "hooper": HOOPER,
        "current": current,
        "today": today,
        "error": error,
    }
    return render(request, "checkin.html", context, 422 if error else 200)


@router.post("/checkin", response_model=None)
async def save_checkin(request: Request, viewer: PageViewer) -> Response:
    form = await request.form()
    try:
        checkin = checkin_from_form(form, local_now().date())
    except ValidationError as problem:
        message = field_message(problem.errors(include_url=False))
        return await run_in_threadpool(checkin_page, request, viewer, message)
    await run_in_threadpool(services_of(request).store.add_checkin, viewer.athlete_id, checkin)
    return back_to("/?checked_in=1")


def checkin_from_form(form: FormData, today: date) -> Checkin:
    """Sliders left at 0 say nothing; a site ticked as pain goes to ``pain``."""
    soreness: dict[str, Any] = {}
    pain: dict[str, Any] = {}
    for site in get_args(PainSite):
        value = form.get(f"sore-{site}")
        if value in (None, "", "0"):
            continue
        (pain if form.get(f"pain-{site}") else soreness)[site] = value
    hooper = {key: form.get(f"hooper-{key}") for key, _, _ in HOOPER}
    recovery = form.get("recovery")
    return Checkin.model_validate(
        {
            "date": today,
            "soreness": soreness,
            "pain": pain,
            "hooper": hooper if all(hooper.values()) else None,
            "recovery_status": recovery or None,
        }
    )
