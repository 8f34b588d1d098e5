"""Dependencies: functions, async functions, classes, sub-dependencies, caching, yield (sync and
async) with cleanup after the response, route/router/app-level dependencies, overrides, Security."""
from __future__ import annotations

import unittest
from typing import Annotated

from tachyon import (APIRouter, BackgroundTasks, Body, Depends, FastAPI, Header, HTTPException, Query, Request,
                     Response, Security)
from pydantic import BaseModel, field_validator

from tachyon.security import SecurityScopes
from tachyon.testclient import TestClient
from tests.client_case import AppTestCase

events: list[str] = []


def common(q: str | None = None, skip: int = 0, limit: int = 100):
    return {"q": q, "skip": skip, "limit": limit}


async def async_common(q: str | None = None):
    return {"q": q}


class Paging:
    def __init__(self, skip: int = 0, limit: Annotated[int, Query(le=50)] = 10) -> None:
        self.skip, self.limit = skip, limit


def token(x_token: Annotated[str, Header()]):
    if x_token != "secret":
        raise HTTPException(status_code=400, detail="X-Token header invalid")
    return x_token


def counter():
    events.append("counter")
    return len(events)


def user(tok: Annotated[str, Depends(token)], n: Annotated[int, Depends(counter)]):
    return {"token": tok, "n": n}


def db():
    events.append("db open")
    try:
        yield "db"
    except HTTPException:
        events.append("db saw HTTPException")
        raise
    finally:
        events.append("db close")


async def adb():
    events.append("adb open")
    yield "adb"
    events.append("adb close")


class OwnerError(Exception):
    pass


def owner():
    try:
        yield "Rick"
    except OwnerError as exc:
        raise HTTPException(status_code=400, detail=f"Owner error: {exc}")


def scoped(scopes: SecurityScopes):
    return scopes.scopes


router = APIRouter(prefix="/r", tags=["r"], dependencies=[Depends(counter)])


@router.get("/ping")
def ping():
    return {"pong": True}


app = FastAPI()


@app.get("/items")
def items(commons: Annotated[dict, Depends(common)]):
    return commons


@app.get("/async-items")
async def async_items(commons: dict = Depends(async_common)):
    return commons


@app.get("/paging")
def paging(p: Annotated[Paging, Depends()]):
    return {"skip": p.skip, "limit": p.limit}


@app.get("/user")
def read_user(u: Annotated[dict, Depends(user)], n: Annotated[int, Depends(counter)]):
    return {**u, "again": n}


@app.get("/nocache")
def nocache(a: Annotated[int, Depends(counter, use_cache=False)], b: Annotated[int, Depends(counter, use_cache=False)]):
    return [a, b]


@app.get("/uncached-then-cached")
def uncached_then_cached(a: Annotated[int, Depends(counter, use_cache=False)], b: Annotated[int, Depends(counter)]):
    return [a, b]


def note_from_body(note: Annotated[str, Body()]):
    return note


@app.post("/noted")
def noted(order: "Order", note: Annotated[str, Depends(note_from_body)]):
    return {"qty": order.qty, "note": note}


def uncached_below(n: Annotated[int, Depends(counter, use_cache=False)]):
    return n


@app.get("/cached-parent")
def cached_parent(first: Annotated[int, Depends(uncached_below)], second: Annotated[int, Depends(uncached_below)]):
    return [first, second]


class Order(BaseModel):
    qty: int

    @field_validator("qty")
    @classmethod
    def count_validations(cls, qty: int) -> int:
        events.append("validated")
        return qty


def priced(order: Order) -> tuple[int, int]:
    order.qty += 100   # FastAPI gives each callable its own object: the endpoint does not see this
    return order.qty, id(order)


@app.post("/orders")
def create_order(order: Order, priced_order: Annotated[tuple, Depends(priced)]):
    return {"qty": order.qty, "priced": priced_order[0], "same_object": id(order) == priced_order[1]}


@app.get("/yield")
def with_db(d: Annotated[str, Depends(db)], a: Annotated[str, Depends(adb)], fail: bool = False):
    events.append("handler")
    if fail:
        raise HTTPException(status_code=418, detail="teapot")
    return {"d": d, "a": a}


