"""An app driven as an ASGI callable (``httpx.ASGITransport`` in async tests) runs its coroutines where an ASGI app's
code runs under FastAPI: handlers in the task that awaits the call (its ``current_task()``, its contextvars, its
cancellation), background tasks and the lifespan its messages start on that task's loop, so what the test made on
its loop (an Event, a Queue, a task) works in the app."""
from __future__ import annotations

import asyncio
import contextvars
import unittest
from contextlib import asynccontextmanager
from typing import Any

import httpx

from tachyon import BackgroundTasks, Depends, FastAPI, Request

loops: dict[str, asyncio.AbstractEventLoop] = {}
tasks_seen: dict[str, asyncio.Task | None] = {}
set_by_handler = contextvars.ContextVar("set_by_handler", default="unset")
log: list[str] = []
events: dict[str, asyncio.Event] = {}
created: list[asyncio.Task] = []


@asynccontextmanager
async def lifespan(app: FastAPI):
    queue: asyncio.Queue[str] = asyncio.Queue()
    worker = asyncio.create_task(_consume(queue))
    yield {"queue": queue}
    worker.cancel()


consumed: list[str] = []


async def _consume(queue: asyncio.Queue[str]) -> None:
    while True:
        consumed.append(await queue.get())
        queue.task_done()


app = FastAPI(lifespan=lifespan)


def the_event() -> asyncio.Event:
    return events["ready"]


@app.get("/loop")
async def which_loop():
    loops["handler"] = asyncio.get_running_loop()
    return {}


@app.get("/task")
async def which_task():
    tasks_seen["handler"] = asyncio.current_task()
    set_by_handler.set("handler")
    return {}


async def resource():
    try:
        yield
    finally:
        log.append("cleanup")


@app.get("/hang")
async def hang(_: None = Depends(resource)):
    log.append("start")
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log.append("cancelled")
        raise


@app.get("/wait")
async def wait(event: asyncio.Event = Depends(the_event)):
    await asyncio.wait_for(event.wait(), 5)   # set by the test, on its own loop
    return {"woken": True}


@app.get("/spawn")
async def spawn():
    created.append(asyncio.create_task(asyncio.sleep(0, result="done")))
    return {}


@app.get("/later")
async def later(tasks: BackgroundTasks):
    async def note_loop() -> None:
        loops["background"] = asyncio.get_running_loop()
    tasks.add_task(note_loop)
    return {}


@app.post("/enqueue/{item}")
async def enqueue(item: str, request: Request):
    queue: asyncio.Queue[str] = request.state.queue
    await queue.put(item)
    await queue.join()   # the lifespan's worker, on this loop too, takes it
    return {"consumed": consumed}


request_id = contextvars.ContextVar("request_id", default="-")
resets: list[str] = []


async def request_scope():
    token = request_id.set("req-1")
    try:
        yield
    finally:
        request_id.reset(token)   # in the context its set() made the token in, or ValueError
        resets.append(request_id.get())


@app.get("/request-id", dependencies=[Depends(request_scope)])
async def current_request_id(tasks: BackgroundTasks):
    async def note_task() -> None:
        tasks_seen["background"] = asyncio.current_task()
    tasks.add_task(note_task)
    return {"rid": request_id.get()}


def client() -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


