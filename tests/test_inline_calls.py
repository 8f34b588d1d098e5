"""def handlers whose calls never wait run on the thread that read the request (engine Lanes/InlineCalls.cs);
the others, and routes that start to block, stay on the sync lanes, so a blocked handler never stalls others."""
from __future__ import annotations

import asyncio
import threading
import time
import unittest

from tachyon import FastAPI
from tachyon._boundary.engine import get_engine
from tachyon.responses import JSONResponse
from tachyon.testclient import TestClient
from tests.concurrency import get_many, wait_for

TRIAL = 32   # calls in a row on a lane without a wait before a route runs inline (Lanes/SyncCallHistory.cs)
LONG_CALL = 0.005   # an inline call this long counts as waiting
DEMOTED_AFTER = 3   # waiting calls


class Flaky(Exception):
    pass


app = FastAPI()
blocking = {"seconds": 0.0}
raising = {"now": False}


@app.get("/quick")
def quick(n: int = 0):
    return {"n": n}


@app.get("/other")
def other():
    return {"other": True}


@app.get("/sleeps")
def sleeps():
    time.sleep(0.002)
    return {"slept": True}


@app.get("/sometimes")
def sometimes():
    if blocking["seconds"]:
        time.sleep(blocking["seconds"])
    return {"thread": threading.current_thread().name}


gate = {"event": threading.Event()}
gate["event"].set()


@app.get("/blocks")
def blocks(release: bool = False):
    if release:
        gate["event"].set()   # what the other call waits for, from another request
    return {"waited": gate["event"].wait(timeout=10)}


@app.get("/asyncio")
def uses_asyncio(run: bool = False):
    try:
        asyncio.get_running_loop()
        running = True
    except RuntimeError:
        running = False

    async def add(a: int, b: int) -> int:
        await asyncio.sleep(0)
        return a + b

    # asyncio.run releases the GIL (epoll, the self-pipe): on trial, that may count as a wait
    return {"loop_running": running, "asyncio_run": asyncio.run(add(2, 3)) if run else None}


@app.get("/flaky")
def flaky():
    if raising["now"]:
        raise Flaky()
    return {"raised": False}


@app.get("/breaks")
def breaks():
    if raising["now"]:
        raise ValueError("boom")
    return {"raised": False}


@app.exception_handler(Flaky)
async def on_flaky(request, exc):
    await asyncio.sleep(0)   # an async handler that really awaits, for a def route
    return JSONResponse({"handled": type(exc).__name__}, status_code=418)


def inline_calls() -> int:
    return get_engine().stats()["inline_calls"]


class InlineCallsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.client = TestClient(app)
        cls.port = app.start().port

    @classmethod
    def tearDownClass(cls) -> None:
        cls.client.close()

    def calls_inline(self, path: str, times: int) -> int:
        """How many of ``times`` sequential calls of ``path`` ran inline."""
        before = inline_calls()
        for _ in range(times):
            self.assertEqual(self.client.get(path).status_code, 200)
        return inline_calls() - before

    def promote(self, path: str) -> None:
        """Calls ``path`` until a call runs inline: a trial call may wait now and then for reasons not of the
        handler's making (the GIL taken back from another thread), which starts the trial again."""
        for _ in range(10 * TRIAL):
            if self.calls_inline(path, 1):
                return
        self.fail(f"{path} never ran inline")

    def test_a_route_that_never_waits_runs_inline_after_its_trial(self) -> None:
        self.assertEqual(self.calls_inline("/quick?n=1", TRIAL - 1), 0, "on trial, calls run on the lanes")
        self.promote("/quick?n=1")
        self.assertEqual(self.calls_inline("/quick?n=2", 20), 20)
        self.assertEqual(self.client.get("/quick?n=7").json(), {"n": 7})

    def test_a_route_that_waits_stays_on_the_lanes(self) -> None:
        self.assertEqual(self.calls_inline("/sleeps", TRIAL + 20), 0)

    def test_a_route_that_starts_to_block_goes_back_to_the_lanes(self) -> None:
        blocking["seconds"] = 0.0
        self.promote("/sometimes")
        self.assertEqual(self.calls_inline("/sometimes", 5), 5)
        blocking["seconds"] = LONG_CALL * 2
        self.assertEqual(self.calls_inline("/sometimes", DEMOTED_AFTER), DEMOTED_AFTER, "waits are seen after the call")
        self.assertEqual(self.calls_inline("/sometimes", 10), 0, "demoted for good")
        # Back on the lanes, one blocked call stalls no other request, as FastAPI's thread pool guarantees.
        blocking["seconds"] = 1.0
        results = get_many(self.port, ["/sometimes"] + ["/quick"] * 10)
        blocking["seconds"] = 0.0
        self.assertTrue(all(r[0] == 200 for r in results), results)
        self.assertGreaterEqual(results[0][3], 0.9)
        self.assertLess(max(r[3] for r in results[1:]), 0.6, "requests waited behind a blocked handler")

    def test_a_call_that_blocks_sends_its_route_back_while_it_runs_and_stalls_no_other_thread(self) -> None:
        self.promote("/blocks")
        self.assertEqual(self.calls_inline("/blocks", 3), 3)
        before = get_engine().stats()["blocked_inline_calls"]
        gate["event"].clear()
        waiting = threading.Thread(target=self.client.get, args=("/blocks",))
        waiting.start()
        try:
            wait_for(lambda: get_engine().stats()["blocked_inline_calls"] > before, seconds=2.0)
            self.assertEqual(get_engine().stats()["blocked_inline_calls"] - before, 1, "demoted while the call still blocks")
            self.assertTrue(waiting.is_alive())
            # A request for the same route goes to a lane, and another route still runs inline elsewhere: the
            # blocked call holds no gate and no GIL (the second call sets the event the first waits for).
            results = get_many(self.port, ["/blocks?release=true"] + ["/other"] * 4)
            self.assertTrue(all(r[0] == 200 for r in results), results)
        finally:
            gate["event"].set()
            waiting.join()
        self.assertEqual(self.calls_inline("/blocks", 5), 0, "on the lanes for good")

    def test_an_inline_call_sees_no_running_loop(self) -> None:
        self.promote("/asyncio")
        before = inline_calls()
        self.assertEqual(self.client.get("/asyncio?run=true").json(), {"loop_running": False, "asyncio_run": 5})
        self.assertEqual(inline_calls() - before, 1)

    def test_an_inline_call_that_raises_answers_500_and_the_server_keeps_serving(self) -> None:
        self.promote("/breaks")
        with TestClient(app, raise_server_exceptions=False) as client:
            raising["now"] = True
            try:
                before = inline_calls()
                response = client.get("/breaks")
                self.assertEqual((response.status_code, response.text), (500, "Internal Server Error"))
                self.assertEqual(inline_calls() - before, 1)
            finally:
                raising["now"] = False
            self.assertEqual(client.get("/breaks").json(), {"raised": False})

    def test_an_async_exception_handler_of_an_inline_call_runs_on_the_loop(self) -> None:
        self.promote("/flaky")
        raising["now"] = True
        try:
            before = inline_calls()
            for _ in range(DEMOTED_AFTER + 2):
                response = self.client.get("/flaky")
                self.assertEqual((response.status_code, response.json()), (418, {"handled": "Flaky"}))
            self.assertGreater(inline_calls() - before, 0)
        finally:
            raising["now"] = False


if __name__ == "__main__":
    unittest.main()
