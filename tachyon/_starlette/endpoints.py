"""``starlette.endpoints``: class-based views. An ``HTTPEndpoint`` subclass is an ASGI app, added with
``app.add_route(path, Homepage)``: each request makes an instance, which calls the method named after the request's
method (``get`` also answers HEAD), a sync one in the thread pool. Inside an app, a method it lacks is the app's 405
(its exception handlers answer, with ``Allow``), as in Starlette. ``WebSocketEndpoint`` exists for code that imports
it; Tachyon does not serve WebSockets yet."""
from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any

from ..concurrency import run_in_threadpool
from ..exceptions import StarletteHTTPException
from ..requests import Request
from ..responses import PlainTextResponse, Response
from ..websockets import NO_WEBSOCKETS
from .utils import is_async_callable

_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "QUERY")


class HTTPEndpoint:
    def __init__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        assert scope["type"] == "http"
        self.scope = scope
        self.receive = receive
        self.send = send
        self._allowed_methods = [method for method in _METHODS if getattr(self, method.lower(), None) is not None
                                 or (method == "HEAD" and getattr(self, "get", None) is not None)]

    def __await__(self) -> Generator[Any, None, None]:
        return self.dispatch().__await__()

    async def dispatch(self) -> None:
        request = Request(self.scope, receive=self.receive)
        method = request.method
        name = "get" if method == "HEAD" and not hasattr(self, "head") else method.lower()
        handler: Callable[[Request], Any] = (getattr(self, name) if method in self._allowed_methods
                                             else self.method_not_allowed)
        if is_async_callable(handler):
            response = await handler(request)
        else:
            response = await run_in_threadpool(handler, request)
        await response(self.scope, self.receive, self.send)

    async def method_not_allowed(self, request: Request) -> Response:
        headers = {"Allow": ", ".join(self._allowed_methods)}
        if "app" in self.scope:   # inside an app: its exception handlers answer
            raise StarletteHTTPException(status_code=405, headers=headers)
        return PlainTextResponse("Method Not Allowed", status_code=405, headers=headers)


class WebSocketEndpoint:
    encoding: str | None = None

    def __init__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        raise NotImplementedError(NO_WEBSOCKETS)
