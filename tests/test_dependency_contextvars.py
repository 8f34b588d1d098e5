"""A yield dependency's code before and after ``yield`` runs in one contextvars Context, as in FastAPI (where both
run in the request's task): it can set a variable, and reset it with its token afterwards (FastAPI's
test_dependency_contextvars, without its middleware). A Token only resets in the Context that made it.
A plain ``def`` dependency runs in a copy of the request's context, as in FastAPI's thread pool: what it sets is
not seen by the endpoint, even on a ``def`` route."""
from __future__ import annotations

import asyncio
import unittest
from contextvars import ContextVar
from typing import Any

from tachyon import Depends, FastAPI
from tachyon.testclient import TestClient

current_user: ContextVar[str | None] = ContextVar("current_user", default=None)
seen_after: list[Any] = []


async def set_up_user(name: str = "deadpond"):
    token = current_user.set(name)
    yield
    seen_after.append(current_user.get())
    current_user.reset(token)   # raises ValueError in another Context
    seen_after.append(current_user.get())


app = FastAPI()


@app.get("/user", dependencies=[Depends(set_up_user)])
def user_sync():
    return current_user.get()


@app.get("/user-async", dependencies=[Depends(set_up_user)])
async def user_async():
    return current_user.get()


@app.get("/user-suspends", dependencies=[Depends(set_up_user)])
async def user_suspends():
    await asyncio.sleep(0)   # finishes on the loop: the engine completes it from the task's done callback
    return current_user.get()


marker: ContextVar[str] = ContextVar("marker", default="unset")


def set_in_function():
    marker.set("function")


def set_in_generator():
    marker.set("generator")
    yield
    seen_after.append(marker.get())


async def set_in_coroutine():
    marker.set("coroutine")


@app.get("/sync-route/function", dependencies=[Depends(set_in_function)])
def sync_route_function():
    return marker.get()


@app.get("/sync-route/generator", dependencies=[Depends(set_in_generator)])
def sync_route_generator():
    return marker.get()


@app.get("/async-route/function", dependencies=[Depends(set_in_function)])
async def async_route_function():
    return marker.get()


@app.get("/sync-route/coroutine", dependencies=[Depends(set_in_coroutine)])
def sync_route_coroutine():
    return marker.get()


class DependencyContextVarsTest(unittest.TestCase):
    def test_the_exit_code_resets_its_token_in_the_context_of_its_setup(self) -> None:
        with TestClient(app) as client:
            for path in ("/user", "/user-async", "/user-suspends"):
                for _ in range(3):
                    seen_after.clear()
                    response = client.get(path, params={"name": "deadpond"})
                    self.assertEqual((response.status_code, response.json()), (200, "deadpond"), path)
                    self.assertEqual(seen_after, ["deadpond", None], path)


    def test_what_a_plain_dependency_sets_is_not_seen_by_the_endpoint(self) -> None:
        with TestClient(app) as client:
            for path in ("/sync-route/function", "/sync-route/generator", "/async-route/function"):
                self.assertEqual(client.get(path).json(), "unset", path)

    def test_the_exit_of_a_plain_generator_runs_in_a_copy_of_its_own(self) -> None:
        seen_after.clear()
        TestClient(app).get("/sync-route/generator")
        self.assertEqual(seen_after, ["unset"])

    def test_what_an_async_dependency_sets_is_seen_by_a_def_endpoint(self) -> None:
        self.assertEqual(TestClient(app).get("/sync-route/coroutine").json(), "coroutine")


if __name__ == "__main__":
    unittest.main()
