"""``starlette.authentication``: the user and credential classes, and the ``requires`` decorator.

Apps use these classes without Starlette's AuthenticationMiddleware too (a dependency raising
``AuthenticationError``, a ``SimpleUser`` stored on ``request.state``). ``requires`` reads ``request.auth``, which
that middleware sets: Tachyon does not run middleware yet, so there it raises the AssertionError that says so,
unless the app put ``scope["auth"]`` there itself.
"""
from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlencode

from ..exceptions import StarletteHTTPException as HTTPException
from ..requests import HTTPConnection, Request
from ..responses import RedirectResponse
from ..websockets import WebSocket
from .utils import is_async_callable

__all__ = ["AuthCredentials", "AuthenticationBackend", "AuthenticationError", "BaseUser", "SimpleUser",
           "UnauthenticatedUser", "has_required_scope", "requires"]


def has_required_scope(conn: HTTPConnection, scopes: Sequence[str]) -> bool:
    return all(scope in conn.auth.scopes for scope in scopes)


def requires(scopes: str | Sequence[str], status_code: int = 403,
             redirect: str | None = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Refuses a request whose credentials lack one of ``scopes``: ``HTTPException(status_code)``, or a 303 to the
    route named ``redirect`` with ``?next=`` the request's URL. The function must have a ``request`` (or
    ``websocket``) parameter, found by name as Starlette does."""
    required = [scopes] if isinstance(scopes, str) else list(scopes)

    def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
        names = list(inspect.signature(func).parameters)
        kind = next((name for name in names if name in ("request", "websocket")), None)
        if kind is None:
            raise Exception(f'No "request" or "websocket" argument on function "{func}"')
        index = names.index(kind)

        def connection(args: tuple, kwargs: dict[str, Any]) -> Any:
            conn = kwargs.get(kind, args[index] if index < len(args) else None)
            expected = WebSocket if kind == "websocket" else Request
            assert isinstance(conn, expected), (f"Parameter with name '{kind}' is required to be of type "
                                                f"'{expected.__name__}' not '{type(conn).__name__}'")
            return conn

        def refusal(request: Request) -> RedirectResponse:
            if redirect is None:
                raise HTTPException(status_code=status_code)
            query = urlencode({"next": str(request.url)})
            return RedirectResponse(url=f"{request.url_for(redirect)}?{query}", status_code=303)

        if kind == "websocket":
            @functools.wraps(func)
            async def websocket_wrapper(*args: Any, **kwargs: Any) -> None:
                websocket = connection(args, kwargs)
                if has_required_scope(websocket, required):
                    await func(*args, **kwargs)
                else:
                    await websocket.close()

            return websocket_wrapper

        if is_async_callable(func):
            @functools.wraps(func)
            async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
                request = connection(args, kwargs)
                if not has_required_scope(request, required):
                    return refusal(request)
                return await func(*args, **kwargs)

            return async_wrapper

        @functools.wraps(func)
        def sync_wrapper(*args: Any, **kwargs: Any) -> Any:
            request = connection(args, kwargs)
            if not has_required_scope(request, required):
                return refusal(request)
            return func(*args, **kwargs)

        return sync_wrapper

    return decorator


class AuthenticationError(Exception):
    pass


class AuthenticationBackend:
    """What Starlette's AuthenticationMiddleware asks for a request's credentials and user (None: anonymous)."""

    async def authenticate(self, conn: HTTPConnection) -> tuple[AuthCredentials, BaseUser] | None:
        raise NotImplementedError("an authentication backend implements authenticate()")


class AuthCredentials:
    def __init__(self, scopes: Sequence[str] | None = None) -> None:
        self.scopes = [] if scopes is None else list(scopes)


class BaseUser:
    """The user interface; subclasses give these three."""

    @property
    def is_authenticated(self) -> bool:
        raise NotImplementedError("a user class implements is_authenticated")

    @property
    def display_name(self) -> str:
        raise NotImplementedError("a user class implements display_name")

    @property
    def identity(self) -> str:
        raise NotImplementedError("a user class implements identity")


class SimpleUser(BaseUser):
    def __init__(self, username: str) -> None:
        self.username = username

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def display_name(self) -> str:
        return self.username

    @property
    def identity(self) -> str:
        return self.username


class UnauthenticatedUser(BaseUser):
    @property
    def is_authenticated(self) -> bool:
        return False

    @property
    def display_name(self) -> str:
        return ""

    @property
    def identity(self) -> str:
        return ""
