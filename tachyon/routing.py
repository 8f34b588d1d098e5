"""Path operations: ``APIRoute`` (one handler at one path) and ``APIRouter`` (the decorators that make them)."""
from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from typing import Any, get_type_hints

from . import params
from ._endpoint import solver
from ._endpoint.binder import Binder
from ._endpoint.rendering import ResponseModelOptions, make_renderer
from ._endpoint.signature import analyze
from ._endpoint.specials import RequestContext, make_finish
from .responses import JSONResponse, Response

_NO_BODY_STATUS = {204, 304}


class _Default:
    """Marks an option the user did not pass (so the return annotation may decide the response model)."""

    def __init__(self, value: Any) -> None:
        self.value = value


def _docstring(endpoint: Callable[..., Any]) -> str:
    """FastAPI's description: the docstring, cleaned, cut at a form feed."""
    doc = inspect.getdoc(endpoint) if inspect.isfunction(endpoint) or inspect.ismethod(endpoint) else None
    return (doc or "").split("\f")[0].strip()


def _return_annotation(endpoint: Callable[..., Any]) -> Any:
    try:
        return get_type_hints(endpoint).get("return", inspect.Signature.empty)
    except Exception:
        return inspect.signature(endpoint).return_annotation


class APIRoute:
    def __init__(self, path: str, endpoint: Callable[..., Any], *, methods: Sequence[str] | None = None,
                 status_code: int | None = None, response_model: Any = _Default(None), name: str | None = None,
                 dependencies: Sequence[params.Depends] | None = None, tags: list[str] | None = None,
                 response_class: type[Response] = JSONResponse, summary: str | None = None,
                 description: str | None = None, response_description: str = "Successful Response",
                 responses: dict[int | str, dict[str, Any]] | None = None, deprecated: bool | None = None,
                 operation_id: str | None = None, include_in_schema: bool = True,
                 openapi_extra: dict[str, Any] | None = None, callbacks: list[Any] | None = None,
                 generate_unique_id_function: Callable[[APIRoute], str] | None = None,
                 response_model_include: Any = None, response_model_exclude: Any = None,
                 response_model_by_alias: bool = True, response_model_exclude_unset: bool = False,
                 response_model_exclude_defaults: bool = False, response_model_exclude_none: bool = False) -> None:
        if not path.startswith("/"):
            raise AssertionError("A path must start with '/'")
        self.path = path
        self.endpoint = endpoint
        self.name = name or getattr(endpoint, "__name__", type(endpoint).__name__)
        self.methods = {m.upper() for m in (methods or ["GET"])}  # FastAPI adds no HEAD to GET routes
        self.status_code = status_code
        self.dependencies = list(dependencies or [])
        self.tags = list(tags or [])
        self.response_class = response_class
        self.summary = summary
        self.description = description if description is not None else _docstring(endpoint)
        self.response_description = response_description
        self.responses = dict(responses or {})
        self.deprecated = deprecated
        self.operation_id = operation_id
        self.include_in_schema = include_in_schema
        self.openapi_extra = openapi_extra
        self.callbacks = callbacks
        self.generate_unique_id_function = generate_unique_id_function
        from .openapi.utils import generate_unique_id

        self.unique_id = self.operation_id or (generate_unique_id_function or generate_unique_id)(self)
        self.response_model = self._response_model(response_model)
        options = ResponseModelOptions(
            include=response_model_include, exclude=response_model_exclude, by_alias=response_model_by_alias,
            exclude_unset=response_model_exclude_unset, exclude_defaults=response_model_exclude_defaults,
            exclude_none=response_model_exclude_none,
        )
        self.render = self._renderer(options)
        self.options = {
            "response_model_include": response_model_include, "response_model_exclude": response_model_exclude,
            "response_model_by_alias": response_model_by_alias,
            "response_model_exclude_unset": response_model_exclude_unset,
            "response_model_exclude_defaults": response_model_exclude_defaults,
            "response_model_exclude_none": response_model_exclude_none,
        }
        self.compile({}, None)

    def compile(self, overrides: dict[Any, Any], app: Any) -> None:
        """(Re)builds the dependency plan: at registration, and when the app's dependency_overrides change."""
        self.signature = analyze(self.endpoint, self.path, self.dependencies, overrides)
        self.binder = Binder(self.signature)
        finish = make_finish(self.render, self.status_code or 200, self.response_class)
        self.solver = solver.build(self.signature, lambda raw: RequestContext(raw, app), finish)
        self.is_async = solver.is_async(self.signature)

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


