"""Errors as people expect them: JSON naming the field for the API, a calm page for browsers."""

import logging
import re
from typing import Any

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from rollcoach.history.errors import UnknownAthlete
from rollcoach.vocabulary import nearest
from rollcoach.web.render import render_error
from rollcoach.web.security import PasswordChecksBusy

API_PREFIX = "/api/"
DATABASE_RETRY_AFTER_S = "5"
DATABASE_DOWN_HEADERS = {"Retry-After": DATABASE_RETRY_AFTER_S, "Connection": "close"}
DATABASE_DOWN = "the coach cannot reach its records just now: try again in a few seconds"
log = logging.getLogger(__name__)
BUSY_RETRY_AFTER_S = "2"


def field_message(problems: list[Any]) -> str:
    """The first problem as ``field: what is allowed``, with the nearest ID for a typo."""
    if not problems:
        return "the input is not valid"
    first = problems[0]
    parts = [str(p) for p in first.get("loc", ()) if p not in {"body", "query", "[key]"}]
    return f"{'.'.join(parts) or 'input'}: {first.get('msg', 'not valid')}{_nearest_hint(first)}"


def _nearest_hint(problem: dict[str, Any]) -> str:
    """'; did you mean "calves"?' for a value outside a fixed list (as the CLI says it)."""
    typed = problem.get("input")
    if problem.get("type") != "literal_error" or not isinstance(typed, str):
        return ""
    choices = re.findall(r"'([^']*)'", str(problem.get("ctx", {}).get("expected", "")))
    guess = nearest(typed, choices)
    return f'; did you mean "{guess}"?' if guess is not None else ""


def _is_api(request: Request) -> bool:
    return request.url.path.startswith(API_PREFIX)


def _invalid(request: Request, problems: list[Any]) -> Response:
    message = field_message(problems)
    if _is_api(request):
        detail = [
            {key: value for key, value in problem.items() if key in {"loc", "msg", "type"}}
            for problem in problems
        ]
        return JSONResponse(
            {"detail": detail, "message": message}, status.HTTP_422_UNPROCESSABLE_CONTENT
        )
    return render_error(request, status.HTTP_422_UNPROCESSABLE_CONTENT, message)


async def _request_invalid(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    return _invalid(request, list(error.errors()))


async def _model_invalid(request: Request, error: Exception) -> Response:
    assert isinstance(error, ValidationError)
    return _invalid(request, error.errors(include_url=False))


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    if _is_api(request):
        return JSONResponse(
            {"detail": error.detail}, error.status_code, headers=getattr(error, "headers", None)
        )
    if error.status_code == status.HTTP_401_UNAUTHORIZED:
        return RedirectResponse(f"/signin?next={request.url.path}", status.HTTP_303_SEE_OTHER)
    return render_error(request, error.status_code, str(error.detail))


async def _unknown_athlete(request: Request, _error: Exception) -> Response:
    return await _http_error(
        request, StarletteHTTPException(status.HTTP_404_NOT_FOUND, "not found")
    )


async def _busy(request: Request, error: Exception) -> Response:
    """No free password slot (security.PasswordSlots): 503, and when to come back."""
    retry = {"Retry-After": BUSY_RETRY_AFTER_S}
    busy = StarletteHTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, str(error), retry)
    response = await _http_error(request, busy)
    response.headers.update(retry)
    return response


def database_unavailable() -> JSONResponse:
    """A database error as a 503 to retry later, closing the connection (it may be stuck).

    Also used by the request gate, which runs before the app's own handlers.
    """
    return JSONResponse(
        {"detail": DATABASE_DOWN}, status.HTTP_503_SERVICE_UNAVAILABLE, DATABASE_DOWN_HEADERS
    )


async def _database_error(request: Request, error: Exception) -> Response:
    """Busy, locked, unreachable or timed out: never a plain 500 and a reset connection."""
    log.warning("database error on %s %s: %s", request.method, request.url.path, error)
    if _is_api(request):
        return database_unavailable()
    page = render_error(request, status.HTTP_503_SERVICE_UNAVAILABLE, DATABASE_DOWN.capitalize())
    page.headers.update(DATABASE_DOWN_HEADERS)
    return page


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _request_invalid)
    app.add_exception_handler(ValidationError, _model_invalid)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(UnknownAthlete, _unknown_athlete)
    app.add_exception_handler(SQLAlchemyError, _database_error)
    app.add_exception_handler(PasswordChecksBusy, _busy)
