"""The TestClient's httpx transport: sends each request httpx built to the app's engine over a loopback connection
and hands back what the engine answered. httpx does everything a client does (URLs, query strings, bodies, cookies,
redirects, auth, decoding); this only carries the bytes, so tests exercise what production runs: Kestrel, the C#
router and binder, the Python lanes. Like Starlette's transport it answers for any host in the URL, and
re-raises in the test an exception the app did not handle (``raise_server_exceptions``)."""
from __future__ import annotations

import contextvars
import http.client
import threading
import weakref
from typing import Any

import httpx

from .._boundary.engine import get_engine
from . import bodiless, peers, serving

# http.client refuses a response of more than 100 header lines (100 cookies set at once); httpx takes any number.
# Raising the module's limit only loosens a check, for every http.client user in the process.
http.client._MAXHEADERS = max(http.client._MAXHEADERS, 10_000)  # type: ignore[attr-defined]
# A guard against an app that never answers (Starlette's TestClient would wait forever). httpx's own timeouts (5 s by
# default) are not used: Starlette's transport ignores them too.
_RESPONSE_TIMEOUT = 60.0


class EngineTransport(httpx.BaseTransport):
    def __init__(self, app: Any, *, raise_server_exceptions: bool, root_path: str, client: tuple[str, int] | None,
                 app_state: dict[str, Any]) -> None:
        """``app`` serves (started on a free loopback port while this transport holds it); ``client`` is what
        ``request.client`` reports for these requests (None: no client); ``root_path`` the requests'
        ``scope["root_path"]`` where the app sets none; ``app_state`` what their ``request.state`` starts from."""
        self.app = app
        self.app_state = app_state
        self.raise_server_exceptions = raise_server_exceptions
        self.root_path = root_path
        self.client = client
        # Each thread has its own connection (httpx's pool gives concurrent requests theirs): connection -> its
        # local address, which identifies the requests of this client to the app (see peers.py).
        self._per_thread = threading.local()
        self._connections: dict[http.client.HTTPConnection, tuple[str, int] | None] = {}
        self._connections_lock = threading.Lock()
        self._serving: weakref.finalize | None = None   # while this transport holds the app's server (serving.py)
        self._port = self._hold_server()
        app.capture_unhandled_exceptions()
        if raise_server_exceptions:
            get_engine().lanes.keep_background_failures = True

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        # As Starlette's TestClient: values as httpx decodes them (ASCII, else UTF-8, else Latin-1 for all), sent as
        # UTF-8, so Latin-1 bytes a test sends arrive re-encoded ("é" as "Ã©"). http.client sends str as Latin-1.
        encoding = request.headers.encoding
        headers = [(name.decode("latin-1"), value.decode(encoding).encode().decode("latin-1"))
                   for name, value in request.headers.raw]
        chunked = request.headers.get("transfer-encoding", "").lower() == "chunked"
        body = request.read()
        status, response_headers, content = self._exchange(request.url.scheme, request.method,
                                                           request.url.raw_path.decode("ascii"), headers, body, chunked)
        # As Starlette's TestClient, return once the response's background tasks and the exit code of its yield
        # dependencies have run, and raise what they raised.
        background_failures = get_engine().settle_background(_RESPONSE_TIMEOUT)
        exc = self.app.take_captured_exception(self._local_address) or next(iter(background_failures), None)
        if exc is not None and self.raise_server_exceptions:
            raise exc
        response = httpx.Response(status, headers=response_headers, stream=httpx.ByteStream(content), request=request)
        rendered = peers.templates.pop(self._local_address, None)
        if rendered is not None:   # a template response: Starlette's TestClient shows what rendered it
            response.template, response.context = rendered  # type: ignore[attr-defined]
        return response

    def close(self) -> None:
        """Closes the connections and lets the app's server go (the last client stops it); a later request
        starts it again, as a Starlette TestClient can still be used after its ``with`` block."""
        with self._connections_lock:   # emptied in place: the finalizer holds this dict
            open_connections = dict(self._connections)
            self._connections.clear()
        for connection, address in open_connections.items():
            self._forget(address)
            connection.close()
        if self._serving is not None:
            self._serving.detach()
            self._serving = None
            serving.release(self.app)

    def _exchange(self, scheme: str, method: str, target: str, headers: list[tuple[str, str]], body: bytes,
                  chunked: bool) -> tuple[int, list[tuple[str, str]], bytes]:
        self._port = self._hold_server()   # started again after close()
        self.app.serve_route_changes()   # routes added to the app since the last request
        self.app.mark_called()
        for attempt in range(2):
            connection = self._connection_for_request(scheme)
            peers.contexts[self._connections[connection]] = contextvars.copy_context()
            try:
                connection.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
                for name, value in headers:
                    connection.putheader(name, value)
                connection.endheaders(body if body or chunked else None, encode_chunked=chunked)
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
        # Starlette's TestClient talks to the app without a server, so its responses have no Date header; Kestrel
        # adds one to every response (an app's own Date is dropped too: the two cannot be told apart here). Header
        # names come lowercased, as in ASGI messages (Kestrel writes its own in their usual casing).
        headers = [(name.lower(), value) for name, value in raw.getheaders() if name.lower() != "date"]
        return (raw.status, *bodiless.restore(headers, content))

    def _hold_server(self) -> int:
        if self._serving is None:
            port = serving.hold(self.app)
            self._serving = weakref.finalize(self, _let_go, self.app, self._connections)
            return port
        return self._port

    @property
    def _connection(self) -> http.client.HTTPConnection | None:
        connection = getattr(self._per_thread, "connection", None)
        return connection if connection in self._connections else None   # None after close()

    @property
    def _local_address(self) -> tuple[str, int] | None:
        return self._connections.get(self._connection) if self._connection is not None else None

    def _connection_for_request(self, scheme: str) -> http.client.HTTPConnection:
        """This thread's open connection, (re)connected so that its requests report Starlette's TestClient
        address as ``request.client`` (also after the server closed it). The engine knows it as a TestClient's:
        its requests have the URL's ``scheme`` (the connection itself is plain HTTP) and the client's root_path."""
        connection = self._connection
        if connection is None or connection.sock is None or connection.port != self._port:
            self._drop_connection()
            connection = http.client.HTTPConnection("127.0.0.1", self._port, timeout=_RESPONSE_TIMEOUT)
            connection.connect()
            address = connection.sock.getsockname()[:2]
            peers.register(address, self.client, self.app_state)
            with self._connections_lock:
                self._connections[connection] = address
            self._per_thread.connection, self._per_thread.scheme = connection, None
        if self._per_thread.scheme != scheme:
            self.app._server.set_test_client_peer(self._connections[connection][1], scheme, self.root_path)
            self._per_thread.scheme = scheme
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
        """Drops what was kept for a closed connection, the engine's registration too (the port may come back
        for another client)."""
        peers.forget(address)
        if address is not None and self.app._server is not None:
            self.app._server.set_test_client_peer(address[1], None)


def _let_go(app: Any, connections: dict[http.client.HTTPConnection, tuple[str, int] | None]) -> None:
    """A transport collected without close() (a TestClient used outside ``with``): its connections close here,
    not in the sockets' finalizers (which warn, and a suite running with ``-W error`` would fail), and the app's
    server goes."""
    for connection, address in list(connections.items()):
        peers.forget(address)   # (no engine call: a finalizer may run after the engine stopped, at exit)
        connection.close()
    connections.clear()
    serving.release_later(app)
