"""Custom route classes: the timed router adds its header to its own routes only; the app router's
class turns a validation error into FastAPI's example answer (errors and body); the OpenAPI document
is the one FastAPI generates for these routes.

Expected values follow current FastAPI (0.115+, pydantic v2, OpenAPI 3.1.0)."""
import unittest

from examples.compat import routing_custom_route_class
from examples.compat.openapi_shapes import RESPONSE_200 as JSON_200, RESPONSE_422 as VALIDATION_422, VALIDATION_SCHEMAS
from tests.client_case import AppTestCase

OPENAPI = {
    "openapi": "3.1.0",
    "info": {"title": "FastAPI", "version": "0.1.0"},
    "paths": {
        "/": {
            "get": {"summary": "Not Timed", "operationId": "not_timed__get", "responses": {"200": JSON_200}},
            "post": {
                "summary": "Sum Numbers",
                "operationId": "sum_numbers__post",
                "requestBody": {
                    "content": {"application/json": {"schema": {
                        "type": "array", "items": {"type": "integer"}, "title": "Numbers"}}},
                    "required": True,
                },
                "responses": {"200": JSON_200, "422": VALIDATION_422},
            },
        },
        "/timed": {
            "get": {"summary": "Timed", "operationId": "timed_timed_get", "responses": {"200": JSON_200}},
        },
    },
    "components": {"schemas": VALIDATION_SCHEMAS},
}


class CustomRouteClassTest(AppTestCase):
    app = routing_custom_route_class.app

    def test_get_timed(self) -> None:
        response = self.client.get("/timed")
        self.assertEqual(response.json(), {"message": "It's the time of my life"})
        self.assertIn("X-Response-Time", response.headers)
        self.assertGreater(float(response.headers["X-Response-Time"]), 0)

    def test_get_not_timed(self) -> None:
        response = self.client.get("/")
        self.assertEqual(response.json(), {"message": "Not timed"})
        self.assertNotIn("X-Response-Time", response.headers)

    def test_sum(self) -> None:
        self.assertEqual(self.client.post("/", json=[1, 2, 3]).json(), 6)

    def test_validation_error_answered_with_the_body(self) -> None:
        response = self.client.post("/", json={"numbers": [1, 2, 3]})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": {
            "errors": [{"type": "list_type", "loc": ["body"], "msg": "Input should be a valid list",
                        "input": {"numbers": [1, 2, 3]}}],
            "body": '{"numbers":[1,2,3]}',
        }})

    def test_openapi_document(self) -> None:
        self.assertEqual(self.client.get("/openapi.json").json(), OPENAPI)


if __name__ == "__main__":
    unittest.main()
