"""Parameters with pydantic validators in ``Annotated`` next to ``Query()``/``Form()``/``Header()``, as FastAPI
reads them: the validators and the constraints run in the order declared (FastAPI's copy_field_info takes the
whole Annotated's metadata), a ``bytes`` file is read before its validators see it, a ``Json[list[...]]``
value is one string, a PEP 695 alias of ``Annotated[..., Depends()]`` is a dependency, a list parameter still
takes every repeated value (FastAPI asks the field's annotation, from which
pydantic took the validators), and a missing parameter's default, when it is not None, is validated like a
received value (FastAPI's ``_get_multidict_value`` hands it to validation: the validators run on it, a
constraint it breaks is a 422, a str default of an Enum parameter becomes the member). A JSON body's missing
field keeps its default as it is, as in FastAPI."""
from __future__ import annotations

import enum
import unittest
from typing import Annotated, Optional

import json

from pydantic import AfterValidator, BeforeValidator, Json
from typing_extensions import TypeAliasType

from tachyon import Body, Depends, FastAPI, File, Form, Header, HTTPException, Query
from tests.client_case import AppTestCase


class Color(str, enum.Enum):
    RED = "red"


SEEN: list[object] = []


def seen(value: object) -> object:
    SEEN.append(value)
    return value


app = FastAPI()


@app.get("/listed")
def listed(v: Annotated[list[int], Query(), BeforeValidator(seen)]):
    return {"v": v}


@app.get("/optional-listed")
def optional_listed(v: Annotated[Optional[list[int]], BeforeValidator(seen), Query()] = None):
    return {"v": v}


@app.get("/headers")
def headers(x_tag: Annotated[list[str], Header(), AfterValidator(lambda tags: tags[::-1])]):
    return {"tags": x_tag}


@app.post("/form")
def form(numbers: Annotated[Optional[list[int]], Form(), BeforeValidator(seen)] = None):
    return {"numbers": numbers}


@app.get("/defaults")
def defaults(name: Annotated[str, AfterValidator(str.upper)] = "abc",
             n: Annotated[int, AfterValidator(lambda v: v * 10)] = 1,
             x_mode: Annotated[str, Header(), AfterValidator(str.upper)] = "fast",
             color: Color = "red", plain: int = 10, unset: Optional[int] = None):
    return {"name": name, "n": n, "mode": x_mode, "color": type(color).__name__, "plain": plain, "unset": unset}


@app.get("/bad-default")
def bad_default(limit: int = Query(1, ge=5)):
    return {"limit": limit}


@app.post("/body")
def body(count: Annotated[int, Body(), AfterValidator(lambda v: v * 10)] = 1,
         label: Annotated[str, Body(), AfterValidator(str.upper)] = "abc"):
    return {"count": count, "label": label}


def nullable(value: object) -> object:
    return None if value in ("None", "") else value


def isbn(value: str) -> str:
    if not value.startswith("isbn-"):
        raise ValueError("Invalid ID format")
    return value


@app.get("/ordered-before")
def ordered_before(q: Annotated[Optional[str], Query(min_length=3), BeforeValidator(nullable)]):
    return {"q": q}


@app.get("/ordered-after")
def ordered_after(q: Annotated[str, Query(min_length=3), AfterValidator(isbn)]):
    return {"q": q}


@app.post("/file-bytes")
def file_bytes(file: Annotated[bytes, File(), BeforeValidator(seen)],
               files: Annotated[list[bytes], File(), BeforeValidator(seen)]):
    return {"file": len(file), "files": [len(f) for f in files]}


@app.get("/json-query")
def json_query(items: Annotated[Json[list[str]], Query()], x_items: Annotated[Json[list[int]], Header()]):
    return {"items": items, "header": x_items}


@app.post("/json-form")
def json_form(items: Annotated[Json[list[str]], Form()]):
    return {"items": items}


async def one_two_three() -> int:
    return 123


DependedValue = TypeAliasType("DependedValue", Annotated[int, Depends(one_two_three)], type_params=())


@app.get("/aliased-dependency")
async def aliased_dependency(value: DependedValue):
    return {"value": value}


def refused(value: str) -> str:
    """A validator with an effect (as a lookup in a database) that refuses some values."""
    SEEN.append(value)
    if value == "forbidden":
        raise HTTPException(status_code=403, detail="forbidden value")
    if value == "bad":
        raise ValueError("bad value")
    return value


@app.get("/refused")
def refused_values(q: Annotated[str, AfterValidator(refused)], x_tag: Annotated[Optional[str], Header()] = None,
                   n: Optional[int] = None):
    return {"q": q}


def dependency_value(d: Annotated[int, Query(), AfterValidator(seen)]):
    return d


@app.get("/passed-then-refused")
def passed_then_refused(a: Annotated[int, Query(), BeforeValidator(seen)], dep: Annotated[int, Depends(dependency_value)],
                        b: Annotated[str, Query(), AfterValidator(refused)]):
    return {"a": a, "b": b}


