"""Who is calling, and how much they send, decided before one byte of the body is read.

Starlette reads a JSON body whole into memory and spools a multipart upload to disk
before a route (and so its sign-in check) runs; an anonymous 100 MB post used to cost
a worker 640 MB, and a chunked 2 GB one filled the temp folder. This pure-ASGI gate
runs first: with accounts on, a request that may carry a body is answered 401 from
its headers alone unless the route is one of the public ones (sign-up, sign-in); and
every body is capped per route, on the declared length and again on the bytes as they
arrive, chunked or not.
"""

from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

import orjson
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from rollcoach.imports.limits import MB, human_size
from rollcoach.web.auth import SESSION_COOKIE, SIGN_IN, TOKEN_INVALID, caller_of
from rollcoach.web.errors import API_PREFIX, database_unavailable
from rollcoach.web.middleware import ASGIApp, Message, Receive, Scope, Send, request_cookie
from rollcoach.web.services import Services

BODY_LIMIT = 1 * MB  # a plan request or a session record with its plan is under 100 KB
MULTIPART_SLACK = 64 * 1024  # room for multipart headers and form fields around the files
UPLOAD_PATHS = frozenset({"/api/v1/imports", "/import"})
PUBLIC_WRITES = frozenset({"/api/v1/accounts", "/api/v1/tokens", "/signup", "/signin"})
NO_BODY = frozenset({"GET", "HEAD", "OPTIONS"})


class TooLarge(HTTPException):
    """The body passed its route's cap while it was being read."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request is larger than this server takes ({human_size(limit)})")


class RequestGate:
    def __init__(self, app: ASGIApp, services: Services) -> None:
        self.app, self.services = app, services
        self.upload_limit = services.settings.max_upload_mb * MB + MULTIPART_SLACK

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        limit = self.upload_limit if path in UPLOAD_PATHS else BODY_LIMIT
        declared = _declared_length(scope["headers"])
        if declared > limit:
            await _refuse(send, 413, TooLarge(limit).detail)
            return
        if self.services.accounts_on and scope["method"] not in NO_BODY:
            authorization = _header(scope["headers"], b"authorization")
            session = request_cookie(scope, SESSION_COOKIE)
            try:
                caller = await run_in_threadpool(caller_of, self.services, authorization, session)
            except SQLAlchemyError:
                await database_unavailable()(scope, receive, send)
                return
            if caller is None and path not in PUBLIC_WRITES:
                await _refuse_anonymous(send, path, bool(authorization))
                return
            scope.setdefault("state", {})["caller"] = caller
        expected = declared > 0 or bool(_header(scope["headers"], b"transfer-encoding"))
        counted = _CountedBody(receive, limit, expected)
        await self.app(scope, counted.receive, counted.closing(send))


class _CountedBody:
    """Counts body bytes as they arrive; past the cap the route's read fails with 413.

    An answer sent before the whole body came (a refusal here or the route's own)
    closes the connection, so the rest of the body is never read.
    """

    def __init__(self, receive: Receive, limit: int, expected: bool) -> None:
        self._receive, self.limit, self.seen = receive, limit, 0
        self.complete = not expected  # a request without a body has all of it already

    async def receive(self) -> Message:
        message = await self._receive()
        if message["type"] == "http.request":
            self.seen += len(message.get("body", b""))
            self.complete = not message.get("more_body", False)
            if self.seen > self.limit:
                raise TooLarge(self.limit)
        return message

    def closing(self, send: Send) -> Send:
        async def send_closing(message: Message) -> None:
            if message["type"] == "http.response.start" and not self.complete:
                message.setdefault("headers", []).append((b"connection", b"close"))
            await send(message)

        return send_closing


def _header(headers: Iterable[tuple[bytes, bytes]], name: bytes) -> str:
    for key, value in headers:
        if key == name:
            return value.decode("latin-1")
    return ""


def _declared_length(headers: Iterable[tuple[bytes, bytes]]) -> int:
    try:
        return int(_header(headers, b"content-length") or 0)
    except ValueError:
        return 0


async def _refuse_anonymous(send: Send, path: str, sent_token: bool) -> None:
    """The API answers 401 as api_viewer would; a page sends the browser to sign in."""
    if path.startswith(API_PREFIX):
        await _refuse(send, 401, TOKEN_INVALID if sent_token else SIGN_IN)
        return
    location = f"/signin?next={quote(path, safe='/')}"  # a path may hold CR, LF or NUL
    await _respond(send, 303, b"", [(b"location", location.encode())])


async def _refuse(send: Send, status: int, detail: str) -> None:
    headers = [(b"content-type", b"application/json")]
    if status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    await _respond(send, status, orjson.dumps({"detail": detail}), headers)


async def _respond(send: Send, status: int, body: bytes, headers: list[Any]) -> None:
    """A whole answer that also closes the connection, so an unread body is never read."""
    headers = [*headers, (b"connection", b"close"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
