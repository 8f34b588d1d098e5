"""Path operations: ``APIRoute`` (one handler at one path) and ``APIRouter`` (the decorators that make them)."""
from __future__ import annotations

import enum
import inspect
import re
import warnings
import weakref
from collections.abc import Callable, Coroutine, Sequence
from functools import cached_property, partial
from typing import Any, ForwardRef

from typing_extensions import Unpack

from . import params
from ._endpoint import solver
from ._request_handler import (endpoint_location, get_request_handler, run_endpoint_function,  # noqa: F401
                               serialize_response)  # (FastAPI's names: extensions import them from here)
from ._path_operation_options import PathOperationOptions, RouteOptions, all_options, name_options
from ._endpoint.annotations import resolve_lenient
from ._endpoint.asgi_response import asgi_app_response
from ._endpoint.binder import Binder
from ._endpoint.fields import field_adapter
from ._endpoint.rendering import ResponseModelOptions, make_renderer
from ._endpoint.signature import analyze
from ._endpoint.specials import RequestContext, make_finish
from ._compat import ModelField
from ._starlette.finder import from_real_starlette
from ._starlette.utils import is_async_callable
from .concurrency import run_in_threadpool
from .convertors import CONVERTOR_TYPES, Convertor, PathConvertor, StringConvertor
from .dependencies.models import Dependant, depends_of, describe, route_level_dependants
from .dependencies.utils import _should_embed_body_fields, get_body_field, get_flat_dependant
from .dependencies.utils import get_dependant, get_typed_return_annotation, solve_dependencies  # noqa: F401  (fastapi.routing has them too)
from .datastructures import Default, DefaultPlaceholder, URLPath, get_value_or_default
from .encoders import jsonable_encoder
from .exceptions import EndpointContext, FastAPIError, StarletteHTTPException
from .lifespan import DefaultLifespan, lifespan_context, merge_lifespans
from .requests import Request
from .responses import JSONResponse, PlainTextResponse, Response
from .types import DecoratedCallable
from .websockets import NO_WEBSOCKETS
from .utils import create_model_field, generate_unique_id, is_body_allowed_for_status_code

# Starlette's and FastAPI's private names for a router's default lifespan and for nesting one lifespan in
# another, which libraries import (fastapi-jsonrpc wraps the app's lifespan with the first; tortoise-orm's
# register_tortoise and fastapi-tasks add theirs to the app's with the second).
_DefaultLifespan = DefaultLifespan
_merge_lifespan_context = merge_lifespans

_StarletteNoMatchFound = from_real_starlette("starlette.routing", "NoMatchFound")
if _StarletteNoMatchFound is not None:
    NoMatchFound = _StarletteNoMatchFound  # code catching Starlette's must catch ours, as with FastAPI
else:
    class NoMatchFound(Exception):  # type: ignore[no-redef]
        """``url_path_for`` found no route of that name taking exactly those path parameters."""

        def __init__(self, name: str, path_params: dict[str, Any]) -> None:
            params = ", ".join(list(path_params.keys()))
            super().__init__(f'No route exists for name "{name}" and params "{params}".')


def _actual(value: Any) -> Any:
    return value.value if isinstance(value, DefaultPlaceholder) else value


def _description(description: str | None, endpoint: Callable[..., Any]) -> str:
    """FastAPI's: the one given or, when that is empty, the endpoint's own ``__doc__`` cleaned (a callable
    instance's is its class's), cut at a form feed."""
    return (description or inspect.cleandoc(getattr(endpoint, "__doc__", None) or "")).split("\f")[0].strip()


def _return_annotation(endpoint: Callable[..., Any]) -> Any:
    """As FastAPI's ``get_typed_return_annotation``: the signature's, so a ``__signature__`` set on a wrapper
    counts (class-based-view libraries wrap each method so), a string evaluated in the module of what it wraps;
    one that names something not defined there is kept as the string."""
    try:
        annotation = inspect.signature(endpoint, eval_str=True).return_annotation
    except NameError:
        annotation = inspect.signature(endpoint).return_annotation
    if isinstance(annotation, str):   # a wrapper's ``__signature__`` skips eval_str: its text is evaluated here
        resolved = resolve_lenient(annotation, getattr(inspect.unwrap(endpoint), "__globals__", {}))
        return annotation if isinstance(resolved, ForwardRef) else resolved
    return annotation


_RESPONSE_MODEL_OPTIONS = ("response_model_include", "response_model_exclude", "response_model_by_alias",
                           "response_model_exclude_unset", "response_model_exclude_defaults", "response_model_exclude_none")


def _accepts_keyword(cls: type, name: str) -> bool:
    parameters = inspect.signature(cls).parameters.values()
    return any(p.name == name or p.kind is p.VAR_KEYWORD for p in parameters)


_PARAM = re.compile(r"{([a-zA-Z_][a-zA-Z0-9_]*)(:[a-zA-Z_][a-zA-Z0-9_]*)?}")


def compile_path(path: str) -> tuple[re.Pattern[str], str, dict[str, Convertor]]:
    """Starlette's: "/items/{id:int}" -> (its regex, "/items/{id}", {"id": IntegerConvertor}). Raises on an unknown
    convertor or a parameter named twice, when the route is declared."""
    regex, path_format, convertors, duplicated, end = "^", "", {}, set(), 0
    for match in _PARAM.finditer(path):
        name, kind = match.group(1), (match.group(2) or ":str")[1:]
        if kind not in CONVERTOR_TYPES:
            raise AssertionError(f"Unknown path convertor '{kind}'")
        if name in convertors:
            duplicated.add(name)
        convertors[name] = CONVERTOR_TYPES[kind]
        regex += re.escape(path[end:match.start()]) + f"(?P<{name}>{convertors[name].regex})"
        path_format += path[end:match.start()] + "{" + name + "}"
        end = match.end()
    if duplicated:
        names = ", ".join(sorted(duplicated))
        ending = "s" if len(duplicated) > 1 else ""
        raise ValueError(f"Duplicated param name{ending} {names} at path {path}")
    return re.compile(regex + re.escape(path[end:]) + "$"), path_format + path[end:], convertors


