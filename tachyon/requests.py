"""``Request``: what a handler can ask about the HTTP request, with Starlette's API."""
from __future__ import annotations

import json
from contextlib import contextmanager
from contextvars import ContextVar
from urllib.parse import parse_qsl, quote
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import Any

from ._endpoint.request_data import RequestData
from ._testclient import peers
from .datastructures import URL, Address, FormData, Headers, QueryParams, State, host_authority, server_netloc
from .forms import FORM_MEDIA_TYPES, form_media_type, parse_form


_SCOPE_DATA = "tachyon.request_data"   # the scope of a Tachyon request carries the request itself
_PATH_SAFE = "/:@!$&'()*+,;=-._~"   # characters a path keeps unescaped (RFC 3986 pchar and "/")
# Every request runs in its own copy of the contextvars Context: the first Request built for the request running
# here (see request_for).
_first_request: ContextVar[Request | None] = ContextVar("tachyon_first_request", default=None)


class ClientDisconnect(Exception):
    """Starlette's: the client went away before the request body was read. Code catches it around
    ``await request.body()`` or ``request.stream()``. The engine hands a request to Python only once its whole body
    has arrived (a client that leaves earlier never reaches the app), so only a Request built over a ``receive``
    that reports the disconnect raises it."""


class HTTPConnection(Mapping[str, Any]):
    """Starlette's: also a read-only mapping of its ASGI scope (``request["path"]``, ``request.get("extensions")``)."""

    __eq__ = object.__eq__   # a mapping compares by value; a connection is itself only
    __hash__ = object.__hash__

    def __getitem__(self, key: str) -> Any:
        return self.scope[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.scope)

    def __len__(self) -> int:
        return len(self.scope)

    def __init__(self, scope: dict[str, Any], receive: Any = None, send: Any = None) -> None:
        """Starlette's ``Request(scope, receive)``: a custom route class builds its own request class from
        ``request.scope`` and ``request.receive`` (the scope of a request the engine made carries its data), and
        tests build one from a scope they write (its body then comes from ``receive``)."""
        data = scope.get(_SCOPE_DATA)
        written = data is None
        if written:
            assert scope["type"] in ("http", "websocket"), "A Request is built from an HTTP or WebSocket scope"
            data = _data_of(scope)
        elif receive is not None and not getattr(receive, "_reads_engine_body", False):
            # A route class's Request over the request's scope with a receive of its own (say, one that decrypts the
            # body): the body is what that receive gives, as in Starlette.
            data = data._replace(body=None, form=None)
            written = True
        self._setup(data, scope.get("app"), scope.get("route"), scope)
        self._receive = receive if written else None
        self._written = written   # a scope written by hand: its path_params are as written
        self._no_receive = receive is None   # Starlette's then reads nothing: its body() raises

    @classmethod
    def _from_engine(cls, data: RequestData, app: Any, route: Any) -> HTTPConnection:
        connection = cls.__new__(cls)
        connection._setup(data, app, route, None)
        connection._receive = None
        connection._written = False
        connection._no_receive = False
        return connection

    def _setup(self, data: RequestData, app: Any, route: Any, scope: dict[str, Any] | None) -> None:
        self._scope = scope
        self._data = data
        self._app = app
        self._route = route   # the APIRoute serving the request; None in a handler of the router's own errors
        self._headers: Headers | None = None
        self._cookies: dict[str, str] | None = None
        self._state: State | None = None

    @property
    def app(self) -> Any:
        return self._app

    @property
    def scope(self) -> dict[str, Any]:
        """Starlette's ASGI scope, built on first use; values written to it stay for the request."""
        if self._scope is None:
            d = self._data
            # The lifespan that ran is the outermost app's: a mounted app's requests see its state, as in Starlette.
            served = _serving_app(self._app)
            lifespan = getattr(served, "lifespan", None)
            self._scope = {
                "type": "http", "http_version": d.http_version, "method": d.method, "scheme": d.scheme,
                # the engine hands over the decoded path; quoting it again gives the raw one for any usual path
                "path": d.path, "raw_path": quote(d.path, safe=_PATH_SAFE).encode("ascii"),
                "query_string": d.query_string.encode("latin-1"), "root_path": self._root_path(self._app),
                "headers": Headers.from_pairs(d.headers or []).raw, "client": tuple(self.client) if self.client else None, "server": d.server, "path_params": self.path_params,
                "app": self._app, "state": dict(_lifespan_state(d.client, lifespan)), _SCOPE_DATA: d,
                # Starlette's TestClient asks template responses for what they rendered (response.template).
                "extensions": {"http.response.debug": {}} if d.client in peers.connections else {},
            }
            if getattr(served, "router", None) is not None:   # Starlette's outermost router marks the scope
                self._scope["router"] = served.router
            if self._route is not None:
                from .routing import APIRoute, declared_route

                if isinstance(self._route, APIRoute):   # as FastAPI's APIRoute.matches; Starlette's Route sets no "route"
                    self._scope["route"] = declared_route(self._route)
                self._scope["endpoint"] = self._route.endpoint
        return self._scope

    @property
    def url(self) -> URL:
        scope, d = self._scope, self._data
        scheme, path, query_string = d.scheme, d.path, d.query_string
        if scope is not None:   # what code wrote to the scope counts, as in Starlette
            scheme, path = scope.get("scheme", scheme), scope.get("path", path)
            query_string = scope.get("query_string", b"").decode("latin-1")
        query = f"?{query_string}" if query_string else ""
        # As Starlette: the decoded path's '?', '#' and '\' escaped again, so they stay in the path.
        path = path.replace("?", "%3F").replace("#", "%23").replace("\\", "%5C")
        if d.server is None and "host" not in self.headers:   # a written scope without either: relative, as Starlette's
            return URL(f"{path}{query}")
        return URL(f"{scheme}://{self._host()}{path}{query}")

    @property
    def base_url(self) -> URL:
        """Under the root path of the app that serves (not of a mounted app): where ``url_for`` resolves from."""
        root = self._root_path(_serving_app(self._app))
        return URL(f"{self._data.scheme}://{self._host()}{root}{'' if root.endswith('/') else '/'}")

    def _root_path(self, app: Any) -> str:
        """The root path ``app``'s requests see, from the connection's (a TestClient's): see FastAPI.scope_root_path."""
        if hasattr(app, "scope_root_path"):
            return app.scope_root_path(self._data.root_path)
        return getattr(app, "root_path", "") or self._data.root_path

    def _host(self) -> str:
        """The Host header's host when it is a valid one, else the server's address, as Starlette's URL."""
        host = host_authority(self.headers.get("host"))
        if host is not None:
            return host
        server = self._data.server
        return server_netloc(server, self._data.scheme) if server else "localhost"

    # Once the scope exists (code asked for it, or the Request was built over one), its values are the request's:
    # a route class may edit them before FastAPI's handler reads them, as Starlette's Request reads its scope.
    @property
    def headers(self) -> Headers:
        if self._headers is None:
            self._headers = (Headers.from_pairs(self._data.headers or []) if self._scope is None
                             else Headers(raw=self._scope.get("headers", [])))
        return self._headers

    @property
    def query_params(self) -> QueryParams:
        if self._scope is not None:
            return QueryParams(self._scope.get("query_string", b""))
        return QueryParams(self._data.query)

    @property
    def path_params(self) -> dict[str, Any]:
        """As Starlette's: the values of ``{n:int}``-style parameters converted."""
        if self._scope is not None:
            return self._scope.get("path_params", {})
        convertors = None if self._written else getattr(self._route, "value_convertors", None)
        if not convertors:
            return dict(self._data.path_params)
        return {k: convertors[k].convert(v) if k in convertors else v for k, v in self._data.path_params.items()}

    @property
    def cookies(self) -> dict[str, str]:
        if self._cookies is None:
            from .cookies import parse_cookie_lines

            self._cookies = parse_cookie_lines(self.headers.getlist("cookie"))
        return self._cookies

    @property
    def client(self) -> Address | None:
        if self._scope is not None:
            client = self._scope.get("client")
            return Address(*client) if client else None
        client = self._data.client
        if client in peers.connections:
            client = peers.connections[client]   # what its TestClient was told to report
        return Address(*client) if client else None

    @property
    def state(self) -> State:
        """Backed by ``scope["state"]`` as in Starlette: a copy of what the lifespan yielded, for this request."""
        if self._state is None:
            self._state = State(self.scope.setdefault("state", {}))
        return self._state

    # Starlette's: set by middleware that Tachyon does not run yet, so code reading them learns why they are absent.
    @property
    def session(self) -> dict[str, Any]:
        if "session" not in self.scope:
            raise AssertionError("SessionMiddleware must be installed to access request.session")
        return self.scope["session"]

    @property
    def auth(self) -> Any:
        if "auth" not in self.scope:
            raise AssertionError("AuthenticationMiddleware must be installed to access request.auth")
        return self.scope["auth"]

    @property
    def user(self) -> Any:
        if "user" not in self.scope:
            raise AssertionError("AuthenticationMiddleware must be installed to access request.user")
        return self.scope["user"]

    def url_for(self, name: str, /, **path_params: Any) -> URL:
        """Starlette's: the route's path in the app that serves (so through its mounts), under ``base_url``."""
        if self._app is None:
            raise RuntimeError("The `url_for` method can only be used inside a Starlette application or with a router.")
        path = _serving_app(self._app).url_path_for(name, **path_params)
        return URL(str(self.base_url).rstrip("/") + path)


