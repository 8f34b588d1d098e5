"""The app as an ASGI callable, ``await app(scope, receive, send)``, for code that drives FastAPI apps that way
(httpx's ``ASGITransport`` in FastAPI's "Async Tests", an ASGI server). Tachyon's pipeline is the engine, so
an HTTP request is handed to the engine's server on loopback, with the headers the ASGI scope has, and its
response passed back: the same routing, binding and handlers as every other request. The scope's client and
state reach the request through the peer registry, its scheme and root path through the engine's registration
of the connection, as a TestClient's do. As Starlette's app, the call returns once the response's background
work has run, and raises what the app did not handle after sending its 500, or what failed after the response.
``lifespan`` runs the app's startup and shutdown with Starlette's messages."""
from __future__ import annotations

import asyncio
import functools
import traceback
from typing import Any
from urllib.parse import quote

from ._testclient import bodiless, peers


async def serve(app: Any, scope: dict[str, Any], receive: Any, send: Any) -> None:
    if not _on_asyncio():   # called from another event loop library: trio (anyio's other backend)
        await _from_trio(app, scope, receive, send)
        return
    if scope["type"] == "lifespan":
        await _lifespan(app, scope, receive, send)
    elif scope["type"] == "http":
        await _http(app, scope, receive, send)
    else:
        raise RuntimeError(f"Tachyon apps serve HTTP through ASGI, not {scope['type']!r}")


def _on_asyncio() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


async def _from_trio(app: Any, scope: dict[str, Any], receive: Any, send: Any) -> None:
    """The call on an asyncio loop of its own in a worker thread (this module and the app's coroutines it awaits
    need asyncio), its ``receive`` and ``send`` called back in the caller's trio task; what it raises is raised here."""
    import trio

    token = trio.lowlevel.current_trio_token()

    async def receive_from_trio() -> Any:
        return await asyncio.to_thread(trio.from_thread.run, receive, trio_token=token)

    async def send_to_trio(message: dict[str, Any]) -> None:
        await asyncio.to_thread(trio.from_thread.run, send, message, trio_token=token)

    call = serve(app, scope, receive_from_trio, send_to_trio)
    await trio.to_thread.run_sync(asyncio.run, call)


async def _lifespan(app: Any, scope: dict[str, Any], receive: Any, send: Any) -> None:
    """Starlette's Router.lifespan: a failure is answered with its traceback, then raised."""
    started = False
    await receive()   # lifespan.startup
    app.mark_called()
    try:
        token = await app.lifespan.enter()   # on this loop, where the requests' handlers run too
        try:
            _share_state(app, scope)
        except RuntimeError as no_state:   # as Starlette, raised inside the lifespan: it exits with it, before the answer
            await app.lifespan.exit(no_state, token)
            raise
        await send({"type": "lifespan.startup.complete"})
        started = True
        await receive()   # lifespan.shutdown
        await app.lifespan.exit(token=token)
    except BaseException:
        failed = "lifespan.shutdown.failed" if started else "lifespan.startup.failed"
        await send({"type": failed, "message": traceback.format_exc()})
        raise
    await send({"type": "lifespan.shutdown.complete"})


def _share_state(app: Any, scope: dict[str, Any]) -> None:
    """As Starlette's lifespan: what the lifespan yielded goes into the server's ``scope["state"]`` (asgi-lifespan
    and test harnesses read it there), and a server without one cannot take it."""
    state = getattr(getattr(app, "lifespan", None), "state", None)
    if state:
        if "state" not in scope:
            raise RuntimeError('The server does not support "state" in the lifespan scope.')
        scope["state"].update(state)


async def _http(app: Any, scope: dict[str, Any], receive: Any, send: Any) -> None:
    from ._boundary.engine import get_engine

    body = await read_body(receive)
    server = app.start("127.0.0.1", 0)   # the server already running, or one on a free loopback port
    app.serve_route_changes()   # routes, handlers and dependency overrides changed since the last request
    app.mark_called()
    app.capture_unhandled_exceptions()
    get_engine().lanes.keep_background_failures = True   # raised from this call, as Starlette's app raises them
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    local = writer.get_extra_info("sockname")[:2]
    client = scope.get("client")
    # A server's (or a wrapper's) state, as Starlette's request.state; none without one.
    peers.register(local, tuple(client) if client else None, scope.get("state", {}))
    # The app's coroutines (handlers, exception handlers) and the response's background work are awaited right
    # here, in this task, as an ASGI app's code runs: what the caller made on its loop (a Queue, an Event, a
    # client) works in the handler, cancelling this call cancels the handler, and the contextvars are this task's.
    lanes = get_engine().lanes
    loop, handed = asyncio.get_running_loop(), asyncio.Queue()
    lanes.caller_hand_overs[local[1]] = functools.partial(loop.call_soon_threadsafe, handed.put_nowait)
    # The scope's scheme, and its root path (routed under it, and the request's scope["root_path"]).
    server.set_test_client_peer(local[1], scope.get("scheme", "http"), scope.get("root_path", ""), on_caller_loop=True)
    try:
        try:
            writer.write(_request(scope, body))
            await writer.drain()
            status, headers, content = await _answer(_read_response(reader, scope["method"]), handed, last=False)
        finally:
            writer.close()
            server.set_test_client_peer(local[1], None)
            peers.forget(local)
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": content})
        # The response's background work is handed over too, and awaited here meanwhile.
        failures = await _answer(asyncio.to_thread(get_engine().settle_background, 60.0), handed)
    finally:
        lanes.caller_hand_overs.pop(local[1], None)   # after the background work, which this task awaited too
    error = app.take_captured_exception(local) or next(iter(failures), None)
    if error is not None:
        raise error


