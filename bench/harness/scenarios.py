"""The benchmark scenarios: one request each, its expected answer, and how hard to load it."""

import json
from dataclasses import dataclass

DEFAULT_CONNECTIONS = (64, 256)
USER = {"id": 1, "username": "alice", "email": "alice@example.com"}


@dataclass(frozen=True)
class Scenario:
    name: str
    method: str
    path: str
    expected_json: object
    expected_status: int = 200
    body: bytes | None = None
    connections: tuple[int, ...] = DEFAULT_CONNECTIONS
    variant: str = "default"  # servers of another variant are started with other env vars
    optional: bool = False  # a feature a system may lack: a 404/405/5xx reads "unsupported"
    startup_timeout: float = 30.0  # until GET /health answers; 10,000 routes take a while to register

    @property
    def title(self) -> str:
        return f"{self.method} {self.path}"


SCENARIOS = [
    Scenario("health", "GET", "/health", {"status": "ok"}),
    Scenario("items", "GET", "/items/42?q=foo", {"item_id": 42, "q": "foo", "limit": 10}),
    Scenario("create_user", "POST", "/users/", USER, 201, json.dumps(USER, separators=(",", ":")).encode()),
    Scenario("user_list", "GET", "/users/7", [{"id": i, "name": f"user{i}", "active": True} for i in range(100)]),
    Scenario("sleep", "GET", "/sleep", {"slept": True}, connections=(256,)),
    Scenario("deps", "GET", "/deps?q=bar", {"user": "alice", "q": "bar", "limit": 10}, optional=True),
    Scenario("routes_10k", "GET", "/r9999/abc", {"route": 9999, "x": "abc"}, variant="many_routes", startup_timeout=120.0),
]

BY_NAME = {s.name: s for s in SCENARIOS}

# Environment given to every server of a variant.
VARIANT_ENV = {"default": {}, "many_routes": {"BENCH_MANY_ROUTES": "1"}}
