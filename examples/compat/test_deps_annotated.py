"""``Annotated[T, Depends(...)]`` aliases (FastAPI's docs "Share Annotated dependencies";
tests/test_tutorial/test_dependencies/test_tutorial012.py for header dependencies' errors and OpenAPI):
an alias behaves exactly like writing ``Depends`` in place, in endpoints and in sub-dependencies."""
from examples.compat import deps_annotated
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200, RESPONSE_422, VALIDATION_SCHEMAS

RESPONSES = {
    "200": RESPONSE_200,
    "422": RESPONSE_422,
}
X_USER = {"name": "x-user", "in": "header", "required": True, "schema": {"type": "string", "title": "X-User"}}


class AnnotatedAliasesTest(AppTestCase):
    maxDiff = None
    app = deps_annotated.app

    def test_aliases_in_an_endpoint(self):
        response = self.client.get("/items/?skip=20", headers={"X-User": "morty"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"page": {"skip": 20, "limit": 10}, "user": "morty"})
        self.assertEqual(self.client.get("/users/me", headers={"x-user": "summer"}).json(), {"username": "summer"})

    def test_errors_follow_the_dependency_order(self):
        response = self.client.get("/items/?limit=101")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "less_than_equal", "loc": ["query", "limit"], "msg": "Input should be less than or equal to 100",
             "input": "101", "ctx": {"le": 100}},
            {"type": "missing", "loc": ["header", "x-user"], "msg": "Field required", "input": None},
        ]})

    def test_http_exception_from_an_aliased_dependency(self):
        response = self.client.get("/users/me", headers={"x-user": "nobody"})
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json(), {"detail": "Unknown user"})
        self.assertEqual(response.headers["www-authenticate"], "X-User")

    def test_alias_used_inside_another_dependency(self):
        response = self.client.delete("/items/3", headers={"x-user": "rick"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"deleted": 3, "by": "rick", "same_user": True})
        response = self.client.delete("/items/3", headers={"x-user": "morty"})
        self.assertEqual((response.status_code, response.json()), (403, {"detail": "Admins only"}))

    def test_errors_of_a_shared_dependency_come_once_per_use(self):
        # FastAPI solves each use of current_user separately (an invalid result is not cached), so it
        # reports the missing header twice, once through AdminUser and once through CurrentUser
        # (fastapi/fastapi issues #4122, #2768); the sub-dependencies' errors come before the endpoint's.
        response = self.client.delete("/items/three")
        self.assertEqual(response.status_code, 422)
        missing = {"type": "missing", "loc": ["header", "x-user"], "msg": "Field required", "input": None}
        self.assertEqual(response.json(), {"detail": [
            missing,
            missing,
            {"type": "int_parsing", "loc": ["path", "item_id"],
             "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "three"},
        ]})

    def test_openapi(self):
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {
                "/items/": {"get": {
                    "summary": "Read Items",
                    "operationId": "read_items_items__get",
                    "parameters": [
                        {"name": "skip", "in": "query", "required": False,
                         "schema": {"type": "integer", "default": 0, "title": "Skip"}},
                        {"name": "limit", "in": "query", "required": False,
                         "schema": {"type": "integer", "maximum": 100, "default": 10, "title": "Limit"}},
                        X_USER,
                    ],
                    "responses": RESPONSES,
                }},
                "/users/me": {"get": {
                    "summary": "Read Me",
                    "operationId": "read_me_users_me_get",
                    "parameters": [X_USER],
                    "responses": RESPONSES,
                }},
                "/items/{item_id}": {"delete": {
                    "summary": "Delete Item",
                    "operationId": "delete_item_items__item_id__delete",
                    "parameters": [
                        {"name": "item_id", "in": "path", "required": True,
                         "schema": {"type": "integer", "title": "Item Id"}},
                        X_USER,
                    ],
                    "responses": RESPONSES,
                }},
            },
            "components": {"schemas": VALIDATION_SCHEMAS},
        })
