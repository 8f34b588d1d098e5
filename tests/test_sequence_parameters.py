"""Repeated query keys and headers for parameters declared as other containers than a list: pydantic builds them
(FastAPI's tests/test_query.py: a frozenset of ?query=1&query=1&query=2 is {1, 2}), so sets drop repeats and
tuples have their length and item types checked; lists and Sequences keep the engine's fast path."""
from __future__ import annotations

import collections
import unittest
from collections.abc import Sequence
from typing import Annotated, Optional

from tachyon import Cookie, FastAPI, Header, Query
from tests.client_case import AppTestCase

app = FastAPI()


@app.get("/frozenset")
def frozen(query: Annotated[frozenset[int], Query()]):
    return ",".join(map(str, sorted(query)))


@app.get("/pair")
def pair(v: Annotated[tuple[int, str], Query()]):
    return {"type": type(v).__name__, "value": list(v)}


@app.get("/variadic")
def variadic(v: Annotated[Optional[tuple[int, ...]], Query()] = None):
    return {"type": type(v).__name__, "value": list(v or ())}


@app.get("/deque")
def as_deque(v: Annotated[collections.deque[int], Query()]):
    return type(v).__name__


@app.get("/sequence")
def sequence(v: Annotated[Sequence[int], Query()], w: Annotated[list[int], Query()]):
    return {"v": list(v), "w": w}


@app.get("/header-set")
def header_set(x_ids: Annotated[set[str], Header()]):
    return sorted(x_ids)


@app.get("/cookie-list")
def cookie_list(c: Annotated[Optional[list[int]], Cookie()] = None):
    return {"c": c}


@app.get("/required-cookie-list")
def required_cookie_list(c: Annotated[list[str], Cookie()]):
    return {"c": c}


class SequenceParametersTest(AppTestCase):
    app = app

    def test_a_set_drops_repeats(self) -> None:
        self.assertEqual(self.client.get("/frozenset?query=1&query=1&query=2").json(), "1,2")
        self.assertEqual(self.client.get("/header-set", headers=[("x-ids", "a"), ("x-ids", "a"), ("x-ids", "b")]).json(),
                         ["a", "b"])

    def test_a_tuple_checks_its_items_and_length(self) -> None:
        self.assertEqual(self.client.get("/pair?v=1&v=2").json(), {"type": "tuple", "value": [1, "2"]})
        missing = self.client.get("/pair?v=1")
        self.assertEqual((missing.status_code, missing.json()["detail"][0]["type"], missing.json()["detail"][0]["loc"]),
                         (422, "missing", ["query", "v", 1]))
        too_long = self.client.get("/pair?v=1&v=x&v=3").json()["detail"][0]
        self.assertEqual((too_long["type"], too_long["loc"]), ("too_long", ["query", "v"]))
        self.assertEqual(self.client.get("/variadic?v=1&v=2").json(), {"type": "tuple", "value": [1, 2]})
        self.assertEqual(self.client.get("/variadic").json(), {"type": "NoneType", "value": []})

    def test_other_containers_are_built_as_declared(self) -> None:
        self.assertEqual(self.client.get("/deque?v=1").json(), "deque")
        self.assertEqual(self.client.get("/sequence?v=1&v=1&w=2&w=2").json(), {"v": [1, 1], "w": [2, 2]})

    def test_an_empty_list_typed_cookie_is_missing(self) -> None:
        """FastAPI takes an empty value of a sequence-typed parameter for a missing one; a cookie's other values
        are one string, which is not a list."""
        self.assertEqual(self.client.get("/cookie-list", headers={"cookie": "c="}).json(), {"c": None})
        missing = self.client.get("/required-cookie-list", headers={"cookie": "c="})
        self.assertEqual((missing.status_code, missing.json()), (422, {"detail": [
            {"type": "missing", "loc": ["cookie", "c"], "msg": "Field required", "input": None}]}))
        self.assertEqual(self.client.get("/required-cookie-list", headers={"cookie": "c=a"}).json()["detail"][0]["type"],
                         "list_type")


if __name__ == "__main__":
    unittest.main()
