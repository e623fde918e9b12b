"""The web app factory: ``create_app(db)`` gives a FastAPI app serving the pages, the REST API under
``/api/`` and the static assets (our CSS/JS, and Plotly's JS from the installed plotly package, so
the app works with no network).

Safety: templates autoescape everything; static files are served by Starlette's ``StaticFiles`` from
one directory (it refuses paths outside it) and Plotly from one fixed file; no CORS middleware is
installed (browsers refuse cross-origin reads); writing needs ``CLAIMTRAIL_API_TOKEN``; a request
body larger than ``max_body`` bytes is refused with 413 before it is read (by its Content-Length, or
as soon as a chunked body passes the limit); a URL to fetch must be public unless
``CLAIMTRAIL_FETCH_PRIVATE`` allows private addresses. Responses over 1 kB are gzipped for clients
that accept it (Plotly's 4.8 MB script goes out as ~1.4 MB).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..settings import env_positive_int, load_settings
from ..store.ledger import open_ledger
from . import auth

HERE = Path(__file__).parent
STATIC = HERE / "static"
#: The largest request body accepted (bytes): an article's HTML is at most 5 M characters.
MAX_BODY = 8 * 1024 * 1024


def plotly_js() -> Path | None:
    """The minified plotly.js shipped inside the installed ``plotly`` package."""
    try:
        import plotly
    except ImportError:  # pragma: no cover - plotly is a dependency
        return None
    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    return path if path.is_file() else None


def create_app(  # long: the app's settings, routers, assets and middleware in one place
    db: str | None = None,
    api_token: str | None = None,
    create: bool = True,
    fetch_private: bool | None = None,
    max_body: int | None = None,
    read_signin: bool | None = None,
    session_secret: str | None = None,
) -> FastAPI:
    """A FastAPI app over the ledger at ``db`` (path or SQLAlchemy URL; default from settings).

    ``api_token`` (default: env ``CLAIMTRAIL_API_TOKEN``) enables ``POST /api/articles`` for clients
    that send it as a bearer token; without it the write API answers 403. ``create=False`` (as
    ``claimtrail serve`` uses it) refuses a ``db`` that holds no ledger instead of creating one.
    ``fetch_private`` (default: env ``CLAIMTRAIL_FETCH_PRIVATE`` set to 1/true/yes) lets ``POST
    /api/articles`` fetch URLs on loopback, private and link-local addresses; ``max_body`` (default:
    env ``CLAIMTRAIL_MAX_BODY_BYTES``, else ``MAX_BODY``) caps a request body. ``read_signin``
    (default: env ``CLAIMTRAIL_READ_SIGNIN``, else off; ``claimtrail serve`` turns it on for an
    address other than loopback) makes reading need a signed-in user or a user's bearer token;
    ``session_secret`` (default: env ``CLAIMTRAIL_SESSION_SECRET``, else random per process) signs
    the web sessions (web/auth.py).
    """
    settings = load_settings(db=db)
    ledger = open_ledger(settings.db, create=create)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        ledger.close()

    app = FastAPI(
        title="claimtrail",
        version=__version__,
        description="A ledger of sourced claims from war and crisis reporting: articles, claims with "
        "their source chains, tracked quantities and sources.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.ledger = ledger
    app.state.settings = settings
    app.state.api_token = api_token if api_token is not None else os.environ.get("CLAIMTRAIL_API_TOKEN", "")
    if fetch_private is None:
        fetch_private = os.environ.get("CLAIMTRAIL_FETCH_PRIVATE", "").strip().lower() in ("1", "true", "yes")
    app.state.fetch_private = fetch_private
    app.state.read_signin = read_signin if read_signin is not None else auth.read_needs_signin(None)
    app.state.session_secret = auth.session_secret(session_secret)

    from . import api, desk_api, desk_views, views

    app.include_router(api.router)
    app.include_router(desk_api.router)
    app.include_router(desk_views.router)
    app.include_router(views.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    plotly_path = plotly_js()

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_asset() -> Response:
        if plotly_path is None:
            return Response("/* plotly is not installed */", media_type="text/javascript", status_code=404)
        return FileResponse(
            plotly_path, media_type="text/javascript", headers={"Cache-Control": "max-age=86400"}
        )

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")

    @app.get("/api/docs", include_in_schema=False, response_class=HTMLResponse)
    def api_docs(request: Request) -> HTMLResponse:
        from .apidocs import operations
        from .views import page

        return page(request, "api_docs.html", spec=app.openapi(), operations=operations(app.openapi()))

    _install_error_handlers(app)
    _install_security_headers(app)
    auth.install_read_gate(app)
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    limit = max_body or env_positive_int("CLAIMTRAIL_MAX_BODY_BYTES", "bytes") or MAX_BODY
    app.add_middleware(BodyLimit, limit=limit)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


class BodyLimit:
    """ASGI middleware: a request body over ``limit`` bytes gets 413 JSON before any handler runs. A
    Content-Length over the limit is refused before anything is read (the server enforces the
    length it declares); a body without one (chunked) is read here, up to the limit, refused as
    soon as it passes it, and handed on in full otherwise."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or ()).get(b"content-length")
        if length is not None:
            if not length.strip().isdigit() or int(length) > self.limit:
                await self._refuse(send)
                return
            await self.app(scope, receive, send)
            return
        messages: list[Message] = []
        seen = 0
        while True:
            message = await receive()
            messages.append(message)
            seen += len(message.get("body", b""))
            if seen > self.limit:
                await self._refuse(send)
                return
            if message["type"] != "http.request" or not message.get("more_body"):
                break

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, send: Send) -> None:
        response = JSONResponse(
            {"error": f"the request body is larger than the {self.limit:,} byte limit"}, status_code=413
        )
        await response({"type": "http"}, _no_receive, send)


async def _no_receive() -> Message:  # pragma: no cover - a JSONResponse never reads
    return {"type": "http.disconnect"}


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _install_error_handlers(app: FastAPI) -> None:
    from .views import error_page

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        headers = getattr(exc, "headers", None)
        if _wants_json(request):
            return JSONResponse({"error": message}, status_code=exc.status_code, headers=headers)
        return error_page(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        details = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()))
            details.append({"parameter": where, "message": str(err.get("msg", ""))})
        message = "; ".join(f"{d['parameter']}: {d['message']}" for d in details) or "invalid request"
        if _wants_json(request):
            return JSONResponse({"error": message, "details": details}, status_code=422)
        return error_page(request, 422, message)


def _install_security_headers(app: FastAPI) -> None:
    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if isinstance(response, HTMLResponse) or response.headers.get("content-type", "").startswith(
            "text/html"
        ):
            # Only our own scripts and styles, on every page (the API docs page included).
            response.headers.setdefault(
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                "script-src 'self'; object-src 'none'; frame-ancestors 'none'",
            )
        return response


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI spec, with FastAPI's default 422 schema replaced by our ``{"error": ...}`` body."""
    if app.openapi_schema:
        return app.openapi_schema
    spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    error_ref = {"$ref": "#/components/schemas/ErrorBody"}
    for path_item in spec.get("paths", {}).values():
        for operation in path_item.values():
            response = operation.get("responses", {}).get("422")
            if response:
                response["content"] = {"application/json": {"schema": error_ref}}
                response["description"] = "A parameter is invalid"
    schemas = spec.get("components", {}).get("schemas", {})
    schemas.pop("HTTPValidationError", None)
    schemas.pop("ValidationError", None)
    app.openapi_schema = spec
    return spec
