"""The application: FastAPI's ``FastAPI`` class, served by the in-process C# engine."""
from __future__ import annotations

import asyncio
import functools
import html
import inspect
import sys
import threading
import traceback
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from typing_extensions import Unpack

from . import params
from ._path_operation_options import RouteOptions, all_options, name_options
from ._endpoint.asgi_response import asgi_app_response
from ._endpoint.request_data import RequestData
from ._endpoint.specials import close_form_after_handler
from ._starlette.utils import is_async_callable
from ._testclient import peers
from .concurrency import run_in_threadpool
from .convertors import custom_patterns
from .datastructures import Default, DefaultPlaceholder, State, URLPath
from .exception_handlers import (http_exception_handler, request_validation_exception_handler,
                                 websocket_request_validation_exception_handler)
from .exceptions import RequestValidationError, StarletteHTTPException, WebSocketRequestValidationError
from .lifespan import Lifespan
from .logger import logger
from .requests import Request, request_for
from .responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from .routing import APIRoute, APIRouter, Mount, PathOperationDecorators, Route, declared_route
from .utils import generate_unique_id


class _Overrides(dict):
    """``app.dependency_overrides``: a dict whose changes recompile the app's plans (the engine runs
    compiled dependency plans, so an override must reach them, as it would in FastAPI per request).
    Assigning None means no overrides, as FastAPI reads it."""

    def __init__(self, app: FastAPI, overrides: Mapping[Any, Any] | None = None) -> None:
        super().__init__(overrides or {})
        self._app = app

    def _recompiling(method: Callable[..., Any]) -> Callable[..., Any]:
        def mutate(self: _Overrides, *args: Any, **kwargs: Any) -> Any:
            result = method(self, *args, **kwargs)
            self._app._recompile()
            return result
        return mutate

    __setitem__ = _recompiling(dict.__setitem__)
    __delitem__ = _recompiling(dict.__delitem__)
    __ior__ = _recompiling(dict.__ior__)
    clear = _recompiling(dict.clear)
    update = _recompiling(dict.update)
    pop = _recompiling(dict.pop)
    popitem = _recompiling(dict.popitem)
    setdefault = _recompiling(dict.setdefault)
    del _recompiling


_NO_MIDDLEWARE = "Tachyon does not run middleware yet: an app with middleware cannot be served"


class Starlette:
    """Starlette's application class, as the base of FastAPI's, for code that checks ``isinstance(app,
    Starlette)`` or annotates with it. Tachyon serves FastAPI applications only: a bare Starlette app is
    refused with a clear error rather than built and never served."""

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        if cls is Starlette:
            raise TypeError("Tachyon serves FastAPI applications: create FastAPI(...) instead of Starlette(...)")
        return super().__new__(cls)


