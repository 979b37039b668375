"""Page rendering: one Jinja2 environment, and the context every page shares."""

import hashlib
from functools import cache
from importlib import resources
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy.exc import SQLAlchemyError

from rollcoach.web.auth import browser_viewer, csrf_token
from rollcoach.web.view import area_name, day_words, distance, duration, template_globals

TEMPLATES = Jinja2Templates(directory=str(resources.files("rollcoach.web") / "templates"))
STATIC = resources.files("rollcoach.web") / "static"
NAV = [
    ("/", "Today"),
    ("/checkin", "Check-in"),
    ("/week", "Week"),
    ("/history", "History"),
    ("/import", "Import"),
    ("/profile", "Profile"),
    ("/rules", "Rules"),
]


@cache
def static_url(path: str) -> str:
    """The file's URL with a digest of its content, so a new release is never served stale.

    The service worker keeps static files cache-first; a changed file has a new URL.
    """
    data = (STATIC / path).read_bytes()
    return f"/static/{path}?v={hashlib.sha256(data).hexdigest()[:12]}"


TEMPLATES.env.globals["static"] = static_url
TEMPLATES.env.globals.update(template_globals())
TEMPLATES.env.filters["area_name"] = area_name
TEMPLATES.env.filters.update(duration=duration, distance=distance, day=day_words)


def render(
    request: Request, template: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """A page with the shared context: who is signed in, the menu, the CSRF token."""
    viewer = context.pop("viewer", None) or _viewer_or_none(request)
    shared: dict[str, Any] = {
        "viewer": viewer,
        "nav": NAV,
        "active": context.pop("active", request.url.path),
        "csrf": csrf_token(request),
        "flashes": context.pop("flashes", []),
        "accounts_on": request.app.state.services.accounts_on,
    }
    return TEMPLATES.TemplateResponse(
        request, template, {**shared, **context}, status_code=status_code
    )


def render_error(request: Request, status_code: int, message: str) -> HTMLResponse:
    return render(
        request,
        "error.html",
        {"title": "Something is not right", "message": message, "status": status_code},
        status_code,
    )


def _viewer_or_none(request: Request) -> Any:
    try:
        return browser_viewer(request)
    except SQLAlchemyError:  # an error page must render even when the database is down
        return None
