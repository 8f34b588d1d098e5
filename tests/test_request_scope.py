"""``request.scope`` as Starlette's: one dict per request (what a dependency writes there, the endpoint
reads), with the matched route and endpoint (FastAPI's test_route_scope.py), ``raw_path``, and
``state``, the dict behind ``request.state``, starting from a copy of what the lifespan yielded."""
from __future__ import annotations

import unittest
from contextlib import asynccontextmanager

from tachyon import Depends, FastAPI, Request
from tachyon.testclient import TestClient


@asynccontextmanager
async def lifespan(app):
    yield {"db": "connection"}


app = FastAPI(lifespan=lifespan)


def tag(request: Request):
    request.scope["tagged"] = "by dependency"
    request.state.user = "rick"


@app.get("/users/{user_id}", dependencies=[Depends(tag)])
async def get_user(user_id: str, request: Request):
    scope = request.scope
    return {
        "route": scope["route"].path, "endpoint": scope["endpoint"] is get_user, "tagged": scope["tagged"],
        "raw_path": scope["raw_path"].decode(), "state": scope["state"], "user": request.state.user,
        "db": request.state.db, "same_request": Request(scope).scope is scope,
    }


@app.get("/state")
def state(request: Request):
    return sorted(request.scope["state"])


class RequestScopeTest(unittest.TestCase):
    def test_scope_of_a_routed_request(self) -> None:
        with TestClient(app) as client:
            body = client.get("/users/ri%20ck").json()
        self.assertEqual(body, {
            "route": "/users/{user_id}", "endpoint": True, "tagged": "by dependency", "raw_path": "/users/ri%20ck",
            "state": {"db": "connection", "user": "rick"}, "user": "rick", "db": "connection", "same_request": True,
        })

    def test_each_request_starts_from_the_lifespans_state(self) -> None:
        with TestClient(app) as client:
            client.get("/users/a")
            self.assertEqual(client.get("/state").json(), ["db"])


if __name__ == "__main__":
    unittest.main()