@app.get("/owner/{item}")
def owned(item: str, who: Annotated[str, Depends(owner)]):
    if item != "mine":
        raise OwnerError(who)
    return {"owner": who}


@app.get("/route-deps", dependencies=[Depends(token)])
def route_deps():
    return {"ok": True}


@app.get("/special")
async def special(request: Request, response: Response, background: BackgroundTasks):
    response.headers["x-extra"] = "1"
    response.status_code = 202
    background.add_task(events.append, "background ran")
    return {"path": request.url.path, "q": request.query_params.get("q")}


def scoped_again(inner: Annotated[list, Security(scoped, scopes=["me", "admin"])]):
    return inner


@app.get("/nested-scopes")
def nested_scopes(s: Annotated[list, Security(scoped_again, scopes=["me"])]):
    return s


@app.get("/scopes")
def scopes_route(s: Annotated[list, Security(scoped, scopes=["items", "me"])]):
    return s


app.include_router(router)


class DependenciesTest(AppTestCase):
    app = app

    def setUp(self) -> None:
        events.clear()

    def test_function_dependency_with_query_params(self) -> None:
        self.assertEqual(self.client.get("/items?q=a&limit=5").json(), {"q": "a", "skip": 0, "limit": 5})

    def test_async_dependency(self) -> None:
        self.assertEqual(self.client.get("/async-items?q=z").json(), {"q": "z"})

    def test_class_dependency_and_its_validation_errors(self) -> None:
        self.assertEqual(self.client.get("/paging?skip=3").json(), {"skip": 3, "limit": 10})
        r = self.client.get("/paging?limit=99&skip=x")
        self.assertEqual(r.status_code, 422)
        self.assertEqual([e["loc"] for e in r.json()["detail"]], [["query", "skip"], ["query", "limit"]])

    def test_sub_dependencies_are_cached_per_request(self) -> None:
        r = self.client.get("/user", headers={"x-token": "secret"})
        self.assertEqual(r.json(), {"token": "secret", "n": 1, "again": 1})
        self.assertEqual(events, ["counter"])

    def test_use_cache_false_calls_again(self) -> None:
        self.assertEqual(self.client.get("/nocache").json(), [1, 2])

    def test_a_use_cache_false_value_is_the_cached_one_for_later_uses(self) -> None:
        # FastAPI stores the first value it solves, whatever its use_cache; a later cached use looks it up
        self.assertEqual(self.client.get("/uncached-then-cached").json(), [1, 1])
        self.assertEqual(events, ["counter"])

    def test_a_cached_dependency_solves_its_own_dependencies_at_each_use(self) -> None:
        # FastAPI solves them before it looks in the cache: the use_cache=False one runs twice, the value is reused
        self.assertEqual(self.client.get("/cached-parent").json(), [1, 1])
        self.assertEqual(events, ["counter", "counter"])

    def test_a_body_field_declared_by_a_dependency_too_is_validated_for_each(self) -> None:
        """FastAPI validates each callable's body parameters (its issue #4072): the endpoint and the dependency get
        objects of their own, the validator runs for each, and an invalid body's error comes once per callable."""
        self.assertEqual(self.client.post("/orders", json={"qty": 2}).json(), {"qty": 2, "priced": 102, "same_object": False})
        self.assertEqual(events, ["validated", "validated"])
        errors = self.client.post("/orders", json={"qty": "x"}).json()["detail"]
        self.assertEqual([(e["type"], e["loc"]) for e in errors], [("int_parsing", ["body", "qty"])] * 2)

    def test_missing_header_of_a_sub_dependency(self) -> None:
        r = self.client.get("/user")
        self.assertEqual(r.status_code, 422)
        self.assertEqual(r.json(), {"detail": [{"type": "missing", "loc": ["header", "x-token"], "msg": "Field required", "input": None}]})

    def test_dependency_raising_http_exception(self) -> None:
        r = self.client.get("/route-deps", headers={"x-token": "nope"})
        self.assertEqual((r.status_code, r.json()), (400, {"detail": "X-Token header invalid"}))
        self.assertEqual(self.client.get("/route-deps", headers={"x-token": "secret"}).json(), {"ok": True})

    def test_yield_dependencies_close_after_the_response(self) -> None:
        self.assertEqual(self.client.get("/yield").json(), {"d": "db", "a": "adb"})
        self.assertEqual(events, ["db open", "adb open", "handler", "adb close", "db close"])

    def test_exceptions_propagate_into_yield_dependencies(self) -> None:
        r = self.client.get("/yield?fail=true")
        self.assertEqual((r.status_code, r.json()), (418, {"detail": "teapot"}))
        self.assertIn("db saw HTTPException", events)
        self.assertEqual(events[-1], "db close")

    def test_yield_dependency_turns_an_exception_into_http_exception(self) -> None:
        self.assertEqual(self.client.get("/owner/mine").json(), {"owner": "Rick"})
        r = self.client.get("/owner/yours")
        self.assertEqual((r.status_code, r.json()), (400, {"detail": "Owner error: Rick"}))

    def test_router_prefix_tags_and_dependencies(self) -> None:
        self.assertEqual(self.client.get("/r/ping").json(), {"pong": True})
        self.assertEqual(events, ["counter"])
        self.assertEqual(next(r for r in app.routes if r.path == "/r/ping").tags, ["r"])

    def test_request_response_and_background_tasks(self) -> None:
        r = self.client.get("/special?q=1")
        self.assertEqual((r.status_code, r.json()), (202, {"path": "/special", "q": "1"}))
        self.assertEqual(r.headers["x-extra"], "1")
        self.assertEqual(events, ["background ran"])   # the TestClient returns after the background tasks

    def test_security_scopes(self) -> None:
        self.assertEqual(self.client.get("/scopes").json(), ["items", "me"])
        # FastAPI's _get_oauth_scopes: the parents' scopes, then the dependency's own that are not among them
        self.assertEqual(self.client.get("/nested-scopes").json(), ["me", "admin"])

    def test_dependency_overrides(self) -> None:
        app.dependency_overrides[common] = lambda: {"overridden": True}
        try:
            self.assertEqual(self.client.get("/items?q=a").json(), {"overridden": True})
        finally:
            app.dependency_overrides.clear()
        self.assertEqual(self.client.get("/items?q=a").json(), {"q": "a", "skip": 0, "limit": 100})

    def test_an_override_keeps_the_bodys_declared_shape(self) -> None:
        # FastAPI embeds the body fields when the route is created: overriding the dependency that declared the
        # second one leaves the first still read from under its name.
        app.dependency_overrides[note_from_body] = lambda: "overridden"
        try:
            r = self.client.post("/noted", json={"order": {"qty": 1}, "note": "n"})
            self.assertEqual(r.json(), {"qty": 1, "note": "overridden"})
            r = self.client.post("/noted", json={"qty": 1})
            self.assertEqual((r.status_code, r.json()["detail"][0]["loc"]), (422, ["body", "order"]))
        finally:
            app.dependency_overrides.clear()
        self.assertEqual(self.client.post("/noted", json={"order": {"qty": 2}, "note": "n"}).json(), {"qty": 2, "note": "n"})


    def test_an_override_is_cached_under_the_dependency_it_replaces(self) -> None:
        # FastAPI keys the cache by the original dependency: one fake installed for two runs once for each.
        opened: list[str] = []

        def get_db():
            yield "real db"

        def get_cache():
            yield "real cache"

        def fake():
            opened.append(f"fake{len(opened) + 1}")
            yield opened[-1]

        both = FastAPI()
        both.get("/")(lambda db=Depends(get_db), cache=Depends(get_cache), again=Depends(get_db): [db, cache, again])
        both.dependency_overrides.update({get_db: fake, get_cache: fake})
        self.assertEqual(TestClient(both).get("/").json(), ["fake1", "fake2", "fake1"])
        self.assertEqual(opened, ["fake1", "fake2"])

if __name__ == "__main__":
    unittest.main()
