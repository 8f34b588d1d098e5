"""On an async route, plain ``def`` dependencies (functions, classes, generators) run in the thread
pool as in FastAPI, so a blocking one does not stall the event loop; on a ``def`` route they run on
the sync lane like the endpoint."""
from __future__ import annotations

import asyncio
import threading
import time
import unittest
from typing import Annotated

from tachyon import Depends, FastAPI
from tests.concurrency import body_json, get_many

app = FastAPI()


def thread_name() -> str:
    return threading.current_thread().name


class ThreadOf:
    def __init__(self) -> None:
        self.name = thread_name()


def session():
    entered = thread_name()
    yield entered
    exits.append(thread_name())


exits: list[str] = []


def blocking(seconds: float = 0.0):
    time.sleep(seconds)
    return seconds


@app.get("/where")
async def where(fn: Annotated[str, Depends(thread_name)], cls: Annotated[ThreadOf, Depends()],
                gen: Annotated[str, Depends(session)]):
    return {"loop": thread_name(), "function": fn, "class": cls.name, "generator": gen}


@app.get("/block")
async def block(slept: Annotated[float, Depends(blocking)]):
    return {"slept": slept}


@app.get("/fast")
async def fast():
    await asyncio.sleep(0)
    return {"fast": True}


class SyncDependenciesInThreadsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.port = app.start(port=0).port

    @classmethod
    def tearDownClass(cls) -> None:
        app.stop()

    def test_plain_dependencies_leave_the_loop_thread(self) -> None:
        [result] = get_many(self.port, ["/where"])
        threads = body_json(result)
        self.assertEqual(result[0], 200)
        for kind in ("function", "class", "generator"):
            self.assertNotEqual(threads[kind], threads["loop"], kind)
        deadline = time.monotonic() + 2   # the generator exits after the response is sent
        while not exits and time.monotonic() < deadline:
            time.sleep(0.005)
        self.assertNotEqual(exits[-1], threads["loop"])

    def test_a_blocking_dependency_does_not_stall_other_async_requests(self) -> None:
        results = get_many(self.port, ["/block?seconds=0.6"] + ["/fast"] * 5)
        self.assertEqual([r[0] for r in results], [200] * 6)
        self.assertGreaterEqual(results[0][3], 0.6)
        self.assertLess(max(r[3] for r in results[1:]), 0.4, [round(r[3], 3) for r in results])


if __name__ == "__main__":
    unittest.main()
