"""Parameter and form models: FastAPI marks the key each field is looked up under as used, so a received key
equal to a field's Python name next to its validation alias is passed on to the model as an extra key (the model
may take it, or refuse it with extra="forbid"). A header model's field also marks its unconverted name: a header
sent with underscores is ignored, the hyphenated one is the field's (FastAPI's tests
test_query_cookie_header_model_extra_params.py)."""
from __future__ import annotations

import unittest
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from tachyon import FastAPI, Form, Header, Query
from tests.client_case import AppTestCase

app = FastAPI()


class Hints(BaseModel):
    save_data: bool


class Paging(BaseModel):
    model_config = ConfigDict(extra="forbid")
    page: Annotated[int, Field(validation_alias="p")] = 0


@app.get("/hints")
def hints(h: Annotated[Hints, Header()]):
    return h


@app.get("/paging")
def paging(q: Annotated[Paging, Query()]):
    return q


@app.post("/paging")
def paging_form(f: Annotated[Paging, Form()]):
    return f


class ParameterModelKeysTest(AppTestCase):
    app = app

    def test_a_header_sent_under_the_fields_name_is_not_the_field(self) -> None:
        self.assertEqual(self.client.get("/hints", headers={"save-data": "true"}).json(), {"save_data": True})
        response = self.client.get("/hints", headers=[("save-data", "true"), ("save_data", "false")])
        self.assertEqual(response.json(), {"save_data": True})
        response = self.client.get("/hints", headers={"save_data": "true"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual([(e["type"], e["loc"]) for e in response.json()["detail"]], [("missing", ["header", "save_data"])])

    def test_the_fields_name_next_to_its_validation_alias_is_an_extra_key(self) -> None:
        self.assertEqual(self.client.get("/paging", params={"p": 1}).json(), {"page": 1})
        extra = [{"type": "extra_forbidden", "loc": ["query", "page"], "msg": "Extra inputs are not permitted",
                  "input": "2"}]
        response = self.client.get("/paging", params={"p": 1, "page": 2})
        self.assertEqual((response.status_code, response.json()), (422, {"detail": extra}))
        response = self.client.post("/paging", data={"p": 1, "page": 2})
        self.assertEqual((response.status_code, response.json()["detail"][0]["loc"]), (422, ["body", "page"]))


if __name__ == "__main__":
    unittest.main()
