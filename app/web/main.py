"""The FastAPI application: `create_app(settings)` wires the database, templates, guards, routes and error pages."""
from __future__ import annotations

import secrets
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.services.ingest import DocumentIngester
from app.services.linking import CorrectionError
from app.settings import Settings, get_settings
from app.store.db import create_database_engine, ensure_current, make_session_factory
from app.web.rendering import build_templates, render_error, wants_json
from app.web.routes import correction_refused, router
from app.web.security import FORM_OVERHEAD_BYTES, BodyLimitMiddleware, SecurityHeadersMiddleware

if TYPE_CHECKING:
    from spacy.language import Language

STATIC_DIR = Path(__file__).resolve().parent / "static"

API_DESCRIPTION = """
quotetrail's JSON API. Every HTML page has a JSON twin built from the same context object:
add `.json` to the page's path (`/speakers/7` → `/speakers/7.json`, the home page is `/index.json`).
Quote checks can also be posted to `/api/check`, and articles to `/api/articles`.
"""


def create_app(
    settings: Settings | None = None, *, engine: Engine | None = None, nlp: Language | None = None
) -> FastAPI:
    """Build the web app for `settings` (default: from the environment) over an already-migrated database;
    `nlp`, when given, is the pipeline for added articles (otherwise it is loaded by the first one)."""
    settings = settings or get_settings()
    if engine is None:
        engine = create_database_engine(settings.database_url, create=False)
        ensure_current(engine)
    app = FastAPI(
        title="quotetrail",
        summary="Who said what, in which article.",
        description=API_DESCRIPTION,
        version=_version(),
        # The interactive docs load scripts from a CDN, which the content security policy (and an
        # offline machine) forbids; /api renders the same schema as a plain page instead.
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = make_session_factory(engine)
    app.state.csrf_secret = settings.secret_key.encode() if settings.secret_key else secrets.token_bytes(32)
    app.state.templates = build_templates()
    app.state.ingester = DocumentIngester(session_factory=app.state.session_factory, model=settings.spacy_model,
                                          nlp=nlp)

    app.add_middleware(BodyLimitMiddleware, limit=settings.max_upload_bytes + FORM_OVERHEAD_BYTES,
                       error_page=render_error)
    app.add_middleware(SecurityHeadersMiddleware, secret=app.state.csrf_secret)
    app.add_middleware(HeadAsGetMiddleware)  # outermost: HEAD sees exactly what GET would, headers and all
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(router)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(CorrectionError, correction_refused)
    return app


class HeadAsGetMiddleware:
    """Answers HEAD like GET, without the body (HTTP says HEAD is GET's headers; link checkers and `curl -I`
    use it): FastAPI's routes are declared for GET only and would answer 405."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if not message.get("more_body", False):
                    await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def _version() -> str:
    try:
        return version("quotetrail")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "0"


async def _http_error(request: Request, error: Exception) -> Response:
    if not isinstance(error, StarletteHTTPException):  # registered for HTTPException only
        raise error
    if error.status_code == 404:
        detail = error.detail if isinstance(error.detail, str) and error.detail != "Not Found" else None
        return render_error(
            request, status_code=404, title="Nothing here",
            message=detail or f"There is no page at {request.url.path}.",
            suggestions=_suggestions_for(request.url.path),
        )
    if error.status_code == 405:
        return render_error(request, status_code=405, title="Not allowed",
                            message=f"{request.method} is not supported at {request.url.path}.")
    title = {400: "That request was not understood", 403: "Refused", 413: "That is too large"}.get(
        error.status_code, "Something went wrong"
    )
    return render_error(request, status_code=error.status_code, title=title, message=str(error.detail))


async def _validation_error(request: Request, error: Exception) -> Response:
    if not isinstance(error, RequestValidationError):  # registered for RequestValidationError only
        raise error
    if wants_json(request):
        return JSONResponse({"detail": _plain_errors(error), "status": 422}, status_code=422)
    problems = "; ".join(
        f"{'.'.join(str(part) for part in item.get('loc', ())[1:]) or 'request'}: {item.get('msg')}"
        for item in error.errors()
    )
    return render_error(request, status_code=422, title="That request was not understood",
                        message=f"Some values were not valid ({problems}).")


def _plain_errors(error: RequestValidationError) -> list[dict]:
    # Pydantic's `input` and `ctx` may hold the raw (possibly huge or binary) input: leave them out.
    return [{"loc": list(item.get("loc", ())), "msg": item.get("msg"), "type": item.get("type")}
            for item in error.errors()]


def _suggestions_for(path: str) -> list[dict]:
    """Where the visitor probably wanted to go, judged from the path they asked for."""
    suggestions = []
    head = path.strip("/").split("/", 1)[0]
    if head.startswith("speaker"):
        suggestions.append({"label": "Browse all speakers", "url": "/speakers"})
    if head.startswith("article"):
        suggestions.append({"label": "Browse all articles", "url": "/articles"})
    if head.startswith("quote"):
        suggestions.append({"label": "Search quotes", "url": "/search"})
    if head.startswith("check"):
        suggestions.append({"label": "Check a quote", "url": "/check"})
    suggestions.append({"label": "Back to the start page", "url": "/"})
    return suggestions
