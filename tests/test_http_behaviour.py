"""FastAPI's HTTP behaviour through the engine: routing answers (404, 405, trailing-slash redirect),
bodies and their 422s, and every kind of return value and response class."""
from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import enum
import json
import unittest
import uuid
from typing import Annotated, Any

from pydantic import BaseModel

from tachyon import Body, FastAPI, HTTPException, Query, Request
from tachyon.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from tachyon.testclient import TestClient
from tests.client_case import AppTestCase


class Item(BaseModel):
    name: str
    price: float
    tags: list[str] = []
    note: str | None = None


class PublicItem(BaseModel):
    name: str
    note: str | None = None


class Color(enum.Enum):
    red = "red"


@dataclasses.dataclass
class Point:
    x: int
    y: int


app = FastAPI()


@app.get("/items/{item_id}")
def read_item(item_id: int):
    return {"item_id": item_id}


@app.post("/items/")
def create_item(item: Item):
    return item


@app.get("/users/{user_id}")
def read_user(user_id: str):
    return {"user_id": user_id}


@app.get("/users/me")
def read_me():
    return {"user_id": "the current user"}


@app.get("/url-of/{name}")
def url_of(name: str, request: Request):
    return {"name": name, "url": str(request.url), "path": request.url.path, "query": request.url.query}


@app.get("/files/{file_path:path}")
def read_file(file_path: str):
    return {"file_path": file_path}


@app.put("/mixed/{item_id}")
def mixed(item_id: int, item: Item, q: Annotated[str | None, Query(max_length=3)] = None):
    return {"item_id": item_id, "q": q, "name": item.name}


@app.put("/embedded")
def embedded(item: Annotated[Item, Body(embed=True)], importance: Annotated[int, Body(gt=0)]):
    return {"item": item, "importance": importance}


@app.post("/optional-body")
def optional_body(item: Item | None = None):
    return {"item": item}


@app.post("/any-body")
def any_body(payload: Annotated[Any, Body()]):
    return {"payload": payload}


VALUES = {
    "dict": {"a": 1, "b": [True, None]}, "list": [1, "two", 3.5], "str": "héllo \"q\" \n\t\x01", "int": 12345678901234567890,
    "float": 1e16, "small": 1.5e-07, "tenth": 0.1, "one": 1.0, "bool": False, "none": None,
    "datetime": dt.datetime(2024, 1, 2, 3, 4, 5, 6000), "date": dt.date(2024, 1, 2),
    "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"), "decimal": decimal.Decimal("1.5"),
    "decimal_int": decimal.Decimal("10"), "enum": Color.red, "set": {1}, "tuple": (1, "a"), "dataclass": Point(1, 2),
    "scalar_keys": {1: "a", 1e16: "b", False: "c", None: "d", "nested": {10: [Color.red]}}, "enum_keys": {Color.red: 1},
    # an ORM object's __dict__: jsonable_encoder (sqlalchemy_safe) drops "_sa..." keys, whatever their values
    "orm_dict": {"_sa_instance_state": "state", "id": 1, "_saved": 2, "_s": 3, "rows": [{"_sa": None, "n": 1}]},
}
EXPECTED = {
    "dict": b'{"a":1,"b":[true,null]}', "list": b'[1,"two",3.5]', "str": '"héllo \\"q\\" \\n\\t\\u0001"'.encode(),
    "int": b"12345678901234567890", "float": b"1e+16", "small": b"1.5e-07", "tenth": b"0.1", "one": b"1.0",
    "bool": b"false", "none": b"null", "datetime": b'"2024-01-02T03:04:05.006000"', "date": b'"2024-01-02"',
    "uuid": b'"12345678-1234-5678-1234-567812345678"', "decimal": b"1.5", "decimal_int": b"10", "enum": b'"red"',
    "set": b"[1]", "tuple": b'[1,"a"]', "dataclass": b'{"x":1,"y":2}',
    "scalar_keys": b'{"1":"a","1e+16":"b","false":"c","null":"d","nested":{"10":["red"]}}', "enum_keys": b'{"red":1}',
    "orm_dict": b'{"id":1,"_s":3,"rows":[{"n":1}]}',
}


def _value_route(name: str):
    def handler():
        return VALUES[name]
    handler.__name__ = f"value_{name}"
    return handler


for _name in VALUES:
    app.get(f"/values/{_name}")(_value_route(_name))


@app.get("/nan")
def nan():
    return {"x": float("nan")}


@app.post("/created", status_code=201)
def created():
    return {"created": True}


@app.get("/filtered", response_model=PublicItem)
def filtered():
    return {"name": "a", "price": 2.0, "note": None, "secret": "x"}


@app.get("/annotated")
def annotated() -> PublicItem:
    return Item(name="b", price=1.0, note="n")


@app.get("/exclude-none", response_model=PublicItem, response_model_exclude_none=True)
def exclude_none():
    return {"name": "c"}


