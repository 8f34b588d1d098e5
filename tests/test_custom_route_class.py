"""Custom route classes (FastAPI's "Custom Request and APIRoute class"): a subclass of APIRoute whose
``get_route_handler`` wraps the route's handler, set with ``APIRouter(route_class=...)`` or
``app.router.route_class``, handles every request of its routes: it sees the Request, can catch the
route's exceptions (a RequestValidationError included) and edit the Response."""
from __future__ import annotations

import gzip
import unittest
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from tachyon import APIRouter, BackgroundTasks, Body, Depends, FastAPI, HTTPException, Request, Response
from tachyon.responses import PlainTextResponse
from tachyon.routing import APIRoute
from tachyon.testclient import TestClient

from examples.compat.routing_custom_route_class import TimedRoute, ValidationErrorLoggingRoute

events: list[str] = []


class GzipRequest(Request):
    async def body(self) -> bytes:
        if not hasattr(self, "_body"):
            body = await super().body()
            if "gzip" in self.headers.getlist("Content-Encoding"):
                body = gzip.decompress(body)
            self._body = body
        return self._body


class GzipRoute(APIRoute):
    def get_route_handler(self) -> Callable:
        original_route_handler = super().get_route_handler()

        async def custom_route_handler(request: Request) -> Response:
            request = GzipRequest(request.scope, request.receive)
            return await original_route_handler(request)

        return custom_route_handler


class SyncHandlerRoute(APIRoute):
    """A plain function as the route handler: Starlette runs it in its thread pool."""

    def get_route_handler(self) -> Callable:
        def handle(request: Request) -> Response:
            return PlainTextResponse(f"sync handler for {request.url.path}")

        return handle


class Item(BaseModel):
    name: str
    price: float


def dependency() -> str:
    events.append("dependency")
    return "dep"


def yield_dependency():
    events.append("enter")
    yield "yielded"
    events.append("exit")


app = FastAPI()
app.router.route_class = ValidationErrorLoggingRoute
router = APIRouter(route_class=TimedRoute, prefix="/timed")


@app.post("/sum")
async def sum_numbers(numbers: list[int] = Body()):
    return sum(numbers)


@router.get("/items/{item_id}", status_code=201)
async def read_item(item_id: int, value: str = Depends(dependency)):
    return {"item_id": item_id, "value": value}


@router.post("/items/", response_model=Item)
def create_item(item: Item, background: BackgroundTasks, value: str = Depends(yield_dependency)) -> Any:
    background.add_task(events.append, "background")
    return {"name": item.name, "price": item.price, "ignored": value}


@router.get("/missing")
async def missing():
    raise HTTPException(status_code=404, detail="not here", headers={"X-Why": "absent"})


@router.get("/response")
def response_object(response: Response):
    response.set_cookie("flavour", "mint")
    return {"set": True}


app.include_router(router)
gzip_router = APIRouter(route_class=GzipRoute)


@gzip_router.post("/gzip-sum")
async def gzip_sum(request: Request, numbers: list[int] = Body()):
    return {"sum": sum(numbers), "request_class": type(request).__name__, "body": (await request.body()).decode()}


app.include_router(gzip_router)
app.add_api_route("/sync-handler", lambda: None, route_class_override=SyncHandlerRoute)


@app.get("/plain")
async def plain():
    return {"plain": True}


class CustomRouteClassTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.client = TestClient(app)

    def setUp(self) -> None:
        events.clear()

    def test_wrapper_edits_the_response(self) -> None:
        response = self.client.get("/timed/items/3")
        self.assertEqual((response.status_code, response.json()), (201, {"item_id": 3, "value": "dep"}))
        self.assertGreaterEqual(float(response.headers["x-response-time"]), 0.0)
        self.assertEqual(events, ["dependency"])

    def test_included_routes_keep_their_class(self) -> None:
        self.assertIsInstance(next(r for r in app.routes if r.path == "/timed/items/{item_id}"), TimedRoute)
        self.assertIsInstance(next(r for r in app.routes if r.path == "/sum"), ValidationErrorLoggingRoute)

    def test_invalid_request_error_passes_through_the_wrapper(self) -> None:
        response = self.client.get("/timed/items/x")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["detail"][0]["loc"], ["path", "item_id"])
        self.assertNotIn("x-response-time", response.headers)   # the error passed through the wrapper

    def test_wrapper_catches_the_validation_error(self) -> None:
        response = self.client.post("/sum", content=b'{"not": "a list"}', headers={"content-type": "application/json"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": {
            "errors": [{"type": "list_type", "loc": ["body"], "msg": "Input should be a valid list",
                        "input": {"not": "a list"}}],
            "body": '{"not": "a list"}'}})
        self.assertEqual(self.client.post("/sum", json=[1, 2, 3]).json(), 6)

    def test_body_response_model_yield_dependency_and_background(self) -> None:
        response = self.client.post("/timed/items/", json={"name": "pen", "price": 2})
        self.assertEqual(response.json(), {"name": "pen", "price": 2.0})
        self.assertIn("x-response-time", response.headers)
        self.assertEqual(events, ["enter", "background", "exit"])

    def test_invalid_body_of_a_sync_route_still_runs_its_valid_dependencies(self) -> None:
        response = self.client.post("/timed/items/", json={"name": "pen", "price": "free"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["detail"][0]["loc"], ["body", "price"])
        self.assertEqual(events, ["enter"])   # the error was thrown into it at its yield

    def test_http_exception_goes_to_the_app_handlers(self) -> None:
        response = self.client.get("/timed/missing")
        self.assertEqual((response.status_code, response.json()), (404, {"detail": "not here"}))
        self.assertEqual(response.headers["x-why"], "absent")

    def test_response_parameter(self) -> None:
        response = self.client.get("/timed/response")
        self.assertEqual(response.json(), {"set": True})
        self.assertEqual(response.cookies.get("flavour"), "mint")
        self.assertIn("x-response-time", response.headers)

    def test_request_class_of_the_route_decompresses_the_body(self) -> None:
        compressed = gzip.compress(b"[1, 2, 3, 4]")
        response = self.client.post("/gzip-sum", content=compressed,
                                    headers={"content-type": "application/json", "content-encoding": "gzip"})
        self.assertEqual((response.status_code, response.json()),
                         (200, {"sum": 10, "request_class": "GzipRequest", "body": "[1, 2, 3, 4]"}))
        self.assertEqual(self.client.post("/gzip-sum", json=[5, 5]).json()["sum"], 10)

    def test_a_request_from_a_foreign_scope_reads_that_scope(self) -> None:
        request = Request({"type": "http", "method": "DELETE", "path": "/items/1", "headers": [(b"host", b"h")]})
        self.assertEqual((request.method, str(request.url), request.headers["host"]), ("DELETE", "http://h/items/1", "h"))

    def test_plain_function_as_route_handler(self) -> None:
        self.assertEqual(self.client.get("/sync-handler").text, "sync handler for /sync-handler")

    def test_routes_of_plain_class_are_unaffected(self) -> None:
        response = self.client.get("/plain")
        self.assertEqual(response.json(), {"plain": True})
        self.assertNotIn("x-response-time", response.headers)

    def test_openapi_lists_custom_routes(self) -> None:
        paths = self.client.get("/openapi.json").json()["paths"]
        self.assertEqual(sorted(paths), ["/gzip-sum", "/plain", "/sum", "/sync-handler", "/timed/items/", "/timed/items/{item_id}",
                                         "/timed/missing", "/timed/response"])


if __name__ == "__main__":
    unittest.main()
