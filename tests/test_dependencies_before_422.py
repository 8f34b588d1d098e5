"""An invalid request still runs, in FastAPI's order, the dependencies whose own values are valid
before the 422 (FastAPI's solve_dependencies calls each dependency as soon as its sub-tree is
solved); a dependency with an invalid value below it is skipped, and yield dependencies that were
entered see the RequestValidationError."""
from __future__ import annotations

import asyncio
import time
import unittest
from typing import Annotated

from pydantic import BaseModel, field_validator

from tachyon import APIRouter, Depends, FastAPI, Header, HTTPException, Query
from tachyon.testclient import TestClient
from tests.client_case import AppTestCase

calls: list[str] = []
app = FastAPI()


async def no_params():
    calls.append("no_params")


async def needs_token(x_token: Annotated[str, Header()]):
    calls.append(f"token {x_token}")
    return x_token


async def slow_page(page: int = 1):
    await asyncio.sleep(0.001)   # really suspends on the loop
    calls.append(f"page {page}")
    return page


async def user(token: Annotated[str, Depends(needs_token)], page: Annotated[int, Depends(slow_page)]):
    calls.append("user")
    return {"token": token, "page": page}


async def session():
    calls.append("session open")
    try:
        yield "db"
    except Exception as exc:
        calls.append(f"session saw {type(exc).__name__}")
        raise
    finally:
        calls.append("session closed")


async def refuse(deny: bool = False):
    if deny:
        raise HTTPException(status_code=403, detail="denied")


@app.get("/items/{item_id}", dependencies=[Depends(no_params)])
async def read_item(item_id: int, u: Annotated[dict, Depends(user)], db: Annotated[str, Depends(session)],
                    again: Annotated[int, Depends(slow_page)], gate: Annotated[None, Depends(refuse)]):
    calls.append("endpoint")
    return {"item_id": item_id, **u, "db": db}


def sync_dep(limit: Annotated[int, Query(le=10)] = 5):
    calls.append(f"sync limit {limit}")
    return limit


def sync_session():
    calls.append("sync session open")
    try:
        yield
    except Exception as exc:
        calls.append(f"sync session saw {type(exc).__name__}")
        raise


@app.get("/sync/{n}")
def sync_route(n: int, limit: Annotated[int, Depends(sync_dep)], _s: Annotated[None, Depends(sync_session)]):
    calls.append("sync endpoint")
    return {"n": n, "limit": limit}


def shared(limit: Annotated[int, Query()]):
    calls.append("shared")
    return limit


def first(s: Annotated[int, Depends(shared)]):
    calls.append("first")


def second(s: Annotated[int, Depends(shared)]):
    calls.append("second")


@app.get("/shared")
def shared_route(a: Annotated[None, Depends(first)], b: Annotated[None, Depends(second)], n: int = 0):
    return {"ok": True}


class Item(BaseModel):
    name: str


def item_from_body(item: Item):
    return item


@app.put("/owners/{owner_id}/item")
def put_item(owner_id: int, item: Annotated[Item, Depends(item_from_body)], tag: str):
    return {"owner_id": owner_id, "item": item, "tag": tag}