class CallerLoopTest(unittest.TestCase):
    def test_handlers_and_background_tasks_run_on_the_callers_loop(self) -> None:
        async def main() -> asyncio.AbstractEventLoop:
            async with client() as c:
                await c.get("/loop")
                await c.get("/later")
            return asyncio.get_running_loop()

        loop = asyncio.run(main())
        self.assertIs(loops["handler"], loop)
        self.assertIs(loops["background"], loop)

    def test_the_handler_runs_in_the_callers_task_and_context(self) -> None:
        async def main() -> tuple[asyncio.Task | None, str]:
            async with client() as c:
                await c.get("/task")
            return asyncio.current_task(), set_by_handler.get()

        task, seen = asyncio.run(main())
        self.assertIs(tasks_seen["handler"], task)
        self.assertEqual(seen, "handler")

    def test_background_work_and_yield_exits_run_after_the_response_in_the_callers_task(self) -> None:
        # As Starlette: the response's background tasks and the yield dependencies' exit code run in the task that
        # awaits the call, so a ContextVar token made before the yield resets after it.
        async def main() -> tuple[Any, asyncio.Task | None]:
            async with client() as c:
                response = await c.get("/request-id")
            return (response.status_code, response.json()), asyncio.current_task()

        answer, task = asyncio.run(main())
        self.assertEqual(answer, (200, {"rid": "req-1"}))
        self.assertEqual(resets, ["-"])
        self.assertIs(tasks_seen["background"], task)

    def test_cancelling_the_call_cancels_the_handler(self) -> None:
        async def main() -> None:
            async with client() as c:
                with self.assertRaises(asyncio.TimeoutError):
                    await asyncio.wait_for(c.get("/hang"), 0.2)
                for _ in range(50):
                    if "cleanup" in log:
                        break
                    await asyncio.sleep(0.02)

        asyncio.run(main())
        self.assertEqual(log, ["start", "cancelled", "cleanup"])

    def test_a_handler_awaits_what_the_test_sets(self) -> None:
        async def main() -> Any:
            events["ready"] = asyncio.Event()
            async with client() as c:
                pending = asyncio.create_task(c.get("/wait"))
                await asyncio.sleep(0.05)
                self.assertFalse(pending.done())
                events["ready"].set()
                return (await asyncio.wait_for(pending, 5)).json()

        self.assertEqual(asyncio.run(main()), {"woken": True})

    def test_the_test_awaits_a_task_the_handler_started(self) -> None:
        async def main() -> Any:
            async with client() as c:
                await c.get("/spawn")
            return await created.pop()

        self.assertEqual(asyncio.run(main()), "done")

    def test_a_lifespan_driven_by_asgi_messages_runs_on_the_callers_loop(self) -> None:
        async def main() -> Any:
            messages = asyncio.Queue()
            sent: list[dict] = []
            await messages.put({"type": "lifespan.startup"})

            async def send(message: dict) -> None:
                sent.append(message)

            state: dict[str, Any] = {}
            lifespan_call = asyncio.create_task(app({"type": "lifespan", "state": state}, messages.get, send))
            while not sent:
                await asyncio.sleep(0.01)
            self.assertEqual(sent, [{"type": "lifespan.startup.complete"}])
            async with httpx.AsyncClient(transport=_WithState(app, state), base_url="http://test") as c:
                body = (await c.post("/enqueue/a")).json()
            await messages.put({"type": "lifespan.shutdown"})
            await lifespan_call
            return body

        self.assertEqual(asyncio.run(main()), {"consumed": ["a"]})


class _WithState(httpx.ASGITransport):
    """An ASGI transport whose scopes carry the lifespan's state, as a server's do."""

    def __init__(self, app: Any, state: dict[str, Any]) -> None:
        super().__init__(app=self._call)
        self._app, self._state = app, state

    async def _call(self, scope: dict, receive: Any, send: Any) -> None:
        await self._app({**scope, "state": dict(self._state)}, receive, send)



class HandOverRaceTest(unittest.TestCase):
    """Work the engine hands over just as the response arrives (a yield dependency's exit, handed over when the
    response is sent) waits for the wait for the background work; it was dropped, and the call raised
    CancelledError (seen now and then in a fresh process, one asyncio.run() per request)."""

    def test_work_handed_over_with_the_response_runs_in_the_next_wait(self) -> None:
        from tachyon._asgi import _answer

        ran, dropped = [], []

        async def exit_code() -> None:
            ran.append("exit")

        async def scenario() -> tuple:
            handed: asyncio.Queue[tuple] = asyncio.Queue()
            response = asyncio.get_running_loop().create_future()

            def respond() -> None:   # the work arrives once the wait has seen the response, before it returns
                response.set_result("response")
                loop.call_soon(handed.put_nowait, (exit_code, lambda: dropped.append("exit")))

            loop = asyncio.get_running_loop()
            loop.call_soon(respond)
            answer = await _answer(response, handed, last=False)
            left = handed.qsize()
            settled = await _answer(asyncio.sleep(0.01, result=[]), handed)
            return answer, left, settled

        self.assertEqual(asyncio.run(scenario()), ("response", 1, []))
        self.assertEqual((ran, dropped), (["exit"], []))

if __name__ == "__main__":
    unittest.main()
