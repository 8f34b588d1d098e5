"""The TestClient returns once the work after a response has run, as Starlette's does (its ASGI call
includes it): background tasks, sync and async, and the exit code of ``yield`` dependencies. What that
work raises is raised in the test (``raise_server_exceptions=True``), after the response was sent."""
from __future__ import annotations

import asyncio
import functools
import unittest
from typing import Annotated

from tachyon import BackgroundTasks, Depends, FastAPI, HTTPException
from tachyon.responses import JSONResponse
from tachyon.background import BackgroundTask
from tachyon.testclient import TestClient

app = FastAPI()
events: list[str] = []


def record(event: str) -> None:
    events.append(event)


async def record_later(event: str) -> None:
    await asyncio.sleep(0.05)
    events.append(event)


def fail(message: str) -> None:
    raise ValueError(message)


async def session():
    events.append("session open")
    yield "session"
    await asyncio.sleep(0.05)
    events.append("session closed")


def broken_after_yield():
    yield
    raise HTTPException(status_code=400, detail="too late")


@app.post("/tasks")
def tasks(background: BackgroundTasks):
    background.add_task(record, "sync task")
    background.add_task(record_later, "async task")
    return {"queued": 2}


@app.get("/session")
async def uses_session(s: Annotated[str, Depends(session)]):
    events.append("endpoint")
    return {"session": s}


@app.get("/response-task")
async def response_task():
    return JSONResponse({"ok": True}, background=BackgroundTask(record_later, "response task"))


@app.post("/partial-task")
def partial_task(background: BackgroundTasks):
    background.add_task(functools.partial(record_later, "partial async task"))   # awaited, as Starlette's
    return {"queued": 1}


@app.get("/failing-task")
def failing_task(background: BackgroundTasks):
    background.add_task(fail, "task failed")
    return {"ok": True}


@app.get("/broken-after-yield", dependencies=[Depends(broken_after_yield)])
def broken():
    return {"ok": True}


def sync_transaction():
    try:
        yield
        events.append("sync commit")
    except ValueError as exc:
        events.append(f"sync rollback: {exc}")
        raise


async def async_transaction():
    try:
        yield
        events.append("async commit")
    except ValueError as exc:
        events.append(f"async rollback: {exc}")
        raise


def swallowing_transaction():
    try:
        yield
    except ValueError:
        events.append("swallowed")


@app.get("/task-fails-in-sync-transaction", dependencies=[Depends(sync_transaction)])
def task_fails_in_sync_transaction(background: BackgroundTasks):
    background.add_task(fail, "task failed")
    return {"ok": True}


@app.get("/task-fails-in-async-transaction", dependencies=[Depends(async_transaction)])
async def task_fails_in_async_transaction(background: BackgroundTasks):
    background.add_task(fail, "task failed")
    return {"ok": True}


@app.get("/task-fails-in-swallowing-transaction", dependencies=[Depends(swallowing_transaction)])
def task_fails_in_swallowing_transaction(background: BackgroundTasks):
    background.add_task(fail, "task failed")
    return {"ok": True}


class AfterResponseTest(unittest.TestCase):
    def setUp(self) -> None:
        events.clear()
        self.client = TestClient(app)

    def tearDown(self) -> None:
        self.client.close()

    def test_background_tasks_ran_when_the_client_returns(self) -> None:
        response = self.client.post("/tasks")
        self.assertEqual(response.json(), {"queued": 2})
        self.assertEqual(events, ["sync task", "async task"])

    def test_a_responses_own_background_task(self) -> None:
        self.assertEqual(self.client.get("/response-task").json(), {"ok": True})
        self.assertEqual(events, ["response task"])

    def test_yield_dependency_exit_code_ran_when_the_client_returns(self) -> None:
        self.assertEqual(self.client.get("/session").json(), {"session": "session"})
        self.assertEqual(events, ["session open", "endpoint", "session closed"])

    def test_an_async_task_behind_functools_partial_is_awaited(self) -> None:
        self.client.post("/partial-task")
        self.assertEqual(events, ["partial async task"])

    def test_a_failing_background_task_is_raised_in_the_test(self) -> None:
        with self.assertRaisesRegex(ValueError, "task failed"):
            self.client.get("/failing-task")
        self.assertEqual(self.client.post("/tasks").status_code, 200)   # raised once, the client goes on

    def test_a_failing_background_task_is_thrown_into_the_yield_dependencies(self) -> None:
        """FastAPI runs the response, its background tasks included, inside the request's exit stack."""
        for kind in ("sync", "async"):
            events.clear()
            with self.assertRaisesRegex(ValueError, "task failed"):
                self.client.get(f"/task-fails-in-{kind}-transaction")
            self.assertEqual(events, [f"{kind} rollback: task failed"])
        self.client.get("/session")
        self.assertEqual(events[-1], "session closed")   # a request without failures commits as before

    def test_a_dependency_swallowing_a_tasks_exception_is_fastapis_error(self) -> None:
        from tachyon.exceptions import FastAPIError

        with self.assertRaisesRegex(FastAPIError, "^Response not awaited"):
            self.client.get("/task-fails-in-swallowing-transaction")
        self.assertEqual(events, ["swallowed"])

    def test_a_handled_exception_after_the_response_is_starlettes_runtime_error(self) -> None:
        # An exception the app's handlers would take (here an HTTPException) cannot be answered any more.
        with self.assertRaisesRegex(RuntimeError, "^Caught handled exception, but response already started.$") as caught:
            self.client.get("/broken-after-yield")
        self.assertEqual(caught.exception.__cause__.detail, "too late")

    def test_without_raise_server_exceptions_the_sent_response_is_returned(self) -> None:
        with TestClient(app, raise_server_exceptions=False) as client:
            response = client.get("/failing-task")
        self.assertEqual((response.status_code, response.json()), (200, {"ok": True}))



class ServerErrorHandlerAfterResponseTest(unittest.TestCase):
    """As Starlette's ServerErrorMiddleware, the server-error handler (500 or Exception) sees what was raised after
    the response was sent (to log or report it); its response goes nowhere, and the error is still reported."""

    def test_the_server_error_handler_sees_late_errors(self) -> None:
        reported: list[str] = []
        late = FastAPI()

        @late.exception_handler(Exception)
        async def report(request, exc):
            reported.append(f"{request.url.path} {type(exc).__name__}")
            return JSONResponse({"detail": "internal"}, status_code=500)

        def teardown_fails():
            yield
            raise KeyError("teardown")

        @late.get("/task")
        def queue(background: BackgroundTasks):
            background.add_task(fail, "task failed")
            return {"queued": True}

        @late.get("/teardown", dependencies=[Depends(teardown_fails)])
        def teardown():
            return {"ok": True}

        @late.get("/handled", dependencies=[Depends(broken_after_yield)])
        def handled():
            return {"ok": True}

        client = TestClient(late, raise_server_exceptions=False)
        for path in ("/task", "/teardown", "/handled"):
            self.assertEqual(client.get(path).status_code, 200)
        self.assertEqual(reported, ["/task ValueError", "/teardown KeyError", "/handled RuntimeError"])
        with self.assertRaises(KeyError):
            TestClient(late).get("/teardown")

if __name__ == "__main__":
    unittest.main()