class Match(enum.Enum):
    """How a route matches a request's scope (Starlette's): not, by path only (another method), or fully."""
    NONE = 0
    PARTIAL = 1
    FULL = 2


ANY_METHOD = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE")   # what the engine serves for None


def _is_function(endpoint: Any) -> bool:
    while isinstance(endpoint, partial):
        endpoint = endpoint.func
    return inspect.isfunction(endpoint) or inspect.ismethod(endpoint)


class BaseRoute:
    """Starlette's base of every route: code that walks ``app.routes`` tells routes apart with isinstance
    (a path operation is an APIRoute, which is a Route; a sub-application is a Mount)."""


class Route(BaseRoute):
    """Starlette's plain route (``app.add_route(path, endpoint)``, ``@app.route(path)``; Prometheus exporters
    serve /metrics this way, FastAPI its /openapi.json and docs pages): the endpoint takes the Request and
    returns a Response. It is no path operation: no parameters, dependencies or response model, and FastAPI's
    OpenAPI document never lists it (``include_in_schema`` is kept for Starlette's own schema generator). A
    GET route also answers HEAD, as Starlette's do. The engine hands its handler the whole request.
    As in Starlette, an endpoint that is no function or method (behind any ``functools.partial``) is an ASGI app
    (``app.add_route("/graphql", GraphQL(schema))``), called with the request's scope, and takes every method
    unless ``methods`` says otherwise."""

    serves_through_handler = True

    def __init__(self, path: str, endpoint: Callable[..., Any], *, methods: Sequence[str] | None = None,
                 name: str | None = None, include_in_schema: bool = True) -> None:
        assert path.startswith("/"), "Routed paths must start with '/'"   # Starlette's (FastAPI's docs URLs too)
        self.path = path
        self.path_regex, self.path_format, self.param_convertors = compile_path(path)
        self.endpoint = endpoint
        self.name = get_name(endpoint) if name is None else name
        self.include_in_schema = include_in_schema
        self.declared_methods = list(methods) if methods is not None else None
        self.is_asgi_app = not _is_function(endpoint)
        # None, as Starlette's, for an ASGI app taking every method (it answers each itself)
        self.methods: set[str] | None = None
        if methods is not None or not self.is_asgi_app:
            self.methods = {m.upper() for m in (methods or ["GET"])}
            if "GET" in self.methods:
                self.methods.add("HEAD")

    def get_route_handler(self) -> Callable[[Request], Any]:
        if not self.is_asgi_app:
            return self.endpoint   # the engine runs a plain function in the thread pool
        app = self.endpoint

        async def asgi_endpoint(request: Request) -> Response:
            return await asgi_app_response(app, request.scope, request.receive)
        return asgi_endpoint

    def handler_to_serve(self) -> Callable[[Request], Any]:
        """What the engine serves a route through when it ``serves_through_handler``: the handler of an ``app``
        code assigned to it (``route.app = request_response(handler)``: Starlette's Route.handle awaits
        ``route.app``), else ``get_route_handler()``."""
        return _assigned_handler(self) or self.get_route_handler()

    def matches(self, scope: dict[str, Any]) -> tuple[Match, dict[str, Any]]:
        """Starlette's: whether this route would take a request of ``scope`` (the engine's router decides for
        the requests it serves; code that looks routes up by scope calls this)."""
        if scope.get("type") != "http":
            return Match.NONE, {}
        path = scope["path"]
        root_path = scope.get("root_path", "")
        if root_path and path.startswith(root_path):
            path = path[len(root_path):]
        found = self.path_regex.match(path)
        if found is None:
            return Match.NONE, {}
        path_params = dict(scope.get("path_params", {}))
        path_params.update({key: self.param_convertors[key].convert(value) for key, value in found.groupdict().items()})
        child_scope = {"endpoint": self.endpoint, "path_params": path_params}
        return (Match.PARTIAL if self.methods and scope.get("method") not in self.methods else Match.FULL), child_scope

    @property
    def value_convertors(self) -> dict[str, Convertor]:
        """The path convertors that change a value (``{n:int}``, ``{x:float}``, ``{u:uuid}``): as in Starlette, the
        endpoint and ``request.path_params`` get the converted value, not the text."""
        return {name: c for name, c in self.param_convertors.items() if type(c).convert is not StringConvertor.convert
                and type(c).convert is not PathConvertor.convert}

    def url_path_for(self, name: str, /, **path_params: Any) -> URLPath:
        """This route's path for ``name`` with exactly its parameters, each written by its convertor."""
        if name != self.name or set(path_params) != set(self.param_convertors):
            raise NoMatchFound(name, path_params)
        path = self.path_format
        for key, value in path_params.items():
            path = path.replace("{" + key + "}", self.param_convertors[key].to_string(value))
        return URLPath(path, protocol="http")

    def __repr__(self) -> str:
        return f"{type(self).__name__}(path={self.path!r}, name={self.name!r}, methods={sorted(self.methods or [])!r})"

    def __eq__(self, other: object) -> bool:
        """Starlette's: the same path, endpoint and methods (a route copied by include_router equals its
        original, so ``routes.remove(original)`` takes the copy out). As in Starlette, routes are unhashable."""
        return (isinstance(other, Route) and self.path == other.path and self.endpoint == other.endpoint
                and self.methods == other.methods)

    __hash__ = None  # type: ignore[assignment]


