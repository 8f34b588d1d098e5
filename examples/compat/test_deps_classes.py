"""Classes and callable instances as dependencies (FastAPI's
tests/test_tutorial/test_dependencies/test_tutorial002_tutorial003_tutorial004.py and
tests/test_tutorial/test_dependencies/test_tutorial011.py): ``__init__``'s or ``__call__``'s parameters
become the operation's parameters."""
from examples.compat import deps_classes
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200, RESPONSE_422, VALIDATION_SCHEMAS

RESPONSES = {
    "200": RESPONSE_200,
    "422": RESPONSE_422,
}
CLASS_PARAMETERS = [
    {"name": "q", "in": "query", "required": False,
     "schema": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Q"}},
    {"name": "skip", "in": "query", "required": False, "schema": {"type": "integer", "default": 0, "title": "Skip"}},
    {"name": "limit", "in": "query", "required": False, "schema": {"type": "integer", "default": 100, "title": "Limit"}},
]


class ClassDependenciesTest(AppTestCase):
    maxDiff = None
    app = deps_classes.app

    def test_class_shortcut(self):
        self.assertEqual(self.client.get("/items/").json(),
                         {"items": [{"item_name": "Foo"}, {"item_name": "Bar"}, {"item_name": "Baz"}]})
        self.assertEqual(self.client.get("/items/?q=bar&skip=1&limit=1").json(),
                         {"q": "bar", "items": [{"item_name": "Bar"}]})
        self.assertEqual(self.client.get("/items/?limit=1&q=bar&skip=1").json(),
                         {"q": "bar", "items": [{"item_name": "Bar"}]})

    def test_class_given_explicitly(self):
        response = self.client.get("/users/", params={"q": "rick", "limit": 2})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"type": "CommonQueryParams", "q": "rick", "skip": 0, "limit": 2})

    def test_class_parameters_are_validated(self):
        response = self.client.get("/users/?skip=one")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "int_parsing", "loc": ["query", "skip"],
             "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "one"},
        ]})

    def test_callable_instance(self):
        self.assertEqual(self.client.get("/query-checker/").json(), {"fixed_content_in_query": False})
        self.assertEqual(self.client.get("/query-checker/?q=foo").json(), {"fixed_content_in_query": False})
        self.assertEqual(self.client.get("/query-checker/?q=foobar").json(), {"fixed_content_in_query": True})

    def test_openapi(self):
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {
                "/items/": {"get": {"summary": "Read Items", "operationId": "read_items_items__get",
                                    "parameters": CLASS_PARAMETERS, "responses": RESPONSES}},
                "/users/": {"get": {"summary": "Read Users", "operationId": "read_users_users__get",
                                    "parameters": CLASS_PARAMETERS, "responses": RESPONSES}},
                "/query-checker/": {"get": {
                    "summary": "Read Query Check",
                    "operationId": "read_query_check_query_checker__get",
                    "parameters": [{"name": "q", "in": "query", "required": False,
                                    "schema": {"type": "string", "default": "", "title": "Q"}}],
                    "responses": RESPONSES,
                }},
            },
            "components": {"schemas": VALIDATION_SCHEMAS},
        })
