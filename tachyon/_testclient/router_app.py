"""A bare APIRouter as a TestClient's app. In Starlette a Router is an ASGI app of its own, and the TestClient
takes one: its routes answer with none of an application's additions. The app built around it has no docs
pages and no exception handlers, so what a route raises (an HTTPException, a validation error) reaches the
test as it does from Starlette's Router, where nothing catches it; the router's own misses are Starlette's
plain-text 404 and 405 of a router without an app."""
from __future__ import annotations

from typing import Any

from ..applications import FastAPI
from ..exceptions import StarletteHTTPException
from ..requests import Request
from ..responses import PlainTextResponse
from ..routing import APIRouter


def app_for(target: Any) -> Any:
    """The app a TestClient of ``target`` serves: ``target``, or the one app around a bare router (kept on the
    router, so its clients share one server and see routes added to the router later)."""
    if not isinstance(target, APIRouter):
        return target
    app = getattr(target, "_tachyon_test_app", None)
    if app is None:
        app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
        app.router = target
        app.exception_handlers.clear()
        app.exception_handlers[404] = app.exception_handlers[405] = _router_miss
        target._tachyon_test_app = app
    return app


def _router_miss(request: Request, exc: StarletteHTTPException) -> PlainTextResponse:
    if not getattr(exc, "tachyon_router_miss", False):
        raise exc   # a route's own 404 or 405: nothing handles it, as in Starlette's Router
    text = "Not Found" if exc.status_code == 404 else "Method Not Allowed"
    return PlainTextResponse(text, status_code=exc.status_code, headers=exc.headers)