class APIRoute(Route):
    def __init__(self, path: str, endpoint: Callable[..., Any], *, methods: Sequence[str] | None = None,
                 status_code: int | None = None, response_model: Any = Default(None), name: str | None = None,
                 dependencies: Sequence[params.Depends] | None = None, tags: list[str] | None = None,
                 response_class: type[Response] | DefaultPlaceholder = Default(JSONResponse), summary: str | None = None,
                 description: str | None = None, response_description: str = "Successful Response",
                 responses: dict[int | str, dict[str, Any]] | None = None, deprecated: bool | None = None,
                 operation_id: str | None = None, include_in_schema: bool = True,
                 openapi_extra: dict[str, Any] | None = None, callbacks: list[Any] | None = None,
                 generate_unique_id_function: Callable[[APIRoute], str] | DefaultPlaceholder = Default(generate_unique_id),
                 response_model_include: Any = None, response_model_exclude: Any = None,
                 response_model_by_alias: bool = True, response_model_exclude_unset: bool = False,
                 response_model_exclude_defaults: bool = False, response_model_exclude_none: bool = False,
                 strict_content_type: bool | DefaultPlaceholder = Default(True), dependency_overrides_provider: Any = None) -> None:
        assert callable(endpoint), "An endpoint must be a callable"
        if _yields(endpoint):
            raise NotImplementedError(_NO_STREAMING)
        self.path = path
        # As FastAPI's: the app whose dependency_overrides apply to this route (the app it was added to, also
        # through include_router), wherever it is served later; None (a route of a bare router): none apply.
        self.dependency_overrides_provider = dependency_overrides_provider
        # FastAPI 0.132+: a body without a Content-Type header is not read as JSON (unless False).
        self.strict_content_type = strict_content_type
        self.path_regex, self.path_format, self.param_convertors = compile_path(path)  # "{file_path:path}" -> "{file_path}"
        self.endpoint = endpoint
        self.name = get_name(endpoint) if name is None else name
        self.methods = {m.upper() for m in (methods or ["GET"])}  # FastAPI adds no HEAD to GET routes
        self.status_code = status_code
        self.dependencies = list(dependencies or [])
        self._declared_dependencies = list(self.dependencies)
        self.tags = list(tags or [])
        self.response_class = response_class  # may stay a placeholder, so an including router can replace it
        self.summary = summary
        self.description = _description(description, endpoint)
        self.response_description = response_description
        self.responses = dict(responses or {})
        self.deprecated = deprecated
        self.operation_id = operation_id
        self.include_in_schema = include_in_schema
        self.openapi_extra = openapi_extra
        self.callbacks = callbacks
        self.generate_unique_id_function = generate_unique_id_function
        self.unique_id = self.operation_id or _actual(generate_unique_id_function)(self)
        self.response_model = self._response_model(response_model)
        if self.response_model and not is_body_allowed_for_status_code(status_code):
            raise AssertionError(f"Status code {status_code} must not have a response body")   # as FastAPI, at declaration
        self.response_fields = self._response_fields()
        options = ResponseModelOptions(
            include=response_model_include, exclude=response_model_exclude, by_alias=response_model_by_alias,
            exclude_unset=response_model_exclude_unset, exclude_defaults=response_model_exclude_defaults,
            exclude_none=response_model_exclude_none,
        )
        self._endpoint_location: EndpointContext | None = None
        self._served_under = ""
        self.encode_body = self._body_encoder(options)
        self.render_body = self._body_renderer()
        self.render = self._renderer(self.status_code or 200)
        # FastAPI's attributes: libraries copy a route into another with add_api_route(**these).
        self.response_model_include = response_model_include
        self.response_model_exclude = response_model_exclude
        self.response_model_by_alias = response_model_by_alias
        self.response_model_exclude_unset = response_model_exclude_unset
        self.response_model_exclude_defaults = response_model_exclude_defaults
        self.response_model_exclude_none = response_model_exclude_none
        self._readings: dict[int, tuple] = {}   # the signatures read as the route is declared (see analyze)
        self.compile({}, None)
        # (the route-level dependencies edited into the dependant, or None; the tree OpenAPI documents: as
        # declared, not overridden)
        self._declared: tuple[tuple[Dependant, ...] | None, Any] = (None, self.signature)

    @cached_property
    def dependant(self) -> Dependant:
        """FastAPI's description of the endpoint's dependency tree, as declared (``fastapi.dependencies.models``)."""
        described = describe(self.declared_signature.root, self.path, endpoint=True)
        self._described_route_level = route_level_dependants(described)
        return described

    def _edited_route_level(self) -> tuple[Dependant, ...] | None:
        """FastAPI runs a route from its ``dependant``, built once, and documents it from there: code that edits
        ``route.dependant.dependencies`` (inserting a guard made by ``get_parameterless_sub_dependant``) changes
        both. The route-level dependencies the dependant holds then, or None when they were not edited."""
        described = self.__dict__.get("dependant")
        if described is None:
            return None
        now = route_level_dependants(described)
        # A dependant assigned whole (route rewriting: route.dependant = get_dependant(...)) was never described
        # here: its route-level dependencies are all there are, as in FastAPI, which runs what it holds.
        return None if _same_objects(now, self.__dict__.get("_described_route_level")) else now

    def _edited_calls(self) -> dict[Any, Any]:
        """Calls that code replaced in the dependant's tree, declared call -> the one there now (a library
        wrapping each dependency: ``route.dependant.dependencies[0].call = wrapped``). FastAPI calls what the
        tree holds on every request; Tachyon compiles the replacement in, as an override of the route."""
        described = self.__dict__.get("dependant")
        edits: dict[Any, Any] = {}
        pending = list(described.dependencies) if described is not None else []
        while pending:
            node = pending.pop()
            declared = node.__dict__.get("_declared_call", node.call)
            if node.call is not declared:
                edits[declared] = node.call
            pending.extend(node.dependencies)
        return edits

    def dependant_edits(self) -> tuple | None:
        """What identifies the edits of the dependant: its route-level dependencies (see _edited_route_level)
        and replaced calls (see _edited_calls)."""
        edited, calls = self._edited_route_level(), self._edited_calls()
        if edited is None and not calls:
            return None
        return None if edited is None else tuple(map(id, edited)), tuple((id(a), id(b)) for a, b in calls.items())

    @property
    def declared_signature(self) -> Any:
        """The dependency tree as declared, without overrides: what OpenAPI documents."""
        edited = self._edited_route_level()
        key, signature = self._declared
        if not _same_objects(key, edited):
            dependencies = self._declared_dependencies if edited is None else [depends_of(d) for d in edited]
            signature = analyze(self.endpoint, self.path, dependencies, readings=self._readings)
            self._declared = (edited, signature)
        return signature

    @property
    def options(self) -> dict[str, Any]:
        """The response-model options, as add_api_route takes them (include_router passes them on)."""
        return {name: getattr(self, name) for name in _RESPONSE_MODEL_OPTIONS}

    def compile(self, overrides: dict[Any, Any], app: Any) -> None:
        """(Re)builds the dependency plan: at registration, and when the app's dependency_overrides change."""
        edited = self._edited_route_level()
        dependencies = self.dependencies if edited is None else [depends_of(d) for d in edited]
        replaced = self._edited_calls()
        if replaced:   # the app's overrides apply to the call the tree holds now, as in FastAPI
            overrides = {**overrides, **{declared: overrides.get(now, now) for declared, now in replaced.items()}}
        self.signature = analyze(self.endpoint, self.path, dependencies, overrides, self._readings)
        finish = make_finish(self.encode_body, self.status_code, self.actual_response_class)
        context = lambda raw: RequestContext(raw, app, self)  # noqa: E731
        self.solver = solver.build(self.signature, context, finish)
        self.binder = Binder(self.signature, solver.build_partial(self.signature, context),
                             strict_content_type=_actual(self.strict_content_type), endpoint_context=self.endpoint_context,
                             path_convertors=self.value_convertors)
        # A mounted app's includes the mount path (the connection's root path is not known here).
        self._served_under = app.scope_root_path().rstrip("/") if hasattr(app, "scope_root_path") else ""
        self.is_async = solver.is_async(self.signature)
        self.body_is_form = bool(self.signature.form_params)   # FastAPI's is_body_form: it reads the body with form()

    def endpoint_context(self, method: str | None = None) -> EndpointContext:
        """Where the endpoint is, for validation errors' messages as FastAPI's: its function, file and line (read
        from its source the first time an error needs them) and "METHOD /path" (the request's method, else the
        route's first)."""
        if self._endpoint_location is None:
            self._endpoint_location = endpoint_location(self.endpoint)
        return {**self._endpoint_location, "path": f"{method or sorted(self.methods)[0]} {self._served_under}{self.path}"}

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """FastAPI's hook for custom route classes: FastAPI's handler of this route (``get_request_handler``),
        an async function from the Request to the Response that reads everything from the Request it is
        given (scope, ``body()``, ``json()``, ``form()``: what a route class changed counts), then solves the
        dependencies, calls the endpoint and validates its result. A subclass that overrides this to wrap
        or replace that function is served through it (see ``_boundary/plans.py``); other routes run their
        compiled plan, which does the same in the engine, and never call it."""
        handler = get_request_handler(
            dependant=self.dependant, body_field=self.body_field, status_code=self.status_code,
            response_class=self.response_class, response_field=self.secure_cloned_response_field,
            response_model_include=self.response_model_include, response_model_exclude=self.response_model_exclude,
            response_model_by_alias=self.response_model_by_alias,
            response_model_exclude_unset=self.response_model_exclude_unset,
            response_model_exclude_defaults=self.response_model_exclude_defaults,
            response_model_exclude_none=self.response_model_exclude_none,
            dependency_overrides_provider=self.dependency_overrides_provider,
            embed_body_fields=self._embed_body_fields, strict_content_type=self.strict_content_type)
        handler._handles_route = self   # type: ignore[attr-defined]   # see _assigned_handler
        return handler

    @property
    def serves_through_handler(self) -> bool:
        return type(self).get_route_handler is not APIRoute.get_route_handler or _assigned_handler(self) is not None

    @cached_property
    def app(self) -> Callable[..., Coroutine[Any, Any, None]]:
        """FastAPI's ASGI app of the route (see request_response); code may replace it."""
        return request_response(self.get_route_handler())

    @cached_property
    def response_field(self) -> ModelField | None:
        """FastAPI's: the response model as a ModelField, for libraries that validate or serialize through it."""
        if not self.response_model:
            return None
        return create_model_field("Response_" + self.unique_id, self.response_model, mode="serialization")

    @property
    def secure_cloned_response_field(self) -> ModelField | None:
        """FastAPI's name for the response field its handler validates with (with pydantic 2, the field itself)."""
        return self.response_field

    # FastAPI's attributes from which get_route_handler builds its handler (get_request_handler), for route
    # classes that build it themselves: the flattened dependant, whether the body is embedded, the body field.
    @cached_property
    def _flat_dependant(self) -> Dependant:
        return get_flat_dependant(self.dependant)

    @cached_property
    def _embed_body_fields(self) -> bool:
        return _should_embed_body_fields(self._flat_dependant.body_params)

    @cached_property
    def body_field(self) -> ModelField | None:
        return get_body_field(flat_dependant=self._flat_dependant, name=self.unique_id,
                              embed_body_fields=self._embed_body_fields)

    @property
    def actual_response_class(self) -> type[Response]:
        return _actual(self.response_class)

    def _response_model(self, response_model: Any) -> Any:
        if not isinstance(response_model, DefaultPlaceholder):
            return response_model
        annotation = _return_annotation(self.endpoint)
        if annotation is inspect.Signature.empty or annotation is None or annotation is type(None):
            return None   # FastAPI reads ``-> None`` (also as a string) as no response model
        if inspect.isclass(annotation) and issubclass(annotation, Response):
            return None
        return annotation

    def _response_fields(self) -> dict[int | str, Any]:
        """The type adapters of the additional responses' models, checked as FastAPI checks them when the
        route is declared: a dict each, no model for a status without a body (a key that is no status
        code fails here too), a model pydantic can handle (else FastAPIError)."""
        fields = {}
        for code, response in self.responses.items():
            if not isinstance(response, dict):
                raise AssertionError("An additional response must be a dict")
            model = response.get("model")
            if model:
                if not is_body_allowed_for_status_code(code):
                    raise AssertionError(f"Status code {code} must not have a response body")
                fields[code] = field_adapter(model, model)
        return fields

    def _renderer(self, status: int) -> Callable[[Any], Any] | None:
        """What the engine calls on a value the endpoint returned, when no Response parameter can change the status."""
        if is_body_allowed_for_status_code(status):
            return self.render_body

        media_type = self.actual_response_class.media_type   # FastAPI's response class, its body dropped

        def empty(value: Any) -> Response:
            return value if isinstance(value, Response) else Response(status_code=status, media_type=media_type)
        return empty

    def _writes_json_itself(self) -> bool:
        """The engine writes the body (or takes pydantic's JSON): the default class, or JSONResponse."""
        return isinstance(self.response_class, DefaultPlaceholder) or self.actual_response_class is JSONResponse

    def _body_encoder(self, options: ResponseModelOptions) -> Callable[[Any], Any] | None:
        """What the response class gets from a returned value: FastAPI's encoded value (None: the value as it is,
        for the engine's JSON writer)."""
        # As FastAPI: a falsy response_model (None, or {} from some libraries) is no model. With the response
        # class left to its default, FastAPI (0.130+) writes the body with pydantic's JSON serializer.
        json_bytes = isinstance(self.response_class, DefaultPlaceholder)
        render = (make_renderer(self.response_model, options, self.endpoint_context, json_bytes)
                  if self.response_model else None)
        return render if self._writes_json_itself() else render or jsonable_encoder

    def _body_renderer(self) -> Callable[[Any], Any] | None:
        encode = self.encode_body
        if self._writes_json_itself():
            return encode
        # Another class gets what FastAPI gives it: the encoded value, and the route's status code if
        # one was set (else the class's own, 307 for RedirectResponse).
        response_class = self.actual_response_class
        status_args = {"status_code": self.status_code} if self.status_code else {}

        def respond(value: Any) -> Any:
            return value if isinstance(value, Response) else response_class(encode(value), **status_args)
        return respond

    def __repr__(self) -> str:
        return f"APIRoute(path={self.path!r}, name={self.name!r}, methods={sorted(self.methods)!r})"