@app.get("/classes/{kind}")
def classes(kind: str):
    if kind == "json":
        return JSONResponse({"k": "ü"}, status_code=202, headers={"x-a": "1"})
    if kind == "text":
        return PlainTextResponse("plain")
    if kind == "html":
        return HTMLResponse("<b>hi</b>")
    if kind == "redirect":
        return RedirectResponse("/values/int")
    if kind == "empty-header":
        response = Response(b"raw", headers={"x-empty": "", "x-raw": "yes"})
        response.headers.append("x-twice", "")
        response.headers.append("x-twice", "2")
        return response
    return Response(b"raw", media_type="application/octet-stream", headers={"x-raw": "yes"})


@app.get("/errors/{kind}")
def errors(kind: str):
    if kind == "dict":
        raise HTTPException(status_code=400, detail={"reason": "bad"}, headers={"x-error": "1"})
    raise HTTPException(status_code=404)


class RoutingAnswersTest(AppTestCase):
    app = app

    def test_not_found_and_method_not_allowed(self) -> None:
        r = self.client.get("/nope")
        self.assertEqual((r.status_code, r.json(), r.headers["content-type"]), (404, {"detail": "Not Found"}, "application/json"))
        r = self.client.delete("/items/1")
        self.assertEqual((r.status_code, r.json(), r.headers["allow"]), (405, {"detail": "Method Not Allowed"}, "GET"))

    def test_trailing_slash_redirect_keeps_the_query(self) -> None:
        r = self.client.post("/items?x=1", json={"name": "a", "price": 1}, follow_redirects=False)
        self.assertEqual((r.status_code, r.headers["location"]), (307, "http://testserver/items/?x=1"))
        self.assertEqual(r.content, b"")
        r = self.client.get("/items/1/", follow_redirects=False)
        self.assertEqual((r.status_code, r.headers["location"]), (307, "http://testserver/items/1"))
        self.assertEqual(self.client.get("/items/1/").json(), {"item_id": 1})

    def test_trailing_slash_redirect_quotes_the_decoded_path(self) -> None:
        # Starlette quotes the URL it builds from the decoded path; an unquoted é would not even be a valid header.
        r = self.client.get("/users/J%C3%BCrgen%20K/", follow_redirects=False)
        self.assertEqual((r.status_code, r.headers["location"]), (307, "http://testserver/users/J%C3%BCrgen%20K"))
        self.assertEqual(self.client.get("/users/J%C3%BCrgen/").json(), {"user_id": "Jürgen"})

    def test_first_registered_route_wins(self) -> None:
        self.assertEqual(self.client.get("/users/me").json(), {"user_id": "me"})

    def test_path_convertor_and_percent_decoding(self) -> None:
        self.assertEqual(self.client.get("/files/a/b%20c.txt").json(), {"file_path": "a/b c.txt"})
        self.assertEqual(self.client.get("/users/J%C3%BCrgen").json(), {"user_id": "Jürgen"})

    def test_request_url_keeps_escaped_question_marks_hashes_and_backslashes_in_the_path(self) -> None:
        body = self.client.get("/url-of/a%3Fb%23c%5Cd?x=1").json()
        self.assertEqual(body, {"name": "a?b#c\\d", "url": "http://testserver/url-of/a%3Fb%23c%5Cd?x=1",
                                "path": "/url-of/a%3Fb%23c%5Cd", "query": "x=1"})

    def test_head_is_not_added_to_get_routes(self) -> None:
        self.assertEqual(self.client.head("/items/1").status_code, 405)

    def test_a_head_response_announces_the_length_it_declares(self) -> None:
        r = self.client.head("/resource-size")
        self.assertEqual((r.status_code, r.headers["content-length"], r.content), (200, "1234", b""))


@app.head("/resource-size")
def resource_size():
    # a HEAD endpoint telling a resource's size without sending it
    return Response(headers={"content-length": "1234"}, media_type="application/octet-stream")


@app.post("/sizes")
async def sizes(request: Request):
    return {"query": len(request.url.query), "header": len(request.headers.get("x-big", "")), "body": len(await request.body())}


class RequestSizesTest(AppTestCase):
    """No limits uvicorn does not have: Kestrel's defaults refused a long query (414), large headers (431)
    and bodies over 30 MB, which FastAPI serves."""
    app = app

    def test_long_query_large_header_and_body(self) -> None:
        ids = "&".join(f"id={i}" for i in range(2000))
        response = self.client.post(f"/sizes?{ids}", headers={"x-big": "x" * 70_000}, content=b"\0" * 40_000_000)
        self.assertEqual(response.json(), {"query": len(ids), "header": 70_000, "body": 40_000_000})


