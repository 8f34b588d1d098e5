"""A route with a response model and the default response class answers pydantic's own JSON of the validated
value, as FastAPI 0.130+ does (``dump_json``: its float notation, infinity and NaN as ``null``); a route
whose response class was named (even ``JSONResponse``) keeps JSON-mode values written as ``json.dumps``
writes them, through the engine and through the Python path a ``Response`` parameter takes."""
from __future__ import annotations

import datetime
import json
import random
import unittest
import uuid
import warnings
from decimal import Decimal

from pydantic import BaseModel, Field, TypeAdapter

from tachyon import APIRouter, FastAPI, Response
from tachyon.responses import JSONResponse, ORJSONResponse
from tachyon.testclient import TestClient


class Reading(BaseModel):
    value: float
    label: str = "é\u2028\x1f\""
    when: datetime.datetime = datetime.datetime(2026, 1, 2, 3, 4, 5, 678000)
    tag: uuid.UUID = uuid.UUID(int=7)
    amount: Decimal = Decimal("1.50")
    nick: str | None = Field(default=None, alias="nickName")


FLOATS = [1e-5, 1.5e-7, 0.0001, 1e16, 1e15, 1.2345678901234568e20, 0.1, 1 / 3, 5e-324, -0.0, 1e308, 123.0]


def make_app() -> FastAPI:
    app = FastAPI()

    @app.get("/reading")
    def reading(v: float) -> Reading:
        return {"value": v}

    @app.get("/reading/async", response_model=Reading, status_code=201)
    async def reading_async(v: float):
        return Reading(value=v)

    @app.get("/reading/response-param")
    async def reading_param(v: float, response: Response) -> Reading:
        response.headers["x-seen"] = "yes"
        response.status_code = 202
        return Reading(value=v)

    @app.get("/reading/excluded", response_model=Reading, response_model_exclude={"when", "tag"},
             response_model_by_alias=False)
    def reading_excluded(v: float):
        return {"value": v, "nickName": "n"}

    @app.get("/floats", response_model=list[float])
    def floats(v: float):
        return [v, float("nan"), float("-inf")]

    @app.get("/named", response_class=JSONResponse)
    def named(v: float) -> Reading:
        return {"value": v}

    @app.get("/plain")
    def plain(v: float):
        return {"value": v}

    router = APIRouter(prefix="/router")

    @router.get("/reading")
    def router_reading(v: float) -> Reading:
        return {"value": v}

    app.include_router(router)
    return app


def pydantic_json(v: float, **options) -> bytes:
    return TypeAdapter(Reading).dump_json(Reading(value=v), by_alias=True, **options)


class DefaultResponseClassTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.client = TestClient(make_app(), raise_server_exceptions=False)

    def test_body_is_pydantics_json(self) -> None:
        for v in FLOATS:
            for path in ("/reading", "/router/reading"):
                with self.subTest(v=v, path=path):
                    r = self.client.get(path, params={"v": repr(v)})
                    self.assertEqual(r.status_code, 200)
                    self.assertEqual(r.headers["content-type"], "application/json")
                    self.assertEqual(r.content, pydantic_json(v))

    def test_float_notation_is_pydantics_not_pythons(self) -> None:
        r = self.client.get("/reading", params={"v": "0.00001"})
        self.assertIn(b'"value":0.00001,', r.content)
        r = self.client.get("/reading", params={"v": "1.5e-7"})
        self.assertIn(b'"value":1.5e-7,', r.content)
        r = self.client.get("/reading", params={"v": "1e16"})
        self.assertIn(b'"value":1e+16,', r.content)

    def test_infinity_and_nan_are_null(self) -> None:
        for v in ("inf", "-inf", "nan"):
            r = self.client.get("/reading", params={"v": v})
            self.assertEqual(r.status_code, 200)
            self.assertEqual(r.json()["value"], None)
        r = self.client.get("/floats", params={"v": "1e-6"})
        self.assertEqual(r.content, b"[1e-6,null,null]")

    def test_random_floats_match(self) -> None:
        rng = random.Random(20261126)
        for _ in range(200):
            v = rng.choice([rng.uniform(-1, 1) * 10 ** rng.randint(-12, 22), rng.random() / 10 ** rng.randint(0, 9)])
            r = self.client.get("/reading/async", params={"v": repr(v)})
            self.assertEqual(r.status_code, 201)
            self.assertEqual(r.content, pydantic_json(v), v)

    def test_response_parameter_path(self) -> None:
        r = self.client.get("/reading/response-param", params={"v": "0.00002"})
        self.assertEqual(r.status_code, 202)
        self.assertEqual(r.headers["x-seen"], "yes")
        self.assertEqual(r.headers["content-type"], "application/json")
        self.assertEqual(r.content, pydantic_json(2e-5))

    def test_options_apply(self) -> None:
        r = self.client.get("/reading/excluded", params={"v": "3e-5"})
        expected = TypeAdapter(Reading).dump_json(Reading(value=3e-5, nickName="n"), by_alias=False,
                                                   exclude={"when", "tag"})
        self.assertEqual(r.content, expected)
        self.assertIn(b'"nick":"n"', r.content)


class NamedResponseClassTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.client = TestClient(make_app(), raise_server_exceptions=False)

    def test_named_json_response_writes_python_notation(self) -> None:
        r = self.client.get("/named", params={"v": "0.00001"})
        self.assertEqual(r.status_code, 200)
        expected = TypeAdapter(Reading).dump_python(Reading(value=1e-5), mode="json", by_alias=True)
        self.assertEqual(r.content, json.dumps(expected, ensure_ascii=False, separators=(",", ":")).encode())
        self.assertIn(b'"value":1e-05,', r.content)

    def test_named_json_response_refuses_infinity(self) -> None:
        self.assertEqual(self.client.get("/named", params={"v": "inf"}).status_code, 500)

    def test_no_response_model_writes_python_notation(self) -> None:
        self.assertEqual(self.client.get("/plain", params={"v": "0.00001"}).content, b'{"value":1e-05}')

    def test_app_default_response_class_is_not_the_default(self) -> None:
        app = FastAPI(default_response_class=ORJSONResponse)

        @app.get("/reading")
        def reading(v: float) -> Reading:
            return {"value": v}

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")   # ORJSONResponse is deprecated, as in FastAPI
            r = TestClient(app).get("/reading", params={"v": "0.5"})
        expected = TypeAdapter(Reading).dump_python(Reading(value=0.5), mode="json", by_alias=True)
        self.assertEqual(r.json(), expected)
        self.assertEqual(r.content, json.dumps(expected, ensure_ascii=False, separators=(",", ":")).encode())


if __name__ == "__main__":
    unittest.main()
