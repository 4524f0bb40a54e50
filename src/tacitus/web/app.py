"""The dashboard application: `create_app(db)` returns a FastAPI app over one store.

The store is opened read-only and shared by requests that come close together, and let go
of between them (web/reading.py), so `tacitus ingest` can take the write lock; while it holds
it, pages answer 503 with a page that retries by itself. Every response carries a
Content-Security-Policy that allows only the app's own scripts (no inline script, no other
origin); errors become pages (or JSON under /api/) that say what is wrong, never a traceback.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import AsyncIterator
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tacitus.about import __version__
from tacitus.config import Options
from tacitus.errors import InputError, StoreBusy, StoreError
from tacitus.web import api, pages
from tacitus.web.params import BadParameter
from tacitus.web.site import Site, error_response, site_of, wants_json

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
        if wants_json(request):
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


def create_app(db: str | os.PathLike[str], options: Options | None = None) -> FastAPI:
    """The dashboard over the store at `db` (opened read-only, per request); `options` (the
    settings, with --config laid over them) say where the knowledge base's people are."""
    site = Site(db=Path(db), options=options)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        site.reader.close()  # the server stops: let go of the store

    app = FastAPI(title="tacitus", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json", lifespan=lifespan)
    app.state.site = site
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
