"""A TestClient of an ASGI callable that is no Tachyon app: a wrapper around one (asgi-lifespan's
``LifespanManager(app).app``, a function that adds to the scope). As Starlette's TestClient does with any ASGI app,
each request is a call of it, with Starlette's scope, and ``with`` runs its lifespan through ASGI messages. The calls
run on the engine's event loop; the Tachyon app inside answers them through its engine (see ``tachyon/_asgi.py``)."""
from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import unquote

import httpx

from .._boundary.engine import get_engine

_DEFAULT_PORTS = {"http": 80, "ws": 80, "https": 443, "wss": 443}


class AsgiAppTransport(httpx.BaseTransport):
    def __init__(self, app: Any, *, raise_server_exceptions: bool, root_path: str, client: tuple[str, int] | None,
                 app_state: dict[str, Any]) -> None:
        self._app = app
        self._raise = raise_server_exceptions
        self._root_path = root_path
        self._client = client
        self._app_state = app_state

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        return asyncio.run_coroutine_threadsafe(self._call(request, body), get_engine().lanes.loop).result()

    async def _call(self, request: httpx.Request, body: bytes) -> httpx.Response:
        sent_request, response_done = False, asyncio.Event()
        start: dict[str, Any] | None = None
        chunks: list[bytes] = []

        async def receive() -> dict[str, Any]:
            nonlocal sent_request
            if not sent_request:
                sent_request = True
                return {"type": "http.request", "body": body, "more_body": False}
            await response_done.wait()
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    response_done.set()

        try:
            await self._app(self._scope(request), receive, send)
        except BaseException:
            if self._raise:
                raise
        finally:
            response_done.set()
        if start is None:
            if self._raise:
                raise AssertionError("TestClient did not receive any response.")
            return httpx.Response(500, request=request)
        headers = [(bytes(name), bytes(value)) for name, value in start.get("headers", [])]
        return httpx.Response(start["status"], headers=headers, content=b"".join(chunks), request=request)

    def _scope(self, request: httpx.Request) -> dict[str, Any]:
        """Starlette's TestClient scope of ``request``."""
        url = request.url
        netloc = url.netloc.decode("ascii")
        default_port = _DEFAULT_PORTS[url.scheme]
        host, _, port_text = netloc.partition(":")
        port = int(port_text) if port_text else default_port
        if "host" in request.headers:
            headers: list[tuple[bytes, bytes]] = []
        else:
            headers = [(b"host", host.encode() if port == default_port else f"{host}:{port}".encode())]
        headers += [(key.lower().encode(), value.encode()) for key, value in request.headers.multi_items()]
        return {"type": "http", "http_version": "1.1", "method": request.method, "path": unquote(url.path),
                "raw_path": url.raw_path.split(b"?", 1)[0], "root_path": self._root_path, "scheme": url.scheme,
                "query_string": url.query, "headers": headers, "client": self._client, "server": [host, port],
                "extensions": {"http.response.debug": {}}, "state": self._app_state.copy()}


class AsgiLifespan:
    """The app's lifespan run through ASGI messages, in one task on the engine's loop from start to stop."""

    def __init__(self, app: Any, state: dict[str, Any]) -> None:
        self._app = app
        self._state = state
        self._loop = get_engine().lanes.loop
        self._to_app: asyncio.Queue[dict[str, Any]] | None = None
        self._from_app: asyncio.Queue[dict[str, Any]] | None = None
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result()

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result()

    async def _start(self) -> None:
        self._to_app, self._from_app = asyncio.Queue(), asyncio.Queue()
        self._task = asyncio.ensure_future(self._run())
        await self._exchange("lifespan.startup")

    async def _stop(self) -> None:
        await self._exchange("lifespan.shutdown")
        await self._task

    async def _run(self) -> None:
        assert self._to_app is not None and self._from_app is not None
        try:
            await self._app({"type": "lifespan", "state": self._state}, self._to_app.get, self._from_app.put)
        finally:
            await self._from_app.put({"type": "lifespan.ended"})

    async def _exchange(self, event: str) -> None:
        """Sends ``event`` and waits for the answer; raises what the app raised after answering ``.failed`` or
        instead of answering, as Starlette's. Nothing to send once the app's lifespan call has returned."""
        assert self._to_app is not None and self._from_app is not None and self._task is not None
        if self._task.done():
            return
        await self._to_app.put({"type": event})
        answer = await self._from_app.get()
        if answer["type"] in ("lifespan.ended", f"{event}.failed"):
            await self._task