class Request(HTTPConnection):
    _form: FormData | None = None
    _stream_consumed = False   # Starlette's: the body was read through stream() and not kept in _body
    _form_read_by_route = False   # FastAPI read the form (through form()) before the route's code ran: see request_for
    _response_sent = False   # set when the response's background work starts (specials.AfterResponse)

    @property
    def method(self) -> str:
        return self._data.method if self._scope is None else self._scope.get("method", self._data.method)

    async def body(self) -> bytes:
        """Starlette's: read once and kept in ``_body``, which code may also set (a route class's recipe)."""
        if "_body" not in self.__dict__:
            if type(self).stream is not Request.stream:   # a subclass's stream() is the body, as Starlette's body() reads it
                self._body = b"".join([chunk async for chunk in self.stream()])
            else:
                self._check_unconsumed()
                await self._receive_body()
                self._body = self._data.body or b""
        return self._body

    def _check_unconsumed(self) -> None:
        if self._stream_consumed and "_body" not in self.__dict__:
            raise RuntimeError("Stream consumed")

    async def _receive_body(self) -> None:
        """A Request built over a receive reads the body from it (the engine's requests come with theirs); one
        that code built without a receive has none to read, as Starlette's."""
        if self._no_receive:
            raise RuntimeError("Receive channel has not been made available")
        if self._data.body is None and self._receive is not None:
            self._data = self._data._replace(body=b"".join([chunk async for chunk in self._received_chunks()]))

    async def _received_chunks(self) -> AsyncIterator[bytes]:
        """The body as the receive gives it, chunk by chunk; a disconnect before its end is ClientDisconnect."""
        while True:
            message = await self._receive()
            if message["type"] == "http.disconnect":
                raise ClientDisconnect()
            if message.get("body"):
                yield message["body"]
            if not message.get("more_body", False):
                return

    async def stream(self) -> AsyncIterator[bytes]:
        """Starlette's: the body in chunks, then ``b""``; the kept ``_body`` if ``body()`` ran before. The engine
        has read the whole body, so it is one chunk (none when empty). As Starlette's, it reads the body once:
        after it, ``body()``, ``json()``, ``form()`` and ``stream()`` raise "Stream consumed"."""
        if "_body" in self.__dict__:
            yield self._body
            yield b""
            return
        self._check_unconsumed()
        if self._receive is not None and self._data.body is None and not self._no_receive:
            async for chunk in self._received_chunks():   # as it arrives, as Starlette's
                yield chunk
            self._stream_consumed = True
            yield b""
            return
        await self._receive_body()
        self._stream_consumed = True
        if self._data.body:
            yield self._data.body
        yield b""

    @property
    def receive(self) -> Any:
        """The ASGI receive callable: one message with the whole body (the engine has read it); for a request
        built from a written scope, the one it was given."""
        if self._receive is not None:
            return self._receive

        async def receive() -> dict[str, Any]:
            if self._response_sent:   # as an ASGI server answers once the response is complete
                return {"type": "http.disconnect"}
            return {"type": "http.request", "body": self._data.body or b"", "more_body": False}
        receive._reads_engine_body = True   # type: ignore[attr-defined]   # a Request built over it keeps the body
        return receive

    async def json(self) -> Any:
        """Starlette's: decoded once and kept in ``_json``, which code may also set."""
        if "_json" not in self.__dict__:
            self._json = json.loads(await self.body())
        return self._json

    def form(self, *, max_files: int | float = 1000, max_fields: int | float = 1000,
             max_part_size: int = 1024 * 1024) -> _FormReader:
        """The urlencoded or multipart body (files as UploadFile), read once; empty for other content
        types. ``await request.form()``, or ``async with request.form() as form:`` to close its files. A body
        over Starlette's limits (more files or fields, a bigger field) is a 400 with Starlette's message."""
        return _FormReader(self, {"max_files": max_files, "max_fields": max_fields, "max_part_size": max_part_size})

    async def is_disconnected(self) -> bool:
        """The engine has read the whole request before the app runs, so the client counts as gone only once its
        response is complete (background work asking then gets True, as the ASGI receive says http.disconnect)."""
        return self._response_sent

    async def send_push_promise(self, path: str) -> None:
        """Starlette's sends an HTTP/2 server push when the server offers the ASGI extension for it; the engine
        offers none (browsers dropped server push), so, as Starlette's under such a server, nothing is sent."""

    async def send_early_hints(self, link: str, /, *additional_links: str) -> None:
        """Starlette's sends a 103 Early Hints response when the server offers the ASGI extension for it; the
        engine offers none, so, as Starlette's under such a server, nothing is sent."""

    async def close(self) -> None:
        return None


