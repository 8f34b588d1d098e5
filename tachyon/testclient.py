"""``TestClient``: drives an app through the real engine, over HTTP on a loopback port.

Tests exercise exactly what production runs: Kestrel, the C# router and binder, the Python lanes.
The API follows Starlette's TestClient (httpx-style): ``client.get(url, params=, headers=, cookies=,
auth=)``, ``client.post(url, json=, data=, files=, content=)``…, a cookie jar, following redirects by
default, and re-raising in the test an exception the app did not handle (``raise_server_exceptions=True``)
as Starlette does.
"""
from __future__ import annotations

import base64
import http.client
import json as json_module
import logging
import re
import threading
import time
import warnings
import weakref
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any
from urllib.parse import quote, urlencode, urljoin, urlsplit

from ._boundary.engine import get_engine
from ._testclient import peers, serving
from ._testclient.cookies import Cookies
from ._testclient.encoding import encode_multipart, merge_headers, query_pairs
from ._testclient.router_app import app_for
from ._testclient.content_encoding import DecodingError
from ._testclient.messages import URL, Headers, HTTPStatusError, Request, Response, TooManyRedirects
from ._testclient.portal import LoopPortal
from .applications import FastAPI
from .routing import APIRouter
from .datastructures import MutableHeaders

__all__ = ["TestClient", "Response", "Request", "Headers", "Cookies", "URL", "HTTPStatusError", "TooManyRedirects",
           "DecodingError", "encode_multipart"]

_httpx_logger = logging.getLogger("httpx")
_REDIRECTS = {301, 302, 303, 307, 308}
# http.client refuses a response of more than 100 header lines (100 cookies set at once); httpx takes any number.
# Raising the module's limit only loosens a check, for every http.client user in the process.
http.client._MAXHEADERS = max(http.client._MAXHEADERS, 10_000)  # type: ignore[attr-defined]
_MAX_REDIRECTS = 20   # httpx's default max_redirects
# What a request target keeps as it is (RFC 3986); "%" too, so that an encoded URL is not encoded twice.
_PATH_SAFE = "/:@!$&'()*+,;=-._~%"
_ABSOLUTE_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")   # a scheme first; "://" in a query is not one
_QUERY_SAFE = _PATH_SAFE + "?"
_DEFAULT_HEADERS = {"accept": "*/*", "accept-encoding": "gzip, deflate", "connection": "keep-alive",
                    "user-agent": "testclient"}


