"""The loopback addresses the TestClient's connections come from. A request from one of them reports
Starlette's TestClient address, ("testclient", 50000), as ``request.client``; the engine itself
still sees the real peer."""
from __future__ import annotations

TESTCLIENT_ADDRESS = ("testclient", 50000)

# (host, port) of each open TestClient connection; added on connect, removed on close.
connections: set[tuple[str, int]] = set()
