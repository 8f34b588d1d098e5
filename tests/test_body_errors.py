"""A request body that cannot be read: invalid JSON is FastAPI's 422 ``json_invalid``; any other failure to
parse the body (JSON nested too deep, bytes that are not UTF-8, an exception while decoding) is FastAPI's 400."""
from __future__ import annotations

import unittest
from unittest.mock import patch

from pydantic import BaseModel

from tachyon import FastAPI
from tests.client_case import AppTestCase

app = FastAPI()


class Item(BaseModel):
    name: str


@app.post("/items/")
async def create_item(item: Item):
    return item


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


if __name__ == "__main__":
    unittest.main()