_NO_STREAMING = ("Tachyon does not stream responses yet: a path operation that yields (FastAPI streams its items "
                 "as JSON Lines or server-sent events) cannot be declared")


def get_name(endpoint: Callable[..., Any]) -> str:
    """Starlette's: a route's default name, the endpoint's ``__name__`` (its class's for a callable object)."""
    return getattr(endpoint, "__name__", endpoint.__class__.__name__)


def request_response(func: Callable[[Request], Any]) -> Callable[..., Coroutine[Any, Any, None]]:
    """Starlette's (and FastAPI's): the ASGI app of ``func(request) -> Response``, sync or async. The app keeps
    ``func``: a route whose ``app`` code replaced with one made here is served through ``func`` (see
    Route.handler_to_serve); an extension that edits a route and rebuilds ``route.app =
    request_response(route.get_route_handler())`` keeps the route's compiled plan, which serves its edits."""
    handler = func if is_async_callable(func) else partial(run_in_threadpool, func)

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        response = await handler(Request(scope, receive, send))
        await response(scope, receive, send)
    app.request_handler = func   # type: ignore[attr-defined]
    return app


def _assigned_handler(route: Route) -> Callable[[Request], Any] | None:
    """The handler of an ``app`` assigned to ``route`` (made by request_response), unless it is the route's own
    (a default APIRoute's, which its compiled plan serves alike). An app not made by request_response is no
    handler the engine can call: the route is served as if it had not been assigned."""
    handler = getattr(route.__dict__.get("app"), "request_handler", None)
    if getattr(handler, "_handles_route", None) is route and type(route).get_route_handler is APIRoute.get_route_handler:
        return None
    return handler


