"""Router lifespans and events, as FastAPI's tests/test_router_events.py checks them: routers have
their own on_startup/on_shutdown handlers and lifespan; include_router nests them inside the app's,
and the yielded states merge with the outer one winning a key (TestClient.app_state shows the result)."""
from __future__ import annotations

import unittest
import warnings
from contextlib import asynccontextmanager
from dataclasses import dataclass

from tachyon import APIRouter, FastAPI, Request
from tachyon.testclient import TestClient


@dataclass
class State:
    app_startup: bool = False
    app_shutdown: bool = False
    router_startup: bool = False
    router_shutdown: bool = False
    sub_router_startup: bool = False
    sub_router_shutdown: bool = False


def all_flags(state: State, startup: bool, shutdown: bool) -> bool:
    return (state.app_startup, state.router_startup, state.sub_router_startup) == (startup,) * 3 and \
        (state.app_shutdown, state.router_shutdown, state.sub_router_shutdown) == (shutdown,) * 3


class RouterEventsTest(unittest.TestCase):
    def test_router_events(self) -> None:
        state = State()
        app = FastAPI()
        router = APIRouter()
        sub_router = APIRouter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            app.on_event("startup")(lambda: setattr(state, "app_startup", True))
            app.on_event("shutdown")(lambda: setattr(state, "app_shutdown", True))
            router.on_event("startup")(lambda: setattr(state, "router_startup", True))
            router.on_event("shutdown")(lambda: setattr(state, "router_shutdown", True))
            sub_router.on_event("startup")(lambda: setattr(state, "sub_router_startup", True))
            sub_router.on_event("shutdown")(lambda: setattr(state, "sub_router_shutdown", True))

        @app.get("/")
        def main():
            return {"message": "Hello World"}

        router.include_router(sub_router)
        app.include_router(router)
        self.assertTrue(all_flags(state, False, False))
        with TestClient(app) as client:
            self.assertTrue(all_flags(state, True, False))
            self.assertEqual(client.get("/").json(), {"message": "Hello World"})
        self.assertTrue(all_flags(state, True, True))

    def test_router_on_event_warns(self) -> None:
        with self.assertWarnsRegex(DeprecationWarning, "on_event is deprecated"):
            APIRouter().on_event("startup")

    def test_nested_lifespan_state(self) -> None:
        state = State()

        def flagging(name: str, value: dict | None):
            @asynccontextmanager
            async def lifespan(app):
                setattr(state, f"{name}_startup", True)
                yield value
                setattr(state, f"{name}_shutdown", True)
            return lifespan

        sub_router = APIRouter(lifespan=flagging("sub_router", {"sub_router": True}))
        router = APIRouter(lifespan=flagging("router", {"router": True}))
        router.include_router(sub_router)
        app = FastAPI(lifespan=flagging("app", {"app": True}))
        app.include_router(router)

        @app.get("/")
        def main(request: Request):
            return {"app": request.state.app, "router": request.state.router, "sub_router": request.state.sub_router}

        with TestClient(app) as client:
            self.assertTrue(all_flags(state, True, False))
            self.assertEqual(client.get("/").json(), {"app": True, "router": True, "sub_router": True})
        self.assertTrue(all_flags(state, True, True))

    def test_router_lifespans_run_without_an_app_lifespan(self) -> None:
        events: list[str] = []

        @asynccontextmanager
        async def router_lifespan(app):
            events.append("router up")
            yield {"router": True}
            events.append("router down")

        app = FastAPI()
        app.include_router(APIRouter(lifespan=router_lifespan))
        with TestClient(app) as client:
            self.assertEqual(client.app_state, {"router": True})
        self.assertEqual(events, ["router up", "router down"])

    def test_overriding_by_parent(self) -> None:
        @asynccontextmanager
        async def lifespan(app):
            yield {"app_specific": True, "overridden": "app"}

        @asynccontextmanager
        async def router_lifespan(app):
            yield {"router_specific": True, "overridden": "router"}

        app = FastAPI(lifespan=lifespan)
        app.include_router(APIRouter(lifespan=router_lifespan))
        with TestClient(app) as client:
            self.assertEqual(client.app_state, {"app_specific": True, "router_specific": True, "overridden": "app"})

    def test_merged_mixed_and_empty_states(self) -> None:
        @asynccontextmanager
        async def nothing(app):
            yield

        @asynccontextmanager
        async def router_state(app):
            yield {"router": True}

        app = FastAPI(lifespan=nothing)
        app.include_router(APIRouter(lifespan=nothing))
        with TestClient(app) as client:
            self.assertFalse(client.app_state)
        router = APIRouter(lifespan=router_state)
        router.include_router(APIRouter(lifespan=nothing))
        app = FastAPI(lifespan=nothing)
        app.include_router(router)
        with TestClient(app) as client:
            self.assertEqual(client.app_state, {"router": True})

    def test_generator_lifespans(self) -> None:
        events: list[str] = []

        def sync_lifespan(app):
            events.append("sync up")
            yield
            events.append("sync down")

        async def async_lifespan(app):
            events.append("async up")
            yield {"ok": True}
            events.append("async down")

        for lifespan in (sync_lifespan, async_lifespan):
            with TestClient(FastAPI(lifespan=lifespan)):
                pass
        self.assertEqual(events, ["sync up", "sync down", "async up", "async down"])

    def test_handlers_as_parameters(self) -> None:
        state = State()
        app = FastAPI(on_startup=[lambda: setattr(state, "app_startup", True)],
                      on_shutdown=[lambda: setattr(state, "app_shutdown", True)])
        router = APIRouter(on_startup=[lambda: setattr(state, "router_startup", True)],
                           on_shutdown=[lambda: setattr(state, "router_shutdown", True)])

        async def sub_down() -> None:
            state.sub_router_shutdown = True

        sub_router = APIRouter(on_startup=[lambda: setattr(state, "sub_router_startup", True)], on_shutdown=[sub_down])
        router.include_router(sub_router)
        app.include_router(router)
        with TestClient(app):
            self.assertTrue(all_flags(state, True, False))
        self.assertTrue(all_flags(state, True, True))


if __name__ == "__main__":
    unittest.main()
