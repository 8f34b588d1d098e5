"""Path operations: ``APIRoute`` (one handler at one path) and ``APIRouter`` (the decorators that make them)."""
from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from typing import Any, get_type_hints

from ._endpoint.binder import Binder
from ._endpoint.rendering import ResponseModelOptions, make_renderer
from ._endpoint.signature import analyze
from .responses import Response

_NO_BODY_STATUS = {204, 304}


class _Default:
    """Marks an option the user did not pass (so the return annotation may decide the response model)."""

    def __init__(self, value: Any) -> None:
        self.value = value


def _is_async(endpoint: Callable[..., Any]) -> bool:
    if inspect.iscoroutinefunction(endpoint):
        return True
    call = getattr(endpoint, "__call__", None)
    return inspect.iscoroutinefunction(call)


def _return_annotation(endpoint: Callable[..., Any]) -> Any:
    try:
        return get_type_hints(endpoint).get("return", inspect.Signature.empty)
    except Exception:
        return inspect.signature(endpoint).return_annotation


class APIRoute:
    def __init__(self, path: str, endpoint: Callable[..., Any], *, methods: Sequence[str] | None = None,
                 status_code: int | None = None, response_model: Any = _Default(None), name: str | None = None,
                 response_model_include: Any = None, response_model_exclude: Any = None,
                 response_model_by_alias: bool = True, response_model_exclude_unset: bool = False,
                 response_model_exclude_defaults: bool = False, response_model_exclude_none: bool = False,
                 **_openapi: Any) -> None:
        if not path.startswith("/"):
            raise AssertionError("A path must start with '/'")
        self.path = path
        self.endpoint = endpoint
        self.name = name or getattr(endpoint, "__name__", type(endpoint).__name__)
        self.methods = {m.upper() for m in (methods or ["GET"])}
        if "GET" in self.methods:
            self.methods.add("HEAD")  # as Starlette does
        self.status_code = status_code
        self.is_async = _is_async(endpoint)
        self.signature = analyze(endpoint, path)
        self.binder = Binder(self.signature)
        self.response_model = self._response_model(response_model)
        options = ResponseModelOptions(
            include=response_model_include, exclude=response_model_exclude, by_alias=response_model_by_alias,
            exclude_unset=response_model_exclude_unset, exclude_defaults=response_model_exclude_defaults,
            exclude_none=response_model_exclude_none,
        )
        self.render = self._renderer(options)

    def _response_model(self, response_model: Any) -> Any:
        if not isinstance(response_model, _Default):
            return response_model
        annotation = _return_annotation(self.endpoint)
        if annotation is inspect.Signature.empty or annotation is None:
            return None
        if inspect.isclass(annotation) and issubclass(annotation, Response):
            return None
        return annotation

    def _renderer(self, options: ResponseModelOptions) -> Callable[[Any], Any] | None:
        status = self.status_code or 200
        if status < 200 or status in _NO_BODY_STATUS:
            def empty(value: Any) -> Response:
                return value if isinstance(value, Response) else Response(status_code=status, media_type="application/json")
            return empty
        if self.response_model is None:
            return None
        return make_renderer(self.response_model, options)

    def __repr__(self) -> str:
        return f"APIRoute(path={self.path!r}, name={self.name!r}, methods={sorted(self.methods)!r})"


class APIRouter:
    def __init__(self, *, prefix: str = "", redirect_slashes: bool = True) -> None:
        if prefix and (not prefix.startswith("/") or prefix.endswith("/")):
            raise AssertionError("A path prefix must start with '/' and must not end with '/'")
        self.prefix = prefix
        self.redirect_slashes = redirect_slashes
        self.routes: list[APIRoute] = []

    def add_api_route(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        self.routes.append(APIRoute(self.prefix + path, endpoint, **kwargs))

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
