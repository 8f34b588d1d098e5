"""Exception handlers that really await (I/O, asyncio.sleep) finish on the event loop, whether the
failing route is async (its lane is the loop: the handler is suspended like a handler) or plain def
(its sync lane waits for the loop)."""
from __future__ import annotations

import asyncio
import unittest

from tachyon import FastAPI, HTTPException
from tachyon.responses import JSONResponse
from tachyon.testclient import TestClient
from tests.client_case import AppTestCase

app = FastAPI()


class Teapot(Exception):
    pass


class Broken(Exception):
    pass


@app.exception_handler(Teapot)
async def teapot_handler(request, exc):
    await asyncio.sleep(0.01)
    return JSONResponse({"handled": "teapot", "path": request.url.path, "task": asyncio.current_task() is not None},
                        status_code=418)


@app.exception_handler(HTTPException)
async def http_handler(request, exc):
    await asyncio.sleep(0)
    return JSONResponse({"detail": exc.detail, "awaited": True}, status_code=exc.status_code, headers=exc.headers)


@app.exception_handler(Broken)
async def broken_handler(request, exc):
    await asyncio.sleep(0.01)
    raise RuntimeError("the handler failed after awaiting")


@app.get("/async-teapot")
async def async_teapot():
    raise Teapot()


@app.get("/sync-teapot")
def sync_teapot():
    raise Teapot()


@app.get("/missing/{n}")
async def missing(n: int):
    raise HTTPException(status_code=404, detail=f"no {n}", headers={"x-n": str(n)})


@app.get("/broken")
async def broken():
    raise Broken()


class AwaitingExceptionHandlersTest(AppTestCase):
    app = app

    def test_async_route(self) -> None:
        r = self.client.get("/async-teapot")
        self.assertEqual((r.status_code, r.json()), (418, {"handled": "teapot", "path": "/async-teapot", "task": True}))

    def test_sync_route(self) -> None:
        r = self.client.get("/sync-teapot")
        self.assertEqual((r.status_code, r.json()), (418, {"handled": "teapot", "path": "/sync-teapot", "task": True}))

    def test_http_exception_and_router_miss(self) -> None:
        r = self.client.get("/missing/3")
        self.assertEqual((r.status_code, r.json(), r.headers["x-n"]), (404, {"detail": "no 3", "awaited": True}, "3"))
        r = self.client.get("/nowhere")   # the router raises Starlette's class, which this handler does not catch
        self.assertEqual((r.status_code, r.json()), (404, {"detail": "Not Found"}))

    def test_a_handler_failing_after_awaiting_is_a_reported_500(self) -> None:
        with TestClient(app, raise_server_exceptions=False) as client:
            r = client.get("/broken")
            self.assertEqual((r.status_code, r.text), (500, "Internal Server Error"))
        with self.assertRaisesRegex(RuntimeError, "the handler failed after awaiting"):
            self.client.get("/broken")

    def test_many_at_once(self) -> None:
        for _ in range(30):
            self.assertEqual(self.client.get("/async-teapot").status_code, 418)
            self.assertEqual(self.client.get("/sync-teapot").status_code, 418)


if __name__ == "__main__":
    unittest.main()
