"""Guards for the web app: security headers, a request body limit, and signed double-submit CSRF tokens."""
from __future__ import annotations

import hashlib
import hmac
import secrets
from http.cookies import SimpleCookie
from typing import Protocol
from urllib.parse import urlsplit

from fastapi import HTTPException
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "quotetrail_csrf"
CSRF_FIELD = "csrf_token"

# Scripts and styles come only from /static: no inline code, so injected markup cannot run even if
# escaping were ever missed. Forms post only to this site; no one may frame the pages.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)

# Multipart framing and the small metadata fields around an upload; the limit itself is for the document.
FORM_OVERHEAD_BYTES = 64 * 1024


class SecurityHeadersMiddleware:
    """Adds the security headers to every response, and a per-browser CSRF cookie when it has none."""

    def __init__(self, app: ASGIApp, *, secret: bytes) -> None:
        self.app = app
        self.secret = secret

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cookie_value = _cookie(Headers(scope=scope), CSRF_COOKIE)
        new_cookie = None
        if not cookie_value or not _well_formed(cookie_value):
            new_cookie = secrets.token_urlsafe(32)
            cookie_value = new_cookie
        scope.setdefault("state", {})["csrf_cookie"] = cookie_value

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS:
                    if name.decode() not in headers:
                        headers.append(name.decode(), value.decode())
                if new_cookie:
                    headers.append(
                        "set-cookie", f"{CSRF_COOKIE}={new_cookie}; Path=/; HttpOnly; SameSite=Strict"
                    )
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyTooLarge(HTTPException):
    """Raised while the body is read; an HTTPException so that FastAPI's body parsing lets it through."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=too_large_message(limit))
        self.limit = limit


def too_large_message(limit: int) -> str:
    return (f"quotetrail accepts documents up to {format_bytes(limit - FORM_OVERHEAD_BYTES)}. "
            "Split the file, or ingest it from the command line with `quotetrail ingest`.")


class ErrorPage(Protocol):
    def __call__(self, request: Request, *, status_code: int, title: str, message: str) -> Response: ...


class BodyLimitMiddleware:
    """Refuses request bodies over the limit before reading them (Content-Length) or while reading them;
    the refusal is drawn by `error_page` (the app's own error page, so it looks like every other)."""

    def __init__(self, app: ASGIApp, *, limit: int, error_page: ErrorPage) -> None:
        self.app = app
        self.limit = limit
        self.error_page = error_page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._too_large(scope, receive, send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge(self.limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if started:
                raise
            await self._too_large(scope, receive, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = self.error_page(Request(scope, receive), status_code=413, title="That is too large",
                                   message=too_large_message(self.limit))
        await response(scope, receive, send)


def format_bytes(count: int) -> str:
    for unit, size in (("MB", 1024 * 1024), ("KB", 1024)):
        if count >= size:
            value = count / size
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{count} bytes"


def _cookie(headers: Headers, name: str) -> str | None:
    raw = headers.get("cookie")
    if not raw:
        return None
    jar = SimpleCookie()
    try:
        jar.load(raw)
    except Exception:  # a malformed Cookie header from a client is its problem, not a 500
        return None
    morsel = jar.get(name)
    return morsel.value if morsel else None


def _well_formed(value: str) -> bool:
    return 20 <= len(value) <= 100 and all(c.isalnum() or c in "-_" for c in value)


def csrf_token(request: Request) -> str:
    """The token a form must send back: an HMAC of this browser's CSRF cookie under the server's secret."""
    cookie_value = request.scope.get("state", {}).get("csrf_cookie", "")
    return sign(request.app.state.csrf_secret, cookie_value)


def sign(secret: bytes, value: str) -> str:
    return hmac.new(secret, value.encode(), hashlib.sha256).hexdigest()


def csrf_problem(request: Request, submitted: str | None) -> str | None:
    """Why this state-changing request must be refused, or None when it is genuine.

    Signed double submit: a page from this site put HMAC(cookie) in the form, and a cross-site page can
    neither read the cookie nor forge the HMAC. The Origin header, when a browser sends one, must be ours.
    """
    origin = request.headers.get("origin")
    if origin and origin != "null":
        origin_host = urlsplit(origin).netloc
        if origin_host and origin_host != request.headers.get("host", ""):
            return "This form was sent from another site."
    cookie_value = _cookie(request.headers, CSRF_COOKIE)
    if not cookie_value or not submitted:
        return "This form is missing its security token (cookies may be blocked)."
    expected = sign(request.app.state.csrf_secret, cookie_value)
    if not hmac.compare_digest(expected, submitted):
        return "This form's security token does not match; it may be from an old page."
    return None
