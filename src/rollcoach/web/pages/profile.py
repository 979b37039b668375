"""Profile & safety: the standing answers, injuries, coaches and API tokens."""

from typing import Any, get_args

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from rollcoach.history.profile import Profile
from rollcoach.history.records import ReportedInjury
from rollcoach.knowledge import load_knowledge
from rollcoach.vocabulary import PainSite
from rollcoach.web.auth import API_KIND, Viewer, services_of
from rollcoach.web.errors import field_message
from rollcoach.web.ids import RecordId
from rollcoach.web.pages.common import PageViewer, back_to, not_yours
from rollcoach.web.planning import local_now
from rollcoach.web.questions import SCREEN_FIELDS, load_questions
from rollcoach.web.render import render
from rollcoach.web.routing import page_router
from rollcoach.web.security import digest, new_token
from rollcoach.web.view import area_name

router = page_router()
PASSWORD_CHANGED = (
    "Password changed. Other devices are signed out, your API tokens no longer work "  # noqa: S105
    "(make new ones below) and your calendar has a new address: subscribe again from Week."
)


def profile_context(request: Request, viewer: Viewer, **extra: Any) -> dict[str, Any]:
    services = services_of(request)
    store, accounts = services.store, services.accounts
    context: dict[str, Any] = {
        "title": "Profile & safety",
        "profile": store.get_profile(viewer.athlete_id),
        "questions": load_questions(),
        "tools": load_knowledge().tools,
        "injuries": store.list_injuries(viewer.athlete_id),
        "sites": [(site, area_name(site)) for site in get_args(PainSite)],
        "today": local_now().date().isoformat(),
        "coaches": accounts.coaches_of(viewer.athlete_id) if services.accounts_on else [],
        "coached": accounts.coached_by(viewer.user_id) if viewer.user_id else [],
        "api_tokens": accounts.tokens(viewer.user_id, API_KIND) if viewer.user_id else [],
        "error": None,
        "new_token": None,
    }
    context.update(extra)
    return context


@router.get("/profile", response_class=HTMLResponse)
def profile_page(
    request: Request, viewer: PageViewer, saved: bool = False, password_changed: bool = False
) -> HTMLResponse:
    flashes = ["Saved."] if saved else []
    if password_changed:
        flashes.append(PASSWORD_CHANGED)
    return render(request, "profile.html", profile_context(request, viewer, flashes=flashes))


ANSWERS = {"yes": True, "no": False}  # no choice made: unanswered, so SAFE-4 asks again


def profile_from_form(form: FormData) -> Profile:
    return Profile.model_validate(
        {
            "age": form.get("age") or None,
            "level": form.get("level") or "beginner",
            "sedentary": bool(form.get("sedentary")),
            "conditions": form.getlist("condition"),
            "screen": {
                name: ANSWERS.get(str(form.get(f"screen-{name}"))) for name in SCREEN_FIELDS
            },
            "tools": form.getlist("tool"),
        }
    )


def _invalid(request: Request, viewer: Viewer, problem: ValidationError) -> HTMLResponse:
    error = field_message(problem.errors(include_url=False))
    return render(request, "profile.html", profile_context(request, viewer, error=error), 422)


@router.post("/profile", response_model=None)
async def save_profile(request: Request, viewer: PageViewer) -> Response:
    form = await request.form()
    try:
        profile = profile_from_form(form)
    except ValidationError as problem:
        return await run_in_threadpool(_invalid, request, viewer, problem)
    await run_in_threadpool(services_of(request).store.save_profile, viewer.athlete_id, profile)
    return back_to("/profile?saved=1")


@router.post("/profile/injuries", response_model=None)
async def add_injury(request: Request, viewer: PageViewer) -> Response:
    form = await request.form()
    try:
        injury = ReportedInjury.model_validate(
            {
                "area": form.get("area"),
                "side": form.get("side") or "both",
                "date": form.get("date") or local_now().isoformat(),
                "signs": form.getlist("sign"),
            }
        )
    except ValidationError as problem:
        return await run_in_threadpool(_invalid, request, viewer, problem)
    await run_in_threadpool(services_of(request).store.add_injury, viewer.athlete_id, injury)
    return back_to("/profile?saved=1#injuries")


@router.post("/profile/injuries/{injury_id}/clear")
def clear_injury(injury_id: RecordId, request: Request, viewer: PageViewer) -> Response:
    found = services_of(request).store.clear_injury(viewer.athlete_id, injury_id)
    return back_to("/profile?saved=1#injuries") if found else not_yours()


@router.post("/profile/coaches", response_model=None)
async def grant_coach(request: Request, viewer: PageViewer) -> Response:
    form = await request.form()
    email = str(form.get("email") or "").strip().lower()
    accounts = services_of(request).accounts
    if not await run_in_threadpool(accounts.grant_coach, viewer.athlete_id, email):
        context = profile_context(request, viewer, error=f"No other account uses {email}.")
        return render(request, "profile.html", context, 422)
    return back_to("/profile?saved=1#coaches")


@router.post("/profile/coaches/{coach_id}/revoke")
def revoke_coach(coach_id: RecordId, request: Request, viewer: PageViewer) -> Response:
    found = services_of(request).accounts.revoke_coach(viewer.athlete_id, coach_id)
    return back_to("/profile?saved=1#coaches") if found else not_yours()


@router.post("/profile/tokens", response_model=None)
async def create_token(request: Request, viewer: PageViewer) -> Response:
    """A personal API token, shown once on the page that answers this form."""
    form = await request.form()
    label = str(form.get("label") or "")[:100] or None
    token = new_token()
    if viewer.user_id is None:
        return back_to("/profile")
    services_of(request).accounts.add_token(viewer.user_id, API_KIND, digest(token), label, None)
    return render(request, "profile.html", profile_context(request, viewer, new_token=token))


@router.post("/profile/tokens/{token_id}/revoke")
def revoke_token(token_id: RecordId, request: Request, viewer: PageViewer) -> Response:
    accounts = services_of(request).accounts
    found = viewer.user_id is not None and accounts.revoke_token(viewer.user_id, token_id)
    return back_to("/profile?saved=1#tokens") if found else not_yours()
