"""Health endpoints for load balancers: alive (no I/O) and ready (the database answers).

``/health`` answers within a second, healthy or not: a load balancer that waits on a
hung database would take every app process out of service at once.
"""

import asyncio

from fastapi import APIRouter, Request, Response, status
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from rollcoach.web.auth import services_of

router = APIRouter(tags=["health"])
READY_WITHIN_S = 1.0


@router.get("/health/live")
async def live() -> dict[str, str]:
    """The process answers (used by bench/web.py as the trivial endpoint)."""
    return {"status": "ok"}


@router.get("/health", responses={503: {"description": "The database does not answer."}})
async def ready(request: Request, response: Response) -> dict[str, str]:
    """The process answers and the database takes a query, within a second."""
    engine = services_of(request).store.engine
    try:
        await asyncio.wait_for(run_in_threadpool(_select_one, engine), READY_WITHIN_S)
    except TimeoutError:
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
        return {"status": "unavailable", "database": "no answer within a second"}
    except SQLAlchemyError:
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
        return {"status": "unavailable", "database": "unreachable"}
    return {"status": "ok", "database": "ok"}


def _select_one(engine: Engine) -> None:
    """Runs on in its thread after a timeout, bounded by the database timeouts (db.py)."""
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