async def _answer(waited: Any, handed: asyncio.Queue[tuple], last: bool = True) -> Any:
    """What ``waited`` (the response, or the end of its background work) gives, awaiting meanwhile, in this task,
    what the engine hands over: (run, drop) pairs, ``run()`` a coroutine to await, ``drop()`` for one that never
    will be, as this call was cancelled or failed. Unless ``last``, what is handed over as ``waited`` ends (the
    response's background work, handed over as the response is sent) stays queued for the next wait."""
    from .requests import own_request_objects

    outcome = asyncio.ensure_future(waited)
    answered = False
    try:
        while not outcome.done():
            next_one = asyncio.ensure_future(handed.get())
            try:
                await asyncio.wait({outcome, next_one}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                if not next_one.done():
                    next_one.cancel()
            if next_one.done() and not next_one.cancelled():
                with own_request_objects():   # this task's context saw a previous call's request
                    await next_one.result()[0]()
        result = outcome.result()
        answered = True
        return result
    finally:
        outcome.cancel()
        while (last or not answered) and not handed.empty():
            handed.get_nowait()[1]()


async def read_body(receive: Any) -> bytes:
    """The whole body an ASGI ``receive`` gives, however many messages it takes."""
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _request(scope: dict[str, Any], body: bytes) -> bytes:
    """The request as HTTP/1.1 bytes with the scope's headers. The body goes as the scope's headers frame it (chunked,
    or with its length), with a length when they do not and there is one."""
    path = scope.get("raw_path") or quote(_full_path(scope)).encode("ascii")
    query = scope.get("query_string", b"")
    target = path + (b"?" + query if query else b"")
    headers = [(name.lower(), value) for name, value in scope.get("headers", [])]
    names = {name for name, _ in headers}
    if b"host" not in names:
        server = scope.get("server") or ("testserver", None)
        headers.append((b"host", (server[0] if server[1] in (None, 80, 443) else f"{server[0]}:{server[1]}").encode()))
    chunked = any(name == b"transfer-encoding" and value.lower() == b"chunked" for name, value in headers)
    headers = [(name, value) for name, value in headers if name != b"content-length"]
    if not chunked and (body or b"content-length" in names):   # the length the body has
        headers.append((b"content-length", str(len(body)).encode()))
    head = b"\r\n".join([scope["method"].encode("ascii") + b" " + target + b" HTTP/1.1",
                          *(name + b": " + value for name, value in headers)])
    if chunked:
        body = (f"{len(body):x}\r\n".encode() + body + b"\r\n" if body else b"") + b"0\r\n\r\n"
    return head + b"\r\n\r\n" + body


def _full_path(scope: dict[str, Any]) -> str:
    """The path with the root path: ASGI servers include it in ``path``; older ones sent it apart."""
    path, root_path = scope["path"], scope.get("root_path", "")
    if not root_path or path == root_path or path.startswith(root_path + "/"):
        return path
    return root_path + path


async def _read_response(reader: asyncio.StreamReader, method: str) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *header_lines = head[:-4].split(b"\r\n")
    status = int(status_line.split(b" ", 2)[1])
    headers = []
    for line in header_lines:
        name, _, value = line.partition(b":")
        headers.append((name.strip().lower(), value.removeprefix(b" ")))   # the app's value, spaces and all
    fields = dict(headers)
    if method == "HEAD" or status in (204, 304):
        content = b""
    elif fields.get(b"transfer-encoding", b"").lower() == b"chunked":
        content = await _read_chunked(reader)
    elif b"content-length" in fields:
        content = await reader.readexactly(int(fields[b"content-length"]))
    else:
        content = await reader.read()
    # The loopback hop's own headers are not the app's (an ASGI app sends none of them).
    own = [(n.decode("latin-1"), v.decode("latin-1")) for n, v in headers if n not in (b"connection", b"date", b"transfer-encoding")]
    own, content = bodiless.restore(own, content)
    return status, [(n.encode("latin-1"), v.encode("latin-1")) for n, v in own], content


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    chunks = []
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";", 1)[0], 16)
        if size == 0:
            await _skip_trailers(reader)
            return b"".join(chunks)
        chunks.append(await reader.readexactly(size))
        await reader.readexactly(2)


async def _skip_trailers(reader: asyncio.StreamReader) -> None:
    """Up to the empty line that ends a chunked body (after any trailer fields)."""
    while await reader.readuntil(b"\r\n") != b"\r\n":
        continue
