"""``/api/docs``: Swagger UI from the app's own files, so it works offline and under the CSP.

FastAPI's own page loads Swagger UI from a CDN (blank on a closed network) and starts
it with an inline script, which ``script-src 'self'`` refuses. Here the Swagger UI
files come from the swagger-ui-bundle-v2 package, served under a path that names
their version (so a new one is never served stale), and the start-up code is a
static file of ours, ``js/api-docs.js``.
"""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

from rollcoach.web.render import TEMPLATES

DOCS_URL = "/api/docs"
SWAGGER_URL = f"{DOCS_URL}/{swagger_ui_path.name}"  # e.g. /api/docs/swagger-ui-5.31.0

router = APIRouter(include_in_schema=False)
router.mount(SWAGGER_URL, StaticFiles(directory=str(swagger_ui_path)), name="swagger-ui")


@router.get(DOCS_URL)
def docs(request: Request) -> HTMLResponse:
    root = request.scope.get("root_path", "")
    context = {"swagger": root + SWAGGER_URL, "openapi_url": root + str(request.app.openapi_url)}
    return TEMPLATES.TemplateResponse(request, "api_docs.html", context)