class _FormReader:
    """Starlette's AwaitableOrContextManager for ``Request.form()``."""

    def __init__(self, request: Request, limits: dict[str, Any]) -> None:
        self._request = request
        self._limits = limits

    def _read(self) -> FormData:
        request = self._request
        if request._form is None:
            data = request._data
            body = request.__dict__.get("_body", data.body)
            if body is not data.body:   # code set _body: the form is read from it, as Starlette's from stream()
                data = data._replace(body=body, form=None)
            request._form = parse_form(data, **self._limits)
        return request._form

    def __await__(self) -> Any:
        async def read() -> FormData:
            # Starlette's form reads the stream, never an overridden body() (a route class's may decompress).
            request = self._request
            if (request._form is None and not request._form_read_by_route
                    and form_media_type(request._data.content_type) in FORM_MEDIA_TYPES):
                request._check_unconsumed()   # Starlette's form reads the stream only for these
            await request._receive_body()
            if type(request).stream is not Request.stream and request._form is None and "_body" not in request.__dict__:
                streamed = b"".join([chunk async for chunk in request.stream()])
                if streamed != request._data.body:   # the subclass's stream() changed the body: the form is read from it
                    request._data = request._data._replace(body=streamed, form=None)
            return self._read()
        return read().__await__()

    async def __aenter__(self) -> FormData:
        return await self

    async def __aexit__(self, *exc_info: Any) -> None:
        await self._read().close()


