"""contextvars per request, as each request's ASGI task has them under uvicorn: what a handler sets stays
with its request (across awaits, into its background tasks) and never leaks into another request. A TestClient's
request starts from a copy of the test's contextvars, as Starlette's TestClient runs the app."""
from __future__ import annotations

import asyncio
import contextvars
import unittest

from tachyon import BackgroundTasks, FastAPI
from tachyon.testclient import TestClient
from tests.concurrency import body_json, get_many

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="unset")
module_level: contextvars.ContextVar[str] = contextvars.ContextVar("module_level")
module_level.set("set at import")  # before the engine starts: requests see it, as under uvicorn
seen_by_background: list[str] = []

app = FastAPI()


@app.get("/async/{rid}")
async def async_set(rid: str):
    before = request_id.get()
    request_id.set(rid)
    return {"before": before}


@app.get("/sync/{rid}")
def sync_set(rid: str):
    before = request_id.get()
    request_id.set(rid)
    return {"before": before}


@app.get("/across-await/{rid}")
async def across_await(rid: str):
    request_id.set(rid)
    await asyncio.sleep(0.01)  # continues as a task on the loop
    return {"after": request_id.get()}


@app.get("/background/{rid}")
async def background(rid: str, tasks: BackgroundTasks):
    request_id.set(rid)
    tasks.add_task(lambda: seen_by_background.append(request_id.get()))
    return {}


@app.get("/background-after-await/{rid}")
async def background_after_await(rid: str, tasks: BackgroundTasks):
    await asyncio.sleep(0.01)
    request_id.set(rid)   # set by a later step of the handler's task
    tasks.add_task(lambda: seen_by_background.append(request_id.get()))
    return {}


@app.get("/module-level")
def read_module_level():
    return {"value": module_level.get("missing")}


class RequestContextTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.client = TestClient(app)
        cls.port = app.start().port

    def test_async_handler_sets_do_not_leak_into_later_requests(self) -> None:
        for i in range(5):
            self.assertEqual(self.client.get(f"/async/a{i}").json(), {"before": "unset"})

    def test_sync_handler_sets_do_not_leak_into_later_requests(self) -> None:
        for i in range(5):
            self.assertEqual(self.client.get(f"/sync/s{i}").json(), {"before": "unset"})

    def test_concurrent_requests_are_isolated(self) -> None:
        results = get_many(self.port, [f"/async/c{i}" for i in range(30)] + [f"/sync/c{i}" for i in range(30)])
        self.assertEqual({body_json(r)["before"] for r in results}, {"unset"})

    def test_value_survives_suspension(self) -> None:
        results = get_many(self.port, [f"/across-await/w{i}" for i in range(20)])
        self.assertEqual([body_json(r)["after"] for r in results], [f"w{i}" for i in range(20)])

    def assert_background_saw(self, path: str, value: str) -> None:
        """Background tasks run after the response is sent (and before the TestClient returns)."""
        self.assertEqual(self.client.get(path).status_code, 200)
        self.assertIn(value, seen_by_background)

    def test_background_task_sees_the_request_context(self) -> None:
        self.assert_background_saw("/background/bg1", "bg1")

    def test_background_task_sees_values_set_after_a_suspension(self) -> None:
        self.assert_background_saw("/background-after-await/bg2", "bg2")

    def test_module_level_value_is_seen(self) -> None:
        self.assertEqual(self.client.get("/module-level").json(), {"value": "set at import"})


    def test_a_testclient_request_starts_from_the_tests_context(self) -> None:
        def in_the_test() -> tuple:
            request_id.set("set by the test")
            seen = (self.client.get("/sync/x").json(), self.client.get("/async/y").json())
            return seen, request_id.get()

        seen, after = contextvars.copy_context().run(in_the_test)   # a context of its own: the other tests see "unset"
        self.assertEqual(seen, ({"before": "set by the test"}, {"before": "set by the test"}))
        self.assertEqual(after, "set by the test")   # what the handlers set stays with their requests


if __name__ == "__main__":
    unittest.main()