class PathOperationDecorators:
    """``@x.get(path)``, ``@x.post(path)``…: shared by APIRouter and the app; each defines ``add_api_route``."""

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


class APIRouter(PathOperationDecorators):
    """Groups path operations under a prefix, with shared tags, dependencies and options."""

    def __init__(self, *, prefix: str = "", tags: list[str] | None = None,
                 dependencies: Sequence[params.Depends] | None = None, default_response_class: type[Response] = JSONResponse,
                 responses: dict | None = None, deprecated: bool | None = None, include_in_schema: bool = True,
                 redirect_slashes: bool = True, **_: Any) -> None:
        if prefix and (not prefix.startswith("/") or prefix.endswith("/")):
            raise AssertionError("A path prefix must start with '/' and must not end with '/'")
        self.prefix = prefix
        self.tags = list(tags or [])
        self.dependencies = list(dependencies or [])
        self.default_response_class = default_response_class
        self.responses = dict(responses or {})
        self.deprecated = deprecated
        self.include_in_schema = include_in_schema
        self.redirect_slashes = redirect_slashes
        self.routes: list[APIRoute] = []

    def add_api_route(self, path: str, endpoint: Callable[..., Any], *, dependencies: Sequence[params.Depends] | None = None,
                      tags: list[str] | None = None, response_class: type[Response] | None = None,
                      responses: dict | None = None, deprecated: bool | None = None, include_in_schema: bool = True,
                      **kwargs: Any) -> None:
        route = APIRoute(
            self.prefix + path, endpoint, dependencies=[*self.dependencies, *(dependencies or [])],
            tags=[*self.tags, *(tags or [])], response_class=response_class or self.default_response_class,
            responses={**self.responses, **(responses or {})}, deprecated=deprecated or self.deprecated,
            include_in_schema=include_in_schema and self.include_in_schema, **kwargs,
        )
        self.routes.append(route)

    def include_router(self, router: APIRouter, *, prefix: str = "", tags: list[str] | None = None,
                       dependencies: Sequence[params.Depends] | None = None, responses: dict | None = None,
                       deprecated: bool | None = None, include_in_schema: bool = True, **_: Any) -> None:
        """Adds ``router``'s routes under ``prefix``, with extra tags and dependencies (outermost first)."""
        if prefix and (not prefix.startswith("/") or prefix.endswith("/")):
            raise AssertionError("A path prefix must start with '/' and must not end with '/'")
        for route in router.routes:
            self.routes.append(APIRoute(
                self.prefix + prefix + route.path, route.endpoint, methods=route.methods - {"HEAD"} or route.methods,
                status_code=route.status_code, response_model=route.response_model, name=route.name,
                dependencies=[*self.dependencies, *(dependencies or []), *route.dependencies],
                tags=[*self.tags, *(tags or []), *route.tags], response_class=route.response_class,
                summary=route.summary, description=route.description, response_description=route.response_description,
                responses={**self.responses, **(responses or {}), **route.responses},
                deprecated=route.deprecated or deprecated or self.deprecated,
                operation_id=route.operation_id,
                include_in_schema=route.include_in_schema and include_in_schema and self.include_in_schema,
                openapi_extra=route.openapi_extra, callbacks=route.callbacks,
                generate_unique_id_function=route.generate_unique_id_function, **route.options,
            ))
