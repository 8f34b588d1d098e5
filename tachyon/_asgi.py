"""The app as an ASGI callable, ``await app(scope, receive, send)``, for code that drives FastAPI apps that way
(httpx's ``ASGITransport`` in FastAPI's "Async Tests", an ASGI server). Tachyon's pipeline is the engine, so
an HTTP request is handed to the engine's server on loopback and its response passed back: the same
routing, binding and handlers as every other request. The ASGI client and scheme reach the app as a proxy's
X-Forwarded-For/-Proto (the engine believes them from loopback). As Starlette's app, the call returns once
the response's background work has run, and raises what the app did not handle after sending its 500.
``lifespan`` runs the app's startup and shutdown."""
from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import quote


async def serve(app: Any, scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] == "lifespan":
        await _lifespan(app, scope, receive, send)
    elif scope["type"] == "http":
        await _http(app, scope, receive, send)
    else:
        raise RuntimeError(f"Tachyon apps serve HTTP through ASGI, not {scope['type']!r}")


async def _lifespan(app: Any, scope: dict[str, Any], receive: Any, send: Any) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            try:
                await asyncio.to_thread(app.startup)   # runs on the engine's loop and waits for it
            except Exception as exc:
                await send({"type": "lifespan.startup.failed", "message": str(exc)})
                return
            try:
                _share_state(app, scope)
            except RuntimeError as exc:   # as Starlette, raised inside the lifespan: it exits before the answer
                await asyncio.to_thread(app.shutdown)
                await send({"type": "lifespan.startup.failed", "message": str(exc)})
                return
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await asyncio.to_thread(app.shutdown)
            await send({"type": "lifespan.shutdown.complete"})
            return


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
    app.capture_unhandled_exceptions()
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    local = writer.get_extra_info("sockname")[:2]
    root_path = scope.get("root_path", "")
    if root_path:   # routed under it, and the request's scope["root_path"]
        server.set_peer_root_path(local[1], root_path)
    try:
        writer.write(_request_head(scope, len(body)) + body)
        await writer.drain()
        status, headers, content = await _read_response(reader)
    finally:
        writer.close()
        if root_path:
            server.set_peer_root_path(local[1], "")
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": content})
    failures = await asyncio.to_thread(get_engine().settle_background, 60.0)
    error = app.take_captured_exception(_forwarded_client(scope) or local) or next(iter(failures), None)
    if error is not None:
        raise error


async def read_body(receive: Any) -> bytes:
    """The whole body an ASGI ``receive`` gives, however many messages it takes."""
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _request_head(scope: dict[str, Any], length: int) -> bytes:
    path = scope.get("raw_path") or quote(_full_path(scope)).encode("ascii")
    query = scope.get("query_string", b"")
    target = path + (b"?" + query if query else b"")
    lines = [scope["method"].encode("ascii") + b" " + target + b" HTTP/1.1"]
    skipped = {b"content-length", b"transfer-encoding", b"connection", b"x-forwarded-for", b"x-forwarded-proto"}
    headers = [(name.lower(), value) for name, value in scope.get("headers", [])]
    lines += [name + b": " + value for name, value in headers if name not in skipped]
    if not any(name == b"host" for name, _ in headers):
        server = scope.get("server") or ("testserver", None)
        lines.append(b"host: " + (server[0] if server[1] in (None, 80, 443) else f"{server[0]}:{server[1]}").encode())
    client = scope.get("client")
    if client:
        lines.append(b"x-forwarded-for: " + str(client[0]).encode("latin-1"))
    lines.append(b"x-forwarded-proto: " + scope.get("scheme", "http").encode("ascii"))
    lines += [b"content-length: " + str(length).encode(), b"connection: close"]
    return b"\r\n".join(lines) + b"\r\n\r\n"


def _full_path(scope: dict[str, Any]) -> str:
    """The path with the root path: ASGI servers include it in ``path``; older ones sent it apart."""
    path, root_path = scope["path"], scope.get("root_path", "")
    if not root_path or path == root_path or path.startswith(root_path + "/"):
        return path
    return root_path + path


def _forwarded_client(scope: dict[str, Any]) -> tuple[str, int] | None:
    """The client address the engine gave the request (X-Forwarded-For's host, port 0), as errors are kept by it."""
    client = scope.get("client")
    return (str(client[0]), 0) if client else None


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *header_lines = head[:-4].split(b"\r\n")
    status = int(status_line.split(b" ", 2)[1])
    headers = []
    for line in header_lines:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name not in (b"connection", b"date"):   # the loopback hop's, not the app's (an ASGI app sends neither)
            headers.append((name, value.strip()))
    return status, headers, await reader.read()   # the engine closes the connection after the body

