"""Two small pure-ASGI middlewares: the CSRF cookie and the security headers.

Pure ASGI rather than ``BaseHTTPMiddleware`` so they add no task per request
(measured in bench/web.py: the plan endpoint is the hot path).
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
HSTS = (b"strict-transport-security", b"max-age=63072000; includeSubDomains")  # two years
NO_STORE = (b"cache-control", b"no-store")
CACHEABLE = "/static/"  # addresses carry a digest of the content (render.static_url)


class CsrfCookie:
    """Gives every browser a random ``rc_csrf`` cookie; forms sign it (see auth.check_csrf)."""

    def __init__(self, app: ASGIApp, name: str, secure: bool) -> None:
        self.app, self.name, self.secure = app, name, secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(NO_FORMS):
            await self.app(scope, receive, send)
            return
        existing = request_cookie(scope, self.name)
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
    """SECURITY_HEADERS on every answer, ``no-store`` on all but static files, HSTS over HTTPS.

    Pages and API answers carry a runner's data, which a shared computer's browser
    cache or a proxy must not keep; an answer that chose its own Cache-Control
    (the service worker's ``no-cache``) keeps it. ``hsts`` is on with secure
    cookies, which say the app is served over HTTPS.
    """

    def __init__(self, app: ASGIApp, hsts: bool = False) -> None:
        self.app = app
        self.headers = [*SECURITY_HEADERS, HSTS] if hsts else SECURITY_HEADERS

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        private = not scope["path"].startswith(CACHEABLE)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                if private and all(key.lower() != b"cache-control" for key, _ in headers):
                    headers.append(NO_STORE)
                headers.extend(self.headers)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def request_cookie(scope: Scope, name: str) -> str | None:
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
