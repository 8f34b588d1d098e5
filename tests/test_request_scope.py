"""``request.scope`` as Starlette's: one dict per request (what a dependency writes there, the endpoint
reads), with the matched route and endpoint (FastAPI's test_route_scope.py), ``raw_path``, and
``state``, the dict behind ``request.state``, starting from a copy of what the lifespan yielded."""
from __future__ import annotations

import unittest
from contextlib import asynccontextmanager

from tachyon import APIRouter, Depends, FastAPI, HTTPException, Request
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
        "router": scope["router"] is request.app.router,
    }


@app.get("/state")
def state(request: Request):
    return sorted(request.scope["state"])


@app.get("/middleware-attributes")
def middleware_attributes(request: Request):
    answers = {}
    for name in ("session", "auth", "user"):
        try:
            getattr(request, name)
        except AssertionError as e:
            answers[name] = str(e)
    return answers


def check_permission(request: Request):
    """As an app's permission check: reads what its router set on the route after declaring it."""
    needed = getattr(request.scope["route"], "required_permission", None)
    if needed is not None and request.headers.get("x-permission") != needed:
        raise HTTPException(403, f"needs {needed}")


inner = APIRouter(prefix="/inner", dependencies=[Depends(check_permission)])
outer = APIRouter()


@inner.get("/admin")
def admin(request: Request):
    route = request.scope["route"]
    route.hits = getattr(route, "hits", 0) + 1
    return {"path": route.path, "dependencies": len(route.dependencies), "is_inner_route": route is inner.routes[0]}


inner.routes[-1].required_permission = "admin"
outer.include_router(inner, prefix="/outer", dependencies=[Depends(lambda: None)])
app.include_router(outer, prefix="/api")


class RequestScopeTest(unittest.TestCase):
    def test_route_of_an_included_router_is_the_routers_own(self) -> None:
        """As FastAPI 0.137+, which serves an included router in place: its route, with what code set on it, its own
        path and dependencies (not the include's)."""
        with TestClient(app) as client:
            refused = client.get("/api/outer/inner/admin")
            allowed = client.get("/api/outer/inner/admin", headers={"x-permission": "admin"})
        self.assertEqual((refused.status_code, refused.json()), (403, {"detail": "needs admin"}))
        self.assertEqual(allowed.json(), {"path": "/inner/admin", "dependencies": 1, "is_inner_route": True})
        self.assertEqual(inner.routes[0].hits, 1)

    def test_scope_of_a_routed_request(self) -> None:
        with TestClient(app) as client:
            body = client.get("/users/ri%20ck").json()
        self.assertEqual(body, {
            "route": "/users/{user_id}", "endpoint": True, "tagged": "by dependency", "raw_path": "/users/ri%20ck",
            "state": {"db": "connection", "user": "rick"}, "user": "rick", "db": "connection", "same_request": True,
            "router": True,
        })

    def test_what_middleware_would_set_is_starlettes_assertion(self) -> None:
        with TestClient(app) as client:
            self.assertEqual(client.get("/middleware-attributes").json(), {
                "session": "SessionMiddleware must be installed to access request.session",
                "auth": "AuthenticationMiddleware must be installed to access request.auth",
                "user": "AuthenticationMiddleware must be installed to access request.user",
            })

    def test_the_test_client_resolves_dot_segments_as_httpx(self) -> None:
        with TestClient(app) as client:
            self.assertEqual(client.get("/users/./x/../a/../b").json()["raw_path"], "/users/b")

    def test_each_request_starts_from_the_lifespans_state(self) -> None:
        with TestClient(app) as client:
            client.get("/users/a")
            self.assertEqual(client.get("/state").json(), ["db"])

    def test_the_state_is_the_clients_that_ran_the_lifespan(self) -> None:
        # As Starlette's TestClient: its app_state outlives its ``with`` block; a client that ran no lifespan has none.
        client = TestClient(app)
        self.assertEqual((client.get("/state").json(), client.app_state, client.portal), ([], {}, None))
        with client:
            self.assertEqual(client.app_state, {"db": "connection"})
            self.assertIsNotNone(client.portal)
        self.assertEqual((client.get("/state").json(), client.portal), (["db"], None))
        self.assertEqual(TestClient(app).get("/state").json(), [])



