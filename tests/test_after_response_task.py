"""A response's background work runs in the request's own asyncio task, as FastAPI runs it: the exit code of a
``yield`` dependency and the background tasks see the task its setup and the endpoint ran in. What ties itself to
the task works across the ``yield``: a registry keyed on ``asyncio.current_task()`` (SQLAlchemy's
``async_scoped_session``), an ``anyio.Lock`` (taken in another task, it was never released and the next request
waited for ever), a cancel scope. Also when the task suspended before its response (acquiring the lock)."""
from __future__ import annotations

import asyncio
import unittest
from typing import Annotated

import anyio

from tachyon import BackgroundTasks, Depends, FastAPI
from tachyon.testclient import TestClient

app = FastAPI()
tasks: dict[str, asyncio.Task | None] = {}
lock = anyio.Lock()


async def scoped():
    tasks["setup"] = asyncio.current_task()
    yield "session"
    tasks["exit"] = asyncio.current_task()


async def locked():
    async with lock:   # suspends before the endpoint runs: the task is pending when the response is made
        with anyio.fail_after(5):
            yield "locked"


async def record_background_async() -> None:
    tasks["async background"] = asyncio.current_task()


@app.get("/scoped")
async def scoped_route(session: Annotated[str, Depends(scoped)], background: BackgroundTasks):
    tasks["endpoint"] = asyncio.current_task()
    background.add_task(record_background_async)
    return session


@app.get("/locked")
async def locked_route(value: Annotated[str, Depends(locked)]):
    return value


class AfterResponseTaskTest(unittest.TestCase):
    def test_exit_code_and_background_tasks_run_in_the_requests_task(self) -> None:
        with TestClient(app) as client:
            tasks.clear()
            self.assertEqual(client.get("/scoped").json(), "session")
        self.assertEqual(set(tasks), {"setup", "endpoint", "exit", "async background"})
        self.assertIsNotNone(tasks["setup"])
        self.assertTrue(all(task is tasks["setup"] for task in tasks.values()), tasks)

    def test_a_lock_held_across_yield_is_released(self) -> None:
        with TestClient(app) as client:   # (the second request waited for ever)
            self.assertEqual([client.get("/locked", timeout=10).json() for _ in range(3)], ["locked"] * 3)


if __name__ == "__main__":
    unittest.main()
