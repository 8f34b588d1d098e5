"""Lifespan, startup/shutdown handlers, lifespan state in requests, and cookies across requests."""
from __future__ import annotations

import asyncio
import contextlib
import functools
import sys
import unittest
import warnings

from tachyon import FastAPI, Request, Response
from tachyon.testclient import TestClient

log: list[str] = []


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI):
    log.append("start")
    yield {"db": "connected"}
    log.append("stop")


app = FastAPI(lifespan=lifespan)


@app.get("/state")
async def state(request: Request):
    return {"db": request.state.db}


@app.get("/login")
def login(response: Response):
    response.set_cookie("session", "abc", httponly=True)
    return {"ok": True}


@app.get("/whoami")
def whoami(request: Request):
    return {"session": request.cookies.get("session")}


@app.get("/logout")
def logout(response: Response):
    response.delete_cookie("session")
    return {"ok": True}


class LifespanTest(unittest.TestCase):
    def test_lifespan_runs_around_the_with_block_and_its_state_reaches_requests(self) -> None:
        log.clear()
        with TestClient(app) as client:
            self.assertEqual(log, ["start"])
            self.assertEqual(client.get("/state").json(), {"db": "connected"})
        self.assertEqual(log, ["start", "stop"])

    def test_each_client_runs_and_ends_a_lifespan_of_its_own(self) -> None:
        # As Starlette's TestClient: nested clients start two lifespans and end them inside out; interleaved
        # ones each end the lifespan they started.
        log.clear()
        with TestClient(app):
            with TestClient(app) as inner:
                self.assertEqual(inner.get("/state").json(), {"db": "connected"})
            self.assertEqual(log, ["start", "start", "stop"])
        self.assertEqual(log, ["start", "start", "stop", "stop"])
        numbered: list[str] = []

        @contextlib.asynccontextmanager
        async def counting(app: FastAPI):
            n = sum(event.startswith("start") for event in numbered) + 1
            numbered.append(f"start{n}")
            yield
            numbered.append(f"stop{n}")

        counted = FastAPI(lifespan=counting)
        first, second = TestClient(counted), TestClient(counted)
        first.__enter__()
        second.__enter__()
        first.__exit__(None, None, None)
        second.__exit__(None, None, None)
        self.assertEqual(numbered, ["start1", "start2", "stop1", "stop2"])

    def test_the_lifespan_starts_and_ends_in_one_task(self) -> None:
        # As Starlette's TestClient and uvicorn run it: a task group or cancel scope held across the yield must be
        # left in the task that entered it (anyio raises "Attempted to exit cancel scope in a different task").
        tasks: list[asyncio.Task | None] = []

        @contextlib.asynccontextmanager
        async def held(app: FastAPI):
            tasks.append(asyncio.current_task())
            yield
            tasks.append(asyncio.current_task())

        with TestClient(FastAPI(lifespan=held)):
            pass
        self.assertEqual(len(tasks), 2)
        self.assertIsNotNone(tasks[0])
        self.assertIs(tasks[0], tasks[1])

    def test_a_failing_start_raises_from_with_and_a_failing_end_from_its_exit(self) -> None:
        @contextlib.asynccontextmanager
        async def broken_start(app: FastAPI):
            raise RuntimeError("no database")
            yield

        @contextlib.asynccontextmanager
        async def broken_end(app: FastAPI):
            yield
            raise RuntimeError("cannot close")

        with self.assertRaisesRegex(RuntimeError, "no database"):
            with TestClient(FastAPI(lifespan=broken_start)):
                pass
        client = TestClient(FastAPI(lifespan=broken_end))
        client.__enter__()
        with self.assertRaisesRegex(RuntimeError, "cannot close"):
            client.__exit__(None, None, None)

    def test_merge_lifespan_context_nests_a_library_lifespan_as_fastapi_routing_does(self) -> None:
        # tortoise-orm's register_tortoise and fastapi-tasks import this private FastAPI helper.
        from tachyon.routing import _merge_lifespan_context

        order: list[str] = []

        @contextlib.asynccontextmanager
        async def library(app: FastAPI):
            order.append("library start")
            yield {"pool": "library", "shared": "library"}
            order.append("library stop")

        @contextlib.asynccontextmanager
        async def own(app: FastAPI):
            order.append("app start")
            yield {"shared": "app"}
            order.append("app stop")

        merged_app = FastAPI()
        merged_app.router.lifespan_context = _merge_lifespan_context(library, own)

        @merged_app.get("/")
        def state(request: Request):
            return {"pool": request.state.pool, "shared": request.state.shared}

        with TestClient(merged_app) as client:
            self.assertEqual(client.get("/").json(), {"pool": "library", "shared": "library"})
        self.assertEqual(order, ["library start", "app start", "app stop", "library stop"])

    def test_on_event_handlers_are_deprecated_but_run(self) -> None:
        events: list[str] = []
        legacy = FastAPI()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")

            @legacy.on_event("startup")
            async def started():
                events.append("startup")

            @legacy.on_event("shutdown")
            def stopped():
                events.append("shutdown")

        self.assertTrue(any(issubclass(w.category, DeprecationWarning) for w in caught))

        @legacy.get("/")
        def root():
            return events

        with TestClient(legacy) as client:
            self.assertEqual(client.get("/").json(), ["startup"])
        self.assertEqual(events, ["startup", "shutdown"])

    def test_a_handler_that_is_not_an_async_callable_is_not_awaited(self) -> None:
        """As Starlette: a sync wrapper of an async function, or a lambda returning a coroutine, starts a coroutine
        that never runs."""
        events: list[str] = []
        app = FastAPI()

        async def connect():
            events.append("connected")

        def logged(handler):
            @functools.wraps(handler)
            def wrapper():
                events.append("called " + handler.__name__)
                return handler()
            return wrapper

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            app.on_event("startup")(logged(connect))
            app.router.add_event_handler("shutdown", lambda: connect())
            with TestClient(app):
                pass
        self.assertEqual(events, ["called connect"])


class CookieTest(unittest.TestCase):
    def test_cookies_set_by_the_app_are_sent_back_and_deleted(self) -> None:
        client = TestClient(app)
        self.addCleanup(client.close)
        r = client.get("/login")
        self.assertEqual(r.headers["set-cookie"], "session=abc; HttpOnly; Path=/; SameSite=lax")
        self.assertEqual(client.get("/whoami").json(), {"session": "abc"})
        client.get("/logout")
        self.assertEqual(client.get("/whoami").json(), {"session": None})
        self.assertEqual(client.get("/whoami", cookies={"session": "x"}).json(), {"session": "x"})

    @unittest.skipIf(sys.version_info >= (3, 14), "Python 3.14's http.cookies knows the attribute")
    def test_a_partitioned_cookie_is_starlettes_value_error_before_python_3_14(self) -> None:
        with self.assertRaises(ValueError) as caught:
            Response().set_cookie("session", "abc", partitioned=True)
        self.assertEqual(str(caught.exception), "Partitioned cookies are only supported in Python 3.14 and above.")
        with self.assertRaises(ValueError):   # delete_cookie passes it on, as Starlette 1.x's
            Response().delete_cookie("session", partitioned=True)

    def test_delete_cookie_takes_partitioned(self) -> None:
        response = Response()
        response.delete_cookie("session", partitioned=False)
        self.assertTrue(response.headers["set-cookie"].startswith('session=""; expires='))


if __name__ == "__main__":
    unittest.main()
