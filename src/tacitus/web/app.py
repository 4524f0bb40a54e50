"""The dashboard application: `create_app(db)` returns a FastAPI app over one store.

The store is opened read-only for each request and closed after it, so `tacitus ingest`
can take the write lock between requests; while it holds it, pages answer 503 with a
page that retries by itself. Every response carries a Content-Security-Policy that allows
only the app's own scripts (no inline script, no other origin); errors become pages (or
JSON under /api/) that say what is wrong, never a traceback.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tacitus.about import __version__
from tacitus.errors import InputError, StoreBusy, StoreError
from tacitus.web.charts import json_script
from tacitus.web.params import BadParameter, Vocabulary

log = logging.getLogger("tacitus.web")

# Seconds a busy page waits before it asks again.
RETRY_SECONDS = 2
CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}


class SecurityHeaders:
    """ASGI middleware: adds SECURITY_HEADERS to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.decode("latin-1").lower() not in SECURITY_HEADERS]
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def safe_href(url: Any) -> str | None:
    """`url` when it is an absolute http(s) URL with a host, else None (so javascript:,
    data: and relative URLs from stored articles never become links)."""
    if not isinstance(url, str) or not url.strip():
        return None
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if any(ord(c) < 0x21 or c in "\"'<>\\`" for c in text):
        return None
    return text


def path_part(value: Any) -> str:
    """A value as one URL path segment (every reserved character percent-encoded)."""
    return quote(str(value), safe="")


def number(value: Any, digits: int = 2) -> str:
    """A float with `digits` decimals, an int as is, None/NaN as an en dash."""
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _environment() -> jinja2.Environment:
    templates = resources.files("tacitus.web").joinpath("templates")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(safe_href=safe_href, path_part=path_part, number=number)
    env.globals.update(version=__version__, json_script=json_script)
    return env


@dataclass
class Site:
    """What every request needs: the store path, the templates, and the vocabulary and
    knowledge base, each loaded once on first use."""

    db: Path
    env: jinja2.Environment = field(default_factory=_environment)
    _vocabulary: Vocabulary | None = None
    _kb: Any = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def vocabulary(self) -> Vocabulary:
        with self._lock:
            if self._vocabulary is None:
                self._vocabulary = Vocabulary.load()
            return self._vocabulary

    def kb(self) -> Any:
        with self._lock:
            if self._kb is None:
                from tacitus.config import KbOptions, load_options
                from tacitus.kb import load_kb

                options = load_options(None).kb
                self._kb = load_kb(KbOptions(user_people=options.people_overlay(),
                                             people_dir=options.people_dir))
            return self._kb

    def render(self, request: Request, template: str, status: int = 200,
               headers: dict[str, str] | None = None, **context: Any) -> HTMLResponse:
        """A page from `template` with `context` (and the request) as its variables."""
        page = self.env.get_template(template).render(request=request, **context)
        return HTMLResponse(page, status_code=status, headers=headers)


def site_of(request: Request) -> Site:
    """The Site of the app serving `request`."""
    return request.app.state.site


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(request: Request, status: int, title: str, problems: list[str],
                   headers: dict[str, str] | None = None) -> Response:
    """An error as JSON under /api/, else as a page; `problems` say what is wrong."""
    if _wants_json(request):
        return JSONResponse({"error": {"status": status, "title": title,
                                       "problems": problems}},
                            status_code=status, headers=headers)
    return site_of(request).render(request, "error.html", status=status, headers=headers,
                                   title=title, problems=problems)


def _add_handlers(app: FastAPI) -> None:
    @app.exception_handler(BadParameter)
    async def bad_parameter(request: Request, exc: BadParameter) -> Response:
        return error_response(request, 400, "Bad request", [str(exc)])

    @app.exception_handler(InputError)
    async def bad_input(request: Request, exc: InputError) -> Response:
        return error_response(request, 400, "Bad request", [str(exc)])

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = []
        for error in exc.errors():
            where = ".".join(str(p) for p in error.get("loc", ()) if p != "query")
            problems.append(f"{where}: {error.get('msg')} (got {error.get('input')!r})")
        return error_response(request, 422, "Unprocessable request", problems)

    @app.exception_handler(StoreBusy)
    async def busy(request: Request, exc: StoreBusy) -> Response:
        headers = {"retry-after": str(RETRY_SECONDS)}
        if _wants_json(request):
            return error_response(request, 503, "Store busy", [
                "the store is being written (tacitus ingest is running); retry shortly"],
                headers=headers)
        return site_of(request).render(request, "busy.html", status=503, headers=headers,
                                       retry=RETRY_SECONDS, title="Store busy")

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        log.warning("store error on %s: %s", request.url.path, exc)
        return error_response(request, 500, "The store cannot be read", [str(exc)])

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        titles = {404: "Not found", 405: "Method not allowed"}
        return error_response(request, exc.status_code,
                              titles.get(exc.status_code, "Error"), [str(exc.detail)],
                              headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return error_response(request, 500, "Internal error", [
            f"the page could not be made ({type(exc).__name__}); the server log has details"])


def plotly_js() -> Path:
    """The plotly.js bundle that ships inside the installed plotly package."""
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def create_app(db: str | os.PathLike[str]) -> FastAPI:
    """The dashboard over the store at `db` (opened read-only, per request)."""
    from tacitus.web import api, pages

    app = FastAPI(title="tacitus", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json")
    app.state.site = Site(db=Path(db))
    _add_handlers(app)
    app.add_middleware(SecurityHeaders)
    static = resources.files("tacitus.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    script = plotly_js()

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_bundle() -> FileResponse:
        return FileResponse(script, media_type="text/javascript",
                            headers={"cache-control": "public, max-age=86400"})

    app.include_router(pages.router)
    app.include_router(api.router)
    return app
