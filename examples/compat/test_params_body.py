"""Body parameters, as FastAPI documents them (tests/test_tutorial/test_body_multiple_params/
test_tutorial001-005 in FastAPI's repository): a lone non-embedded ``Body()`` value is the whole body
(errors at ("body",)), ``embed=True`` and several body parameters expect one object keyed by parameter
name (errors at ("body", <name>, ...)), and the OpenAPI document describes the merged body as a
``Body_<operation id>`` component."""
from examples.compat import params_body
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200, RESPONSE_422, VALIDATION_SCHEMAS

RESPONSES = {
    "200": RESPONSE_200,
    "422": RESPONSE_422,
}
NULLABLE_STRING = [{"type": "string"}, {"type": "null"}]


class BodyParamsTest(AppTestCase):
    app = params_body.app

    def test_single_value_is_the_whole_body(self):
        response = self.client.post("/importance", json=5)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"importance": 5})

    def test_single_value_errors_are_at_body(self):
        response = self.client.post("/importance", json=0)
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "greater_than", "loc": ["body"], "msg": "Input should be greater than 0", "input": 0, "ctx": {"gt": 0}},
        ]})

    def test_single_value_is_not_embedded(self):
        response = self.client.post("/importance", json={"importance": 5})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "int_type", "loc": ["body"], "msg": "Input should be a valid integer", "input": {"importance": 5}},
        ]})

    def test_single_value_missing(self):
        response = self.client.post("/importance")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "missing", "loc": ["body"], "msg": "Field required", "input": None},
        ]})

    def test_embedded_model(self):
        response = self.client.put("/items/5", json={"item": {"name": "Foo", "price": 50.5}})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(),
                         {"item_id": 5, "item": {"name": "Foo", "price": 50.5, "description": None}})

    def test_embedded_model_sent_bare(self):
        response = self.client.put("/items/5", json={"name": "Foo", "price": 50.5})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "missing", "loc": ["body", "item"], "msg": "Field required", "input": None},
        ]})

    def test_embedded_model_field_error(self):
        response = self.client.put("/items/5", json={"item": {"name": "Foo"}})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "missing", "loc": ["body", "item", "price"], "msg": "Field required", "input": {"name": "Foo"}},
        ]})

    def test_several_body_parameters(self):
        response = self.client.post("/orders?q=gift", json={
            "item": {"name": "Foo", "price": 50.5, "description": "Some Foo"},
            "user": {"username": "dave"},
            "quantity": 2,
            "note": "ring twice",
        })
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {
            "item": {"name": "Foo", "price": 50.5, "description": "Some Foo"},
            "user": {"username": "dave", "full_name": None},
            "quantity": 2,
            "note": "ring twice",
            "q": "gift",
        })

    def test_several_body_parameters_missing(self):
        response = self.client.post("/orders")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "missing", "loc": ["body", "item"], "msg": "Field required", "input": None},
            {"type": "missing", "loc": ["body", "user"], "msg": "Field required", "input": None},
            {"type": "missing", "loc": ["body", "quantity"], "msg": "Field required", "input": None},
        ]})

    def test_several_body_parameters_invalid(self):
        response = self.client.post("/orders", json={"item": {"name": "Foo", "price": "cheap"},
                                                      "user": {"full_name": "Dave"}, "quantity": 0})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "float_parsing", "loc": ["body", "item", "price"],
             "msg": "Input should be a valid number, unable to parse string as a number", "input": "cheap"},
            {"type": "missing", "loc": ["body", "user", "username"], "msg": "Field required",
             "input": {"full_name": "Dave"}},
            {"type": "greater_than_equal", "loc": ["body", "quantity"], "msg": "Input should be greater than or equal to 1",
             "input": 0, "ctx": {"ge": 1}},
        ]})

    def test_openapi(self):
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {
                "/importance": {"post": {
                    "summary": "Set Importance",
                    "operationId": "set_importance_importance_post",
                    "requestBody": {
                        "content": {"application/json": {"schema": {
                            "type": "integer", "exclusiveMinimum": 0, "title": "Importance"}}},
                        "required": True,
                    },
                    "responses": RESPONSES,
                }},
                "/items/{item_id}": {"put": {
                    "summary": "Update Item",
                    "operationId": "update_item_items__item_id__put",
                    "parameters": [{"name": "item_id", "in": "path", "required": True,
                                    "schema": {"type": "integer", "title": "Item Id"}}],
                    "requestBody": {
                        "content": {"application/json": {"schema": {
                            "$ref": "#/components/schemas/Body_update_item_items__item_id__put"}}},
                        "required": True,
                    },
                    "responses": RESPONSES,
                }},
                "/orders": {"post": {
                    "summary": "Create Order",
                    "operationId": "create_order_orders_post",
                    "parameters": [{"name": "q", "in": "query", "required": False,
                                    "schema": {"anyOf": NULLABLE_STRING, "title": "Q"}}],
                    "requestBody": {
                        "content": {"application/json": {"schema": {
                            "$ref": "#/components/schemas/Body_create_order_orders_post"}}},
                        "required": True,
                    },
                    "responses": RESPONSES,
                }},
            },
            "components": {"schemas": {
                "Body_create_order_orders_post": {
                    "title": "Body_create_order_orders_post",
                    "type": "object",
                    "properties": {
                        "item": {"$ref": "#/components/schemas/Item"},
                        "user": {"$ref": "#/components/schemas/User"},
                        "quantity": {"type": "integer", "minimum": 1, "title": "Quantity"},
                        "note": {"anyOf": NULLABLE_STRING, "title": "Note"},
                    },
                    "required": ["item", "user", "quantity"],
                },
                "Body_update_item_items__item_id__put": {
                    "title": "Body_update_item_items__item_id__put",
                    "type": "object",
                    "properties": {"item": {"$ref": "#/components/schemas/Item"}},
                    "required": ["item"],
                },
                "Item": {
                    "title": "Item",
                    "type": "object",
                    "properties": {
                        "name": {"type": "string", "title": "Name"},
                        "price": {"type": "number", "title": "Price"},
                        "description": {"anyOf": NULLABLE_STRING, "title": "Description"},
                    },
                    "required": ["name", "price"],
                },
                "User": {
                    "title": "User",
                    "type": "object",
                    "properties": {
                        "username": {"type": "string", "title": "Username"},
                        "full_name": {"anyOf": NULLABLE_STRING, "title": "Full Name"},
                    },
                    "required": ["username"],
                },
                **VALIDATION_SCHEMAS,
            }},
        })