class ParameterValidatorsTest(AppTestCase):
    app = app

    def setUp(self) -> None:
        SEEN.clear()

    def test_a_list_parameter_with_validators_takes_every_value(self) -> None:
        self.assertEqual(self.client.get("/listed?v=1&v=2").json(), {"v": [1, 2]})
        self.assertEqual(SEEN, [["1", "2"]])
        self.assertEqual(self.client.get("/optional-listed?v=3&v=4").json(), {"v": [3, 4]})
        self.assertEqual(self.client.get("/optional-listed").json(), {"v": None})
        self.assertEqual(self.client.get("/headers", headers=[("X-Tag", "a"), ("X-Tag", "b")]).json(), {"tags": ["b", "a"]})
        self.assertEqual(self.client.post("/form", data={"numbers": ["1", "2"]}).json(), {"numbers": [1, 2]})
        response = self.client.post("/form", data={"numbers": ""})   # a list of one empty value, as in FastAPI
        self.assertEqual((response.status_code, response.json()["detail"][0]["loc"]), (422, ["body", "numbers", 0]))

    def test_a_missing_parameters_default_is_validated(self) -> None:
        self.assertEqual(self.client.get("/defaults").json(),
                         {"name": "ABC", "n": 10, "mode": "FAST", "color": "Color", "plain": 10, "unset": None})
        self.assertEqual(self.client.get("/defaults?name=x&n=2", headers={"X-Mode": "slow"}).json(),
                         {"name": "X", "n": 20, "mode": "SLOW", "color": "Color", "plain": 10, "unset": None})
        response = self.client.get("/bad-default")
        self.assertEqual((response.status_code, response.json()), (422, {"detail": [
            {"type": "greater_than_equal", "loc": ["query", "limit"], "msg": "Input should be greater than or equal to 5",
             "input": 1, "ctx": {"ge": 5}}]}))
        self.assertEqual(self.client.get("/bad-default?limit=7").json(), {"limit": 7})

    def test_validators_and_constraints_run_in_the_order_declared(self) -> None:
        self.assertEqual(self.client.get("/ordered-before?q=None").json(), {"q": None})   # before min_length
        self.assertEqual(self.client.get("/ordered-before?q=abcd").json(), {"q": "abcd"})
        self.assertEqual(self.client.get("/ordered-after?q=ab").json()["detail"][0]["type"], "string_too_short")
        self.assertEqual(self.client.get("/ordered-after?q=abcd").json()["detail"][0]["msg"], "Value error, Invalid ID format")
        self.assertEqual(self.client.get("/ordered-after?q=isbn-1").json(), {"q": "isbn-1"})

    def test_a_bytes_file_is_read_before_its_validators(self) -> None:
        response = self.client.post("/file-bytes", files=[("file", b"test 1"), ("files", b"ab"), ("files", b"cde")])
        self.assertEqual(response.json(), {"file": 6, "files": [2, 3]})
        self.assertEqual(SEEN, [b"test 1", [b"ab", b"cde"]])

    def test_a_json_list_parameter_is_one_value(self) -> None:
        response = self.client.get("/json-query", params={"items": json.dumps(["abc", "def"])},
                                   headers={"X-Items": "[1, 2]"})
        self.assertEqual(response.json(), {"items": ["abc", "def"], "header": [1, 2]})
        self.assertEqual(self.client.post("/json-form", data={"items": '["x"]'}).json(), {"items": ["x"]})
        invalid = self.client.get("/json-query", params={"items": "[oops"}, headers={"X-Items": "[]"})
        self.assertEqual(invalid.json()["detail"][0]["type"], "json_invalid")
        # FastAPI's sequence check sees the empty string's length: missing, not invalid JSON
        empty = self.client.get("/json-query?items=", headers={"X-Items": "[]"})
        self.assertEqual(empty.json()["detail"], [{"type": "missing", "loc": ["query", "items"], "msg": "Field required",
                                                   "input": None}])

    def test_a_type_alias_of_a_dependency_is_a_dependency(self) -> None:
        self.assertEqual(self.client.get("/aliased-dependency").json(), {"value": 123})
        parameters = self.app.openapi()["paths"]["/aliased-dependency"]["get"].get("parameters", [])
        self.assertEqual(parameters, [])

    def test_a_refusing_validator_runs_once_per_request(self) -> None:
        """The engine's check fails, the Python binder then reports the request's errors: with the check's outcome,
        not by running the validator again."""
        for url, status, detail in (
                ("/refused?q=forbidden", 403, "forbidden value"),
                ("/refused?q=forbidden&n=x", 403, "forbidden value"),
                ("/refused?q=bad", 422, [{"type": "value_error", "loc": ["query", "q"], "msg": "Value error, bad value",
                                          "input": "bad", "ctx": {"error": {}}}]),
                ("/refused?q=ok", 200, None)):
            SEEN.clear()
            response = self.client.get(url)
            self.assertEqual((response.status_code, SEEN), (status, [url.split("=")[1].split("&")[0]]), url)
            if detail is not None:
                self.assertEqual(response.json(), {"detail": detail})

    def test_validators_of_values_that_passed_run_once_when_another_fails(self) -> None:
        """FastAPI's test_nullable_and_defaults counts the calls: the binder reports the errors with the values the
        engine's checks gave, also after a request of the same route that passed (its checks' values stay out)."""
        self.assertEqual(self.client.get("/passed-then-refused?a=1&d=2&b=fine").json(), {"a": 1, "b": "fine"})
        for url, expected in (("/passed-then-refused?a=1&d=2&b=bad", [2, "1", "bad"]),   # the dependency's first
                              ("/passed-then-refused?a=3&d=4&b=bad", [4, "3", "bad"]),
                              ("/passed-then-refused?a=x&d=4&b=fine", [4, "x", "fine"])):
            SEEN.clear()
            self.assertEqual((self.client.get(url).status_code, SEEN), (422, expected), url)

    def test_a_json_bodys_missing_field_keeps_its_default(self) -> None:
        self.assertEqual(self.client.post("/body", json={}).json(), {"count": 1, "label": "abc"})
        self.assertEqual(self.client.post("/body", json={"count": 2, "label": "x"}).json(), {"count": 20, "label": "X"})


if __name__ == "__main__":
    unittest.main()
