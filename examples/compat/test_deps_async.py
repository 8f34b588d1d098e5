"""``async def`` dependencies, awaited by FastAPI before the endpoint whether the endpoint is async or
sync (FastAPI's docs, "Dependencies": async and non-async dependencies mix freely); their constrained
parameters give pydantic's 422 errors with ``ctx``, and their OpenAPI ``minimum``/``maximum``."""
from examples.compat import deps_async
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200, RESPONSE_422, VALIDATION_SCHEMAS

RESPONSES = {
    "200": RESPONSE_200,
    "422": RESPONSE_422,
}
SKIP = {"name": "skip", "in": "query", "required": False, "schema": {"type": "integer", "default": 0, "title": "Skip"}}
LIMIT = {"name": "limit", "in": "query", "required": False,
         "schema": {"type": "integer", "maximum": 50, "minimum": 1, "default": 10, "title": "Limit"}}
Q = {"name": "q", "in": "query", "required": False, "schema": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Q"}}


class AsyncDependenciesTest(AppTestCase):
    maxDiff = None
    app = deps_async.app

    def test_async_endpoint_with_async_dependencies(self):
        response = self.client.get("/items/?q=portal&skip=2")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"page": {"skip": 2, "limit": 10}, "found": "PORTAL"})

    def test_suspending_dependency_without_its_parameter(self):
        self.assertEqual(self.client.get("/items/").json(), {"page": {"skip": 0, "limit": 10}, "found": None})

    def test_sync_endpoint_with_an_async_dependency(self):
        response = self.client.get("/users/?skip=1&limit=1")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"page": {"skip": 1, "limit": 1}, "users": ["Morty"]})

    def test_constraint_errors(self):
        response = self.client.get("/users/?limit=0")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "greater_than_equal", "loc": ["query", "limit"], "msg": "Input should be greater than or equal to 1",
             "input": "0", "ctx": {"ge": 1}},
        ]})
        response = self.client.get("/items/?limit=51&skip=-x")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "int_parsing", "loc": ["query", "skip"],
             "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "-x"},
            {"type": "less_than_equal", "loc": ["query", "limit"], "msg": "Input should be less than or equal to 50",
             "input": "51", "ctx": {"le": 50}},
        ]})

    def test_openapi(self):
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {
                "/items/": {"get": {"summary": "Read Items", "operationId": "read_items_items__get",
                                    "parameters": [SKIP, LIMIT, Q], "responses": RESPONSES}},
                "/users/": {"get": {"summary": "Read Users", "operationId": "read_users_users__get",
                                    "parameters": [SKIP, LIMIT], "responses": RESPONSES}},
            },
            "components": {"schemas": VALIDATION_SCHEMAS},
        })
