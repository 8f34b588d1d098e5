"""An exception handler's Request shares the scope of the request that raised, as every Request of one ASGI
request wraps the same scope in Starlette: what a dependency or the endpoint stored on ``request.state`` is
there, and so are ``scope["route"]`` and ``scope["endpoint"]``; nothing carries over to the next request."""
from __future__ import annotations

import asyncio
import unittest
from typing import Annotated

from tachyon import Depends, FastAPI, HTTPException, Request
from tachyon._boundary.engine import get_engine
from tachyon.exceptions import RequestValidationError
from tachyon.responses import JSONResponse
from tests.client_case import AppTestCase

app = FastAPI()


class Teapot(Exception):
    pass


def seen(request: Request, status: int) -> JSONResponse:
    route = request.scope.get("route")
    return JSONResponse({"request_id": getattr(request.state, "request_id", None),
                         "user": getattr(request.state, "user", None),
                         "route": getattr(route, "path", None),
                         "endpoint": getattr(request.scope.get("endpoint"), "__name__", None),
                         "path_params": request.path_params}, status_code=status)


@app.exception_handler(HTTPException)
async def http_error(request: Request, exc: HTTPException):
    return seen(request, exc.status_code)


@app.exception_handler(404)   # also the router's own 404 (Starlette's HTTPException, not FastAPI's subclass)
async def not_found(request: Request, exc: Exception):
    return seen(request, 404)


@app.exception_handler(Teapot)
def teapot(request: Request, exc: Teapot):
    return seen(request, 418)


@app.exception_handler(RequestValidationError)
async def invalid(request: Request, exc: RequestValidationError):
    await asyncio.sleep(0)
    return seen(request, 422)


@app.exception_handler(Exception)
async def server_error(request: Request, exc: Exception):
    return seen(request, 500)


def tag_request(request: Request) -> None:   # a def dependency: on an async route it runs in the thread pool
    request.state.request_id = "abc"


async def tag_request_async(request: Request) -> None:
    request.state.request_id = "xyz"


@app.get("/async/{item_id}", dependencies=[Depends(tag_request)])
async def read_async(item_id: int, request: Request):
    request.state.user = "alice"
    raise HTTPException(404, "missing")


@app.get("/sync/{item_id}", dependencies=[Depends(tag_request_async)])
def read_sync(item_id: str, request: Request):
    request.state.user = "bob"
    raise Teapot()


@app.get("/suspends", dependencies=[Depends(tag_request)])
async def suspends(request: Request):
    await asyncio.sleep(0)
    request.state.user = "carol"
    raise RuntimeError("boom")


@app.get("/invalid", dependencies=[Depends(tag_request_async)])
async def invalid_query(n: Annotated[int, "a query parameter"]):
    return n


@app.get("/inline-state", dependencies=[Depends(tag_request)])
def inline_state(request: Request):   # all def, with a def exception handler: may run inline
    raise Teapot()


@app.get("/inline-plain")
def inline_plain():
    raise Teapot()


@app.get("/plain/{name}")
async def plain(name: str):
    raise HTTPException(400, "no Request parameter anywhere")


class ExceptionHandlerRequestTest(AppTestCase):
    app = app
    client_options = {"raise_server_exceptions": False}

    def test_async_route_with_a_def_dependency(self) -> None:
        response = self.client.get("/async/7")
        self.assertEqual((response.status_code, response.json()), (404, {
            "request_id": "abc", "user": "alice", "route": "/async/{item_id}", "endpoint": "read_async",
            "path_params": {"item_id": "7"}}))

    def test_def_route_many_times_also_inline(self) -> None:
        for _ in range(40):   # past the trial after which a def route runs inline
            response = self.client.get("/sync/x")
            self.assertEqual((response.status_code, response.json()), (418, {
                "request_id": "xyz", "user": "bob", "route": "/sync/{item_id}", "endpoint": "read_sync",
                "path_params": {"item_id": "x"}}))

    def test_a_route_that_suspends_and_the_500_handler(self) -> None:
        response = self.client.get("/suspends")
        self.assertEqual((response.status_code, response.json()["request_id"], response.json()["user"]),
                         (500, "abc", "carol"))

    def test_validation_error_after_the_valid_dependencies_ran(self) -> None:
        response = self.client.get("/invalid", params={"n": "x"})
        self.assertEqual((response.status_code, response.json()["request_id"], response.json()["route"]),
                         (422, "xyz", "/invalid"))

    def test_no_request_built_before_the_error_and_nothing_from_earlier_requests(self) -> None:
        self.client.get("/async/1")   # stored state in its own request
        response = self.client.get("/plain/n")
        self.assertEqual((response.status_code, response.json()), (400, {
            "request_id": None, "user": None, "route": "/plain/{name}", "endpoint": "plain",
            "path_params": {"name": "n"}}))

    def test_def_routes_inline_carry_nothing_over(self) -> None:
        inline_before = get_engine().stats()["inline_calls"]
        for _ in range(40):   # both routes run inline after their trial, on the same socket thread
            self.assertEqual(self.client.get("/inline-state").json()["request_id"], "abc")
            response = self.client.get("/inline-plain")
            self.assertEqual((response.status_code, response.json()["request_id"], response.json()["route"]),
                             (418, None, "/inline-plain"))
        self.assertGreater(get_engine().stats()["inline_calls"], inline_before)

    def test_the_routers_404_has_no_route(self) -> None:
        response = self.client.get("/nowhere")
        self.assertEqual(response.json()["route"], None)
        self.assertEqual(response.status_code, 404)


if __name__ == "__main__":
    unittest.main()


class HandlerSeesTheExceptionBeingHandledTest(unittest.TestCase):
    """An async handler runs inside the ``except`` block, as in Starlette: ``logger.exception`` logs the traceback."""

    def test_logger_exception_in_an_async_handler_logs_the_raising_frame(self) -> None:
        import logging
        import sys

        from tachyon.testclient import TestClient

        handling = FastAPI()
        seen: list = []

        @handling.exception_handler(Exception)
        async def log_it(request: Request, exc: Exception):
            await asyncio.sleep(0)   # still handling after a suspension
            seen.append(sys.exc_info()[1])
            logging.getLogger("tests.handler").exception("unhandled")
            return JSONResponse({"error": type(exc).__name__}, status_code=500)

        @handling.get("/boom")
        async def boom():
            raise ValueError("boom")

        with self.assertLogs("tests.handler", "ERROR") as logs:
            response = TestClient(handling, raise_server_exceptions=False).get("/boom")
        self.assertEqual((response.status_code, response.json()), (500, {"error": "ValueError"}))
        self.assertIsInstance(seen[0], ValueError)
        record = logs.records[0]
        self.assertIs(record.exc_info[1], seen[0])
        self.assertIn('raise ValueError("boom")', logs.output[0])
        self.assertNotIn("raise exc", logs.output[0], "the traceback is the exception's own")
