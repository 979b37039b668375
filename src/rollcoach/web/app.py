"""The FastAPI app: pages, the ``/api/v1`` API, static files and health, over one database."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from rollcoach.web import api, api_docs, errors, health, pages
from rollcoach.web.auth import CSRF_COOKIE
from rollcoach.web.compression import IsalGZipMiddleware
from rollcoach.web.gate import RequestGate
from rollcoach.web.middleware import CsrfCookie, SecurityHeaders
from rollcoach.web.pages import pictures  # public drawings, no runner's data
from rollcoach.web.routing import add_routes
from rollcoach.web.services import build_services
from rollcoach.web.settings import WebSettings, load_settings

STATIC = resources.files("rollcoach.web") / "static"


def create_app(settings: WebSettings | None = None) -> FastAPI:
    """A new app; it opens (and migrates) the database now and closes it at shutdown."""
    services = build_services(settings or load_settings())

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        services.close()

    app = FastAPI(
        title="rollcoach",
        version="1",
        summary="A self-hosted recovery coach for runners: what to foam-roll, and when not to.",
        lifespan=lifespan,
        docs_url=None,  # served from our own files: web/api_docs.py
        redoc_url=None,
    )
    app.state.services = services
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    add_routes(app, [health.router, api_docs.router, *api.ROUTERS, *pages.ROUTERS, pictures.router])
    app.openapi = api_docs.with_bearer_scheme(app)  # type: ignore[method-assign]
    errors.install(app)
    # Level 1: CPU is the scarcer here (figures in compression.py).
    app.add_middleware(IsalGZipMiddleware, minimum_size=500, compresslevel=1)
    app.add_middleware(CsrfCookie, name=CSRF_COOKIE, secure=services.settings.secure_cookies)
    app.add_middleware(RequestGate, services=services)  # before anything reads the body
    # Outermost, so the gate's own refusals carry the headers too.
    app.add_middleware(SecurityHeaders, hsts=services.settings.secure_cookies)
    return app
