"""Query parameters, as FastAPI documents them (tests/test_tutorial/test_query_params and
test_query_params_str_validations/test_tutorial011-013 in FastAPI's repository): defaults apply when a
key is absent, ``bool`` accepts pydantic's spellings, a missing required parameter and an invalid one
are both reported (in declaration order), and repeated keys fill a ``list``."""
from examples.compat import params_query
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200, RESPONSE_422, VALIDATION_SCHEMAS

RESPONSES = {
    "200": RESPONSE_200,
    "422": RESPONSE_422,
}
NULLABLE_STRING = [{"type": "string"}, {"type": "null"}]


class QueryParamsTest(AppTestCase):
    app = params_query.app

    def test_defaults(self):
        response = self.client.get("/items/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"skip": 0, "limit": 10, "q": None, "short": False})

    def test_values_are_converted(self):
        response = self.client.get("/items/?skip=20&limit=5&q=shoes&short=yes")
        self.assertEqual(response.json(), {"skip": 20, "limit": 5, "q": "shoes", "short": True})

    def test_bool_spellings(self):
        for value in ("1", "true", "True", "on", "yes"):
            self.assertIs(self.client.get(f"/items/?short={value}").json()["short"], True, value)
        for value in ("0", "false", "FALSE", "off", "no"):
            self.assertIs(self.client.get(f"/items/?short={value}").json()["short"], False, value)

    def test_invalid_bool_and_int(self):
        response = self.client.get("/items/?short=maybe&limit=ten")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "int_parsing", "loc": ["query", "limit"],
             "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "ten"},
            {"type": "bool_parsing", "loc": ["query", "short"],
             "msg": "Input should be a valid boolean, unable to interpret input", "input": "maybe"},
        ]})

    def test_required_parameter(self):
        response = self.client.get("/items/foo-item?needy=sooooneedy")
        self.assertEqual(response.json(), {"item_id": "foo-item", "needy": "sooooneedy", "skip": 0, "limit": None})

    def test_missing_required_and_invalid_optional(self):
        response = self.client.get("/items/foo-item?skip=many")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "missing", "loc": ["query", "needy"], "msg": "Field required", "input": None},
            {"type": "int_parsing", "loc": ["query", "skip"],
             "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "many"},
        ]})

    def test_list_defaults(self):
        response = self.client.get("/tags/")
        self.assertEqual(response.json(), {"tag": None, "n": [], "sort": ["name", "price"]})

    def test_list_from_repeated_keys(self):
        response = self.client.get("/tags/?tag=red&tag=blue&n=3&n=1&sort=date")
        self.assertEqual(response.json(), {"tag": ["red", "blue"], "n": [3, 1], "sort": ["date"]})

    def test_list_item_error_is_located_by_index(self):
        response = self.client.get("/tags/?n=1&n=two")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "int_parsing", "loc": ["query", "n", 1],
             "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "two"},
        ]})

    def test_openapi(self):
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {
                "/items/": {"get": {
                    "summary": "List Items",
                    "operationId": "list_items_items__get",
                    "parameters": [
                        {"name": "skip", "in": "query", "required": False,
                         "schema": {"type": "integer", "default": 0, "title": "Skip"}},
                        {"name": "limit", "in": "query", "required": False,
                         "schema": {"type": "integer", "default": 10, "title": "Limit"}},
                        {"name": "q", "in": "query", "required": False,
                         "schema": {"anyOf": NULLABLE_STRING, "title": "Q"}},
                        {"name": "short", "in": "query", "required": False,
                         "schema": {"type": "boolean", "default": False, "title": "Short"}},
                    ],
                    "responses": RESPONSES,
                }},
                "/items/{item_id}": {"get": {
                    "summary": "Read Item",
                    "operationId": "read_item_items__item_id__get",
                    "parameters": [
                        {"name": "item_id", "in": "path", "required": True,
                         "schema": {"type": "string", "title": "Item Id"}},
                        {"name": "needy", "in": "query", "required": True,
                         "schema": {"type": "string", "title": "Needy"}},
                        {"name": "skip", "in": "query", "required": False,
                         "schema": {"type": "integer", "default": 0, "title": "Skip"}},
                        {"name": "limit", "in": "query", "required": False,
                         "schema": {"anyOf": [{"type": "integer"}, {"type": "null"}], "title": "Limit"}},
                    ],
                    "responses": RESPONSES,
                }},
                "/tags/": {"get": {
                    "summary": "Read Tags",
                    "operationId": "read_tags_tags__get",
                    "parameters": [
                        {"name": "tag", "in": "query", "required": False,
                         "schema": {"anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "null"}],
                                    "title": "Tag"}},
                        {"name": "n", "in": "query", "required": False,
                         "schema": {"type": "array", "items": {"type": "integer"}, "default": [], "title": "N"}},
                        {"name": "sort", "in": "query", "required": False,
                         "schema": {"type": "array", "items": {"type": "string"}, "default": ["name", "price"],
                                    "title": "Sort"}},
                    ],
                    "responses": RESPONSES,
                }},
            },
            "components": {"schemas": VALIDATION_SCHEMAS},
        })