class BodyTest(AppTestCase):
    app = app

    def test_valid_body_path_and_query_together(self) -> None:
        r = self.client.put("/mixed/3?q=abc", json={"name": "x", "price": 2})
        self.assertEqual(r.json(), {"item_id": 3, "q": "abc", "name": "x"})

    def test_errors_from_path_query_and_body_in_fastapi_order(self) -> None:
        r = self.client.put("/mixed/x?q=abcd", json={"price": "cheap"})
        self.assertEqual(r.status_code, 422)
        self.assertEqual([(e["type"], e["loc"]) for e in r.json()["detail"]], [
            ("int_parsing", ["path", "item_id"]), ("string_too_long", ["query", "q"]),
            ("missing", ["body", "name"]), ("float_parsing", ["body", "price"])])

    def test_invalid_json_and_missing_body(self) -> None:
        r = self.client.post("/items/", content=b"{bad", headers={"content-type": "application/json"})
        self.assertEqual(r.json(), {"detail": [{"type": "json_invalid", "loc": ["body", 1], "msg": "JSON decode error",
                                                "input": {}, "ctx": {"error": "Expecting property name enclosed in double quotes"}}]})
        r = self.client.post("/items/")
        self.assertEqual(r.json(), {"detail": [{"type": "missing", "loc": ["body"], "msg": "Field required", "input": None}]})
        self.assertEqual(self.client.post("/optional-body").json(), {"item": None})

    def test_a_null_body_is_missing_as_in_fastapi(self) -> None:
        missing = {"detail": [{"type": "missing", "loc": ["body"], "msg": "Field required", "input": None}]}
        self.assertEqual(self.client.post("/any-body", content=b"null",
                                          headers={"content-type": "application/json"}).json(), missing)
        self.assertEqual(self.client.post("/any-body", json=[1]).json(), {"payload": [1]})
        self.assertEqual(self.client.post("/optional-body", content=b"null",
                                          headers={"content-type": "application/json"}).json(), {"item": None})

    def test_embedded_and_several_body_values(self) -> None:
        r = self.client.put("/embedded", json={"item": {"name": "a", "price": 1}, "importance": 2})
        self.assertEqual(r.json(), {"item": {"name": "a", "price": 1.0, "tags": [], "note": None}, "importance": 2})
        r = self.client.put("/embedded", json={"item": {"name": "a", "price": 1}, "importance": 0})
        self.assertEqual(r.json()["detail"], [{"type": "greater_than", "loc": ["body", "importance"],
                                               "msg": "Input should be greater than 0", "input": 0, "ctx": {"gt": 0}}])


class ResponsesTest(AppTestCase):
    app = app

    def test_values_render_byte_for_byte_as_fastapi(self) -> None:
        for name, expected in EXPECTED.items():
            r = self.client.get(f"/values/{name}")
            self.assertEqual((r.status_code, r.content), (200, expected), name)
            self.assertEqual(r.headers["content-type"], "application/json")

    def test_nan_is_a_server_error(self) -> None:
        client = TestClient(app, raise_server_exceptions=False)
        self.addCleanup(client.close)
        self.assertEqual((client.get("/nan").status_code, client.get("/nan").text), (500, "Internal Server Error"))

    def test_nan_raises_jsons_own_error(self) -> None:
        # The TestClient raises what Starlette's JSONResponse.render raised: json.dumps' ValueError, in its words.
        with self.assertRaises(ValueError) as raised:
            self.client.get("/nan")
        with self.assertRaises(ValueError) as expected:
            json.dumps(float("nan"), allow_nan=False)
        self.assertEqual(str(raised.exception), str(expected.exception))

    def test_status_code_and_response_models(self) -> None:
        self.assertEqual(self.client.post("/created").status_code, 201)
        self.assertEqual(self.client.get("/filtered").json(), {"name": "a", "note": None})
        self.assertEqual(self.client.get("/annotated").json(), {"name": "b", "note": "n"})
        self.assertEqual(self.client.get("/exclude-none").json(), {"name": "c"})

    def test_response_classes(self) -> None:
        r = self.client.get("/classes/json")
        self.assertEqual((r.status_code, r.content, r.headers["x-a"]), (202, '{"k":"ü"}'.encode(), "1"))
        r = self.client.get("/classes/text")
        self.assertEqual((r.text, r.headers["content-type"]), ("plain", "text/plain; charset=utf-8"))
        self.assertEqual(self.client.get("/classes/html").headers["content-type"], "text/html; charset=utf-8")
        r = self.client.get("/classes/redirect", follow_redirects=False)
        self.assertEqual((r.status_code, r.headers["location"]), (307, "/values/int"))
        r = self.client.get("/classes/raw")
        self.assertEqual((r.content, r.headers["content-type"], r.headers["x-raw"]), (b"raw", "application/octet-stream", "yes"))

    def test_empty_header_values_are_sent(self) -> None:
        r = self.client.get("/classes/empty-header")
        self.assertEqual((r.headers["x-empty"], r.headers.get_list("x-twice"), r.headers["x-raw"]), ("", ["", "2"], "yes"))

    def test_http_exceptions(self) -> None:
        r = self.client.get("/errors/dict")
        self.assertEqual((r.status_code, r.json(), r.headers["x-error"]), (400, {"detail": {"reason": "bad"}}, "1"))
        self.assertEqual(self.client.get("/errors/plain").json(), {"detail": "Not Found"})


if __name__ == "__main__":
    unittest.main()