class TestClient:
    __test__ = False  # not a test class, for pytest's collector

    def __init__(self, app: FastAPI | APIRouter, base_url: str = "http://testserver", raise_server_exceptions: bool = True,
                 root_path: str = "", backend: str = "asyncio", backend_options: dict[str, Any] | None = None,
                 cookies: Any = None, headers: Mapping[str, str] | None = None, follow_redirects: bool = True,
                 client: tuple[str, int] | None = ("testclient", 50000)) -> None:
        """Starlette's arguments. ``client`` is what ``request.client`` reports for this client's requests
        (None: no client). ``backend`` and ``backend_options`` are accepted for Starlette's signature; the
        app's async code always runs on the engine's asyncio loop."""
        self.app = app
        self._app = app_for(app)   # what serves: the app, or one around a bare APIRouter
        self.client = client
        self.base_url = base_url.rstrip("/")
        self.raise_server_exceptions = raise_server_exceptions
        self.root_path = root_path   # the requests' scope["root_path"] where the app sets none, as Starlette's
        self.follow_redirects = follow_redirects
        self.headers = headers
        self._cookies = Cookies(cookies)
        # Each thread has its own connection (httpx's pool gives concurrent requests theirs): connection -> its
        # local address, which identifies the requests of this client to the app (see _testclient/peers.py).
        self._per_thread = threading.local()
        self._connections: dict[http.client.HTTPConnection, tuple[str, int] | None] = {}
        self._connections_lock = threading.Lock()
        self._serving: weakref.finalize | None = None   # while this client holds the app's server (see serving.py)
        self._port = self._hold_server()
        self._app.capture_unhandled_exceptions()
        if raise_server_exceptions:
            get_engine().lanes.keep_background_failures = True

    def __enter__(self) -> TestClient:
        self._app.startup()  # as Starlette's TestClient: the lifespan runs inside ``with``
        return self

    def __exit__(self, *exc_info: Any) -> None:
        try:
            self._app.shutdown()
        finally:
            self.close()

    @property
    def portal(self) -> LoopPortal:
        """Starlette's: runs a function on the app's event loop and waits for it (``portal.call(func, *args)``,
        ``portal.start_task_soon(...)``)."""
        return LoopPortal(get_engine().lanes.loop)

    @property
    def app_state(self) -> dict[str, Any]:
        """What the app's lifespan yielded (Starlette's TestClient.app_state)."""
        return self._app.lifespan.state

    @property
    def headers(self) -> MutableHeaders:
        """What every request sends (besides host), as httpx's client headers: the defaults, then the
        client's own. Editing them edits what is sent; ``clear()`` leaves only host."""
        return self._headers

    @headers.setter
    def headers(self, headers: Mapping[str, str] | None) -> None:
        self._headers = MutableHeaders()
        self._headers.update(_DEFAULT_HEADERS)
        self._headers.update(headers or {})

    @property
    def cookies(self) -> Cookies:
        return self._cookies

    @cookies.setter
    def cookies(self, cookies: Any) -> None:
        self._cookies = Cookies(cookies)

    def close(self) -> None:
        """Closes the connections and lets the app's server go (the last client stops it); a later request
        starts it again, as a closed Starlette TestClient can still be used."""
        with self._connections_lock:
            open_connections, self._connections = self._connections, {}
        for connection, address in open_connections.items():
            self._forget(address)
            connection.close()
        if self._serving is not None:
            self._serving.detach()
            self._serving = None
            serving.release(self._app)

    def _hold_server(self) -> int:
        if self._serving is None:
            port = serving.hold(self._app)
            self._serving = weakref.finalize(self, serving.release_later, self._app)
            return port
        return self._port

    def request(self, method: str, url: str, *, params: Any = None, json: Any = None, data: Any = None,
                files: Any = None, content: bytes | str | Iterable[bytes] | None = None, headers: Any = None,
                cookies: Mapping[str, str] | None = None, auth: tuple[str, str] | None = None,
                follow_redirects: bool | None = None, allow_redirects: bool | None = None,
                timeout: float | None = None) -> Response:
        """``headers`` is a mapping or a list of (name, value) pairs (a name may repeat); ``files`` is
        httpx's: {field: file, (filename, file) or (filename, file, content_type)}, or a list of pairs;
        ``auth`` a (username, password) pair sent as HTTP Basic credentials. ``allow_redirects`` is the
        requests-era name Starlette's TestClient still takes, with a DeprecationWarning."""
        if allow_redirects is not None:
            warnings.warn("The `allow_redirects` argument is deprecated. Use `follow_redirects` instead.",
                          DeprecationWarning, stacklevel=3)
            follow_redirects = allow_redirects
        body, body_headers = self._encode_body(json, data, files, content)
        origin, target = self._target(url, params)
        fragment = urlsplit(url).fragment   # never sent; kept in the response's URL, as httpx keeps it
        headers = merge_headers(self.headers, body_headers, _basic_auth(auth), headers)
        response = self._send(method.upper(), origin, target, body, headers, cookies, timeout, fragment)
        follow = self.follow_redirects if follow_redirects is None else follow_redirects
        history: list[Response] = []
        while follow and response.status_code in _REDIRECTS and "location" in response.headers:
            if len(history) == _MAX_REDIRECTS:
                raise TooManyRedirects("Exceeded maximum allowed redirects.", request=response.request)
            history.append(response)
            if response.status_code == 303 or (response.status_code in (301, 302) and method.upper() == "POST"):
                method, body = "GET", None
            location = urljoin(response.url, response.headers["location"])
            fragment = urlsplit(location).fragment or fragment   # httpx: else the previous request's (RFC 7231 7.1.2)
            origin, target = self._target(location, None)
            response = self._send(method.upper(), origin, target, body, headers, cookies, timeout, fragment)
        response.history = history
        return response

    def get(self, url: str, **kwargs: Any) -> Response: return self.request("GET", url, **kwargs)
    def post(self, url: str, **kwargs: Any) -> Response: return self.request("POST", url, **kwargs)
    def put(self, url: str, **kwargs: Any) -> Response: return self.request("PUT", url, **kwargs)
    def patch(self, url: str, **kwargs: Any) -> Response: return self.request("PATCH", url, **kwargs)
    def delete(self, url: str, **kwargs: Any) -> Response: return self.request("DELETE", url, **kwargs)
    def options(self, url: str, **kwargs: Any) -> Response: return self.request("OPTIONS", url, **kwargs)
    def head(self, url: str, **kwargs: Any) -> Response: return self.request("HEAD", url, **kwargs)

    # -- internals ------------------------------------------------------------------------------

    @property
    def _connection(self) -> http.client.HTTPConnection | None:
        connection = getattr(self._per_thread, "connection", None)
        return connection if connection in self._connections else None   # None after close()

    @property
    def _local_address(self) -> tuple[str, int] | None:
        return self._connections.get(self._connection) if self._connection is not None else None

    def _connection_for_request(self) -> http.client.HTTPConnection:
        """This thread's open connection, (re)connected so that its requests report Starlette's TestClient
        address as ``request.client`` (also after the server closed it)."""
        connection = self._connection
        if connection is None or connection.sock is None or connection.port != self._port:
            self._drop_connection()
            connection = http.client.HTTPConnection("127.0.0.1", self._port, timeout=60)
            connection.connect()
            address = connection.sock.getsockname()[:2]
            peers.connections[address] = self.client
            if self.root_path:   # the requests' scope["root_path"] where the app sets none
                self._app._server.set_peer_root_path(address[1], self.root_path)
            with self._connections_lock:
                self._connections[connection] = address
            self._per_thread.connection = connection
        return connection

    def _drop_connection(self) -> None:
        """Closes this thread's connection (unusable after a failed request, or to the server's old port)."""
        connection = getattr(self._per_thread, "connection", None)
        self._per_thread.connection = None
        if connection is None:
            return
        with self._connections_lock:
            address = self._connections.pop(connection, None)
        self._forget(address)
        connection.close()

    def _forget(self, address: tuple[str, int] | None) -> None:
        """Drops what was kept for a closed connection; the engine's routing under its root_path too (the
        port may come back for another client)."""
        peers.connections.pop(address, None)
        peers.templates.pop(address, None)
        if self.root_path and address is not None and self._app._server is not None:
            self._app._server.set_peer_root_path(address[1], "")

    @staticmethod
    def _encode_body(json: Any, data: Any, files: Any, content: Any) -> tuple[bytes | list[bytes] | None, dict[str, str]]:
        """The body and its headers. A list of chunks is sent chunked, as httpx streams an iterator whose length
        it cannot know (a generator): no Content-Length. A file-like object is read whole, as httpx finds its
        length."""
        if files is not None:
            return encode_multipart(data or {}, files)
        if json is not None:
            # httpx 0.28+ (what Starlette's TestClient sends): compact, UTF-8, no NaN.
            body = json_module.dumps(json, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
            return body.encode("utf-8"), {"content-type": "application/json"}
        if isinstance(data, Mapping):
            return urlencode(query_pairs(data)).encode(), {"content-type": "application/x-www-form-urlencoded"}
        raw = data if data is not None else content
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        elif hasattr(raw, "read") and hasattr(raw, "seek"):
            raw = raw.read()
            raw = raw.encode("utf-8") if isinstance(raw, str) else raw
        elif raw is not None and not isinstance(raw, (bytes, bytearray, memoryview)):
            raw = [chunk.encode("utf-8") if isinstance(chunk, str) else bytes(chunk) for chunk in raw]
        return raw, {}

    def _target(self, url: str, params: Any) -> tuple[str, str]:
        """(scheme://host of the URL, or of base_url for a relative one; the request target), percent-encoded
        as httpx sends it: spaces, non-ASCII and other characters a URL cannot hold as they are."""
        if url.startswith("//"):   # a network-path reference, as httpx reads it: "//items" is the host "items"
            url = urlsplit(self.base_url).scheme + ":" + url
        parts = urlsplit(url if _ABSOLUTE_URL.match(url) else self.base_url + ("" if url.startswith("/") else "/") + url)
        # httpx 0.28: params, when given (even empty), replace the URL's query string.
        query = quote(parts.query, safe=_QUERY_SAFE) if params is None else urlencode(query_pairs(params))
        path = quote(_without_dot_segments(parts.path) or "/", safe=_PATH_SAFE)
        return f"{parts.scheme}://{parts.netloc}", path + (f"?{query}" if query else "")

    def _send(self, method: str, origin: str, target: str, body: bytes | list[bytes] | None, headers: list[tuple[str, str]],
              cookies: Mapping[str, str] | None, timeout: float | None, fragment: str) -> Response:
        out = merge_headers({"host": urlsplit(origin).netloc}, headers)
        # httpx leaves an explicit Cookie header alone (CookieJar.add_cookie_header).
        cookie = None if any(name.lower() == "cookie" for name, _ in out) else self._cookies.header_for(origin + target, cookies)
        if cookie:
            out.append(("cookie", cookie))
        chunked = isinstance(body, list)
        given = {name.lower() for name, _ in out}
        if chunked:
            if "transfer-encoding" not in given:
                out.append(("transfer-encoding", "chunked"))
        elif (body is not None or method in ("POST", "PUT", "PATCH")) and "content-length" not in given:
            out.append(("content-length", str(len(body or b""))))   # httpx adds it only when the caller did not
        if origin.startswith("https:") and not any(name.lower() == "x-forwarded-proto" for name, _ in out):
            # The connection is plain HTTP on loopback: the engine takes the scheme from this header, as from a
            # TLS-terminating proxy on the same host, so request.url and redirects are https as Starlette's are.
            out.append(("x-forwarded-proto", "https"))
        self._port = self._hold_server()   # started again after close()
        self._app.serve_route_changes()   # routes added to the app since the last request
        started = time.perf_counter()
        for attempt in range(2):
            connection = self._connection_for_request()
            connection.timeout = 60 if timeout is None else timeout
            connection.sock.settimeout(connection.timeout)
            try:
                connection.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
                for name, value in out:
                    connection.putheader(name, value)
                connection.endheaders(iter(body) if chunked else body, encode_chunked=chunked)
                raw = connection.getresponse()
                content = raw.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self._drop_connection()
                if attempt:
                    raise
            except BaseException:   # the connection is unusable after a failed request (say, a bad header)
                self._drop_connection()
                raise
        # As Starlette's TestClient, return once the response's background tasks and the exit code of its yield
        # dependencies have run, and raise what they raised.
        background_failures = get_engine().settle_background(connection.timeout)
        exc = self._app.take_captured_exception(self._local_address) or next(iter(background_failures), None)
        if exc is not None and self.raise_server_exceptions:
            raise exc
        # Starlette's TestClient talks to the app without a server, so its responses have no Date header; Kestrel
        # adds one to every response (an app's own Date is dropped too: the two cannot be told apart here).
        headers = Headers([(name, value) for name, value in raw.getheaders() if name.lower() != "date"])
        self._cookies.extract_cookies(origin + target, headers.get_list("set-cookie"))
        request = Request(method, f"{origin}{target}" + (f"#{fragment}" if fragment else ""), out,
                          b"".join(body) if chunked else body)
        response = Response(raw.status, raw.reason, headers, content, request)
        response.elapsed = timedelta(seconds=time.perf_counter() - started)
        response.http_version = "HTTP/1.0" if raw.version == 10 else "HTTP/1.1"
        rendered = peers.templates.pop(self._local_address, None)
        if rendered is not None:
            response.template, response.context = rendered
        # What httpx logs for every request it sends (Starlette's TestClient is an httpx.Client): caplog sees it.
        _httpx_logger.info('HTTP Request: %s %s "%s %d %s"', method, response.url, response.http_version,
                           response.status_code, response.reason_phrase)
        return response


def _basic_auth(auth: tuple[str, str] | None) -> dict[str, str] | None:
    if auth is None:
        return None
    username, password = auth
    token = base64.b64encode(f"{username}:{password}".encode("latin-1")).decode("ascii")
    return {"authorization": f"Basic {token}"}


def _without_dot_segments(path: str) -> str:
    """"." and ".." segments resolved, as httpx sends a URL (RFC 3986 5.2.4): /a/./b/../c is /a/c."""
    segments = path.split("/")
    if "." not in segments and ".." not in segments:
        return path
    kept: list[str] = []
    for segment in segments:
        if segment == "..":
            if kept and kept != [""]:
                kept.pop()
        elif segment != ".":
            kept.append(segment)
    return "/".join(kept)
