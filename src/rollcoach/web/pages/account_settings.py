"""Your account (with ``ROLLCOACH_AUTH=accounts``): change the password, or delete everything."""

from fastapi import Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from rollcoach.web.auth import SESSION_COOKIE, services_of
from rollcoach.web.pages.common import PageViewer, back_to
from rollcoach.web.pages.profile import profile_context
from rollcoach.web.render import render
from rollcoach.web.routing import page_router
from rollcoach.web.security import (
    MAX_PASSWORD_LENGTH,
    MIN_PASSWORD_LENGTH,
    check_password,
    digest,
    hash_password,
)

router = page_router()


def _refuse(request: Request, viewer: PageViewer, error: str) -> Response:
    return render(request, "profile.html", profile_context(request, viewer, error=error), 422)


def _password_matches(request: Request, user_id: int, email: str, password: str) -> bool:
    found = services_of(request).accounts.password_hash(email)
    return found is not None and found[0].user_id == user_id and check_password(found[1], password)


@router.post("/profile/password", response_model=None)
async def change_password(request: Request, viewer: PageViewer) -> Response:
    """A new password; every other signed-in browser is signed out."""
    form = await request.form()
    current, new = str(form.get("current") or ""), str(form.get("new") or "")
    if viewer.user_id is None or viewer.email is None:
        return back_to("/profile")
    if not await run_in_threadpool(
        _password_matches, request, viewer.user_id, viewer.email, current
    ):
        return await run_in_threadpool(_refuse, request, viewer, "The current password is wrong.")
    if not MIN_PASSWORD_LENGTH <= len(new) <= MAX_PASSWORD_LENGTH:
        message = f"The new password needs at least {MIN_PASSWORD_LENGTH} characters."
        return await run_in_threadpool(_refuse, request, viewer, message)
    accounts = services_of(request).accounts
    await run_in_threadpool(accounts.set_password_hash, viewer.user_id, hash_password(new))
    cookie = request.cookies.get(SESSION_COOKIE)
    keep = digest(cookie) if cookie else None
    await run_in_threadpool(accounts.end_other_sessions, viewer.user_id, keep)
    return back_to("/profile?saved=1#account")


@router.post("/profile/delete", response_model=None)
async def delete_account(request: Request, viewer: PageViewer) -> Response:
    """Delete the account and every record of it; asks for the email to be typed as a check."""
    form = await request.form()
    typed = str(form.get("confirm") or "").strip().lower()
    if viewer.user_id is None or typed != viewer.email:
        message = "Type your email exactly to delete your account."
        return await run_in_threadpool(_refuse, request, viewer, message)
    await run_in_threadpool(services_of(request).accounts.delete_account, viewer.user_id)
    response = back_to("/signup")
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response
