"""The HTTP API under ``/api/v1`` (spec/interface.md, HTTP): one router per feature."""

from fastapi import APIRouter

from rollcoach.web.api import accounts, coach, engine, imports, planned, records

ROUTERS: list[APIRouter] = [
    engine.engine_router,
    *(module.router for module in (engine, records, planned, imports, accounts, coach)),
]
