"""A response whose class has its own ASGI ``__call__`` (an async template response rendering in it, a
response sending its own messages), or an ASGI app answering a request (a router's ``default``), turned into the
plain Response the engine reads: the call runs against a recording ``send``, and the start and body messages it
sent become the status, headers and body. A response's background tasks run after the response is sent, as any
response's, not inside the call."""
from __future__ import annotations

from typing import Any

from .._testclient import peers
from ..responses import Response


def materialize(response: Response) -> Response:
    """Called by the engine (GIL held, on a lane) for a response whose class overrides ``__call__``."""
    background, response.background = getattr(response, "background", None), None
    messages: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    call = response({"type": "http", "extensions": {}}, receive, send)
    try:
        call.send(None)
    except StopIteration:
        pass   # the call ran to its end in one step: every message it sends is recorded
    else:   # it waits for I/O: a lane cannot wait here for the event loop that would wake it
        call.close()
        raise RuntimeError(f"{type(response).__name__}.__call__ waited for I/O: Tachyon sends responses whose "
                           "ASGI call completes without waiting (render the body before returning the response)")
    return _recorded(messages, type(response).__name__ + ".__call__", background)


async def asgi_app_response(app: Any, scope: dict[str, Any], receive: Any) -> Response:
    """What an ASGI app (a router's ``default``) sends for a request, as a plain Response; it may await."""
    messages: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    await app(scope, receive, send)
    return _recorded(messages, getattr(app, "__qualname__", type(app).__name__), None)


def _recorded(messages: list[dict[str, Any]], sender: str, background: Any) -> Response:
    """The response the recorded ASGI messages describe."""
    start = next((m for m in messages if m["type"] == "http.response.start"), None)
    if start is None:
        raise RuntimeError(f"{sender} sent no http.response.start message")
    for message in messages:   # a template response telling the TestClient what it rendered
        if message["type"] == "http.response.debug":
            info = message.get("info", {})
            request = info.get("context", {}).get("request")
            if request is not None and hasattr(request, "_data"):
                peers.note_template(request, info.get("template"), info.get("context"))
    plain = Response(b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body"),
                     status_code=start["status"], background=background)
    plain.raw_headers = [(bytes(name), bytes(value)) for name, value in start.get("headers", [])]
    return plain
