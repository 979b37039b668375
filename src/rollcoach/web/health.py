"""Health endpoints for load balancers: alive (no I/O) and ready (the database answers)."""

from fastapi import APIRouter, Request, Response, status
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from rollcoach.web.auth import services_of

router = APIRouter(tags=["health"])


@router.get("/health/live")
async def live() -> dict[str, str]:
    """The process answers (used by bench/http.py as the trivial endpoint)."""
    return {"status": "ok"}


@router.get("/health", responses={503: {"description": "The database does not answer."}})
def ready(request: Request, response: Response) -> dict[str, str]:
    """The process answers and the database takes a query."""
    try:
        with services_of(request).store.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError:
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
        return {"status": "unavailable", "database": "unreachable"}
    return {"status": "ok", "database": "ok"}
