"""FastAPI 0.132+'s strict Content-Type checking: a body without a Content-Type header is not read as
JSON (it stays bytes, so a model parameter reports model_attributes_type), unless the app, a router or
the route says ``strict_content_type=False``."""
from __future__ import annotations

import unittest

from pydantic import BaseModel

from tachyon import APIRouter, Body, FastAPI
from tests.client_case import AppTestCase


class Item(BaseModel):
    name: str
    price: float


def create_item(item: Item):
    return item


def embedded(name: str = Body(embed=True)):
    return {"name": name}


strict_app = FastAPI()
strict_app.post("/items/")(create_item)
strict_app.post("/embedded/")(embedded)
strict_app.post("/lenient-route/", strict_content_type=False)(create_item)
lenient_router = APIRouter(strict_content_type=False)
lenient_router.post("/lenient-router/")(create_item)
strict_app.include_router(lenient_router)

lenient_app = FastAPI(strict_content_type=False)
lenient_app.post("/items/")(create_item)

BODY = b'{"name": "Foo", "price": 50.5}'


class StrictContentTypeTest(AppTestCase):
    app = strict_app

    def test_json_with_content_type(self) -> None:
        r = self.client.post("/items/", content=BODY, headers={"content-type": "application/json"})
        self.assertEqual(r.json(), {"name": "Foo", "price": 50.5})

    def test_no_content_type_is_not_json(self) -> None:
        r = self.client.post("/items/", content=BODY)
        self.assertEqual(r.status_code, 422)
        self.assertEqual(r.json(), {"detail": [{
            "type": "model_attributes_type", "loc": ["body"],
            "msg": "Input should be a valid dictionary or object to extract fields from",
            "input": BODY.decode()}]})
        r = self.client.post("/embedded/", content=b'{"name": "x"}')
        self.assertEqual(r.json()["detail"][0]["type"], "missing")

    def test_route_and_router_can_opt_out(self) -> None:
        for path in ("/lenient-route/", "/lenient-router/"):
            self.assertEqual(self.client.post(path, content=BODY).json(), {"name": "Foo", "price": 50.5}, path)


class LenientAppTest(AppTestCase):
    app = lenient_app

    def test_app_opt_out(self) -> None:
        self.assertEqual(self.client.post("/items/", content=BODY).json(), {"name": "Foo", "price": 50.5})


if __name__ == "__main__":
    unittest.main()
