"""A request body that cannot be read: invalid JSON is FastAPI's 422 ``json_invalid``; any other failure to
parse the body (JSON nested too deep, bytes that are not UTF-8, an exception while decoding) is FastAPI's 400."""
from __future__ import annotations

import unittest
from unittest.mock import patch

from typing import Annotated

from pydantic import BaseModel

from tachyon import Body, FastAPI
from tests.client_case import AppTestCase

app = FastAPI()


class Item(BaseModel):
    name: str


@app.post("/items/")
async def create_item(item: Item):
    return item


@app.post("/embedded/")
async def create_embedded(item: Item, count: Annotated[int, Body()] = 1):
    return {"item": item, "count": count}


PARSE_ERROR = (400, b'{"detail":"There was an error parsing the body"}')


class BodyErrorsTest(AppTestCase):
    app = app

    def post_json(self, content: bytes | str):
        r = self.client.post("/items/", content=content, headers={"content-type": "application/json"})
        return r.status_code, r.content

    def test_json_nested_too_deep_to_decode_is_400(self) -> None:
        self.assertEqual(self.post_json("[" * 100000 + "]" * 100000), PARSE_ERROR)

    def test_json_that_is_not_utf8_is_400(self) -> None:
        self.assertEqual(self.post_json('{"name": "café"}'.encode("latin-1")), PARSE_ERROR)

    def test_any_exception_while_parsing_is_400(self) -> None:
        # FastAPI's test_body/test_tutorial001::test_other_exceptions
        with patch("json.loads", side_effect=Exception):
            answer = self.post_json('{"test": "test2"}')
        self.assertEqual(answer, PARSE_ERROR)

    def test_invalid_json_is_still_422(self) -> None:
        r = self.client.post("/items/", content=b'{"name": ', headers={"content-type": "application/json"})
        self.assertEqual((r.status_code, r.json()), (422, {"detail": [
            {"type": "json_invalid", "loc": ["body", 9], "msg": "JSON decode error", "input": {},
             "ctx": {"error": "Expecting value"}}]}))


    def test_a_body_that_is_not_json_leaves_embedded_fields_absent(self) -> None:
        # FastAPI keeps a text/plain (or form) body as bytes and looks no field up in it: the required one is
        # missing, the one with a default takes it. A JSON list instead makes every field missing.
        missing_item = {"type": "missing", "loc": ["body", "item"], "msg": "Field required", "input": None}
        for content_type in ("text/plain", "application/x-www-form-urlencoded"):
            r = self.client.post("/embedded/", content=b"item=x", headers={"content-type": content_type})
            self.assertEqual((r.status_code, r.json()), (422, {"detail": [missing_item]}), content_type)
        r = self.client.post("/embedded/", json=[1])
        self.assertEqual(r.json(), {"detail": [missing_item, {**missing_item, "loc": ["body", "count"]}]})


if __name__ == "__main__":
    unittest.main()