class WrittenScopeTest(unittest.TestCase):
    """Tests build a Request from a scope they write, to call an exception handler or a dependency directly."""

    def test_a_request_from_a_written_scope(self) -> None:
        import asyncio

        messages = [{"type": "http.request", "body": b'{"k": ', "more_body": True},
                    {"type": "http.request", "body": b"1}", "more_body": False}]

        async def receive() -> dict:
            return messages.pop(0)

        scope = {"type": "http", "app": app, "method": "POST", "path": "/x", "query_string": b"a=1&a=2",
                 "headers": [(b"content-type", b"application/json"), (b"x-token", b"t")]}
        request = Request(scope, receive)
        self.assertIs(request.app, app)
        self.assertIs(request.scope, scope)
        self.assertEqual((request.method, str(request.url), request.query_params.getlist("a")), ("POST", "/x?a=1&a=2", ["1", "2"]))
        self.assertEqual(request.headers["X-Token"], "t")
        self.assertEqual(asyncio.run(request.json()), {"k": 1})
        minimal = Request(scope={"type": "http", "app": app})
        self.assertEqual((minimal.app, minimal.method, str(minimal.url)), (app, "GET", "/"))
        with self.assertRaises(AssertionError):
            Request({"type": "lifespan"})

    def test_reading_the_body_as_starlettes_request(self) -> None:
        """Chunks as the receive gives them, a disconnect raised, no body without a receive, no url_for without an
        app; a Request built over a served request's scope without its receive reads nothing either."""
        import asyncio

        from tachyon.requests import ClientDisconnect

        async def first_chunk() -> bytes:
            messages = [{"type": "http.request", "body": b"1", "more_body": True}, {"type": "http.request", "body": b"2"}]

            async def receive() -> dict:
                return messages.pop(0)
            return await Request({"type": "http"}, receive).stream().__anext__()

        async def disconnected() -> dict:
            return {"type": "http.disconnect"}

        self.assertEqual(asyncio.run(first_chunk()), b"1")
        with self.assertRaises(ClientDisconnect):
            asyncio.run(Request({"type": "http", "method": "POST"}, disconnected).body())
        with self.assertRaisesRegex(RuntimeError, "Receive channel has not been made available"):
            asyncio.run(Request({"type": "http", "method": "POST"}).body())
        with self.assertRaisesRegex(RuntimeError, "can only be used inside a Starlette application"):
            Request({"type": "http"}).url_for("index")

        served = FastAPI()

        @served.post("/")
        async def rebuilt(request: Request):
            try:
                return await Request(request.scope).json()
            except RuntimeError as error:
                return str(error)

        self.assertEqual(TestClient(served).post("/", json={"a": 1}).json(), "Receive channel has not been made available")

class HandWrittenScopeTest(unittest.TestCase):
    """A Request over a scope written by hand with odd query string and headers (built for its state, as
    fastapi-lifespan-dependencies builds one at startup): Starlette reads those only when asked."""

    def test_odd_values_make_a_request(self) -> None:
        state = {"db": "conn"}
        request = Request(scope={"type": "http", "query_string": "", "headers": "", "state": state})
        self.assertEqual(request.state.db, "conn")
        self.assertEqual(dict(Request(scope={"type": "http", "query_string": "page=2&size=10", "headers": []})
                              .query_params), {"page": "2", "size": "10"})
        request = Request(scope={"type": "http", "headers": {"x-tenant": "t1"}, "state": {"tenant": "t1"}})
        self.assertEqual(request.state.tenant, "t1")

if __name__ == "__main__":
    unittest.main()
