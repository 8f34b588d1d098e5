"""Routes, routers and mounts added while the app serves are served from then on, as Starlette reads its route
list on every request (FastAPI's own tests add routes after creating the TestClient). The engine gets the whole
table again and swaps its router; requests in flight finish. Exception handlers and ``debug`` are another matter:
Starlette copies them into its middleware stack on the app's first call, so later changes are not seen."""
from __future__ import annotations

import threading
import unittest

from tachyon import APIRouter, Depends, FastAPI
from tachyon.responses import JSONResponse
from tachyon.testclient import TestClient
from tests.concurrency import get_many


def dependency():
    return "real"


class RoutesWhileServingTest(unittest.TestCase):
    def setUp(self) -> None:
        self.app = FastAPI()

        @self.app.get("/first")
        def first():
            return "first"

        self.client = TestClient(self.app)
        self.assertEqual(self.client.get("/first").json(), "first")

    def tearDown(self) -> None:
        self.client.close()

    def test_decorated_route(self) -> None:
        self.assertEqual(self.client.get("/later").status_code, 404)

        @self.app.get("/later/{n}")
        async def later(n: int):
            return {"n": n}

        self.assertEqual(self.client.get("/later/3").json(), {"n": 3})
        self.assertEqual(self.client.get("/first").json(), "first")

    def test_route_added_straight_to_the_router(self) -> None:
        self.app.router.add_api_route("/direct", lambda: "direct", methods=["POST"])
        self.assertEqual(self.client.post("/direct").json(), "direct")
        response = self.client.get("/direct")
        self.assertEqual((response.status_code, response.headers["allow"]), (405, "POST"))

    def test_included_router_and_mounted_app(self) -> None:
        router = APIRouter(prefix="/r")
        router.add_api_route("/ping", lambda: "pong")
        self.app.include_router(router)
        sub = FastAPI()
        self.app.mount("/sub", sub)

        @sub.get("/hello")
        def hello():
            return "hello from sub"

        self.assertEqual(self.client.get("/r/ping").json(), "pong")
        self.assertEqual(self.client.get("/sub/hello").json(), "hello from sub")

    def test_routes_added_to_a_router_after_it_was_included(self) -> None:
        # FastAPI 0.137+ keeps included routers rather than copying their routes: later routes are served too,
        # through every level of inclusion, each with that inclusion's prefix, tags and dependencies.
        calls = []
        inner = APIRouter(prefix="/i", tags=["inner"])
        outer = APIRouter(prefix="/o")
        outer.include_router(inner, prefix="/x", tags=["included"])
        self.app.include_router(outer, prefix="/api", dependencies=[Depends(lambda: calls.append("app-level"))])

        @inner.get("/late")
        def late():
            return "late"

        outer.add_api_route("/late2", lambda: "late2", methods=["POST"])
        self.assertEqual(self.client.get("/api/o/x/i/late").json(), "late")
        self.assertEqual(self.client.post("/api/o/late2").json(), "late2")
        self.assertEqual(calls, ["app-level", "app-level"])
        self.assertEqual(self.client.get("/o/x/i/late").status_code, 404)
        [route] = [r for r in self.app.routes if getattr(r, "path", "") == "/api/o/x/i/late"]
        self.assertEqual(route.tags, ["included", "inner"])

    def test_exception_handler_added_after_the_first_request_is_not_seen(self) -> None:
        @self.app.exception_handler(404)
        async def not_found(request, exc):
            return JSONResponse({"missing": request.url.path}, status_code=404)

        self.assertEqual(self.client.get("/nowhere").json(), {"detail": "Not Found"})
        self.assertEqual(TestClient(self.app).get("/nowhere").json(), {"detail": "Not Found"})   # frozen for good

    def test_debug_set_after_the_first_request_is_not_seen(self) -> None:
        @self.app.get("/boom")
        def boom():
            raise RuntimeError("boom")

        self.app.debug = True
        response = TestClient(self.app, raise_server_exceptions=False).get("/boom")
        self.assertEqual((response.status_code, response.text), (500, "Internal Server Error"))

    def test_exception_handler_added_before_the_first_request(self) -> None:
        app = FastAPI()
        client = TestClient(app)

        @app.exception_handler(404)
        async def not_found(request, exc):
            return JSONResponse({"missing": request.url.path}, status_code=404)

        self.assertEqual(client.get("/nowhere").json(), {"missing": "/nowhere"})

    def test_exception_handler_added_by_a_startup_handler_is_not_seen(self) -> None:
        app = FastAPI()

        @app.on_event("startup")
        def add_handler():
            app.add_exception_handler(404, lambda request, exc: JSONResponse({"custom": True}, status_code=404))

        with TestClient(app) as client:   # the lifespan is the app's first call
            self.assertEqual(client.get("/nowhere").json(), {"detail": "Not Found"})

    def test_dependency_overrides_of_a_route_added_later(self) -> None:
        @self.app.get("/dep")
        def dep(value: str = Depends(dependency)):
            return value

        self.assertEqual(self.client.get("/dep").json(), "real")
        self.app.dependency_overrides[dependency] = lambda: "override"
        self.assertEqual(self.client.get("/dep").json(), "override")
        self.assertEqual(self.client.get("/first").json(), "first")

    def test_requests_in_flight_while_routes_are_added(self) -> None:
        results: list = []
        done = threading.Event()

        def hammer() -> None:
            while not done.is_set():
                results.extend(get_many(self.client._transport._port, ["/first"] * 20))

        worker = threading.Thread(target=hammer)
        worker.start()
        try:
            for i in range(30):
                self.app.add_api_route(f"/added/{i}", lambda i=i: i)
        finally:
            done.set()
            worker.join()
        self.assertTrue(results)
        self.assertEqual({status for status, *_ in results}, {200})
        self.assertEqual([self.client.get(f"/added/{i}").json() for i in (0, 29)], [0, 29])


if __name__ == "__main__":
    unittest.main()
