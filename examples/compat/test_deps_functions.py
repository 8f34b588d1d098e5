"""Function dependencies sharing query parameters, as in FastAPI's tutorial (FastAPI's
tests/test_tutorial/test_dependencies/test_tutorial001_tutorial001_02.py): the dependency's parameters
are read from the request, validated like the endpoint's own, and listed in each operation's OpenAPI."""
from examples.compat import deps_functions
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200, RESPONSE_422, VALIDATION_SCHEMAS

RESPONSES = {
    "200": RESPONSE_200,
    "422": RESPONSE_422,
}
COMMON_PARAMETERS = [
    {"name": "q", "in": "query", "required": False,
     "schema": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Q"}},
    {"name": "skip", "in": "query", "required": False, "schema": {"type": "integer", "default": 0, "title": "Skip"}},
    {"name": "limit", "in": "query", "required": False, "schema": {"type": "integer", "default": 100, "title": "Limit"}},
]


class FunctionDependenciesTest(AppTestCase):
    maxDiff = None
    app = deps_functions.app

    def test_defaults(self):
        response = self.client.get("/users/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"q": None, "skip": 0, "limit": 100})

    def test_values_from_the_query_string(self):
        response = self.client.get("/users/", params={"q": "foo", "skip": 5, "limit": 30})
        self.assertEqual(response.json(), {"q": "foo", "skip": 5, "limit": 30})

    def test_the_endpoint_uses_the_dependency_result(self):
        response = self.client.get("/items/?skip=1&limit=1")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"q": None, "skip": 1, "limit": 1, "items": [{"item_name": "Bar"}]})
        self.assertEqual(response.headers["content-type"], "application/json")

    def test_invalid_dependency_parameters(self):
        response = self.client.get("/items/?skip=abc&limit=1.5")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "int_parsing", "loc": ["query", "skip"],
             "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "abc"},
            {"type": "int_parsing", "loc": ["query", "limit"],
             "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "1.5"},
        ]})

    def test_openapi(self):
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {
                "/items/": {"get": {"summary": "Read Items", "operationId": "read_items_items__get",
                                    "parameters": COMMON_PARAMETERS, "responses": RESPONSES}},
                "/users/": {"get": {"summary": "Read Users", "operationId": "read_users_users__get",
                                    "parameters": COMMON_PARAMETERS, "responses": RESPONSES}},
            },
            "components": {"schemas": VALIDATION_SCHEMAS},
        })
