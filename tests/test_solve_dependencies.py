"""fastapi.dependencies.utils.solve_dependencies for code that runs a callable's dependencies itself (FastAPI
dependency injection outside a route, as fastapi-injectable does): values and errors as FastAPI's, the
per-call cache, yield dependencies closing with the given stack, overrides, bodies, special parameters."""
from __future__ import annotations

import asyncio
import functools
import inspect
import unittest
from contextlib import AsyncExitStack
from typing import Annotated

from pydantic import BaseModel

from tachyon import BackgroundTasks, Body, Depends, Header, Query, Request, Response
from tachyon.dependencies.utils import (SolvedDependency, get_dependant, is_async_gen_callable, is_coroutine_callable,
                                        is_gen_callable, solve_dependencies)
from tachyon.security import SecurityScopes

events: list[str] = []
calls: list[str] = []


def session():
    events.append("open")
    yield "session"
    events.append("close")


async def current_user(token: Annotated[str, Header()], db: Annotated[str, Depends(session)]):
    calls.append("user")
    return {"token": token, "db": db}


def listing(user: Annotated[dict, Depends(current_user)], again: Annotated[dict, Depends(current_user)],
            limit: Annotated[int, Query(ge=1)] = 10, tags: Annotated[list[str], Query()] = [], x_trace: str | None = Header(None)):
    return user, again, limit, tags, x_trace


class Item(BaseModel):
    name: str


def create(item: Item, importance: Annotated[int, Body()], request: Request, response: Response,
           tasks: BackgroundTasks, scopes: SecurityScopes):
    return item


