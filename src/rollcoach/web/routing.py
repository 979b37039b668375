"""Routers for the API and the pages, and adding their routes to the app without nesting.

FastAPI 0.165 keeps each included router as a nested matcher, consulted one level at
a time; with a router per feature module that cost about 50 µs per API request
(measured in-process: 224 µs for POST /api/v1/plans nested, see bench/web.py). The
routes are added to the app's own list instead, in the order given.
"""

from collections.abc import Iterable

from fastapi import APIRouter, Depends, FastAPI

from rollcoach.web.auth import check_csrf

API_PREFIX = "/api/v1"


def api_router(tag: str) -> APIRouter:
    """A feature's API routes; every one checks CSRF through its viewer (auth.api_viewer)."""
    return APIRouter(prefix=API_PREFIX, tags=[tag])


def page_router() -> APIRouter:
    """A feature's pages: every form is checked for its CSRF token; not in the API schema."""
    return APIRouter(dependencies=[Depends(check_csrf)], include_in_schema=False)


def add_routes(app: FastAPI, routers: Iterable[APIRouter]) -> None:
    for router in routers:
        app.router.routes.extend(router.routes)
