"""Your account (with ``ROLLCOACH_AUTH=accounts``): change the password, or delete everything."""

from fastapi import Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from rollcoach.web.auth import SESSION_COOKIE, services_of
from rollcoach.web.login import TooManyAttempts, client_of, set_new_password, sign_in
from rollcoach.web.pages.common import PageViewer, back_to
from rollcoach.web.pages.profile import profile_context
from rollcoach.web.render import render
from rollcoach.web.routing import page_router
from rollcoach.web.security import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, digest

router = page_router()


def _refuse(request: Request, viewer: PageViewer, error: str, code: int = 422) -> Response:
    return render(request, "profile.html", profile_context(request, viewer, error=error), code)


@router.post("/profile/password", response_model=None)
async def change_password(request: Request, viewer: PageViewer) -> Response:
    """A new password; other browsers, API tokens and the calendar address stop working.

    The current password is checked as a sign-in is (login.sign_in), so the same
    limit holds for someone guessing it from a browser left signed in.
    """
    form = await request.form()
    current, new = str(form.get("current") or ""), str(form.get("new") or "")
    if viewer.user_id is None or viewer.email is None:
        return back_to("/profile")
    if not MIN_PASSWORD_LENGTH <= len(new) <= MAX_PASSWORD_LENGTH:
        message = f"The new password needs at least {MIN_PASSWORD_LENGTH} characters."
        return await run_in_threadpool(_refuse, request, viewer, message)
    services = services_of(request)
    client = client_of(request)
    try:
        account = await run_in_threadpool(sign_in, services, viewer.email, current, client)
    except TooManyAttempts as error:
        return await run_in_threadpool(_refuse, request, viewer, f"{str(error).capitalize()}.", 429)
    if account is None or account.user_id != viewer.user_id:
        return await run_in_threadpool(_refuse, request, viewer, "The current password is wrong.")
    cookie = request.cookies.get(SESSION_COOKIE)
    keep = digest(cookie) if cookie else None
    await run_in_threadpool(set_new_password, services, account, new, keep)
    return back_to("/profile?password_changed=1#account")


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
