"""Path operation options: what each changes in the response and in the OpenAPI document.

Expected values follow current FastAPI (0.115+, pydantic v2, OpenAPI 3.1.0): descriptions are
``inspect.cleandoc``-ed docstrings (or the explicit text), cut at a form feed and stripped;
additional responses are merged into the generated ones; ``openapi_extra`` is deep-merged (lists
appended). The ValidationError schema is the newest one, with the ``input`` and ``ctx`` properties."""
import unittest

from examples.compat import routing_operation_config
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200 as JSON_200, RESPONSE_422 as VALIDATION_422, VALIDATION_SCHEMAS

GADGET_REF = {"$ref": "#/components/schemas/Gadget"}

OPENAPI = {
    "openapi": "3.1.0",
    "info": {"title": "FastAPI", "version": "0.1.0"},
    "paths": {
        "/gadgets/": {
            "post": {
                "tags": ["gadgets"],
                "summary": "Create a gadget",
                "description": "Create a gadget with:\n\n- **name**: what it is called\n- **price**: what it costs",
                "operationId": "create_gadget_gadgets__post",
                "requestBody": {"content": {"application/json": {"schema": GADGET_REF}}, "required": True},
                "responses": {
                    "201": {"description": "The created gadget", "content": {"application/json": {"schema": GADGET_REF}}},
                    "422": VALIDATION_422,
                },
            },
            "get": {
                "tags": ["gadgets"],
                "summary": "All Gadgets",
                "description": "List every gadget in the shop.",
                "operationId": "all_gadgets_gadgets__get",
                "responses": {"200": JSON_200},
            },
        },
        "/gadgets/{gadget_id}": {
            "get": {
                "summary": "Read Gadget",
                "operationId": "read_gadget_gadgets__gadget_id__get",
                "parameters": [
                    {"name": "gadget_id", "in": "path", "required": True,
                     "schema": {"type": "string", "title": "Gadget Id"}},
                ],
                "responses": {
                    "200": {
                        "description": "The gadget as JSON or as a picture",
                        "content": {"application/json": {"schema": {}}, "image/png": {}},
                    },
                    "404": {
                        "description": "The gadget was not found",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Message"}}},
                    },
                    "422": VALIDATION_422,
                },
            }
        },
        "/customers/": {
            "get": {
                "tags": ["customers"],
                "summary": "Read Customers",
                "operationId": "listCustomers",
                "deprecated": True,
                "responses": {"200": JSON_200},
            }
        },
        "/reports/": {
            "get": {
                "summary": "Read Reports",
                "operationId": "read_reports_reports__get",
                "parameters": [
                    {"name": "since", "in": "query", "required": False,
                     "schema": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Since"}},
                    {"name": "format", "in": "query", "schema": {"type": "string"}},
                ],
                "responses": {"200": JSON_200, "422": VALIDATION_422},
                "x-owner": "reporting-team",
            }
        },
    },
    "components": {
        "schemas": {
            "Gadget": {
                "title": "Gadget",
                "type": "object",
                "properties": {"name": {"type": "string", "title": "Name"}, "price": {"type": "number", "title": "Price"}},
                "required": ["name", "price"],
            },
            "Message": {
                "title": "Message",
                "type": "object",
                "properties": {"message": {"type": "string", "title": "Message"}},
                "required": ["message"],
            },
            **VALIDATION_SCHEMAS,
        }
    },
}


class OperationConfigTest(AppTestCase):
    app = routing_operation_config.app

    def test_status_code_and_response_model(self) -> None:
        r = self.client.post("/gadgets/", json={"name": "Hoverboard", "price": 100, "colour": "pink"})
        self.assertEqual(r.status_code, 201)
        self.assertEqual(r.headers["content-type"], "application/json")
        self.assertEqual(r.json(), {"name": "Hoverboard", "price": 100.0})

    def test_named_operation_serves(self) -> None:
        r = self.client.get("/gadgets/")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.json(), [{"name": "Flux capacitor", "price": 88.0}])
        self.assertEqual(self.app.url_path_for("all_gadgets"), "/gadgets/")

    def test_additional_responses_are_documentation_only(self) -> None:
        self.assertEqual(self.client.get("/gadgets/flux").json(), {"id": "flux", "name": "Flux capacitor"})
        r = self.client.get("/gadgets/toaster")
        self.assertEqual(r.status_code, 404)
        self.assertEqual(r.json(), {"message": "Gadget not found"})

    def test_deprecated_and_hidden_operations_serve(self) -> None:
        self.assertEqual(self.client.get("/customers/").json(), [{"name": "Marty"}])
        self.assertEqual(self.client.get("/internal/").json(), {"requests": 42})

    def test_openapi_extra_does_not_change_the_handler(self) -> None:
        self.assertEqual(self.client.get("/reports/", params={"since": "2024", "format": "csv"}).json(),
                         {"since": "2024"})

    def test_docstring_description(self) -> None:
        op = self.app.openapi()["paths"]["/gadgets/"]["post"]
        self.assertEqual(op["description"], OPENAPI["paths"]["/gadgets/"]["post"]["description"])

    def test_explicit_description_is_stripped(self) -> None:
        op = self.app.openapi()["paths"]["/gadgets/"]["get"]
        self.assertEqual(op["description"], "List every gadget in the shop.")

    def test_openapi_paths(self) -> None:
        self.assertEqual(self.app.openapi()["paths"], OPENAPI["paths"])

    def test_openapi_document(self) -> None:
        r = self.client.get("/openapi.json")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.json(), OPENAPI)


if __name__ == "__main__":
    unittest.main()
