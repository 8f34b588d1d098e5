"""Reference ownership across the boundary: objects the engine touches per request (return values,
defaults, enum members, exceptions, bodies) end with the reference counts they started with."""
from __future__ import annotations

import enum
import gc
import sys
import unittest
import weakref
from typing import Annotated

from pydantic import BaseModel

from tachyon import FastAPI, HTTPException, Query
from tests.client_case import AppTestCase


class Color(str, enum.Enum):
    red = "red"
    blue = "blue"


class Item(BaseModel):
    name: str
    tags: list[str] = []


SHARED = {"nested": [1, 2.5, "three", None, True], "text": "héllo"}
DEFAULT_TEXT = "a default string that is not interned " + "x" * 10
DEFAULT_LIST = ["mutable", "default"]
RAISED: list = []  # weak references to every exception the handler raised

app = FastAPI()


@app.get("/shared")
def shared():
    return SHARED


@app.get("/defaults")
async def defaults(text: str = DEFAULT_TEXT, items: Annotated[list[str], Query()] = DEFAULT_LIST, color: Color = Color.red):
    return {"text": text, "items": items, "color": color}


@app.get("/raise")
def raise_shared():
    error = HTTPException(status_code=418, detail=SHARED)
    RAISED.append(weakref.ref(error))
    raise error


@app.post("/items")
async def items(item: Item):
    return item


class ReferenceCountTest(AppTestCase):
    app = app

    def assert_stable(self, objects: list, request, n: int = 300) -> None:
        request()  # first use may cache things
        gc.collect()  # a handler's frame holding its own exception is a cycle only the collector frees
        before = [sys.getrefcount(o) for o in objects]
        for _ in range(n):
            request()
        gc.collect()
        after = [sys.getrefcount(o) for o in objects]
        self.assertEqual(before, after)

    def test_returned_objects(self) -> None:
        self.assert_stable([SHARED, SHARED["nested"], SHARED["text"]], lambda: self.client.get("/shared"))

    def test_defaults_and_enum_members(self) -> None:
        self.assert_stable([DEFAULT_TEXT, DEFAULT_LIST, Color.red, Color.blue],
                           lambda: self.client.get("/defaults"))
        self.assert_stable([Color.blue], lambda: self.client.get("/defaults?color=blue"))

    def test_slow_path_errors(self) -> None:
        self.assert_stable([Color.red, DEFAULT_TEXT], lambda: self.client.get("/defaults?color=green"))

    def test_raised_exceptions(self) -> None:
        self.assert_stable([SHARED], lambda: self.client.get("/raise"))
        self.assertEqual([r for r in RAISED if r() is not None], [], "exceptions outlived their requests")

    def test_bodies(self) -> None:
        self.assert_stable([Item], lambda: self.client.post("/items", json={"name": "a", "tags": ["x"]}))
        self.assert_stable([Item], lambda: self.client.post("/items", json={"name": 1}))

    def test_allocated_blocks_stay_flat(self) -> None:
        def mix() -> None:
            self.client.get("/shared")
            self.client.get("/defaults?items=a&items=b")
            self.client.get("/raise")
            self.client.post("/items", json={"name": "a"})

        for _ in range(200):
            mix()
        # Collected before each count: cyclic garbage (a raised exception's traceback) waiting for the collector
        # is no leak, and how much of it waits depends on when the collector last ran.
        gc.collect()
        before, raised = sys.getallocatedblocks(), len(RAISED)
        for _ in range(1000):
            mix()
        gc.collect()
        growth = sys.getallocatedblocks() - before - (len(RAISED) - raised)   # the test keeps a weakref per /raise
        self.assertLess(growth, 500, f"{growth} blocks still allocated after 4000 requests")


if __name__ == "__main__":
    unittest.main()
