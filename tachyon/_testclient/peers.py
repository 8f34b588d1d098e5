"""The loopback addresses the TestClient's connections come from. A request from one of them reports its
client's ``client`` address (Starlette's ("testclient", 50000) unless given) as ``request.client``; the
engine itself still sees the real peer. The template of a template response sent to such a request (its
``http.response.debug`` message) is kept here for the TestClient, which shows it as ``response.template``
and ``response.context`` as Starlette's does. A request from a TestClient starts its ``request.state`` from
that client's ``app_state`` (what the lifespan it ran yielded), as Starlette's, and runs in a copy of the
contextvars the test had when it sent the request, as Starlette's TestClient runs the app (through its portal's
call_soon_threadsafe). (The engine keeps the scheme and root path of a client's connection: see
ServerHandle.set_test_client_peer.)"""
from __future__ import annotations

import contextvars
from typing import Any

# (host, port) of each open TestClient connection -> the address its requests report (None: no client);
# added on connect, removed on close.
connections: dict[tuple[str, int], tuple[str, int] | None] = {}

# (host, port) of each open TestClient connection -> its client's app_state.
states: dict[tuple[str, int], dict[str, Any]] = {}

# (host, port) of a TestClient connection -> (template, context) of the page last rendered for it.
templates: dict[tuple[str, int], tuple[Any, Any]] = {}

# (host, port) of a TestClient connection -> the sending thread's contextvars at its last request.
contexts: dict[tuple[str, int], contextvars.Context] = {}


def request_context(port: int) -> contextvars.Context | None:
    """Called by the engine for a TestClient connection's request: a copy of the test's contextvars as they were
    when it was sent (None: not a TestClient's, whose requests start from the engine's own)."""
    sent_in = contexts.get(("127.0.0.1", port))
    return None if sent_in is None else sent_in.copy()


def note_template(request: Any, template: Any, context: Any) -> None:
    peer = request._data.client
    if peer in connections:
        templates[peer] = (template, context)


def register(address: tuple[str, int], client: tuple[str, int] | None, state: dict[str, Any]) -> None:
    """A TestClient's (or an ASGI call's) connection from ``address``: its requests report ``client`` and start
    their state from ``state``."""
    connections[address] = client
    states[address] = state


def forget(address: tuple[str, int] | None) -> None:
    """Drops what was kept for a closed connection (the port may come back for another client)."""
    for registry in (connections, states, templates, contexts):
        registry.pop(address, None)
