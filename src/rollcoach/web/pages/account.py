"""Sign-up, sign-in and sign-out pages (``ROLLCOACH_AUTH=accounts``)."""

from fastapi import HTTPException, Request, status
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from rollcoach.history.accounts import EmailTaken
from rollcoach.web.auth import end_browser_session, services_of, start_browser_session
from rollcoach.web.errors import field_message
from rollcoach.web.login import (
    MAX_EMAIL_LENGTH,
    Credentials,
    TooManyAttempts,
    client_of,
    sign_in,
    sign_up,
)
from rollcoach.web.pages.common import back_to
from rollcoach.web.render import render
from rollcoach.web.routing import page_router
from rollcoach.web.security import MIN_PASSWORD_LENGTH

router = page_router()


def _safe_next(target: str | None) -> str:
    """Only a path on this site (never ``//evil.example`` or a full URL)."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"


def _form_page(
    request: Request, mode: str, error: str | None = None, email: str = "", code: int = 200
) -> HTMLResponse:
    if not services_of(request).accounts_on:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "this server has no accounts (single mode)")
    context = {
        "title": "Create an account" if mode == "signup" else "Sign in",
        "mode": mode,
        "error": error,
        "email": email,
        "next": _safe_next(request.query_params.get("next")),
        "min_password": MIN_PASSWORD_LENGTH,
        "viewer": None,
    }
    return render(request, "account.html", context, code)


@router.get("/signup", response_class=HTMLResponse)
def signup_page(request: Request) -> HTMLResponse:
    return _form_page(request, "signup")


@router.get("/signin", response_class=HTMLResponse)
def signin_page(request: Request) -> HTMLResponse:
    return _form_page(request, "signin")


@router.post("/signup", response_model=None)
async def signup(request: Request) -> Response:
    form = await request.form()
    email = str(form.get("email") or "")
    services = services_of(request)
    try:
        credentials = Credentials(email=email, password=str(form.get("password") or ""))
        account = await run_in_threadpool(sign_up, services, credentials)
    except ValidationError as problem:
        message = field_message(problem.errors(include_url=False))
        return _form_page(request, "signup", message, email, 422)
    except EmailTaken:
        return _form_page(request, "signup", "That email has an account: sign in.", email, 409)
    response = back_to("/profile")
    await run_in_threadpool(start_browser_session, services, response, account)
    return response


@router.post("/signin", response_model=None)
async def signin(request: Request) -> Response:
    form = await request.form()
    email = str(form.get("email") or "")[:MAX_EMAIL_LENGTH]  # the page shows it back
    services = services_of(request)
    client = client_of(request)
    try:
        password = str(form.get("password") or "")
        account = await run_in_threadpool(sign_in, services, email, password, client)
    except TooManyAttempts as error:
        return _form_page(request, "signin", f"{str(error).capitalize()}.", email, 429)
    if account is None:
        return _form_page(request, "signin", "Wrong email or password.", email, 401)
    response = back_to(_safe_next(str(form.get("next") or "/")))
    await run_in_threadpool(start_browser_session, services, response, account)
    return response


@router.post("/signout")
def signout(request: Request) -> Response:
    response = back_to("/signin" if services_of(request).accounts_on else "/")
    end_browser_session(request, response)
    # The next person on this phone must not find this runner's session page offline.
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response