def _check_path_with_prefix(prefix: str, route: BaseRoute) -> None:
    """FastAPI's include_router check: a route (or a mount at "/") with an empty path needs a prefix."""
    if not prefix and getattr(route, "path", None) == "":
        raise FastAPIError(f"Prefix and path cannot be both empty (path operation: {getattr(route, 'name', 'unknown')})")


def _check_prefix(prefix: str) -> None:
    """FastAPI's assertions on a router's (or an include's) prefix."""
    if prefix:
        assert prefix.startswith("/"), "A path prefix must start with '/'"
        assert not prefix.endswith("/"), "A path prefix must not end with '/', as the routes will start with '/'"


def _same_objects(a: tuple | None, b: tuple | None) -> bool:
    if a is None or b is None:
        return a is b
    return len(a) == len(b) and all(x is y for x, y in zip(a, b))


def _yields(endpoint: Any) -> bool:
    return any(inspect.isgeneratorfunction(f) or inspect.isasyncgenfunction(f)
               for f in (endpoint, getattr(endpoint, "__call__", None)))


class WebSocketRoute(BaseRoute):
    """Starlette's WebSocket route, for code that looks for it among an app's routes: none can be made yet."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise NotImplementedError(NO_WEBSOCKETS)


class APIWebSocketRoute(WebSocketRoute):
    """FastAPI's WebSocket route (see WebSocketRoute)."""


