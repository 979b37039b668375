"""Who is asking: the single-user athlete, a signed-in browser, or a bearer token.

Single mode (a laptop) has one athlete and no sign-in. With accounts, pages use
an HttpOnly session cookie and API clients a personal token; both are random
values whose digests the database keeps, so any app process can check them.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated, cast

from fastapi import Depends, HTTPException, Request, Response, status
from starlette.concurrency import run_in_threadpool

from rollcoach.history.accounts import Account, Coached
from rollcoach.web.security import digest, new_token
from rollcoach.web.services import Services

SESSION_COOKIE = "rc_session"
CSRF_COOKIE = "rc_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf"
SESSION_KIND, API_KIND = "session", "api"
SIGN_IN = "sign in, or send Authorization: Bearer TOKEN"
TOKEN_INVALID = "the token is not valid (it may have been revoked)"  # noqa: S105 - a message


@dataclass(frozen=True)
class Viewer:
    """The athlete whose data this request reads and writes (and the user, with accounts)."""

    athlete_id: int
    user_id: int | None = None
    email: str | None = None
    by_token: bool = False


def services_of(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


def now_utc() -> datetime:
    return datetime.now(UTC)


def single_viewer(services: Services) -> Viewer:
    athlete = services.single_athlete
    return Viewer(athlete_id=athlete if athlete is not None else services.store.default_athlete())


def _viewer(account: Account, by_token: bool = False) -> Viewer:
    return Viewer(account.athlete_id, account.user_id, account.email, by_token)


_NOT_ASKED = object()


def browser_viewer(request: Request) -> Viewer | None:
    """The signed-in browser's viewer, or None (single mode: always the one athlete)."""
    services = services_of(request)
    if not services.accounts_on:
        return single_viewer(services)
    cached = getattr(request.state, "viewer", _NOT_ASKED)  # the page asks, then its menu
    if cached is not _NOT_ASKED:
        return cast(Viewer | None, cached)
    viewer = caller_of(services, "", request.cookies.get(SESSION_COOKIE))
    request.state.viewer = viewer
    return viewer


async def api_viewer(request: Request) -> Viewer:
    """A bearer token's viewer, else the browser's; 401 with accounts and neither.

    It also makes the CSRF check (one dependency instead of two: FastAPI's
    dependency solving is a large part of a plan request's cost). Async so that
    single mode answers without a trip to the thread pool; the database is asked
    (in the pool) only for a token or a session cookie, and not again when the
    request gate (gate.py) already asked before reading the body.
    """
    await check_csrf_unless_token(request)
    services = services_of(request)
    if not services.accounts_on:
        return single_viewer(services)
    authorization = request.headers.get("authorization", "")
    caller = getattr(request.state, "caller", _NOT_ASKED)
    if caller is _NOT_ASKED:
        session = request.cookies.get(SESSION_COOKIE)
        caller = await run_in_threadpool(caller_of, services, authorization, session)
    if caller is None:
        raise _unauthorized(TOKEN_INVALID if bearer_of(authorization) else SIGN_IN)
    return cast(Viewer, caller)


def bearer_of(authorization: str) -> str | None:
    scheme, _, token = authorization.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def caller_of(services: Services, authorization: str, session: str | None) -> Viewer | None:
    """Who a request's headers say is calling: a bearer token first, else the session cookie.

    A bearer token that is not valid counts as no one, even with a cookie beside it,
    so a revoked token never falls back to a browser's sign-in.
    """
    token = bearer_of(authorization)
    if token is not None:
        account = services.accounts.account_for_token(digest(token), API_KIND, now_utc())
        return None if account is None else _viewer(account, by_token=True)
    if not session:
        return None
    account = services.accounts.account_for_token(digest(session), SESSION_KIND, now_utc())
    return None if account is None else _viewer(account)


ViewerDep = Annotated[Viewer, Depends(api_viewer)]  # every /api/v1 route's "who is asking"


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED, detail=detail, headers={"WWW-Authenticate": "Bearer"}
    )


def start_browser_session(services: Services, response: Response, account: Account) -> None:
    """Sign a browser in: a new random session token in an HttpOnly, SameSite cookie."""
    token = new_token()
    days = services.settings.session_days
    services.accounts.add_token(
        account.user_id, SESSION_KIND, digest(token), None, now_utc() + timedelta(days=days)
    )
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=days * 86400,
        httponly=True,
        samesite="lax",
        secure=services.settings.secure_cookies,
        path="/",
    )


def end_browser_session(request: Request, response: Response) -> None:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        services_of(request).accounts.delete_token(digest(token))
    response.delete_cookie(SESSION_COOKIE, path="/")


def csrf_token(request: Request) -> str:
    """The token forms and scripts send back; tied to this browser's CSRF cookie."""
    cookie = getattr(request.state, "csrf_cookie", None)
    return services_of(request).signer.csrf_token(cookie) if cookie else ""


async def check_csrf(request: Request) -> None:
    """Every unsafe browser request carries the signed token (form field or header)."""
    if request.method in {"GET", "HEAD", "OPTIONS"}:
        return
    submitted = request.headers.get(CSRF_HEADER)
    if submitted is None and "form" in request.headers.get("content-type", ""):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        submitted = value if isinstance(value, str) else None
    signer = services_of(request).signer
    if not signer.csrf_ok(request.cookies.get(CSRF_COOKIE), submitted):
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            detail="the form is out of date or came from another site: reload the page and retry",
        )


async def check_csrf_unless_token(request: Request) -> None:
    """API calls: a bearer token needs no CSRF token (no browser sends one by itself).

    A signed-in browser sends the CSRF header. With no credentials at all (single
    mode, or curl), a request a browser marks as coming from another site is
    refused, so a web page cannot drive the coach on someone's laptop.
    """
    if request.method in {"GET", "HEAD", "OPTIONS"}:
        return
    if bearer_of(request.headers.get("authorization", "")) is not None:
        return
    if request.cookies.get(SESSION_COOKIE) or request.headers.get(CSRF_HEADER):
        await check_csrf(request)
        return
    if _cross_site(request):
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="cross-site requests are refused")


def _cross_site(request: Request) -> bool:
    if request.headers.get("sec-fetch-site", "") in {"cross-site", "same-site"}:
        return True
    origin = request.headers.get("origin")
    if origin is None:
        return False
    host = request.headers.get("host", "")
    return origin.split("://", 1)[-1] != host


def coached(request: Request, viewer: Viewer, athlete_id: int) -> Coached:
    """The athlete if this viewer coaches them; 404 otherwise (never say they exist)."""
    if viewer.user_id is not None:
        for athlete in services_of(request).accounts.coached_by(viewer.user_id):
            if athlete.athlete_id == athlete_id:
                return athlete
    raise HTTPException(status.HTTP_404_NOT_FOUND, "not found")