def _data_of(scope: dict[str, Any]) -> RequestData:
    """The request a written ASGI scope describes (its body, if any, comes from ``receive``). Starlette reads the
    scope's query string and headers only when asked: a hand-written scope with odd values there (``""`` for both,
    a dict of headers), built for ``request.state`` alone, makes a Request here too (a str query string reads as
    Starlette reads it; odd headers read as none)."""
    raw_headers = scope.get("headers", [])
    headers = [(_latin1(k), _latin1(v)) for k, v in raw_headers] if isinstance(raw_headers, (list, tuple)) else []
    query_string = _latin1(scope.get("query_string", b""))
    content_type = next((v for k, v in headers if k.lower() == "content-type"), None)
    return RequestData(path_params=dict(scope.get("path_params", {})),
                       query=parse_qsl(query_string, keep_blank_values=True), body=None, headers=headers,
                       content_type=content_type, method=scope.get("method", "GET"), scheme=scope.get("scheme", "http"),
                       path=scope.get("path", "/"), query_string=query_string,
                       client=tuple(scope["client"]) if scope.get("client") else None,
                       server=tuple(scope["server"]) if scope.get("server") else None,
                       http_version=scope.get("http_version", "1.1"), form=None, allow=None,
                       root_path=scope.get("root_path", ""))


def _latin1(value: bytes | str) -> str:
    return value.decode("latin-1") if isinstance(value, (bytes, bytearray)) else value


def _lifespan_state(peer: Any, lifespan: Any) -> dict[str, Any]:
    """What a request's state starts from: its TestClient's app_state, else what the serving app's lifespan yielded."""
    state = peers.states.get(peer)
    if state is not None:
        return state
    return lifespan.state if lifespan is not None else {}


def _serving_app(app: Any) -> Any:
    """The app the server serves: a mounted app's outermost parent."""
    while getattr(app, "_mounted_in", None) is not None:
        app = app._mounted_in
    return app


@contextmanager
def own_request_objects() -> Iterator[None]:
    """For a request whose code runs in a context other requests' code ran in (an ASGI call's task): the Requests
    built meanwhile are this request's own (see request_for)."""
    token = _first_request.set(None)
    try:
        yield
    finally:
        _first_request.reset(token)


def request_for(data: RequestData, app: Any, route: Any) -> Request:
    """A Request for the request running in this context (a dependency's, an exception handler's). All of them
    share one scope, as every Request of an ASGI request wraps its scope: what a dependency stores on
    ``request.state`` is there in the exception handler, as are ``scope["route"]`` and ``scope["endpoint"]``."""
    request = Request._from_engine(data, app, route)
    if getattr(route, "body_is_form", False) and form_media_type(data.content_type) in FORM_MEDIA_TYPES:
        # FastAPI reads a form route's body with request.form() before dependencies run, which streams it: then
        # body(), json() and stream() raise "Stream consumed", and form() gives the form it read.
        request._stream_consumed = request._form_read_by_route = True
    first = _first_request.get()
    if first is None:
        _first_request.set(request)
    else:
        request._scope = first.scope
    return request
