"""Server-rendered pages, one router per feature; every form is checked for its CSRF token."""

from fastapi import APIRouter

from rollcoach.web.pages import (
    account,
    account_settings,
    catalogue,
    checkin,
    coach,
    history,
    imports,
    profile,
    pwa,
    summary,
    today,
    week,
)

ROUTERS: list[APIRouter] = [
    module.router
    for module in (
        today,
        checkin,
        week,
        history,
        imports,
        profile,
        account_settings,
        catalogue,
        coach,
        summary,
        account,
        pwa,
    )
] + [imports.upload_router]
