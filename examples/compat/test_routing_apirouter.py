"""APIRouter options through the engine, and the OpenAPI document FastAPI writes for them.

Expected values follow current FastAPI (0.115+, pydantic v2, OpenAPI 3.1.0); the ValidationError
schema is the newest one, with the ``input`` and ``ctx`` properties."""
import unittest

from examples.compat import routing_apirouter
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200 as JSON_200, RESPONSE_422 as VALIDATION_422, VALIDATION_SCHEMAS

KEY = {"X-Key": "shelf-key"}

X_KEY = {"name": "x-key", "in": "header", "required": True, "schema": {"type": "string", "title": "X-Key"}}

OPENAPI = {
    "openapi": "3.1.0",
    "info": {"title": "FastAPI", "version": "0.1.0"},
    "paths": {
        "/items/": {
            "get": {
                "tags": ["items"],
                "summary": "List Items",
                "operationId": "list_items_items__get",
                "parameters": [X_KEY],
                "responses": {"200": JSON_200, "404": {"description": "Item not found"}, "422": VALIDATION_422},
            }
        },
        "/items/{item_id}": {
            "get": {
                "tags": ["items", "single"],
                "summary": "Read Item",
                "operationId": "read_item_items__item_id__get",
                "parameters": [
                    {"name": "item_id", "in": "path", "required": True, "schema": {"type": "string", "title": "Item Id"}},
                    X_KEY,
                ],
                "responses": {"200": JSON_200, "404": {"description": "Item not found"}, "422": VALIDATION_422},
            }
        },
        "/legacy/ping": {
            "get": {
                "tags": ["legacy"],
                "summary": "Legacy Ping",
                "operationId": "legacy_ping_legacy_ping_get",
                "deprecated": True,
                "responses": {"200": JSON_200},
            }
        },
        "/legacy/pong": {
            "get": {
                "tags": ["legacy"],
                "summary": "Legacy Pong",
                "operationId": "legacy_pong_legacy_pong_get",
                "deprecated": True,
                "responses": {"200": JSON_200},
            }
        },
        "/pages/welcome": {
            "get": {
                "summary": "Welcome",
                "operationId": "welcome_pages_welcome_get",
                "responses": {
                    "200": {"description": "Successful Response", "content": {"text/html": {"schema": {"type": "string"}}}},
                },
            }
        },
    },
    "components": {"schemas": VALIDATION_SCHEMAS},
}


class APIRouterTest(AppTestCase):
    app = routing_apirouter.app

    def test_router_dependency_guards_every_operation(self) -> None:
        for path in ("/items/", "/items/lamp"):
            r = self.client.get(path, headers={"X-Key": "wrong"})
            self.assertEqual(r.status_code, 403, path)
            self.assertEqual(r.json(), {"detail": "Invalid X-Key header"})

    def test_router_dependency_parameters_are_validated(self) -> None:
        r = self.client.get("/items/lamp")
        self.assertEqual(r.status_code, 422)
        self.assertEqual(r.json(), {"detail": [
            {"type": "missing", "loc": ["header", "x-key"], "msg": "Field required", "input": None},
        ]})

    def test_prefixed_operations(self) -> None:
        r = self.client.get("/items/", headers=KEY)
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.headers["content-type"], "application/json")
        self.assertEqual(r.json(), {"lamp": {"name": "Desk lamp"}, "chair": {"name": "Office chair"}})
        r = self.client.get("/items/chair", headers=KEY)
        self.assertEqual(r.json(), {"item_id": "chair", "name": "Office chair"})
        r = self.client.get("/items/sofa", headers=KEY)
        self.assertEqual(r.status_code, 404)
        self.assertEqual(r.json(), {"detail": "Item not found"})

    def test_unprefixed_path_is_not_routed(self) -> None:
        self.assertEqual(self.client.get("/lamp", headers=KEY).status_code, 404)

    def test_deprecated_and_hidden_routers_still_serve(self) -> None:
        self.assertEqual(self.client.get("/legacy/ping").json(), {"ping": "pong"})
        self.assertEqual(self.client.get("/legacy/pong").json(), {"pong": "ping"})
        r = self.client.get("/internal/health")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.json(), {"status": "ok"})

    def test_router_default_response_class(self) -> None:
        r = self.client.get("/pages/welcome")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.headers["content-type"], "text/html; charset=utf-8")
        self.assertEqual(r.text, "<h1>Welcome</h1>")

    def test_openapi_paths(self) -> None:
        self.assertEqual(self.app.openapi()["paths"], OPENAPI["paths"])

    def test_openapi_document(self) -> None:
        r = self.client.get("/openapi.json")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.json(), OPENAPI)


if __name__ == "__main__":
    unittest.main()
