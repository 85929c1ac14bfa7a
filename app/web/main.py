"""The FastAPI application: `create_app(settings)` wires the database, templates, guards and routes."""
from __future__ import annotations

import secrets
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from app.settings import Settings, get_settings
from app.web.security import (
    FORM_OVERHEAD_BYTES,
    BodyLimitMiddleware,
    SecurityHeadersMiddleware,
    csrf_token,
    format_bytes,
)

WEB_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"

API_DESCRIPTION = """
quotetrail's JSON API. Every HTML page has a JSON twin built from the same context object:
add `.json` to the page's path (`/speakers/7` → `/speakers/7.json`, the home page is `/index.json`).
Quote checks can also be posted to `/api/check`, and articles to `/api/articles`.
"""


def create_app(settings: Settings | None = None, *, engine=None) -> FastAPI:
    """Build the web app for `settings` (default: from the environment) over an already-migrated database."""
    from app.store.db import create_database_engine, ensure_current, make_session_factory
    from app.web.routes import router

    settings = settings or get_settings()
    if engine is None:
        engine = create_database_engine(settings.database_url)
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
    app.state.ingest_lock = threading.Lock()
    app.state.nlp = None  # loaded by the first "add an article"

    app.add_middleware(BodyLimitMiddleware, limit=settings.max_upload_bytes + FORM_OVERHEAD_BYTES)
    app.add_middleware(SecurityHeadersMiddleware, secret=app.state.csrf_secret)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(router)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    return app


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("quotetrail")
    except Exception:  # running from a checkout that was never installed
        return "0"


def build_templates() -> Jinja2Templates:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        # Every template is HTML: escape everything unless a value is explicitly Markup.
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["day"] = format_day
    environment.filters["percent"] = format_percent
    environment.filters["bytes"] = format_bytes
    environment.filters["thousands"] = lambda number: f"{number:,}"
    environment.globals["csrf_token"] = csrf_token
    templates = Jinja2Templates(env=environment)
    return templates


def format_day(value: datetime | None) -> str:
    if value is None:
        return ""
    return f"{value.day} {value:%b %Y}"


def format_percent(value: float | None) -> str:
    return "" if value is None else f"{round(value * 100)}%"


def wants_json(request: Request) -> bool:
    path = request.url.path
    if path.endswith(".json") or path.startswith("/api/") or path == "/openapi.json":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def render(request: Request, template: str, context: dict[str, Any], *, status_code: int = 200) -> Response:
    return request.app.state.templates.TemplateResponse(request, template, context, status_code=status_code)


def render_error(
    request: Request, *, status_code: int, title: str, message: str, suggestions: list[dict] | None = None
) -> Response:
    """An error as the client wants it: JSON for the API and .json twins, a helpful page otherwise."""
    if wants_json(request):
        return JSONResponse({"detail": message, "status": status_code}, status_code=status_code)
    app = request.scope.get("app")
    templates = app.state.templates if app is not None else build_templates()
    return templates.TemplateResponse(
        request,
        "error.html",
        {"status_code": status_code, "title": title, "message": message, "suggestions": suggestions or [],
         "json_url": None},
        status_code=status_code,
    )


async def _http_error(request: Request, error: StarletteHTTPException) -> Response:
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


async def _validation_error(request: Request, error: RequestValidationError) -> Response:
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
