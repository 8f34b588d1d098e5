"""TestClient(router): a bare APIRouter is an app of its own, as Starlette's Router is an ASGI app; nothing
catches what its routes raise, and its misses are Starlette's plain-text answers."""
from __future__ import annotations

import unittest

from tachyon import APIRouter, HTTPException, RequestValidationError
from tachyon.testclient import TestClient


class RouterAsAppTest(unittest.TestCase):
    def setUp(self) -> None:
        self.router = APIRouter()

        @self.router.get("/items/{item_id}")
        def item(item_id: int):
            if item_id == 0:
                raise HTTPException(status_code=404, detail="Item not found")
            return {"item_id": item_id}

    def test_routes_answer_and_later_routes_too(self) -> None:
        with TestClient(self.router) as client:
            self.assertEqual(client.get("/items/3").json(), {"item_id": 3})

            @self.router.get("/late")
            def late():
                return "late"

            self.assertEqual(client.get("/late").json(), "late")
            self.assertIs(client.app, self.router)

    def test_misses_are_starlettes_plain_text_answers(self) -> None:
        with TestClient(self.router) as client:
            missing, wrong_method = client.get("/nowhere"), client.post("/items/3")
        self.assertEqual((missing.status_code, missing.text, missing.headers["content-type"]),
                         (404, "Not Found", "text/plain; charset=utf-8"))
        self.assertEqual((wrong_method.status_code, wrong_method.text, wrong_method.headers["allow"]),
                         (405, "Method Not Allowed", "GET"))

    def test_what_routes_raise_reaches_the_test(self) -> None:
        """No application catches it: not the route's HTTPException, nor a validation error."""
        with TestClient(self.router) as client:
            with self.assertRaises(HTTPException) as raised:
                client.get("/items/0")
            self.assertEqual(raised.exception.detail, "Item not found")
            with self.assertRaises(RequestValidationError):
                client.get("/items/x")
        with TestClient(self.router, raise_server_exceptions=False) as client:
            self.assertEqual(client.get("/items/0").status_code, 500)


if __name__ == "__main__":
    unittest.main()
