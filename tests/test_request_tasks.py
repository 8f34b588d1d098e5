"""Every async handler runs inside its own asyncio task, as FastAPI's endpoints run in their request's
task: ``asyncio.current_task()``, ``asyncio.timeout()`` and cancel scopes work from the first line on,
though the engine runs that first step at once rather than on a later loop iteration. A task a handler starts
has taken its first step when the response is sent, as in FastAPI."""
from __future__ import annotations

import _weakrefset
import asyncio
import types
import unittest

from tachyon import FastAPI, HTTPException, Request
from tachyon.responses import JSONResponse
from tachyon.testclient import TestClient
from tests.concurrency import get_many, wait_for


class Teapot(Exception):
    """Raised by /teapot; an async handler answers it with 418."""


app = FastAPI()
seen_tasks: list[asyncio.Task] = []   # kept alive, so no two can share an id()


@app.exception_handler(Teapot)
async def teapot_handler(request: Request, exc: Teapot):
    return JSONResponse({"in_task": asyncio.current_task() is not None}, status_code=418)


@app.get("/task-id")
async def task_id(suspend: bool = False):
    first = asyncio.current_task()
    seen_tasks.append(first)
    if suspend:
        await asyncio.sleep(0.01)
    return {"task": id(first), "same_after_await": asyncio.current_task() is first, "in_task": first is not None}


@app.get("/timeout-unused")
async def timeout_unused():
    async with asyncio.timeout(1):
        value = 42
    return {"value": value}


@app.get("/timeout-expires")
async def timeout_expires():
    try:
        async with asyncio.timeout(0.05):
            await asyncio.sleep(5)
    except TimeoutError:
        return {"timed_out": True, "cancelling": asyncio.current_task().cancelling()}
    return {"timed_out": False}


@app.get("/teapot")
async def teapot():
    raise Teapot()


@app.get("/all-tasks")
async def all_tasks(suspend: bool = False):
    if suspend:
        await asyncio.sleep(0.01)
    return {"listed": asyncio.current_task() in asyncio.all_tasks()}


async def _finish_at_once() -> None:
    return None


@app.get("/dies-while-iterated")
async def dies_while_iterated():
    """A task that dies while asyncio's task set is iterated leaves its reference for after the iteration."""
    tasks = asyncio.tasks._all_tasks
    with _weakrefset._IterationGuard(tasks):
        spawned = asyncio.get_running_loop().create_task(_finish_at_once())
        await asyncio.sleep(0.01)   # it finishes; only this name holds it
        reference_count = len(tasks.data)
        del spawned
        deferred = len(tasks._pending_removals)
        still_in_data = len(tasks.data) == reference_count
    return {"deferred": deferred >= 1, "still_in_data": still_in_data, "pending_after": len(tasks._pending_removals)}


started: list[str] = []
spawned: set[asyncio.Task] = set()


async def _record(value: str) -> None:
    started.append(value)


@app.post("/spawn/{value}")
async def spawn(value: str):
    """Fire and forget: the task's first step records ``value``."""
    task = asyncio.create_task(_record(value))
    spawned.add(task)
    task.add_done_callback(spawned.discard)


@app.get("/not-found")
async def not_found():
    raise HTTPException(status_code=404, detail="nope")


class RequestTaskTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.client = TestClient(app)
        cls.port = app.start().port

    def test_handler_that_finishes_at_once_runs_in_a_task(self) -> None:
        body = self.client.get("/task-id").json()
        self.assertTrue(body["in_task"])
        self.assertTrue(body["same_after_await"])

    def test_handler_keeps_its_task_across_a_suspension(self) -> None:
        body = self.client.get("/task-id?suspend=true").json()
        self.assertEqual((body["in_task"], body["same_after_await"]), (True, True))

    def test_each_request_has_its_own_task(self) -> None:
        seen_tasks.clear()
        for _ in range(10):
            self.client.get("/task-id")   # finish in their first step, one after the other
        get_many(self.port, ["/task-id?suspend=true"] * 20)
        self.assertEqual(len({id(t) for t in seen_tasks}), 30)

    def test_asyncio_timeout_works_without_suspending(self) -> None:
        self.assertEqual(self.client.get("/timeout-unused").json(), {"value": 42})

    def test_asyncio_timeout_expires(self) -> None:
        self.assertEqual(self.client.get("/timeout-expires").json(), {"timed_out": True, "cancelling": 0})

    def test_async_exception_handler_runs_in_a_task(self) -> None:
        response = self.client.get("/teapot")
        self.assertEqual((response.status_code, response.json()), (418, {"in_task": True}))

    def test_default_exception_handler_still_answers(self) -> None:
        response = self.client.get("/not-found")
        self.assertEqual((response.status_code, response.json()), (404, {"detail": "nope"}))

    def test_asyncio_task_set_has_the_native_add(self) -> None:
        self.assertIsInstance(asyncio.tasks._all_tasks.__dict__.get("add"), types.BuiltinFunctionType)

    def test_all_tasks_lists_the_handler_task(self) -> None:
        self.assertEqual(self.client.get("/all-tasks").json(), {"listed": True})
        self.assertEqual(self.client.get("/all-tasks?suspend=true").json(), {"listed": True})

    def test_finished_request_tasks_leave_the_task_set(self) -> None:
        tasks = asyncio.tasks._all_tasks
        self.client.get("/all-tasks")
        before = len(tasks.data)
        get_many(self.port, ["/all-tasks", "/all-tasks?suspend=true"] * 100)
        # The loop may hold the last requests' tasks for a moment after their responses were sent.
        wait_for(lambda: len(tasks.data) <= before)
        self.assertLessEqual(len(tasks.data), before)
        self.assertEqual(len(tasks), len(tasks.data))   # no removal left pending

    def test_task_dying_during_iteration_is_removed_after_it(self) -> None:
        body = self.client.get("/dies-while-iterated").json()
        self.assertEqual(body, {"deferred": True, "still_in_data": True, "pending_after": 0})


    def test_task_a_handler_started_has_run_its_first_step_when_the_response_arrives(self) -> None:
        # As in FastAPI, where the response goes through several awaits before it is sent.
        for i in range(200):
            self.assertEqual(self.client.post(f"/spawn/{i}").status_code, 200)
            self.assertEqual(started[-1:], [str(i)])


if __name__ == "__main__":
    unittest.main()