def logged(func):
    """A sync decorator around a dependency, as logging and retry helpers are written."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapper


async def settings():
    return {"env": "test"}


def with_wrapped_dependencies(s: Annotated[dict, Depends(logged(settings))], db: Annotated[str, Depends(logged(session))]):
    return s, db


def scope(query_string: bytes = b"", headers: list[tuple[bytes, bytes]] = (), **extra) -> Request:
    return Request({"type": "http", "method": "GET", "path": "/", "query_string": query_string,
                    "headers": list(headers), "path_params": {}, **extra})


def solve(request: Request, call, **options) -> SolvedDependency:
    async def run() -> SolvedDependency:
        async with AsyncExitStack() as stack:
            solved = await solve_dependencies(request=request, dependant=get_dependant(path="/", call=call),
                                              async_exit_stack=stack, embed_body_fields=False, **options)
            events.append("solved")
            return solved

    return asyncio.run(run())


class SolveDependenciesTest(unittest.TestCase):
    def setUp(self) -> None:
        events.clear()
        calls.clear()

    def test_values_of_the_tree_cached_per_call(self) -> None:
        solved = solve(scope(b"limit=3&tags=a&tags=b", [(b"token", b"abc"), (b"x-trace", b"t1")]), listing)
        user = {"token": "abc", "db": "session"}
        self.assertEqual(solved.values, {"user": user, "again": user, "limit": 3, "tags": ["a", "b"], "x_trace": "t1"})
        self.assertEqual(solved.errors, [])
        self.assertEqual(calls, ["user"])   # the second use comes from the cache
        self.assertEqual(events, ["open", "solved", "close"])   # the yield dependency closes with the stack
        self.assertIsNone(solved.response.status_code)
        self.assertNotIn("content-length", solved.response.headers)

    def test_errors_as_fastapi_reports_them(self) -> None:
        solved = solve(scope(b"limit=0"), listing)
        self.assertEqual(solved.errors, [
            {"type": "missing", "loc": ("header", "token"), "msg": "Field required", "input": None},
            {"type": "missing", "loc": ("header", "token"), "msg": "Field required", "input": None},
            {"type": "greater_than_equal", "loc": ("query", "limit"), "msg": "Input should be greater than or equal to 1",
             "input": "0", "ctx": {"ge": 1}},
        ])
        self.assertEqual(solved.values, {"tags": [], "x_trace": None})
        self.assertEqual(calls, [])   # a dependency whose own parameters failed is not called,
        self.assertEqual(events, ["open", "solved", "close"])   # but its sub-dependencies ran first, as in FastAPI

    def test_overrides(self) -> None:
        class Provider:
            dependency_overrides = {current_user: lambda: {"token": "override"}}

        solved = solve(scope(), listing, dependency_overrides_provider=Provider())
        self.assertEqual(solved.values["user"], {"token": "override"})
        self.assertEqual(calls, [])

    def test_yield_dependencies_close_with_the_requests_stack_when_its_scope_has_one(self) -> None:
        """FastAPI's current code keeps them in scope["fastapi_inner_astack"] (function-scoped ones in
        scope["fastapi_function_astack"])."""
        async def run() -> list[str]:
            inner, function = AsyncExitStack(), AsyncExitStack()
            request = scope(fastapi_inner_astack=inner, fastapi_function_astack=function)
            async with AsyncExitStack() as given:
                await solve_dependencies(request=request, dependant=get_dependant(path="/", call=lambda db=Depends(session): db),
                                         async_exit_stack=given, embed_body_fields=False)
            events.append("given stack closed")
            await inner.aclose()
            return events

        self.assertEqual(asyncio.run(run()), ["open", "given stack closed", "close"])

    def test_body_and_special_parameters(self) -> None:
        request = scope()
        solved = solve(request, create, body={"item": {"name": "pen"}, "importance": 2})
        values = solved.values
        self.assertEqual((values["item"], values["importance"]), (Item(name="pen"), 2))
        self.assertIs(values["request"], request)
        self.assertIs(values["response"], solved.response)
        self.assertIs(values["tasks"], solved.background_tasks)
        self.assertEqual(values["scopes"].scopes, [])
        errors = solve(request, create, body=[1]).errors
        self.assertEqual([e["loc"] for e in errors], [("body", "item"), ("body", "importance")])

    def test_kind_helpers(self) -> None:
        async def coroutine():
            return 1

        async def agen():
            yield 1

        self.assertTrue(is_coroutine_callable(coroutine) and is_gen_callable(session) and is_async_gen_callable(agen))
        self.assertFalse(is_coroutine_callable(session) or is_gen_callable(coroutine) or is_async_gen_callable(session))
        # as FastAPI: the function behind a sync functools.wraps wrapper (logging, retry) decides
        self.assertTrue(is_coroutine_callable(logged(coroutine)) and is_gen_callable(logged(session))
                        and is_async_gen_callable(logged(agen)))
        self.assertFalse(is_coroutine_callable(Item))

    def test_wrapped_dependencies_are_awaited_and_entered(self) -> None:
        self.assertEqual(solve(scope(), with_wrapped_dependencies).values, {"s": {"env": "test"}, "db": "session"})
        self.assertEqual(events, ["open", "solved", "close"])


class AnalyzeParamTest(unittest.TestCase):
    """analyze_param, which "inject" helpers call to find a callable's dependencies; values checked against FastAPI
    0.143's."""

    def test_dependencies(self) -> None:
        from tachyon.dependencies.utils import analyze_param

        class Settings:
            """A class dependency with no parameters."""

        declared = analyze_param(param_name="s", annotation=Annotated[str, Depends(session)],
                                 value=inspect.Parameter.empty, is_path_param=False)
        self.assertEqual((declared.type_annotation, declared.depends.dependency, declared.field), (str, session, None))
        by_class = analyze_param(param_name="settings", annotation=Settings, value=Depends(), is_path_param=False)
        self.assertIs(by_class.depends.dependency, Settings)

    def test_fields(self) -> None:
        from tachyon.dependencies.utils import analyze_param
        from tachyon.params import Path, Query as QueryInfo

        query = analyze_param(param_name="limit", annotation=int, value=Query(3, ge=1), is_path_param=False)
        self.assertEqual((query.depends, query.field.name, query.field.field_info.default), (None, "limit", 3))
        self.assertIsInstance(query.field.field_info, QueryInfo)
        path = analyze_param(param_name="item_id", annotation=int, value=inspect.Parameter.empty, is_path_param=True)
        self.assertIsInstance(path.field.field_info, Path)
        self.assertTrue(path.field.field_info.is_required())
        special = analyze_param(param_name="request", annotation=Request, value=inspect.Parameter.empty,
                                is_path_param=False)
        self.assertEqual((special.type_annotation, special.depends, special.field), (Request, None, None))


if __name__ == "__main__":
    unittest.main()
