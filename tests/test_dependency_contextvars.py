"""A yield dependency's code before and after ``yield`` runs in one contextvars Context, as in FastAPI (where both
run in the request's task): it can set a variable, and reset it with its token afterwards (FastAPI's
test_dependency_contextvars, without its middleware). A Token only resets in the Context that made it."""
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


class DependencyContextVarsTest(unittest.TestCase):
    def test_the_exit_code_resets_its_token_in_the_context_of_its_setup(self) -> None:
        with TestClient(app) as client:
            for path in ("/user", "/user-async", "/user-suspends"):
                for _ in range(3):
                    seen_after.clear()
                    response = client.get(path, params={"name": "deadpond"})
                    self.assertEqual((response.status_code, response.json()), (200, "deadpond"), path)
                    self.assertEqual(seen_after, ["deadpond", None], path)


if __name__ == "__main__":
    unittest.main()
