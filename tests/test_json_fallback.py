"""Return values the engine's JSON writer leaves to Python: subclasses of str, int and float (a URLPath from
url_path_for, a str subclass as a key) and nesting deeper than the writer goes are written by json.dumps, as
FastAPI's JSONResponse writes them; what json.dumps refuses is still a 500."""
from __future__ import annotations

import json
import unittest

from tachyon import FastAPI
from tachyon.testclient import TestClient


class Name(str):
    def __str__(self) -> str:   # json.dumps writes the string itself, not this
        return "not this"


class Count(int):
    def __repr__(self) -> str:
        return "not this"


class Ratio(float):
    pass


def nested(depth: int) -> list:
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


app = FastAPI()


@app.get("/posts/")
def list_posts():
    return []


@app.get("/url")
def url():
    return {"posts": app.url_path_for("list_posts")}


@app.get("/subclasses")
async def subclasses():
    return {"name": Name("é\n"), "count": Count(3), "ratio": Ratio(0.00001), Name("key"): [Count(-1)]}


@app.get("/deep")
def deep():
    return nested(400)


@app.get("/inf")
async def inf():
    return {"ratio": Ratio("inf")}


class JsonFallbackTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.client = TestClient(app, raise_server_exceptions=False)

    def test_url_path_for_in_a_body(self) -> None:
        response = self.client.get("/url")
        self.assertEqual((response.status_code, response.content), (200, b'{"posts":"/posts/"}'))

    def test_subclasses_as_json_dumps_writes_them(self) -> None:
        response = self.client.get("/subclasses")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["content-type"], "application/json")
        self.assertEqual(response.content, '{"name":"é\\n","count":3,"ratio":1e-05,"key":[-1]}'.encode())

    def test_deeper_than_the_writer(self) -> None:
        response = self.client.get("/deep")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, json.dumps(nested(400), separators=(",", ":")).encode())

    def test_what_json_dumps_refuses_is_a_500(self) -> None:
        self.assertEqual(self.client.get("/inf").status_code, 500)
        self.assertEqual(self.client.get("/url").status_code, 200)   # and the server keeps serving


if __name__ == "__main__":
    unittest.main()
