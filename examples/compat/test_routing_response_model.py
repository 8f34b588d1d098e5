"""Response models: filtering, validation (a ResponseValidationError, a 500 for the client),
return annotations, ``response_model=None``, and the schemas FastAPI documents for them.

Expected values follow current FastAPI (0.115+, pydantic v2, OpenAPI 3.1.0): response schemas
that are not a model ``$ref`` get the title ``Response <Operation Id titled>``; a model whose
validation and serialization schemas differ (here: a computed field) is split into -Input and
-Output; ``"default": null`` is dropped from the document. The ValidationError schema is the
newest one, with the ``input`` and ``ctx`` properties."""
import unittest

from examples.compat import routing_response_model
from tachyon.exceptions import ResponseValidationError
from tachyon.testclient import TestClient
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_422 as VALIDATION_422, VALIDATION_SCHEMAS


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def json_response(schema: dict, status: str = "200") -> dict:
    return {status: {"description": "Successful Response", "content": {"application/json": {"schema": schema}}}}


def body(name: str) -> dict:
    return {"content": {"application/json": {"schema": ref(name)}}, "required": True}


USER_FIELDS = {
    "username": {"type": "string", "title": "Username"},
    "email": {"type": "string", "title": "Email"},
    "full_name": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Full Name"},
}
INVOICE_FIELDS = {
    "net": {"type": "number", "title": "Net"},
    "vat_rate": {"type": "number", "title": "Vat Rate", "default": 0.2},
}

OPENAPI = {
    "openapi": "3.1.0",
    "info": {"title": "FastAPI", "version": "0.1.0"},
    "paths": {
        "/users/": {
            "post": {
                "summary": "Create User",
                "operationId": "create_user_users__post",
                "requestBody": body("UserIn"),
                "responses": {**json_response(ref("UserOut"), "201"), "422": VALIDATION_422},
            }
        },
        "/accounts/": {
            "post": {
                "summary": "Create Account",
                "operationId": "create_account_accounts__post",
                "requestBody": body("UserIn"),
                "responses": {**json_response(ref("UserBase")), "422": VALIDATION_422},
            }
        },
        "/gizmos/": {
            "get": {
                "summary": "List Gizmos",
                "operationId": "list_gizmos_gizmos__get",
                "responses": json_response(
                    {"type": "array", "items": ref("Gizmo"), "title": "Response List Gizmos Gizmos  Get"}),
            }
        },
        "/stock": {
            "get": {
                "summary": "Read Stock",
                "operationId": "read_stock_stock_get",
                "responses": json_response(
                    {"type": "object", "additionalProperties": {"type": "integer"},
                     "title": "Response Read Stock Stock Get"}),
            }
        },
        "/portal": {
            "get": {
                "summary": "Get Portal",
                "operationId": "get_portal_portal_get",
                "parameters": [
                    {"name": "teleport", "in": "query", "required": False,
                     "schema": {"type": "boolean", "default": False, "title": "Teleport"}},
                ],
                "responses": {**json_response({}), "422": VALIDATION_422},
            }
        },
        "/invoices/": {
            "post": {
                "summary": "Create Invoice",
                "operationId": "create_invoice_invoices__post",
                "requestBody": body("Invoice-Input"),
                "responses": {**json_response(ref("Invoice-Output")), "422": VALIDATION_422},
            }
        },
        "/ghost": {
            "get": {
                "summary": "Read Ghost",
                "operationId": "read_ghost_ghost_get",
                "responses": json_response(ref("UserOut")),
            }
        },
    },
    "components": {
        "schemas": {
            "Gizmo": {
                "title": "Gizmo",
                "type": "object",
                "properties": {
                    "name": {"type": "string", "title": "Name"},
                    "price": {"type": "number", "title": "Price"},
                    "tags": {"type": "array", "items": {"type": "string"}, "title": "Tags", "default": []},
                },
                "required": ["name", "price"],
            },
            "Invoice-Input": {
                "title": "Invoice",
                "type": "object",
                "properties": INVOICE_FIELDS,
                "required": ["net"],
            },
            "Invoice-Output": {
                "title": "Invoice",
                "type": "object",
                "properties": {**INVOICE_FIELDS, "gross": {"type": "number", "title": "Gross", "readOnly": True}},
                "required": ["net", "gross"],
            },
            "UserBase": {
                "title": "UserBase",
                "type": "object",
                "properties": USER_FIELDS,
                "required": ["username", "email"],
            },
            "UserIn": {
                "title": "UserIn",
                "type": "object",
                "properties": {**USER_FIELDS, "password": {"type": "string", "title": "Password"}},
                "required": ["username", "email", "password"],
            },
            "UserOut": {
                "title": "UserOut",
                "type": "object",
                "properties": USER_FIELDS,
                "required": ["username", "email"],
            },
            **VALIDATION_SCHEMAS,
        }
    },
}

NEW_USER = {"username": "ann", "email": "ann@example.com", "password": "hunter2"}


class ResponseModelTest(AppTestCase):
    app = routing_response_model.app

    def test_response_model_filters_the_returned_object(self) -> None:
        r = self.client.post("/users/", json=NEW_USER)
        self.assertEqual(r.status_code, 201)
        self.assertEqual(r.json(), {"username": "ann", "email": "ann@example.com", "full_name": None})

    def test_return_annotation_of_a_base_class_filters_subclass_fields(self) -> None:
        r = self.client.post("/accounts/", json={**NEW_USER, "full_name": "Ann Smith"})
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.json(), {"username": "ann", "email": "ann@example.com", "full_name": "Ann Smith"})

    def test_list_annotation_validates_dicts_and_models(self) -> None:
        self.assertEqual(self.client.get("/gizmos/").json(), [
            {"name": "Portal gun", "price": 42.0, "tags": []},
            {"name": "Plumbus", "price": 3.5, "tags": ["household"]},
        ])

    def test_annotation_coerces_returned_values(self) -> None:
        r = self.client.get("/stock")
        self.assertEqual(r.content, b'{"apples":3,"pears":5}')

    def test_response_model_none_allows_any_return(self) -> None:
        self.assertEqual(self.client.get("/portal").json(), {"message": "Here is your portal."})
        r = self.client.get("/portal", params={"teleport": "true"}, follow_redirects=False)
        self.assertEqual(r.status_code, 307)
        self.assertEqual(r.headers["location"], "https://example.com/portal")

    def test_computed_field_is_serialized(self) -> None:
        r = self.client.post("/invoices/", json={"net": 100})
        self.assertEqual(r.json(), {"net": 100.0, "vat_rate": 0.2, "gross": 120.0})

    def test_invalid_response_raises_response_validation_error(self) -> None:
        with self.assertRaises(ResponseValidationError) as caught:
            self.client.get("/ghost")
        self.assertEqual(caught.exception.errors(), [
            {"type": "missing", "loc": ("response", "email"), "msg": "Field required", "input": {"username": "ghost"}},
        ])

    def test_invalid_response_is_a_500_for_the_client(self) -> None:
        client = TestClient(self.app, raise_server_exceptions=False)
        self.addCleanup(client.close)
        r = client.get("/ghost")
        self.assertEqual(r.status_code, 500)
        self.assertEqual(r.headers["content-type"], "text/plain; charset=utf-8")
        self.assertEqual(r.text, "Internal Server Error")

    def test_openapi_paths(self) -> None:
        self.assertEqual(self.app.openapi()["paths"], OPENAPI["paths"])

    def test_openapi_document(self) -> None:
        r = self.client.get("/openapi.json")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.json(), OPENAPI)


if __name__ == "__main__":
    unittest.main()
