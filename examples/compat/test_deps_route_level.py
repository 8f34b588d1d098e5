"""App-, router- and path-operation-level ``dependencies=[...]`` (FastAPI's
tests/test_tutorial/test_dependencies/test_tutorial006.py and test_tutorial012.py): they run before the
endpoint in that order, their errors stop the request, their parameters are listed in each operation,
and the docs routes (``/openapi.json``) are not path operations, so app dependencies do not guard them."""
from examples.compat import deps_route_level
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200, RESPONSE_422, VALIDATION_SCHEMAS

visits = deps_route_level.visits
GOOD = {"x-key": "fake-super-secret-key", "x-token": "fake-super-secret-token"}
RESPONSES = {
    "200": RESPONSE_200,
    "422": RESPONSE_422,
}
X_KEY = {"name": "x-key", "in": "header", "required": True, "schema": {"type": "string", "title": "X-Key"}}
X_TOKEN = {"name": "x-token", "in": "header", "required": True, "schema": {"type": "string", "title": "X-Token"}}


class RouteLevelDependenciesTest(AppTestCase):
    maxDiff = None
    app = deps_route_level.app

    def setUp(self):
        visits.clear()

    def test_app_dependency(self):
        response = self.client.get("/health", headers={"x-key": "fake-super-secret-key"})
        self.assertEqual((response.status_code, response.json()), (200, {"status": "ok"}))
        self.assertEqual(visits, ["key"])
        response = self.client.get("/health", headers={"x-key": "wrong"})
        self.assertEqual((response.status_code, response.json()), (400, {"detail": "X-Key header invalid"}))

    def test_all_levels_run_in_order(self):
        response = self.client.get("/items/7", headers=GOOD)
        self.assertEqual((response.status_code, response.json()), (200, {"item_id": 7}))
        self.assertEqual(visits, ["key", "token", "visit /items/7"])
        self.assertEqual(self.client.get("/items/", headers=GOOD).json(),
                         [{"item": "Portal Gun"}, {"item": "Plumbus"}])

    def test_router_dependency_error(self):
        response = self.client.get("/items/", headers={**GOOD, "x-token": "invalid"})
        self.assertEqual((response.status_code, response.json()), (400, {"detail": "X-Token header invalid"}))
        self.assertEqual(visits, ["key"])

    def test_missing_headers(self):
        response = self.client.get("/items/x")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "missing", "loc": ["header", "x-key"], "msg": "Field required", "input": None},
            {"type": "missing", "loc": ["header", "x-token"], "msg": "Field required", "input": None},
            {"type": "int_parsing", "loc": ["path", "item_id"],
             "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "x"},
        ]})

    def test_valid_dependencies_run_before_the_422(self):
        # FastAPI solves dependencies one by one: those whose own parameters are valid are called
        # before the endpoint's errors are reported.
        response = self.client.get("/items/x")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(visits, ["visit /items/x"])

    def test_openapi_is_not_guarded_by_app_dependencies(self):
        response = self.client.get("/openapi.json")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["openapi"], "3.1.0")
        self.assertEqual(visits, [])

    def test_openapi(self):
        response = self.client.get("/openapi.json", headers=GOOD)  # headers or not, the same document
        self.assertEqual(response.json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {
                "/health": {"get": {"summary": "Health", "operationId": "health_health_get",
                                    "parameters": [X_KEY], "responses": RESPONSES}},
                "/items/": {"get": {"tags": ["items"], "summary": "Read Items", "operationId": "read_items_items__get",
                                    "parameters": [X_KEY, X_TOKEN], "responses": RESPONSES}},
                "/items/{item_id}": {"get": {
                    "tags": ["items"],
                    "summary": "Read Item",
                    "operationId": "read_item_items__item_id__get",
                    "parameters": [{"name": "item_id", "in": "path", "required": True,
                                    "schema": {"type": "integer", "title": "Item Id"}}, X_KEY, X_TOKEN],
                    "responses": RESPONSES,
                }},
            },
            "components": {"schemas": VALIDATION_SCHEMAS},
        })
