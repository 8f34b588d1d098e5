"""The application: FastAPI's ``FastAPI`` class, served by the in-process C# engine."""
from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from typing import Any

from .exception_handlers import http_exception_handler, request_validation_exception_handler
from .exceptions import HTTPException, RequestValidationError
from .responses import PlainTextResponse, Response
from .routing import APIRoute, APIRouter


class FastAPI:
    def __init__(self, *, debug: bool = False, title: str = "FastAPI", version: str = "0.1.0",
                 description: str = "", redirect_slashes: bool = True,
                 max_pending_requests: int = 4096, **_metadata: Any) -> None:
        self.debug = debug
        self.title = title
        self.version = version
        self.description = description
        self.router = APIRouter(redirect_slashes=redirect_slashes)
        self.max_pending_requests = max_pending_requests
        self.exception_handlers: dict[Any, Callable[..., Any]] = {
            HTTPException: http_exception_handler,
            RequestValidationError: request_validation_exception_handler,
        }
        self._server = None
        self._capture_unhandled = False
        self._captured: list[BaseException] = []

    # -- path operations ------------------------------------------------------------------------

    @property
    def routes(self) -> list[APIRoute]:
        return self.router.routes

    def add_api_route(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        self._check_open()
        self.router.add_api_route(path, endpoint, **kwargs)

    def api_route(self, path: str, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
            self.add_api_route(path, func, **kwargs)
            return func
        return decorator

    def _method(self, method: str, path: str, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        return self.api_route(path, methods=[method], **kwargs)

    def get(self, path: str, **kwargs: Any): return self._method("GET", path, **kwargs)
    def post(self, path: str, **kwargs: Any): return self._method("POST", path, **kwargs)
    def put(self, path: str, **kwargs: Any): return self._method("PUT", path, **kwargs)
    def patch(self, path: str, **kwargs: Any): return self._method("PATCH", path, **kwargs)
    def delete(self, path: str, **kwargs: Any): return self._method("DELETE", path, **kwargs)
    def options(self, path: str, **kwargs: Any): return self._method("OPTIONS", path, **kwargs)
    def head(self, path: str, **kwargs: Any): return self._method("HEAD", path, **kwargs)
    def trace(self, path: str, **kwargs: Any): return self._method("TRACE", path, **kwargs)

    def _check_open(self) -> None:
        if self._server is not None:
            raise RuntimeError("routes must be added before the app starts serving")

    # -- errors -----------------------------------------------------------------------------------

    def handle_exception(self, exc: BaseException) -> Response:
        """Called by the engine (on a lane) for any exception a request raised: the matching handler's
        response, or FastAPI's 500 with the traceback on stderr."""
        for cls in type(exc).__mro__:
            handler = self.exception_handlers.get(cls)
            if handler is not None:
                return _run_sync(handler(None, exc))
        if self._capture_unhandled:
            self._captured.append(exc)
        else:
            print("Exception in Tachyon application", file=sys.stderr)
            traceback.print_exception(exc)
        return PlainTextResponse("Internal Server Error", status_code=500)

    def capture_unhandled_exceptions(self) -> None:
        """For TestClient(raise_server_exceptions=True): keep unhandled exceptions to re-raise in the test."""
        self._capture_unhandled = True

    def raise_captured_exception(self) -> None:
        if self._captured:
            exc = self._captured.pop(0)
            self._captured.clear()
            raise exc

    # -- serving ----------------------------------------------------------------------------------

    def start(self, host: str = "127.0.0.1", port: int = 8000):
        """Starts serving on the engine (in this process, in the background); returns the server handle,
        whose ``port`` is the bound port (useful with ``port=0``)."""
        from ._boundary.engine import get_engine
        from ._boundary.plans import compile_route

        if self._server is not None:
            return self._server
        engine = get_engine()
        server = engine.create_server({
            "max_pending": self.max_pending_requests,
            "redirect_slashes": self.router.redirect_slashes,
        })
        for route in self.routes:
            plan, objects = compile_route(route, self.handle_exception)
            server.add_route(plan, objects)
        server.start(host, port)
        self._server = server
        return server

    def stop(self, timeout: float = 10.0) -> None:
        if self._server is not None:
            self._server.stop(timeout)
            self._server = None


def _run_sync(result: Any) -> Any:
    """Exception handlers are ``async def`` in FastAPI but return without awaiting I/O: step them once."""
    if not hasattr(result, "send"):
        return result
    try:
        result.send(None)
    except StopIteration as done:
        return done.value
    result.close()
    raise RuntimeError("an exception handler awaited I/O; Tachyon runs exception handlers without suspending")
