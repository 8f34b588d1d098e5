"""OpenAPI callbacks (FastAPI's tests/test_tutorial/test_openapi_callbacks/test_tutorial001.py and
docs_src/openapi_callbacks/tutorial001.py, whose callback path is ``{$callback_url}/invoices/{$request.body.id}``).

Expected values are current FastAPI's (fastapi/openapi/utils.py, ``get_openapi_path``: for each callback
route, ``callbacks[callback.name] = {callback.path: <its path item>}``): the callback is documented inside the
operation like any path operation (summary, operation id from its name and path, body, response model, 422),
its models join ``components``, and it is not served. The callback path is an OpenAPI runtime expression,
so it does not start with ``/``. ``ValidationError`` lists ``input`` and ``ctx``.
"""
import unittest

from examples.compat import openapi_callbacks
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import HTTP_VALIDATION_ERROR, RESPONSE_200, RESPONSE_422, VALIDATION_ERROR


class CallbacksTest(AppTestCase):
    app = openapi_callbacks.app

    def test_create_payment(self) -> None:
        response = self.client.post("/payments/", params={"callback_url": "https://shop.example.com/hooks"},
                                    json={"id": "p-1", "payer": "ann", "amount": 12.5})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(),
                         {"msg": "Payment received", "id": "p-1", "callback_url": "https://shop.example.com/hooks"})

    def test_callback_is_not_served(self) -> None:
        response = self.client.post("/payments/p-1", json={"description": "settled", "settled": True})
        self.assertEqual(response.status_code, 404)

    def test_openapi(self) -> None:
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {"/payments/": {"post": {
                "summary": "Create Payment",
                "description": "Register a payment; once it settles we POST a `PaymentEvent` to `callback_url`.",
                "operationId": "create_payment_payments__post",
                "parameters": [{"name": "callback_url", "in": "query", "required": False, "schema": {
                    "anyOf": [{"type": "string"}, {"type": "null"}], "title": "Callback Url"}}],
                "requestBody": {
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Payment"}}},
                    "required": True,
                },
                "responses": {
                    "200": RESPONSE_200,
                    "422": RESPONSE_422,
                },
                "callbacks": {"payment_notification": {"{$callback_url}/payments/{$request.body.id}": {"post": {
                    "summary": "Payment Notification",
                    "operationId": "payment_notification__callback_url__payments___request_body_id__post",
                    "requestBody": {
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PaymentEvent"}}},
                        "required": True,
                    },
                    "responses": {
                        "200": {"description": "Successful Response", "content": {"application/json": {
                            "schema": {"$ref": "#/components/schemas/PaymentEventAck"}}}},
                        "422": RESPONSE_422,
                    },
                }}}},
            }}},
            "components": {"schemas": {
                "HTTPValidationError": HTTP_VALIDATION_ERROR,
                "Payment": {
                    "title": "Payment",
                    "type": "object",
                    "properties": {
                        "id": {"type": "string", "title": "Id"},
                        "payer": {"type": "string", "title": "Payer"},
                        "amount": {"type": "number", "title": "Amount"},
                    },
                    "required": ["id", "payer", "amount"],
                },
                "PaymentEvent": {
                    "title": "PaymentEvent",
                    "type": "object",
                    "properties": {
                        "description": {"type": "string", "title": "Description"},
                        "settled": {"type": "boolean", "title": "Settled"},
                    },
                    "required": ["description", "settled"],
                },
                "PaymentEventAck": {
                    "title": "PaymentEventAck",
                    "type": "object",
                    "properties": {"ok": {"type": "boolean", "title": "Ok"}},
                    "required": ["ok"],
                },
                "ValidationError": VALIDATION_ERROR,
            }},
        })


if __name__ == "__main__":
    unittest.main()
