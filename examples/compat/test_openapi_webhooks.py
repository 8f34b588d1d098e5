"""OpenAPI webhooks (FastAPI's tests/test_tutorial/test_openapi_webhooks/test_tutorial001.py and
docs_src/openapi_webhooks/tutorial001.py, which declares ``@app.webhooks.post("new-subscription")``).

Expected values are current FastAPI's: a webhook's "path" is just its name, with no leading ``/``; it is
documented under the top-level ``webhooks`` (not ``paths``) with the usual summary, docstring description,
body, 200 and 422 responses, and an operation id made of the function name and that name
(``new_subscriptionnew_subscription_post`` in FastAPI's test); its models join ``components``; it is not
served. ``ValidationError`` lists ``input`` and ``ctx`` (fastapi/openapi/utils.py).
"""
import unittest

from examples.compat import openapi_webhooks
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import HTTP_VALIDATION_ERROR, RESPONSE_200 as OK_200, RESPONSE_422, VALIDATION_ERROR


class WebhooksTest(AppTestCase):
    app = openapi_webhooks.app

    def test_route(self) -> None:
        self.assertEqual(self.client.get("/orders/").json(), [{"order_id": 1}])

    def test_webhooks_are_not_served(self) -> None:
        body = {"order_id": 1, "carrier": "DHL", "shipped_at": "2024-05-01T10:00:00"}
        response = self.client.post("/order-shipped", json=body)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json(), {"detail": "Not Found"})

    def test_webhook_router(self) -> None:
        self.assertEqual([(r.path, r.name, r.methods) for r in self.app.webhooks.routes],
                         [("order-shipped", "order_shipped", {"POST"})])

    def test_openapi(self) -> None:
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {"/orders/": {"get": {
                "summary": "List Orders",
                "operationId": "list_orders_orders__get",
                "responses": {"200": OK_200},
            }}},
            "webhooks": {"order-shipped": {"post": {
                "summary": "Order Shipped",
                "description": "When one of your orders leaves the warehouse we send you a POST request with this\n"
                               "data to the URL you registered for the event `order-shipped`.",
                "operationId": "order_shippedorder_shipped_post",
                "requestBody": {
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Shipment"}}},
                    "required": True,
                },
                "responses": {"200": OK_200, "422": RESPONSE_422},
            }}},
            "components": {"schemas": {
                "HTTPValidationError": HTTP_VALIDATION_ERROR,
                "Shipment": {
                    "title": "Shipment",
                    "type": "object",
                    "properties": {
                        "order_id": {"type": "integer", "title": "Order Id"},
                        "carrier": {"type": "string", "title": "Carrier"},
                        "shipped_at": {"type": "string", "format": "date-time", "title": "Shipped At"},
                    },
                    "required": ["order_id", "carrier", "shipped_at"],
                },
                "ValidationError": VALIDATION_ERROR,
            }},
        })


if __name__ == "__main__":
    unittest.main()