class PathOperationDecorators:
    """``@x.get(path)``, ``@x.post(path)``…: shared by APIRouter and the app; each defines ``add_api_route``."""

    def api_route(self, path: str, **options: Unpack[RouteOptions]) -> Callable[[DecoratedCallable], DecoratedCallable]:
        options = all_options(self, PathOperationDecorators.api_route, options)

        def decorator(func: DecoratedCallable) -> DecoratedCallable:
            self.add_api_route(path, func, **options)
            return func
        return decorator

    def route(self, path: str, methods: list[str] | None = None, name: str | None = None,
              include_in_schema: bool = True) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Starlette's ``@app.route(path)``: a plain route (see Route)."""
        def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
            self.add_route(path, func, methods=methods, name=name, include_in_schema=include_in_schema)
            return func
        return decorator

    # WebSocket routes: refused when declared, with the reason, rather than an AttributeError.
    def websocket(self, path: str, *args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        raise NotImplementedError(NO_WEBSOCKETS)

    def add_api_websocket_route(self, path: str, endpoint: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        raise NotImplementedError(NO_WEBSOCKETS)

    def websocket_route(self, path: str, *args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        raise NotImplementedError(NO_WEBSOCKETS)

    def add_websocket_route(self, path: str, endpoint: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        raise NotImplementedError(NO_WEBSOCKETS)

    def _method(self, method: str, path: str, decorator_function: Callable[..., Any],
                options: PathOperationOptions) -> Callable[[DecoratedCallable], DecoratedCallable]:
        # Through api_route, as FastAPI's: a subclass overriding it sees every method's routes.
        return self.api_route(path, methods=[method], **all_options(self, decorator_function, options))

    # Each names its options as FastAPI's (see the end of this module and _path_operation_options.py).
    def get(self, path: str, **options: Unpack[PathOperationOptions]) -> Callable[[DecoratedCallable], DecoratedCallable]:
        return self._method("GET", path, PathOperationDecorators.get, options)

    def post(self, path: str, **options: Unpack[PathOperationOptions]) -> Callable[[DecoratedCallable], DecoratedCallable]:
        return self._method("POST", path, PathOperationDecorators.post, options)

    def put(self, path: str, **options: Unpack[PathOperationOptions]) -> Callable[[DecoratedCallable], DecoratedCallable]:
        return self._method("PUT", path, PathOperationDecorators.put, options)

    def patch(self, path: str, **options: Unpack[PathOperationOptions]) -> Callable[[DecoratedCallable], DecoratedCallable]:
        return self._method("PATCH", path, PathOperationDecorators.patch, options)

    def delete(self, path: str, **options: Unpack[PathOperationOptions]) -> Callable[[DecoratedCallable], DecoratedCallable]:
        return self._method("DELETE", path, PathOperationDecorators.delete, options)

    def options(self, path: str, **options: Unpack[PathOperationOptions]) -> Callable[[DecoratedCallable], DecoratedCallable]:
        return self._method("OPTIONS", path, PathOperationDecorators.options, options)

    def head(self, path: str, **options: Unpack[PathOperationOptions]) -> Callable[[DecoratedCallable], DecoratedCallable]:
        return self._method("HEAD", path, PathOperationDecorators.head, options)

    def trace(self, path: str, **options: Unpack[PathOperationOptions]) -> Callable[[DecoratedCallable], DecoratedCallable]:
        return self._method("TRACE", path, PathOperationDecorators.trace, options)


class Mount(BaseRoute):
    """A Tachyon app served under a path prefix (Starlette's Mount, for FastAPI's sub-applications)."""

    def __init__(self, path: str, app: Any, name: str | None = None) -> None:
        assert path == "" or path.startswith("/"), "Routed paths must start with '/'"   # Starlette's
        if not hasattr(app, "scope_root_path"):
            raise TypeError(f"Tachyon can only mount Tachyon (FastAPI) applications, not {type(app).__name__}")
        if "{" in path:
            raise ValueError(f"a mount path with parameters is not supported: {path!r}")
        self.path = path.rstrip("/")
        self.app = app
        self.name = name

    @property
    def routes(self) -> list[APIRoute]:
        return self.app.routes

    def url_path_for(self, name: str, /, **path_params: Any) -> URLPath:
        """Starlette's: the mount's own name with a ``path`` is that path under the mount (``url_for("static",
        path=...)``); a route of the mounted app is named "mount:route" (just "route" under an unnamed mount)."""
        if self.name is not None and name == self.name and set(path_params) == {"path"}:
            return URLPath(f"{self.path}/{str(path_params['path']).lstrip('/')}")
        if self.name is not None and not name.startswith(self.name + ":"):
            raise NoMatchFound(name, path_params)
        found = self.app.url_path_for(name if self.name is None else name[len(self.name) + 1:], **path_params)
        return URLPath(self.path + found, protocol=found.protocol)

    def __eq__(self, other: object) -> bool:
        """Starlette's: the same path and app."""
        return isinstance(other, Mount) and self.path == other.path and self.app == other.app

    __hash__ = None  # type: ignore[assignment]


class Router:
    """Starlette's router: routes in order (plain Routes and Mounts; FastAPI's APIRouter adds path operations),
    the startup and shutdown handlers or the lifespan of the app it serves, and the paths of named routes.
    Tachyon serves a router's routes as part of a FastAPI app (``app.router``, ``include_router``); the app's
    router's ``default`` ASGI app answers the paths no route matches, as in Starlette. A router's middleware is not
    supported, and is refused when given."""

    def __init__(self, routes: Sequence[BaseRoute] | None = None, redirect_slashes: bool = True, default: Any = None,
                 on_startup: Sequence[Callable[[], Any]] | None = None, on_shutdown: Sequence[Callable[[], Any]] | None = None,
                 lifespan: Callable[[Any], Any] | None = None, *, middleware: Sequence[Any] | None = None) -> None:
        if middleware:
            raise NotImplementedError("Tachyon does not run middleware yet: a router with middleware cannot be served")
        self.redirect_slashes = redirect_slashes
        self.default = self.not_found if default is None else default
        self.on_startup = list(on_startup or [])
        self.on_shutdown = list(on_shutdown or [])
        self.lifespan_context = lifespan_context(lifespan) if lifespan is not None else DefaultLifespan(self)
        self.routes: list[Route | Mount] = []
        # Where include_router put this router, with that call's options: a route added here later joins
        # them too, as in FastAPI 0.137+, which keeps included routers instead of copying their routes.
        # Weak: a module-level router included in many short-lived test apps must not keep them alive.
        self._inclusions: list[tuple[weakref.ref[APIRouter], dict[str, Any]]] = []
        for route in routes or []:
            if not isinstance(route, (Route, Mount)):
                raise TypeError(f"Tachyon serves APIRoute, Route and Mount routes, not {type(route).__name__}")
            self.routes.append(route)

    async def not_found(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        """Starlette's ``default``: within an app, the 404 its exception handlers answer; else a plain "Not Found"."""
        if "app" in scope:
            raise StarletteHTTPException(status_code=404)
        await PlainTextResponse("Not Found", status_code=404)(scope, receive, send)

    @property
    def answers_misses_itself(self) -> bool:
        """Whether ``default`` was replaced by an ASGI app of the app's own (an SPA's index page, say)."""
        return getattr(self.default, "__func__", None) is not Router.not_found

    def on_event(self, event_type: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Deprecated in FastAPI in favour of ``lifespan``; still supported."""
        warnings.warn("on_event is deprecated, use lifespan event handlers instead.", DeprecationWarning, stacklevel=2)
        return self.event_handler_decorator(event_type)

    def event_handler_decorator(self, event_type: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
            self.add_event_handler(event_type, func)
            return func
        return decorator

    def add_event_handler(self, event_type: str, func: Callable[..., Any]) -> None:
        if event_type not in ("startup", "shutdown"):
            raise AssertionError(f"unknown event type {event_type!r}: use 'startup' or 'shutdown'")
        (self.on_startup if event_type == "startup" else self.on_shutdown).append(func)

    def url_path_for(self, name: str, /, **path_params: Any) -> URLPath:
        """The first route, in order, that has ``name`` and takes exactly ``path_params``, as Starlette's router."""
        for route in self.routes:
            try:
                return route.url_path_for(name, **path_params)
            except NoMatchFound:
                continue   # a later route may have it
        raise NoMatchFound(name, path_params)

    def add_route(self, path: str, endpoint: Callable[..., Any], methods: list[str] | None = None,
                  name: str | None = None, include_in_schema: bool = True) -> None:
        """Starlette's plain route (see Route); like Starlette's, it takes no router prefix."""
        self._add(Route(path, endpoint, methods=methods, name=name, include_in_schema=include_in_schema))

    def mount(self, path: str, app: Any, name: str | None = None) -> None:
        """Starlette's: serves a Tachyon app under ``path``, also where this router is included (as FastAPI
        0.137+ does, which keeps included routers whole)."""
        self._add(Mount(path, app, name))

    def _add(self, route: Route) -> None:
        self.routes.append(route)
        for parent_ref, options in self._inclusions:
            if (parent := parent_ref()) is not None:
                parent._include_route(self, route, options)


class APIRouter(PathOperationDecorators, Router):
    """Groups path operations under a prefix, with shared tags, dependencies and options."""

    def __init__(self, *, prefix: str = "", tags: list[str] | None = None,
                 dependencies: Sequence[params.Depends] | None = None,
                 default_response_class: type[Response] | DefaultPlaceholder = Default(JSONResponse),
                 responses: dict | None = None, callbacks: list[Any] | None = None, deprecated: bool | None = None,
                 include_in_schema: bool = True, redirect_slashes: bool = True,
                 generate_unique_id_function: Callable[[APIRoute], str] | DefaultPlaceholder = Default(generate_unique_id),
                 on_startup: Sequence[Callable[[], Any]] | None = None, on_shutdown: Sequence[Callable[[], Any]] | None = None,
                 lifespan: Callable[[Any], Any] | None = None, routes: list[APIRoute] | None = None,
                 strict_content_type: bool | DefaultPlaceholder = Default(True),
                 route_class: type[APIRoute] | None = None, dependency_overrides_provider: Any = None,
                 default: Any = None) -> None:
        _check_prefix(prefix)
        self.prefix = prefix
        # FastAPI's: whose dependency_overrides this router's routes use (an app's router: the app; else None).
        self.dependency_overrides_provider = dependency_overrides_provider
        self.route_class = route_class or APIRoute
        self.strict_content_type = strict_content_type
        Router.__init__(self, routes, redirect_slashes, default, on_startup, on_shutdown, lifespan)
        self.tags = list(tags or [])
        self.dependencies = list(dependencies or [])
        self.default_response_class = default_response_class
        self.responses = dict(responses or {})
        self.callbacks = list(callbacks or [])
        self.deprecated = deprecated
        self.include_in_schema = include_in_schema
        self.generate_unique_id_function = generate_unique_id_function

    def add_api_route(self, path: str, endpoint: Callable[..., Any], *, response_model: Any = Default(None),
                      status_code: int | None = None, tags: list[str] | None = None,
                      dependencies: Sequence[params.Depends] | None = None, summary: str | None = None,
                      description: str | None = None, response_description: str = "Successful Response",
                      responses: dict | None = None, deprecated: bool | None = None, methods: Sequence[str] | None = None,
                      operation_id: str | None = None, response_model_include: Any = None,
                      response_model_exclude: Any = None, response_model_by_alias: bool = True,
                      response_model_exclude_unset: bool = False, response_model_exclude_defaults: bool = False,
                      response_model_exclude_none: bool = False, include_in_schema: bool = True,
                      response_class: type[Response] | DefaultPlaceholder = Default(JSONResponse), name: str | None = None,
                      route_class_override: type[APIRoute] | None = None, callbacks: list[Any] | None = None,
                      openapi_extra: dict[str, Any] | None = None,
                      generate_unique_id_function: Callable[[APIRoute], str] | DefaultPlaceholder = Default(generate_unique_id),
                      strict_content_type: bool | DefaultPlaceholder = Default(True)) -> None:
        """FastAPI's: every option named, in its order (code that copies a route reads this signature)."""
        route_class = route_class_override or self.route_class
        kwargs: dict[str, Any] = dict(
            response_model=response_model, status_code=status_code, summary=summary, description=description,
            response_description=response_description, methods=methods, operation_id=operation_id,
            response_model_include=response_model_include, response_model_exclude=response_model_exclude,
            response_model_by_alias=response_model_by_alias, response_model_exclude_unset=response_model_exclude_unset,
            response_model_exclude_defaults=response_model_exclude_defaults,
            response_model_exclude_none=response_model_exclude_none, name=name, openapi_extra=openapi_extra)
        if _accepts_keyword(route_class, "strict_content_type"):
            # A route class written before FastAPI had this option may not take it (FastAPI then leaves it out).
            kwargs["strict_content_type"] = get_value_or_default(strict_content_type, self.strict_content_type)
        if _accepts_keyword(route_class, "dependency_overrides_provider"):
            kwargs["dependency_overrides_provider"] = self.dependency_overrides_provider
        route = route_class(
            self.prefix + path, endpoint, dependencies=[*self.dependencies, *(dependencies or [])],
            tags=[*self.tags, *(tags or [])], response_class=get_value_or_default(response_class, self.default_response_class),
            responses={**self.responses, **(responses or {})}, callbacks=[*self.callbacks, *(callbacks or [])] or None,
            deprecated=deprecated or self.deprecated, include_in_schema=include_in_schema and self.include_in_schema,
            generate_unique_id_function=get_value_or_default(generate_unique_id_function, self.generate_unique_id_function),
            **kwargs,
        )
        self._add(route)

    def include_router(self, router: APIRouter, *, prefix: str = "", tags: list[str] | None = None,
                       dependencies: Sequence[params.Depends] | None = None,
                       default_response_class: type[Response] | DefaultPlaceholder = Default(JSONResponse),
                       responses: dict | None = None, callbacks: list[Any] | None = None, deprecated: bool | None = None,
                       include_in_schema: bool = True,
                       generate_unique_id_function: Callable[[APIRoute], str] | DefaultPlaceholder = Default(generate_unique_id)
                       ) -> None:
        """Adds ``router``'s routes under ``prefix``, with extra tags and dependencies (outermost first).
        Options a route left at their defaults take the included router's, then this call's, then ours."""
        if router is self:
            raise AssertionError("Cannot include the same APIRouter instance into itself. "
                                 "Did you mean to include a different router?")
        _check_prefix(prefix)
        options = dict(prefix=prefix, tags=tags, dependencies=dependencies, default_response_class=default_response_class,
                       responses=responses, callbacks=callbacks, deprecated=deprecated, include_in_schema=include_in_schema,
                       generate_unique_id_function=generate_unique_id_function,
                       strict_content_type=self.strict_content_type)   # FastAPI's include takes it from the including router
        if not prefix:   # as FastAPI: checked before any route is added
            for route in router.routes:
                _check_path_with_prefix(prefix, route)
        for route in router.routes:
            self._include_route(router, route, options)
        router._inclusions.append((weakref.ref(self), options))
        # As FastAPI: the included router's handlers join ours, and its lifespan nests inside ours.
        self.on_startup.extend(router.on_startup)
        self.on_shutdown.extend(router.on_shutdown)
        self.lifespan_context = merge_lifespans(self.lifespan_context, router.lifespan_context)

    def _include_route(self, router: Router, route: BaseRoute, options: dict[str, Any]) -> None:
        """One route of ``router`` added here under include_router's ``options``."""
        prefix = options["prefix"]
        _check_path_with_prefix(prefix, route)
        if isinstance(route, Mount):
            self._add(Mount(prefix + route.path, route.app, route.name))
            return
        if not isinstance(route, APIRoute):   # Starlette's plain routes: only the prefix applies, as in FastAPI
            self.add_route(prefix + route.path, route.endpoint, methods=route.declared_methods, name=route.name)
            return
        tags, dependencies, responses = options["tags"], options["dependencies"], options["responses"]
        # APIRouter's own method, not a subclass's override: FastAPI 0.137+ keeps the included router in place and
        # never runs the including router's add_api_route for its routes.
        APIRouter.add_api_route(
            self, prefix + route.path, route.endpoint, methods=route.methods, status_code=route.status_code,
            response_model=route.response_model, name=route.name,
            dependencies=[*(dependencies or []), *route.dependencies], tags=[*(tags or []), *route.tags],
            response_class=get_value_or_default(route.response_class, router.default_response_class,
                                                options["default_response_class"], self.default_response_class),
            summary=route.summary, description=route.description, response_description=route.response_description,
            responses={**(responses or {}), **route.responses}, callbacks=[*(options["callbacks"] or []), *(route.callbacks or [])],
            deprecated=route.deprecated or options["deprecated"], operation_id=route.operation_id,
            include_in_schema=route.include_in_schema and options["include_in_schema"],
            openapi_extra=route.openapi_extra, route_class_override=type(route),
            generate_unique_id_function=get_value_or_default(
                route.generate_unique_id_function, router.generate_unique_id_function,
                options["generate_unique_id_function"], self.generate_unique_id_function),
            strict_content_type=get_value_or_default(route.strict_content_type, router.strict_content_type,
                                                     options["strict_content_type"], self.strict_content_type),
            **route.options,
        )
        # FastAPI 0.137+ serves the included router's own route: it is what scope["route"] shows (see declared_route).
        self.routes[-1]._included_from = declared_route(route)


def declared_route(route: BaseRoute) -> BaseRoute:
    """The route as its code declared it: for a copy include_router made, the included router's route (with the
    attributes code set on it, and its own path and dependencies), which FastAPI serves in place."""
    return route.__dict__.get("_included_from", route)


name_options(PathOperationDecorators.api_route, APIRouter.add_api_route, leave_out={"route_class_override"})
for _decorator in (PathOperationDecorators.get, PathOperationDecorators.post, PathOperationDecorators.put,
                   PathOperationDecorators.patch, PathOperationDecorators.delete, PathOperationDecorators.options,
                   PathOperationDecorators.head, PathOperationDecorators.trace):
    name_options(_decorator, APIRouter.add_api_route, leave_out={"route_class_override", "methods"})
