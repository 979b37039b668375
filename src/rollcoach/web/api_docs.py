"""``/api/docs``: Swagger UI from the app's own files, so it works offline and under the CSP.

FastAPI's own page loads Swagger UI from a CDN (blank on a closed network) and starts
it with an inline script, which ``script-src 'self'`` refuses. Here the Swagger UI
files come from the swagger-ui-bundle-v2 package, served under a path that names
their version (so a new one is never served stale), and the start-up code is a
static file of ours, ``js/api-docs.js``.
"""

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

from rollcoach.web.auth import CSRF_COOKIE, services_of
from rollcoach.web.render import TEMPLATES

DOCS_URL = "/api/docs"
SWAGGER_URL = f"{DOCS_URL}/{swagger_ui_path.name}"  # e.g. /api/docs/swagger-ui-5.31.0

router = APIRouter(include_in_schema=False)
router.mount(SWAGGER_URL, StaticFiles(directory=str(swagger_ui_path)), name="swagger-ui")


@router.get(DOCS_URL)
def docs(request: Request) -> HTMLResponse:
    root = request.scope.get("root_path", "")
    context = {
        "swagger": root + SWAGGER_URL,
        "openapi_url": root + str(request.app.openapi_url),
        "csrf": _csrf_for_try_it_out(request),
    }
    return TEMPLATES.TemplateResponse(request, "api_docs.html", context)


def _csrf_for_try_it_out(request: Request) -> str:
    """A signed-in browser's "Try it out" posts need the CSRF header the API asks of it."""
    cookie = request.cookies.get(CSRF_COOKIE)
    return services_of(request).signer.csrf_token(cookie) if cookie else ""


BEARER = {"type": "http", "scheme": "bearer", "description": "A personal API token."}


def with_bearer_scheme(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """The app's OpenAPI, saying that calls take a bearer token (Swagger's Authorize button).

    The token is optional in the schema (``{}`` beside it): single mode asks for none.
    """
    made = app.openapi

    def openapi() -> dict[str, Any]:
        schema = made()
        schema.setdefault("components", {}).setdefault("securitySchemes", {})["bearer"] = BEARER
        schema.setdefault("security", [{"bearer": []}, {}])
        return schema

    return openapi
