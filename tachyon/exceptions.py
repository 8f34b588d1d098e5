"""Exceptions a handler raises or an app handles, with FastAPI's (and Starlette's) shapes."""
from __future__ import annotations

import http.client
from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

from ._starlette.finder import from_real_starlette


# With Starlette installed, code that catches (or registers a handler for) Starlette's exceptions must see
# Tachyon's too, as it sees FastAPI's. Without it, these are what starlette.exceptions gives (_starlette/).
_StarletteHTTPException = from_real_starlette("starlette.exceptions", "HTTPException")
_StarletteWebSocketException = from_real_starlette("starlette.exceptions", "WebSocketException")
if _StarletteHTTPException is not None and _StarletteWebSocketException is not None:
    StarletteHTTPException = _StarletteHTTPException
    StarletteWebSocketException = _StarletteWebSocketException
else:
    class StarletteHTTPException(Exception):  # type: ignore[no-redef]
        """Starlette's HTTPException, for apps without Starlette: status code, detail, headers."""

        def __init__(self, status_code: int, detail: str | None = None, headers: Mapping[str, str] | None = None) -> None:
            if detail is None:   # Starlette 1.x: a code without a standard phrase gets "" rather than a ValueError
                detail = http.client.responses.get(status_code, "")
            self.status_code = status_code
            self.detail = detail
            self.headers = headers

        def __str__(self) -> str:
            return f"{self.status_code}: {self.detail}"

        def __repr__(self) -> str:
            return f"{self.__class__.__name__}(status_code={self.status_code!r}, detail={self.detail!r})"

    class StarletteWebSocketException(Exception):  # type: ignore[no-redef]
        """Starlette's WebSocketException, for apps without Starlette: a close code and reason."""

        def __init__(self, code: int, reason: str | None = None) -> None:
            self.code = code
            self.reason = reason or ""

        def __str__(self) -> str:
            return f"{self.code}: {self.reason}"

        def __repr__(self) -> str:
            return f"{self.__class__.__name__}(code={self.code!r}, reason={self.reason!r})"

    # Named as Starlette's: error envelopes report type(exc).__name__ (the router's own 404/405 raise this one).
    StarletteHTTPException.__name__ = StarletteHTTPException.__qualname__ = "HTTPException"
    StarletteWebSocketException.__name__ = StarletteWebSocketException.__qualname__ = "WebSocketException"


class HTTPException(StarletteHTTPException):
    """Answer with ``status_code`` and ``{"detail": detail}`` (any JSON-able value); ``headers`` are added
    to the response."""

    def __init__(self, status_code: int, detail: Any = None, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(status_code=status_code, detail=detail, headers=headers)


class WebSocketException(StarletteWebSocketException):
    """Closes a WebSocket with ``code`` and ``reason`` (WebSocket routes are not served yet)."""

    def __init__(self, code: int, reason: str | None = None) -> None:
        super().__init__(code=code, reason=reason)


class FastAPIError(RuntimeError):
    """A usage error in the app's declarations, found when it is defined (FastAPI's class of that name)."""


class PydanticV1NotSupportedError(FastAPIError):
    """A ``pydantic.v1`` model where FastAPI 0.143 takes only pydantic 2 ones (a parameter, a response model, a value
    to encode)."""


class DependencyScopeError(FastAPIError):
    """A ``yield`` dependency closed after the response depends on one closed before it (``scope="function"``)."""


class FastAPIDeprecationWarning(UserWarning):
    """FastAPI's deprecation warning (``regex=``, ``example=``, ``ORJSONResponse``...): a UserWarning, so
    Python shows it by default, which it does not for DeprecationWarning outside ``__main__``."""


class StarletteDeprecationWarning(UserWarning):
    """Starlette's deprecation warning (``TestClient(...).get(url, timeout=...)``): a UserWarning, shown by default."""


class EndpointContext(TypedDict, total=False):
    """Where a validation error happened: the endpoint's function, source file and line, and its "METHOD /path"."""

    function: str
    path: str
    file: str
    line: int


class ValidationException(Exception):
    def __init__(self, errors: Sequence[Any], *, endpoint_ctx: EndpointContext | None = None) -> None:
        self._errors = errors
        self.endpoint_ctx = endpoint_ctx

    def errors(self) -> Sequence[Any]:
        return self._errors

    endpoint_function = property(lambda self: (self.endpoint_ctx or {}).get("function"))
    endpoint_path = property(lambda self: (self.endpoint_ctx or {}).get("path"))
    endpoint_file = property(lambda self: (self.endpoint_ctx or {}).get("file"))
    endpoint_line = property(lambda self: (self.endpoint_ctx or {}).get("line"))

    def __str__(self) -> str:
        """As FastAPI's: the errors, one per line, then where the endpoint is (a traceback-style line when the
        source is known, else the path)."""
        count = len(self._errors)
        message = f"{count} validation error{'s' if count != 1 else ''}:\n" + "".join(f"  {err}\n" for err in self._errors)
        if self.endpoint_file and self.endpoint_line and self.endpoint_function:   # after a blank line
            message += f'\n  File "{self.endpoint_file}", line {self.endpoint_line}, in {self.endpoint_function}'
            if self.endpoint_path:
                message += f"\n    {self.endpoint_path}"
        elif self.endpoint_path:
            message += f"\n  Endpoint: {self.endpoint_path}"
        return message.rstrip()


class RequestValidationError(ValidationException):
    """The request did not validate; FastAPI answers 422 with ``{"detail": errors}``."""

    def __init__(self, errors: Sequence[Any], *, body: Any = None, endpoint_ctx: EndpointContext | None = None) -> None:
        super().__init__(errors, endpoint_ctx=endpoint_ctx)
        self.body = body


class WebSocketRequestValidationError(ValidationException):
    """A WebSocket's parameters did not validate (FastAPI closes it with 1008). Tachyon does not serve WebSockets
    yet; the class exists for the apps and handlers that name it."""

    def __init__(self, errors: Sequence[Any], *, endpoint_ctx: EndpointContext | None = None) -> None:
        super().__init__(errors, endpoint_ctx=endpoint_ctx)


class ResponseValidationError(ValidationException):
    """The handler's return value did not match its response model: a server error (500)."""

    def __init__(self, errors: Sequence[Any], *, body: Any = None, endpoint_ctx: EndpointContext | None = None) -> None:
        super().__init__(errors, endpoint_ctx=endpoint_ctx)
        self.body = body