class DependenciesBefore422Test(AppTestCase):
    app = app

    def setUp(self) -> None:
        calls.clear()

    def test_valid_request_calls_everything_once(self) -> None:
        r = self.client.get("/items/1", headers={"x-token": "t"})
        self.assertEqual(r.json(), {"item_id": 1, "token": "t", "page": 1, "db": "db"})
        deadline = time.monotonic() + 2   # yield dependencies close after the response is sent
        while "session closed" not in calls and time.monotonic() < deadline:
            time.sleep(0.005)
        self.assertEqual(calls, ["no_params", "token t", "page 1", "user", "session open", "endpoint", "session closed"])

    def test_invalid_path_value_runs_every_valid_dependency_then_422(self) -> None:
        r = self.client.get("/items/x", headers={"x-token": "t"})
        self.assertEqual(r.status_code, 422)
        self.assertEqual(r.json()["detail"], [{"type": "int_parsing", "loc": ["path", "item_id"],
                                               "msg": "Input should be a valid integer, unable to parse string as an integer",
                                               "input": "x"}])
        self.assertEqual(calls, ["no_params", "token t", "page 1", "user", "session open",
                                 "session saw RequestValidationError", "session closed"])

    def test_a_dependency_with_an_invalid_value_below_it_is_skipped(self) -> None:
        r = self.client.get("/items/1?page=zero")
        self.assertEqual(r.status_code, 422)
        # slow_page is used twice: FastAPI solves its parameters at each use, so its error comes twice.
        self.assertEqual([e["loc"] for e in r.json()["detail"]], [["header", "x-token"], ["query", "page"], ["query", "page"]])
        # needs_token and slow_page failed, so user and the endpoint's own slow_page use are skipped.
        self.assertEqual(calls, ["no_params", "session open", "session saw RequestValidationError", "session closed"])

    def test_a_valid_dependency_raising_wins_over_the_422(self) -> None:
        r = self.client.get("/items/x?deny=true", headers={"x-token": "t"})
        self.assertEqual((r.status_code, r.json()), (403, {"detail": "denied"}))
        self.assertEqual(calls[-2:], ["session saw HTTPException", "session closed"])

    def test_sync_route(self) -> None:
        r = self.client.get("/sync/x?limit=3")
        self.assertEqual(r.status_code, 422)
        self.assertEqual(calls, ["sync limit 3", "sync session open", "sync session saw RequestValidationError"])
        calls.clear()
        r = self.client.get("/sync/x?limit=30")
        self.assertEqual([e["loc"] for e in r.json()["detail"]], [["query", "limit"], ["path", "n"]])
        self.assertEqual(calls, ["sync session open", "sync session saw RequestValidationError"])

    def test_a_dependencys_body_errors_come_before_the_endpoints_own(self) -> None:
        r = self.client.put("/owners/x/item", json={"name": 5})
        self.assertEqual([e["loc"] for e in r.json()["detail"]], [["body", "name"], ["path", "owner_id"], ["query", "tag"]])
        r = self.client.put("/owners/1/item?tag=t", json={"name": "n"})
        self.assertEqual(r.json(), {"owner_id": 1, "item": {"name": "n"}, "tag": "t"})

    def test_dependants_of_a_shared_failed_dependency_are_all_skipped(self) -> None:
        r = self.client.get("/shared?limit=x&n=1")
        self.assertEqual([e["loc"] for e in r.json()["detail"]], [["query", "limit"], ["query", "limit"]])
        self.assertEqual(calls, [])
        r = self.client.get("/shared?limit=3&n=x")
        self.assertEqual(r.status_code, 422)
        self.assertEqual(calls, ["shared", "first", "second"])

    def test_the_server_keeps_serving(self) -> None:
        for _ in range(20):
            self.assertEqual(self.client.get("/items/x").status_code, 422)
        self.assertEqual(self.client.get("/sync/2").json(), {"n": 2, "limit": 5})


class Signup(BaseModel):
    email: str

    @field_validator("email")
    @classmethod
    def unique(cls, value: str) -> str:
        if value == "taken@example.com":
            raise HTTPException(status_code=409, detail="Email already registered")
        return value


def verify_token(authorization: Annotated[str | None, Header()] = None):
    if authorization != "Bearer good":
        raise HTTPException(status_code=401, detail="Not authenticated")


guarded_router = APIRouter(dependencies=[Depends(verify_token)])


@guarded_router.post("/users")
def create_user(body: Signup):
    return body


guarded = FastAPI()
guarded.include_router(guarded_router)


class ValidatorRaisingAfterDependenciesTest(unittest.TestCase):
    """A body validator that raises its own HTTPException ("email already registered") behind an auth dependency:
    FastAPI validates the endpoint's values after its dependencies, so an unauthenticated client gets the 401."""

    def test_the_dependencys_answer_comes_first(self) -> None:
        client = TestClient(guarded)
        taken = {"email": "taken@example.com"}
        r = client.post("/users", json=taken)
        self.assertEqual((r.status_code, r.json()), (401, {"detail": "Not authenticated"}))
        r = client.post("/users", json=taken, headers={"authorization": "Bearer good"})
        self.assertEqual((r.status_code, r.json()), (409, {"detail": "Email already registered"}))
        r = client.post("/users", json={"email": "new@example.com"}, headers={"authorization": "Bearer good"})
        self.assertEqual((r.status_code, r.json()), (200, {"email": "new@example.com"}))

if __name__ == "__main__":
    unittest.main()
