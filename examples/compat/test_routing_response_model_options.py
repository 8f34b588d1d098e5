"""Response model options: exactly which keys each option keeps, aliases, and the OpenAPI document
(the options do not change the documented schema).

Expected values follow current FastAPI (0.115+, pydantic v2, OpenAPI 3.1.0); the ValidationError
schema is the newest one, with the ``input`` and ``ctx`` properties."""
import unittest

from examples.compat import routing_response_model_options
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_422 as VALIDATION_422, VALIDATION_SCHEMAS


def operation(name: str, path: str, param: str, title: str, kind: str, model: str) -> dict:
    op_path = path.replace("/", "_").replace("{", "_").replace("}", "_")
    return {
        "summary": name.replace("_", " ").title(),
        "operationId": f"{name}{op_path}_get",
        "parameters": [{"name": param, "in": "path", "required": True, "schema": {"type": kind, "title": title}}],
        "responses": {
            "200": {"description": "Successful Response",
                    "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{model}"}}}},
            "422": VALIDATION_422,
        },
    }


def plant_operation(name: str, path: str) -> dict:
    return {"get": operation(name, path, "plant_id", "Plant Id", "string", "Plant")}


def product_operation(name: str, path: str) -> dict:
    return {"get": operation(name, path, "product_id", "Product Id", "integer", "Product")}


OPENAPI = {
    "openapi": "3.1.0",
    "info": {"title": "FastAPI", "version": "0.1.0"},
    "paths": {
        "/plants/{plant_id}": plant_operation("read_plant", "/plants/{plant_id}"),
        "/plants/{plant_id}/full": plant_operation("read_plant_full", "/plants/{plant_id}/full"),
        "/plants/{plant_id}/changes": plant_operation("read_plant_changes", "/plants/{plant_id}/changes"),
        "/plants/{plant_id}/compact": plant_operation("read_plant_compact", "/plants/{plant_id}/compact"),
        "/plants/{plant_id}/label": plant_operation("read_plant_label", "/plants/{plant_id}/label"),
        "/plants/{plant_id}/public": plant_operation("read_plant_public", "/plants/{plant_id}/public"),
        "/products/{product_id}": product_operation("read_product", "/products/{product_id}"),
        "/products/{product_id}/internal": product_operation("read_product_internal", "/products/{product_id}/internal"),
    },
    "components": {
        "schemas": {
            "Plant": {
                "title": "Plant",
                "type": "object",
                "properties": {
                    "name": {"type": "string", "title": "Name"},
                    "description": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Description"},
                    "price": {"type": "number", "title": "Price"},
                    "discount": {"type": "number", "title": "Discount", "default": 0.0},
                    "tags": {"type": "array", "items": {"type": "string"}, "title": "Tags", "default": []},
                },
                "required": ["name", "price"],
            },
            "Product": {
                "title": "Product",
                "type": "object",
                "properties": {
                    "productId": {"type": "integer", "title": "Productid"},
                    "displayName": {"type": "string", "title": "Displayname"},
                },
                "required": ["productId", "displayName"],
            },
            **VALIDATION_SCHEMAS,
        }
    },
}


class ResponseModelOptionsTest(AppTestCase):
    app = routing_response_model_options.app

    def get(self, path: str):
        r = self.client.get(path)
        self.assertEqual(r.status_code, 200, path)
        return r.json()

    def test_no_option_renders_every_field_in_model_order(self) -> None:
        r = self.client.get("/plants/fern/full")
        self.assertEqual(r.content, b'{"name":"Fern","description":null,"price":12.5,"discount":0.0,"tags":[]}')

    def test_exclude_unset_keeps_what_the_data_set(self) -> None:
        self.assertEqual(self.get("/plants/fern"), {"name": "Fern", "price": 12.5})
        self.assertEqual(self.get("/plants/cactus"),
                         {"name": "Cactus", "description": "Needs no water", "price": 8.0, "discount": 1.5})
        self.assertEqual(self.get("/plants/moss"),
                         {"name": "Moss", "description": None, "price": 3.0, "discount": 0.0, "tags": []})

    def test_exclude_defaults_drops_values_equal_to_the_default(self) -> None:
        self.assertEqual(self.get("/plants/moss/changes"), {"name": "Moss", "price": 3.0})
        self.assertEqual(self.get("/plants/cactus/changes"),
                         {"name": "Cactus", "description": "Needs no water", "price": 8.0, "discount": 1.5})

    def test_exclude_none(self) -> None:
        self.assertEqual(self.get("/plants/moss/compact"), {"name": "Moss", "price": 3.0, "discount": 0.0, "tags": []})
        self.assertEqual(self.get("/plants/cactus/compact"),
                         {"name": "Cactus", "description": "Needs no water", "price": 8.0, "discount": 1.5, "tags": []})

    def test_include(self) -> None:
        self.assertEqual(self.get("/plants/cactus/label"), {"name": "Cactus", "description": "Needs no water"})
        self.assertEqual(self.get("/plants/fern/label"), {"name": "Fern", "description": None})

    def test_exclude(self) -> None:
        self.assertEqual(self.get("/plants/cactus/public"),
                         {"name": "Cactus", "description": "Needs no water", "price": 8.0, "tags": []})

    def test_by_alias(self) -> None:
        self.assertEqual(self.get("/products/5"), {"productId": 5, "displayName": "Watering can"})
        self.assertEqual(self.get("/products/5/internal"), {"product_id": 5, "display_name": "Watering can"})

    def test_openapi_paths(self) -> None:
        self.assertEqual(self.app.openapi()["paths"], OPENAPI["paths"])

    def test_openapi_document(self) -> None:
        r = self.client.get("/openapi.json")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.json(), OPENAPI)


if __name__ == "__main__":
    unittest.main()
