"""``anyio.from_thread.run()`` and ``run_sync()`` work where FastAPI runs sync code, which is on anyio's worker
threads there: def endpoints (on the sync lanes, or inline on the thread that read the request), def dependencies
of async routes, sync background tasks, and ``run_in_threadpool``. Async code gets anyio's RuntimeError."""
from __future__ import annotations

import asyncio
import contextvars
import threading
import unittest

import anyio
import anyio.from_thread

from tachyon import BackgroundTasks, Depends, FastAPI
from tachyon.concurrency import run_in_threadpool
from tests.client_case import AppTestCase
from tests.test_inline_calls import TRIAL

app = FastAPI()
background_results: list[dict] = []


async def double(x: int) -> dict:
    await asyncio.sleep(0)   # really on the loop: it suspends
    return {"x": 2 * x, "loop_thread": threading.current_thread().name == "tachyon-asyncio-lane"}


def doubled_five() -> dict:
    return anyio.from_thread.run(double, 5)


@app.get("/def/{x}")
def def_endpoint(x: int, use: bool = True):
    result = anyio.from_thread.run(double, x) if use else {}
    return {**result, "thread": threading.current_thread().name}


@app.get("/run-sync")
def run_sync_endpoint():
    return {"ran_on": anyio.from_thread.run_sync(lambda: threading.current_thread().name)}


@app.get("/def-dependency")
async def async_route_with_def_dependency(value: dict = Depends(doubled_five)):
    return value


@app.get("/threadpool")
async def threadpool():
    return await run_in_threadpool(doubled_five)


@app.get("/async")
async def async_endpoint():
    try:
        anyio.from_thread.run(double, 1)
    except RuntimeError:
        return {"refused": True}
    return {"refused": False}


def in_background() -> None:
    background_results.append(anyio.from_thread.run(double, 7))


@app.post("/background")
def with_background(tasks: BackgroundTasks):
    tasks.add_task(in_background)


@app.get("/cancel-scope")
def cancel_scope():
    async def times_out() -> bool:
        with anyio.move_on_after(0.01) as scope:
            await anyio.sleep(1)
        return scope.cancelled_caught

    return {"cancelled": anyio.from_thread.run(times_out)}


class FromThreadTest(AppTestCase):
    app = app

    def test_def_endpoint_on_a_sync_lane(self) -> None:
        body = self.client.get("/def/3").json()
        self.assertEqual(body, {"x": 6, "loop_thread": True, "thread": body["thread"]})

    def test_def_endpoint_running_inline(self) -> None:
        for _ in range(TRIAL + 8):   # calls that never wait: the route then runs on the thread that read the request
            thread = self.client.get("/def/1?use=false").json()["thread"]
        self.assertFalse(thread.startswith("tachyon-sync-lane"), thread)
        self.assertEqual(self.client.get("/def/4").json()["x"], 8)

    def test_run_sync_runs_on_the_loop(self) -> None:
        self.assertEqual(self.client.get("/run-sync").json(), {"ran_on": "tachyon-asyncio-lane"})

    def test_def_dependency_of_an_async_route(self) -> None:
        self.assertEqual(self.client.get("/def-dependency").json(), {"x": 10, "loop_thread": True})

    def test_run_in_threadpool(self) -> None:
        self.assertEqual(self.client.get("/threadpool").json(), {"x": 10, "loop_thread": True})

    def test_async_code_gets_anyios_error(self) -> None:
        self.assertEqual(self.client.get("/async").json(), {"refused": True})

    def test_sync_background_task(self) -> None:
        self.client.post("/background")
        self.assertEqual(background_results[-1], {"x": 14, "loop_thread": True})

    def test_cancel_scopes_in_the_coroutine(self) -> None:
        self.assertEqual(self.client.get("/cancel-scope").json(), {"cancelled": True})


class SniffioTest(unittest.TestCase):
    def test_requests_start_without_sniffios_mark_of_the_context_the_engine_started_in(self) -> None:
        # An engine started from an anyio test (anyio's runner sets the mark) must not pass it on to def code, which
        # runs on threads: anyio's to_thread clears it there, and libraries ask sniffio whether they run in async code.
        import sniffio

        from tachyon._boundary.anyio_threads import base_context

        def started_in_async_test() -> tuple[str | None, str | None]:
            sniffio.current_async_library_cvar.set("asyncio")
            base = base_context()
            return base.get(sniffio.current_async_library_cvar), sniffio.current_async_library_cvar.get()

        for_requests, caller = contextvars.copy_context().run(started_in_async_test)
        self.assertIsNone(for_requests)
        self.assertEqual(caller, "asyncio")   # the caller's own context keeps it

    def test_the_thread_pool_runs_without_the_callers_mark(self) -> None:
        # As anyio's to_thread.run_sync: fastapi-tasks' scheduler asked sniffio on a def route's thread, found the
        # caller's "asyncio" and called the task group from the thread ("no running event loop").
        import sniffio

        from tachyon.concurrency import run_in_threadpool

        async def from_an_async_test() -> tuple[str | None, str | None]:
            sniffio.current_async_library_cvar.set("asyncio")
            in_thread = await run_in_threadpool(sniffio.current_async_library_cvar.get)
            return in_thread, sniffio.current_async_library_cvar.get()

        self.assertEqual(asyncio.run(from_an_async_test()), (None, "asyncio"))


if __name__ == "__main__":
    unittest.main()
