"""Plain ``def`` exception handlers run in the thread pool, as Starlette runs them: on an async route a blocking
handler does not stall the event loop, and in the handler no exception is being handled (``traceback.format_exc()``
finds none) and no event loop runs. A 500 handler for ``Exception`` runs there too."""
from __future__ import annotations

import asyncio
import functools
import threading
import time
import traceback
import unittest
import warnings

from tachyon import FastAPI
from tachyon.responses import JSONResponse
from tachyon.testclient import TestClient
from tests.concurrency import get_many

app = FastAPI()


class Slow(Exception):
    """Answered by a handler that blocks."""


class Seen(Exception):
    """Answered by a handler that reports where it runs."""


def _loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


@app.exception_handler(Slow)
def slow_handler(request, exc):
    time.sleep(0.4)   # blocking I/O in a sync handler
    return JSONResponse({"handled": "slow"}, status_code=503)


@app.exception_handler(Seen)
def seen_handler(request, exc):
    return JSONResponse({"loop_running": _loop_running(), "format_exc": traceback.format_exc(),
                         "thread": threading.current_thread().name}, status_code=409)


@app.exception_handler(Exception)
def server_error(request, exc):
    return JSONResponse({"server_error": type(exc).__name__, "loop_running": _loop_running()}, status_code=500)


@app.get("/slow")
async def slow():
    raise Slow()


@app.get("/fast")
async def fast():
    return {"ok": True}


@app.get("/seen")
async def seen():
    raise Seen()


@app.get("/sync-seen")
def sync_seen():
    raise Seen()


@app.get("/crash")
async def crash():
    raise KeyError("boom")


class SyncExceptionHandlerTests(unittest.TestCase):
    def test_handler_runs_off_the_event_loop_with_no_exception_being_handled(self) -> None:
        client = TestClient(app)
        for path in ("/seen", "/sync-seen"):
            with self.subTest(path=path):
                r = client.get(path)
                self.assertEqual(r.status_code, 409)
                self.assertEqual(r.json()["loop_running"], False)
                self.assertEqual(r.json()["format_exc"], "NoneType: None\n")

    def test_server_error_handler_runs_off_the_event_loop(self) -> None:
        r = TestClient(app, raise_server_exceptions=False).get("/crash")
        self.assertEqual((r.status_code, r.json()), (500, {"server_error": "KeyError", "loop_running": False}))

    def test_blocking_handler_does_not_stall_async_routes(self) -> None:
        port = app.start(port=0).port
        try:
            results = get_many(port, ["/slow"] + ["/fast"] * 5)
        finally:
            app.stop()
        self.assertEqual([r[0] for r in results], [503] + [200] * 5)
        self.assertGreaterEqual(results[0][3], 0.4)
        # The fast requests all answer while the slow handler still sleeps.
        self.assertLess(max(r[3] for r in results[1:]), 0.3, [round(r[3], 3) for r in results])


class Boom(Exception):
    """Answered by a sync decorator's wrapper of an async handler."""


def logged(handler):
    """A sync decorator (logging, say) around an async handler: Starlette sees a sync handler returning a coroutine."""
    @functools.wraps(handler)
    def wrapper(request, exc):
        return handler(request, exc)
    return wrapper


class SyncWrapperOfAsyncHandlerTests(unittest.TestCase):
    def test_its_coroutine_is_not_a_response_wherever_the_exception_comes_from(self) -> None:
        wrapped = FastAPI()

        @wrapped.exception_handler(Boom)
        @logged
        async def boom_handler(request, exc):
            return JSONResponse({"handled": True}, status_code=418)

        @wrapped.get("/async")
        async def from_async():
            raise Boom()

        @wrapped.get("/sync")
        def from_sync():
            raise Boom()

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)   # the coroutine never awaited, as under Starlette
            with TestClient(wrapped, raise_server_exceptions=False) as client:
                for path in ("/async", "/sync"):
                    response = client.get(path)
                    self.assertEqual((response.status_code, response.text), (500, "Internal Server Error"), path)
            with TestClient(wrapped) as client, self.assertRaisesRegex(TypeError, "'coroutine' object is not callable"):
                client.get("/sync")


if __name__ == "__main__":
    unittest.main()
