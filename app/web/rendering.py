"""Rendering for the web app: the Jinja2 environment and its filters, pages as HTML or JSON, error pages."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.responses import Response

from app.web.contexts import source_type_label
from app.web.security import csrf_token, format_bytes

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


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
    environment.filters["source_label"] = source_type_label
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


