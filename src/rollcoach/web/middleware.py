"""Two small pure-ASGI middlewares: the CSRF cookie and the security headers.

Pure ASGI rather than ``BaseHTTPMiddleware`` so they add no task per request
(measured in bench/http.py: the plan endpoint is the hot path).
"""

import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import CookieError, SimpleCookie
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

NO_FORMS = ("/api/", "/static/", "/health")  # no page, so no CSRF cookie to hand out
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        b"script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
        b"form-action 'self'",
    ),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


class CsrfCookie:
    """Gives every browser a random ``rc_csrf`` cookie; forms sign it (see auth.check_csrf)."""

    def __init__(self, app: ASGIApp, name: str, secure: bool) -> None:
        self.app, self.name, self.secure = app, name, secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(NO_FORMS):
            await self.app(scope, receive, send)
            return
        existing = _cookie(scope, self.name)
        value = existing or secrets.token_urlsafe(24)
        scope.setdefault("state", {})["csrf_cookie"] = value
        if existing:
            await self.app(scope, receive, send)
            return

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                flags = "; Secure" if self.secure else ""
                cookie = f"{self.name}={value}; Path=/; HttpOnly; SameSite=Strict{flags}"
                message.setdefault("headers", []).append((b"set-cookie", cookie.encode()))
            await send(message)

        await self.app(scope, receive, send_with_cookie)


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).extend(SECURITY_HEADERS)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _cookie(scope: Scope, name: str) -> str | None:
    for key, raw in scope.get("headers", []):
        if key == b"cookie":
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(raw.decode("latin-1"))
            except CookieError:  # a mangled cookie header counts as none
                return None
            morsel = jar.get(name)
            return morsel.value if morsel else None
    return None


class BodyLimit:
    """Refuses a request body larger than the upload limit before anyone reads it.

    Starlette spools a multipart upload to disk before the route sees it; checking
    Content-Length here keeps a 10 GB upload from filling the disk first. Bodies
    without a length (chunked) are still capped by the route as they are copied.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and _content_length(scope) > self.max_bytes:
            body = b'{"detail": "the upload is larger than this server takes"}'
            await send(
                {
                    "type": "http.response.start",
                    "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"connection", b"close")],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)


def _content_length(scope: Scope) -> int:
    for key, raw in scope.get("headers", []):
        if key == b"content-length":
            try:
                return int(raw)
            except ValueError:
                return 0
    return 0