class FastAPI(Starlette, PathOperationDecorators):
    def __init__(self, *, debug: bool = False, title: str = "FastAPI", version: str = "0.1.0",
                 description: str = "", redirect_slashes: bool = True, dependencies: list[params.Depends] | None = None,
                 default_response_class: type[Response] | DefaultPlaceholder = Default(JSONResponse),
                 exception_handlers: dict[Any, Callable[..., Any]] | None = None,
                 lifespan: Callable[[FastAPI], Any] | None = None, on_startup: list[Callable[[], Any]] | None = None,
                 on_shutdown: list[Callable[[], Any]] | None = None, summary: str | None = None,
                 openapi_url: str | None = "/openapi.json", openapi_tags: list[dict[str, Any]] | None = None,
                 openapi_external_docs: dict[str, Any] | None = None,
                 servers: list[dict[str, Any]] | None = None, docs_url: str | None = "/docs",
                 redoc_url: str | None = "/redoc", swagger_ui_oauth2_redirect_url: str | None = "/docs/oauth2-redirect",
                 swagger_ui_init_oauth: dict[str, Any] | None = None, swagger_ui_parameters: dict[str, Any] | None = None,
                 terms_of_service: str | None = None, contact: dict[str, Any] | None = None,
                 license_info: dict[str, Any] | None = None, openapi_prefix: str = "", root_path: str = "",
                 root_path_in_servers: bool = True, separate_input_output_schemas: bool = True,
                 generate_unique_id_function: Callable[[APIRoute], str] | DefaultPlaceholder = Default(generate_unique_id),
                 webhooks: APIRouter | None = None,
                 routes: list[APIRoute] | None = None, middleware: Sequence[Any] | None = None,
                 responses: dict[int | str, dict[str, Any]] | None = None, callbacks: list[Any] | None = None,
                 deprecated: bool | None = None, include_in_schema: bool = True, strict_content_type: bool = True,
                 max_pending_requests: int = 4096, **extra: Any) -> None:
        if middleware:
            raise NotImplementedError(_NO_MIDDLEWARE)
        self.debug = debug
        self.extra = extra  # any other keyword, kept as FastAPI keeps it
        self.title = title
        self.version = version
        self.description = description
        self.summary = summary
        self.openapi_url = openapi_url
        self.openapi_tags = openapi_tags
        self.openapi_external_docs = openapi_external_docs
        self.openapi_version = "3.1.0"   # not a parameter in FastAPI: FastAPI(openapi_version=...) lands in extra
        if self.openapi_url:
            assert self.title, "A title must be provided for OpenAPI, e.g.: 'My API'"
            assert self.version, "A version must be provided for OpenAPI, e.g.: '2.1.0'"
        if openapi_prefix:
            logger.warning('"openapi_prefix" has been deprecated in favor of "root_path", which follows more '
                           "closely the ASGI standard, is simpler, and more automatic. Check the docs at "
                           "https://fastapi.tiangolo.com/advanced/sub-applications/")
        self.servers = list(servers or [])
        self.docs_url = docs_url
        self.redoc_url = redoc_url
        self.swagger_ui_oauth2_redirect_url = swagger_ui_oauth2_redirect_url
        self.swagger_ui_init_oauth = swagger_ui_init_oauth
        self.swagger_ui_parameters = swagger_ui_parameters
        self.terms_of_service = terms_of_service
        self.contact = contact
        self.license_info = license_info
        self.root_path = root_path or openapi_prefix
        self.root_path_in_servers = root_path_in_servers
        self.separate_input_output_schemas = separate_input_output_schemas
        self.webhooks = webhooks or APIRouter()
        self.openapi_schema: dict[str, Any] | None = None
        self._openapi_routes: tuple | None = None   # the routes openapi_schema was generated for
        self.state = State()
        self.router = APIRouter(redirect_slashes=redirect_slashes, dependencies=dependencies,
                                default_response_class=default_response_class,
                                generate_unique_id_function=generate_unique_id_function,
                                on_startup=on_startup, on_shutdown=on_shutdown, lifespan=lifespan,
                                responses=responses, callbacks=callbacks, deprecated=deprecated,
                                include_in_schema=include_in_schema, routes=routes,
                                strict_content_type=strict_content_type, dependency_overrides_provider=self)
        self._dependency_overrides = _Overrides(self)
        self.lifespan = Lifespan(self)
        self.max_pending_requests = max_pending_requests
        # The app's own first, then the defaults it did not replace, in FastAPI's order.
        self.exception_handlers: dict[Any, Callable[..., Any]] = dict(exception_handlers or {})
        self.exception_handlers.setdefault(StarletteHTTPException, http_exception_handler)
        self.exception_handlers.setdefault(RequestValidationError, request_validation_exception_handler)
        self.exception_handlers.setdefault(WebSocketRequestValidationError, websocket_request_validation_exception_handler)
        # (exception handlers, debug) as they were at the app's first call: see mark_called()
        self._error_handling: tuple[dict[Any, Callable[..., Any]], bool] | None = None
        self._server = None
        self._served_state: tuple = ()   # _routes_state() of what the engine serves
        # (route structure, the served routes' overrides' providers, the served APIRoutes)
        self._served_routes: tuple[tuple, list[Any], list[APIRoute]] = ((), [], [])
        self._asset_routes: list[APIRoute] = []
        self._mounted_in: FastAPI | None = None
        self._mount_path = ""
        self._capture_unhandled = False
        self._captured: list[tuple[Any, BaseException]] = []   # (the request's client address, the error)
        self._captured_lock = threading.Lock()
        self.setup()

    # -- path operations ------------------------------------------------------------------------

    @property
    def routes(self) -> list[Route]:
        return self.router.routes

    @property
    def generate_unique_id_function(self) -> Any:
        return self.router.generate_unique_id_function

    def add_api_route(self, path: str, endpoint: Callable[..., Any], **options: Unpack[RouteOptions]) -> None:
        # Named as FastAPI's (see the end of this module), and all passed on as FastAPI passes them.
        self.router.add_api_route(path, endpoint, **all_options(self, FastAPI.add_api_route, options))
        self.serve_route_changes()

    def add_route(self, path: str, endpoint: Callable[..., Any], methods: list[str] | None = None,
                  name: str | None = None, include_in_schema: bool = True) -> None:
        self.router.add_route(path, endpoint, methods=methods, name=name, include_in_schema=include_in_schema)
        self.serve_route_changes()

    def mount(self, path: str, app: Any, name: str | None = None) -> None:
        """Serves another Tachyon app under ``path`` (FastAPI's sub-applications): its routes, docs,
        dependencies and exception handlers answer there, its requests' root path has ``path`` added (see
        scope_root_path); this app's OpenAPI document leaves it out. Other ASGI apps (StaticFiles…) are not
        supported yet."""
        self.router.mount(path, app, name)   # among the routes, in order, as Starlette's
        self.serve_route_changes()

    def scope_root_path(self, connection_root_path: str = "") -> str:
        """The root path of this app's requests (``scope["root_path"]``) as Starlette passes it down: the
        server's (a TestClient's) for the outermost app, with the mount path added for a mounted one, and
        replaced by the app's own ``root_path`` where it has one (FastAPI's ``__call__`` sets it)."""
        outer = self._mounted_in
        passed = connection_root_path if outer is None else outer.scope_root_path(connection_root_path) + self._mount_path
        return self.root_path or passed

    # -- OpenAPI and docs ---------------------------------------------------------------------------

    def openapi(self) -> dict[str, Any]:
        """The OpenAPI document, generated once (pydantic's JSON schemas) and reused until routes are added, as in
        FastAPI 0.137+ (a document the app set itself is kept)."""
        routes = (len(self.routes), id(self.routes[-1]) if self.routes else None)
        if self.openapi_schema is None or self._openapi_routes not in (None, routes):
            from .openapi.utils import get_openapi

            self.openapi_schema = get_openapi(
                title=self.title, version=self.version, openapi_version=self.openapi_version, summary=self.summary,
                description=self.description, terms_of_service=self.terms_of_service, contact=self.contact,
                license_info=self.license_info, routes=self.routes, webhooks=self.webhooks.routes,
                tags=self.openapi_tags, servers=self.servers or None, separate_input_output_schemas=self.separate_input_output_schemas,
                external_docs=self.openapi_external_docs,
            )
            self._openapi_routes = routes
        return self.openapi_schema

    def setup(self) -> None:
        """FastAPI's: called at the end of ``__init__``, adds the OpenAPI document's and the docs pages' routes
        (a subclass may override it to add routes of its own). FastAPI adds them as plain Starlette routes: no
        app dependencies, no generated operation ids, named after their functions (``url_path_for("swagger_ui_html")``)."""
        from .openapi import docs
        from .openapi.assets import docs_asset

        # The docs pages' local assets: served, but no route of the app (FastAPI's pages load them from a CDN). Also
        # without docs_url and redoc_url: an app's own docs routes (say, behind a login) call get_swagger_ui_html().
        self._asset_routes.append(APIRoute(docs.ASSETS + "/{name}", docs_asset, include_in_schema=False))
        if not self.openapi_url:
            return

        # As FastAPI's, these read the request's root path (the app's, or a TestClient's root_path).
        async def openapi(req: Request) -> Response:
            # As FastAPI (since its fix for root paths sent by proxies): the request's root path is listed first for
            # that request only; neither the app's servers nor the cached document keep it.
            root_path = req.scope["root_path"].rstrip("/")
            schema = self.openapi()
            if root_path and self.root_path_in_servers:
                servers = schema.get("servers", [])
                if root_path not in {server.get("url") for server in servers}:
                    schema = {**schema, "servers": [{"url": root_path}, *servers]}
            return JSONResponse(schema)

        async def swagger_ui_html(req: Request) -> Response:
            root_path = req.scope["root_path"].rstrip("/")
            oauth2_url = self.swagger_ui_oauth2_redirect_url
            assets = root_path + docs.ASSETS
            return docs.get_swagger_ui_html(
                openapi_url=root_path + self.openapi_url, title=f"{self.title} - Swagger UI",
                swagger_js_url=f"{assets}/swagger-ui-bundle.js", swagger_css_url=f"{assets}/swagger-ui.css",
                swagger_favicon_url=f"{assets}/favicon-32x32.png",
                oauth2_redirect_url=root_path + oauth2_url if oauth2_url else None,
                init_oauth=self.swagger_ui_init_oauth, swagger_ui_parameters=self.swagger_ui_parameters)

        async def swagger_ui_redirect(req: Request) -> Response:
            return docs.get_swagger_ui_oauth2_redirect_html()

        async def redoc_html(req: Request) -> Response:
            root_path = req.scope["root_path"].rstrip("/")
            assets = root_path + docs.ASSETS
            return docs.get_redoc_html(openapi_url=root_path + self.openapi_url, title=f"{self.title} - ReDoc",
                                       redoc_js_url=f"{assets}/redoc.standalone.js",
                                       redoc_favicon_url=f"{assets}/favicon-32x32.png", with_google_fonts=False)

        self._add_plain_route(self.openapi_url, openapi)
        if self.docs_url:
            self._add_plain_route(self.docs_url, swagger_ui_html)
            if self.swagger_ui_oauth2_redirect_url:
                self._add_plain_route(self.swagger_ui_oauth2_redirect_url, swagger_ui_redirect)
        if self.redoc_url:
            self._add_plain_route(self.redoc_url, redoc_html)

    def _add_plain_route(self, path: str, endpoint: Callable[..., Any]) -> None:
        self.router.routes.append(Route(path, endpoint, include_in_schema=False))

    def include_router(self, router: APIRouter, **kwargs: Any) -> None:
        self.router.include_router(router, **kwargs)
        self.serve_route_changes()

    @property
    def dependency_overrides(self) -> dict[Any, Any]:
        return self._dependency_overrides

    @dependency_overrides.setter
    def dependency_overrides(self, value: dict[Any, Any]) -> None:
        # As FastAPI, the very dict given (say, another app's): later changes to it count too. Changes made
        # through the default dict recompile at once; others are noticed before the TestClient's next request.
        self._dependency_overrides = (_Overrides(self) if value is None else value if isinstance(value, dict)
                                      else _Overrides(self, value))
        self._recompile()

    def _recompile(self) -> None:
        if self._mounted_in is not None:
            self._mounted_in._recompile()   # the serving app holds the plans of its mounted apps
            return
        for index, entry in enumerate(self._served()):
            plan, objects = self._compile(*entry)
            if self._server is not None:
                self._server.replace_route(index, plan, objects)
        if self._server is not None:
            self._served_state = self._routes_state()

    def _served(self, prefix: str = "") -> Iterator[tuple[Route, FastAPI, str]]:
        """Every route the engine serves for this app: (route, the app that owns it, its path prefix). A
        path without a leading "/" can never match a request (FastAPI accepts and never serves it)."""
        for route in [*self.routes, *self._asset_routes]:
            if isinstance(route, Mount):   # its routes take its place in the order (routes before it win)
                # This app serves it (mounted here, or by a router included here): its root path, its errors.
                route.app._mounted_in, route.app._mount_path = self, route.path
                yield from route.app._served(prefix + route.path)
            elif route.path.startswith("/"):
                yield route, self, prefix

    @staticmethod
    def _compile(route: Route, owner: FastAPI, prefix: str) -> tuple[dict, tuple]:
        from ._boundary.plans import compile_route

        if isinstance(route, APIRoute):
            route.compile(_overrides_of(route), owner)
        # The route goes to the exception handlers' Request (scope["route"], scope["endpoint"]), as in Starlette.
        plan, objects = compile_route(route, functools.partial(owner.handle_exception, route=route), owner)
        path = prefix + route.path
        mounted_in = owner._mounted_in
        return {**plan, "path": path, "convertors": custom_patterns(path), "redirect_slashes": owner.router.redirect_slashes,
                "mount_prefix": prefix, "mount_redirects": mounted_in is None or mounted_in.router.redirect_slashes}, objects

    def url_path_for(self, name: str, /, **path_params: Any) -> URLPath:
        return self.router.url_path_for(name, **path_params)

    def serve_route_changes(self) -> None:
        """Routes, mounts or exception handlers added while the app serves (also straight to ``app.router``,
        which the TestClient checks before each request) are served from then on, as Starlette reads its
        routes on every request: the engine gets the whole table again."""
        if self._mounted_in is not None:
            self._mounted_in.serve_route_changes()
        elif self._server is not None and self._served_state != self._routes_state():
            self._add_routes(self._server)
            self._server.publish_routes()

    def _routes_state(self) -> tuple:
        """Changes when a route, mount or exception handler is added here or in a mounted app, when the
        dependency overrides of a served route change, or when code edits a served route's dependant (FastAPI
        reads it on every request: a startup handler may add a dependency to it)."""
        routes = self.routes
        structure = (len(routes), id(routes[-1]) if routes else None, tuple(self._effective_handlers().values()),
                     tuple((r.path, r.app._routes_state()) for r in routes if isinstance(r, Mount)))
        if self._served_routes[0] != structure:   # walk the routes only when they changed (per request otherwise)
            served = [route for route, _, _ in self._served()]
            providers = {id(p): p for route in served if (p := getattr(route, "dependency_overrides_provider", None))}
            self._served_routes = (structure, list(providers.values()), [r for r in served if isinstance(r, APIRoute)])
        _, providers, api_routes = self._served_routes
        overrides = tuple(tuple((getattr(p, "dependency_overrides", None) or {}).items()) for p in providers)
        edits = tuple(route.dependant_edits() for route in api_routes if "dependant" in route.__dict__)
        return structure + (overrides, edits)

    def on_event(self, event_type: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Deprecated in FastAPI in favour of ``lifespan``; still supported."""
        warnings.warn("on_event is deprecated, use lifespan event handlers instead.", DeprecationWarning, stacklevel=2)
        return self.router.event_handler_decorator(event_type)

    def add_event_handler(self, event_type: str, func: Callable[..., Any]) -> None:
        self.router.add_event_handler(event_type, func)

    # -- middleware (refused when added, with the reason, rather than an AttributeError) ------------

    def add_middleware(self, middleware_class: Any, *args: Any, **kwargs: Any) -> None:
        raise NotImplementedError(_NO_MIDDLEWARE)

    def middleware(self, middleware_type: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        raise NotImplementedError(_NO_MIDDLEWARE)

    # -- errors -----------------------------------------------------------------------------------

    def exception_handler(self, exc_class_or_status_code: int | type[Exception]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
            self.add_exception_handler(exc_class_or_status_code, func)
            return func
        return decorator

    def add_exception_handler(self, exc_class_or_status_code: int | type[Exception], handler: Callable[..., Any]) -> None:
        self.exception_handlers[exc_class_or_status_code] = handler
        self.serve_route_changes()   # whether the router's 404/405 reach Python may have changed

    def mark_called(self) -> None:
        """Marks the app's first call (its first request, or its lifespan's start), as Starlette builds its
        middleware stack then, with a copy of the exception handlers and of ``debug``: handlers added or ``debug``
        set later (in a startup handler too) are not seen. Routes and dependency overrides are read per request."""
        if self._error_handling is None:
            self._error_handling = (dict(self.exception_handlers), self.debug)

    def _effective_handlers(self) -> dict[Any, Callable[..., Any]]:
        return self.exception_handlers if self._error_handling is None else self._error_handling[0]

    def _effective_debug(self) -> bool:
        return self.debug if self._error_handling is None else self._error_handling[1]

    def handle_exception(self, exc: BaseException, raw: tuple, route: Any = None) -> Any:
        """Called by the engine (on a lane) for any exception a request raised: the matching handler's
        response (an HTTPException's status code first, then the exception's classes), or FastAPI's
        500. As in Starlette, an error that reaches the 500 handler is still reported (logged, or
        raised by the TestClient), and so is an error raised by a handler itself. An async handler runs
        on the event loop: there (or in an inline step) this returns a coroutine the engine runs as a
        task, its first step at once; a sync lane runs it on the loop and waits (GIL released).
        The files of a form that failed validation close after this response. ``route``: the route that
        raised (None for the router's own 404 and 405)."""
        return close_form_after_handler(_settled(self._respond_to(exc, raw, route)), exc)

    def _respond_to(self, exc: BaseException, raw: tuple, route: Any, passes: int | None = None) -> Any:
        """``passes``: how many times the app's handlers may still take ``exc`` before only the server-error handler
        (500 or Exception) may, as Starlette's ServerErrorMiddleware. Starlette looks them up around the route
        and again in its ExceptionMiddleware: what a route raised gets two (a handler may raise another exception
        for the second to answer, or re-raise its own and run twice), the router's own 404 and 405 one.
        Returns the response, or a coroutine giving it (see _settled)."""
        passes = (1 if route is None else 2) if passes is None else passes
        handler, server_error = self._handler_for(exc) if passes > 0 else self._server_error_handler()
        if self._effective_debug() and (handler is None or server_error):
            # Starlette's debug mode answers with the traceback, bypassing a 500 handler
            return self._reported(_debug_response(exc, request_for(RequestData._make(raw), self, route)), exc, raw, route)
        if handler is None:
            return self._handler_failed(exc, raw, route)
        try:
            request = request_for(RequestData._make(raw), self, route)
            if asyncio._get_running_loop() is not None and not is_async_callable(handler):
                # As Starlette: a sync handler runs in the thread pool, off the event loop (a lane without a
                # loop is such a thread already).
                response = run_in_threadpool(handler, request, exc)
            else:
                response = handler(request, exc)
            if inspect.iscoroutine(response) and asyncio._get_running_loop() is None and not is_async_callable(handler):
                # A sync handler (say, a sync decorator's wrapper of an async one) returned a coroutine, which
                # Starlette then calls as the response.
                raise TypeError("'coroutine' object is not callable")
            if inspect.iscoroutine(response):
                if handler in _NEVER_AWAIT:
                    return self._handled(_run_to_end(response), exc, server_error, raw, route)
                return self._finish_handler(response, exc, server_error, raw, route, passes)
        except Exception as failure:
            return self._after_failure(failure, server_error, raw, route, passes)
        return self._handled(response, exc, server_error, raw, route)

    async def _finish_handler(self, rest: Any, exc: BaseException, server_error: bool, raw: tuple, route: Any,
                              passes: int) -> Response:
        try:
            response = await _awaited_while_handling(rest, exc)
        except Exception as failure:
            outcome = self._after_failure(failure, server_error, raw, route, passes)
        else:
            outcome = self._handled(response, exc, server_error, raw, route)
            if outcome is response:   # what the handler gave, even a coroutine (not a response: the engine says so)
                return response
        return await outcome if inspect.iscoroutine(outcome) else outcome

    def _after_failure(self, failure: BaseException, server_error: bool, raw: tuple, route: Any, passes: int) -> Any:
        """A handler raised ``failure``: the next pass answers it, unless the server-error handler was the one."""
        if server_error:
            return self._handler_failed(failure, raw, route)
        return self._respond_to(failure, raw, route, passes - 1)

    async def failed_after_response(self, exc: BaseException, request: Request) -> BaseException:
        """``exc`` was raised after the response was sent (by a background task, or the exit code of a yield
        dependency, or it left a mounted app that answered it); what to report. As in Starlette, an exception
        one of the app's handlers would take becomes "Caught handled exception, but response already started.",
        and the server-error handler (500 or Exception) still sees it (to log it, say), its response going
        nowhere, unless the app is in debug mode; what that handler raises is reported instead. The exception
        then leaves this app: the app it is mounted in sees it in turn."""
        handler, server_error = self._handler_for(exc)
        if handler is not None and not server_error:
            started = RuntimeError("Caught handled exception, but response already started.")
            started.__cause__ = exc
            exc = started
        handler = self._server_error_handler()[0]
        if handler is not None and not self._effective_debug():
            try:
                # As Starlette's ServerErrorMiddleware: a sync handler runs in the thread pool.
                result = (handler(request, exc) if is_async_callable(handler)
                          else run_in_threadpool(handler, request, exc))
                if inspect.isawaitable(result):
                    await result
            except Exception as failure:
                exc = failure
        if self._mounted_in is not None:
            return await self._mounted_in.failed_after_response(exc, request)
        return exc

    def _server_error_handler(self) -> tuple[Callable[..., Any] | None, bool]:
        """The handler registered for 500 or Exception; with both, the one of the key added last, as Starlette's
        build_middleware_stack takes them in order."""
        handler = None
        for key, value in self._effective_handlers().items():
            if key in (500, Exception):
                handler = value
        return handler, True

    def _handled(self, response: Response, exc: BaseException, server_error: bool, raw: tuple, route: Any) -> Any:
        if server_error:
            return self._reported(response, exc, raw, route)   # Starlette re-raises what reached the 500 handler
        return response

    def _handler_failed(self, failure: BaseException, raw: tuple, route: Any) -> Any:
        """No handler, or the handler itself failed: report the error, answer FastAPI's 500."""
        return self._reported(PlainTextResponse("Internal Server Error", status_code=500), failure, raw, route)

    def _reported(self, response: Response, exc: BaseException, raw: tuple, route: Any) -> Any:
        """``response`` answers ``exc``, which Starlette's ServerErrorMiddleware re-raises once it has sent it: the
        serving app reports it. An error leaving a mounted app passes through the apps it is mounted in first,
        whose handlers see it (see failed_after_response); then this returns a coroutine giving ``response``."""
        data = RequestData._make(raw)
        if self._mounted_in is None:
            self._report(exc, data.client)
            return response
        return self._reported_by_parents(response, exc, request_for(data, self, route), data.client)

    async def _reported_by_parents(self, response: Response, exc: BaseException, request: Request, peer: Any) -> Response:
        self._report(await self._mounted_in.failed_after_response(exc, request), peer)
        return response

    def _handler_for(self, exc: BaseException) -> tuple[Callable[..., Any] | None, bool]:
        """The handler for ``exc`` (its status code first, then its classes), and whether it is the
        server-error handler (for Exception or 500: Starlette tries it last, for non-HTTP errors only; an
        HTTPException with status 500 goes to the HTTPException handler)."""
        handler, handlers = None, self._effective_handlers()
        if isinstance(exc, StarletteHTTPException) and exc.status_code != 500:
            handler = handlers.get(exc.status_code)
        if handler is None:
            handler = next((handlers[c] for c in type(exc).__mro__ if c in handlers and c is not Exception), None)
        if handler is None and not isinstance(exc, StarletteHTTPException):
            return self._server_error_handler()
        return handler, False

    def _report(self, exc: BaseException, peer: Any) -> None:
        """``peer``: the request's client address, so that the TestClient that sent it (not another thread's
        client of this app) re-raises the error."""
        if self._mounted_in is not None:
            self._mounted_in._report(exc, peer)   # the serving app's TestClient re-raises it
            return
        if self._capture_unhandled:
            with self._captured_lock:
                self._captured.append((peer, exc))
        else:
            print("Exception in Tachyon application", file=sys.stderr)
            traceback.print_exception(exc)

    def capture_unhandled_exceptions(self) -> None:
        """For TestClient(raise_server_exceptions=True): keep unhandled exceptions to re-raise in the test."""
        self._capture_unhandled = True

    def take_captured_exception(self, peer: Any) -> BaseException | None:
        """The first unhandled exception of ``peer``'s requests since the last call (its TestClient raises it or,
        if asked not to, drops it)."""
        with self._captured_lock:
            mine = [exc for who, exc in self._captured if who == peer]
            # the others' stay for their clients (errors of requests from elsewhere are dropped)
            self._captured = [(who, exc) for who, exc in self._captured if who != peer and who in peers.connections]
        return mine[0] if mine else None

    # -- serving ----------------------------------------------------------------------------------

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        """The app is an ASGI app too, as FastAPI's (httpx's ASGITransport in async tests): see ``_asgi.py``."""
        from ._asgi import serve

        await serve(self, scope, receive, send)

    def start(self, host: str = "127.0.0.1", port: int = 8000, forwarded_allow_ips: list[str] | None = None):
        """Starts serving on the engine (in this process, in the background); returns the server handle,
        whose ``port`` is the bound port (useful with ``port=0``). Requests from ``forwarded_allow_ips``
        (uvicorn's default: 127.0.0.1; "*": any; []: none) take their scheme and client from
        X-Forwarded-Proto and X-Forwarded-For."""
        from ._boundary.engine import get_engine

        if self._server is not None:
            return self._server
        engine = get_engine()
        server = engine.create_server({
            "max_pending": self.max_pending_requests,
            "root_path": self.root_path,
            "forwarded_allow_ips": ["127.0.0.1"] if forwarded_allow_ips is None else forwarded_allow_ips,
        })
        self._add_routes(server)
        server.start(host, port)
        self._server = server
        return server

    def _add_routes(self, server: Any) -> None:
        from ._boundary.plans import compile_route

        self._served_state = self._routes_state()
        for entry in self._served():
            server.add_route(*self._compile(*entry))
        for app, prefix, outer_handles in self._miss_handlers():
            # A mounted app answers the misses under its prefix; it needs its own route when it handles them, or
            # when an app outside does (whose handler must not answer for it).
            if app._handles_router_misses() or (prefix and outer_handles):
                misses = APIRoute("/", _raise_router_miss, include_in_schema=False)
                misses.compile({}, app)
                plan, objects = compile_route(misses, app.handle_exception, app)
                server.add_route({**plan, "misses": True, "misses_prefix": prefix}, objects)

    def _miss_handlers(self, prefix: str = "", outer_handles: bool = False) -> Iterator[tuple[FastAPI, str, bool]]:
        """This app and every app mounted in it: (app, its path prefix, whether an app outside handles misses)."""
        yield self, prefix, outer_handles
        handles = outer_handles or self._handles_router_misses()
        for route in self.routes:
            if isinstance(route, Mount):
                yield from route.app._miss_handlers(prefix + route.path, handles)

    def _handles_router_misses(self) -> bool:
        """True when the router's 404 or 405 would reach a handler of the app's own (for that status, or
        for Starlette's HTTPException), or its router has a ``default`` app of the app's own: then both go to Python
        instead of the engine's answers."""
        if self.router.answers_misses_itself:
            return True
        handlers = (self._handler_for(StarletteHTTPException(status_code=code))[0] for code in (404, 405))
        return any(h is not None and h is not http_exception_handler for h in handlers)

    def stop(self, timeout: float = 10.0) -> None:
        if self._server is not None:
            self._server.stop(timeout)
            self._server = None

    def startup(self) -> Any:
        """Runs the lifespan's start (or the startup handlers) on the engine's loop; returns the token that
        ``shutdown`` ends this lifespan with."""
        from ._boundary.engine import get_engine

        self.mark_called()
        return self.lifespan.startup(get_engine().lanes.loop)

    def shutdown(self, token: Any = None) -> None:
        """Ends the lifespan ``startup`` returned ``token`` for (None: the last one started)."""
        from ._boundary.engine import get_engine

        self.lifespan.shutdown(get_engine().lanes.loop, token)


async def _awaited_while_handling(handler_call: Any, exc: BaseException) -> Any:
    """Awaits an async exception handler inside an ``except`` block for ``exc``, as Starlette does: there
    ``sys.exc_info()`` is ``exc``, so ``logger.exception(...)`` in a handler logs its traceback. (Python 3.11
    takes the traceback from the exception itself, which keeps its own, not this re-raise.)"""
    traceback_of_exc = exc.__traceback__
    try:
        raise exc
    except BaseException:
        exc.__traceback__ = traceback_of_exc
        return await handler_call


def _debug_response(exc: BaseException, request: Request) -> Response:
    """FastAPI(debug=True)'s 500: the traceback, as an HTML page for a browser, else as plain text."""
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    if "text/html" in request.headers.get("accept", ""):
        page = (f"<html><head><title>{html.escape(type(exc).__name__)}</title></head><body>"
                f"<h1>500 Server Error</h1><h2>{html.escape(f'{type(exc).__name__}: {exc}')}</h2>"
                f"<pre>{html.escape(text)}</pre></body></html>")
        return HTMLResponse(page, status_code=500)
    return PlainTextResponse(text, status_code=500)


# FastAPI's default handlers: async def, but they never await anything (nor look for their task), so
# they are run to the end at once, on any lane, without a task.
_NEVER_AWAIT = (http_exception_handler, request_validation_exception_handler)


def _settled(result: Any) -> Any:
    """A response, or a coroutine giving one (an async handler's, or the handlers of the apps a mounted app is in):
    on the event loop (or in an inline step) the engine runs the coroutine as a handler's task; a sync lane has no
    loop running, so it runs the coroutine on the loop and waits (GIL released)."""
    if inspect.iscoroutine(result) and asyncio._get_running_loop() is None:
        from ._boundary.engine import get_engine

        return asyncio.run_coroutine_threadsafe(result, get_engine().lanes.loop).result()
    return result


def _run_to_end(coro: Any) -> Any:
    """The value of a coroutine that finishes without awaiting (one of _NEVER_AWAIT's)."""
    try:
        coro.send(None)
    except StopIteration as done:
        return done.value
    coro.close()
    raise RuntimeError(f"{coro.__qualname__} awaited outside the event loop")


def _overrides_of(route: APIRoute) -> dict[Any, Any]:
    """The overrides FastAPI applies to ``route``: its provider's (the app it was added to), read now."""
    return dict(getattr(route.dependency_overrides_provider, "dependency_overrides", None) or {})


def _partial_match(request: Request) -> Route | None:
    """Starlette's router for a 405: the first route whose path matches (its methods do not), which the scope
    carries as ``route`` and ``endpoint`` (FastAPI's APIRoute.matches adds the route)."""
    path, root = request._data.path, request.scope.get("root_path", "")
    route_path = path[len(root):] if root and path.startswith(root) else path
    for route in request.app.router.routes:
        if isinstance(route, Route) and route.path_regex.match(route_path):
            request.scope.update({"route": declared_route(route), "endpoint": route.endpoint})
            return route
    return None


def _raise_router_miss(request: Request) -> Any:
    """Starlette's router raises its own class (not FastAPI's): 405 with the path's methods, else 404; a path that
    matches no route at all goes to the router's ``default`` app, when the app replaced it."""
    allow = request._data.allow
    router = request.app.router
    if allow is None and router.answers_misses_itself:
        from ._boundary.engine import get_engine

        # A def endpoint, on a thread of its own: the ASGI app may await, so it runs on the event loop.
        call = asgi_app_response(router.default, request.scope, request.receive)
        return asyncio.run_coroutine_threadsafe(call, get_engine().lanes.loop).result()
    # The handlers' Request shares this one's scope: on a 404 it has no route; on a 405, Starlette's partial match.
    request._route = None if allow is None else _partial_match(request)
    miss = StarletteHTTPException(status_code=404) if allow is None else StarletteHTTPException(
        status_code=405, headers={"Allow": allow})
    # Only for a TestClient of a bare router, which answers misses as Starlette's Router does (router_app.py).
    miss.tachyon_router_miss = True   # type: ignore[attr-defined]
    raise miss


name_options(FastAPI.add_api_route, APIRouter.add_api_route, leave_out=set())
