"""``app.dependency_overrides`` (FastAPI's tests/test_dependency_overrides.py and the docs "Testing
Dependencies with Overrides"): an override is used in place of the original for every request while it
is set, its own parameters are read and validated, and clearing it restores the original. The OpenAPI
document is built from the original dependencies."""
from examples.compat import deps_overrides
from tachyon import Depends
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200, RESPONSE_422, VALIDATION_SCHEMAS

app = deps_overrides.app


async def override_simple(q: str | None = None):
    return {"q": q, "skip": 5, "limit": 10}


async def override_sub(k: str):
    return {"k": k}


async def override_with_sub(msg: dict = Depends(override_sub)):
    return msg


def override_user():
    return {"username": "test-user"}


class DependencyOverridesTest(AppTestCase):
    maxDiff = None
    app = app

    def tearDown(self):
        app.dependency_overrides = {}

    def test_without_overrides(self):
        self.assertEqual(self.client.get("/items/?q=foo&skip=100&limit=200").json(),
                         {"in": "items", "params": {"q": "foo", "skip": 100, "limit": 200}})
        response = self.client.get("/audit/")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "missing", "loc": ["query", "q"], "msg": "Field required", "input": None},
        ]})

    def test_simple_override(self):
        app.dependency_overrides[deps_overrides.common_parameters] = override_simple
        self.assertEqual(self.client.get("/items/").json(), {"in": "items", "params": {"q": None, "skip": 5, "limit": 10}})
        self.assertEqual(self.client.get("/items/?q=foo&skip=100&limit=200").json(),
                         {"in": "items", "params": {"q": "foo", "skip": 5, "limit": 10}})
        self.assertEqual(self.client.get("/audit/").json(), {"in": "audit"})

    def test_override_with_its_own_sub_dependency(self):
        app.dependency_overrides[deps_overrides.common_parameters] = override_with_sub
        for url in ("/items/", "/items/?q=foo", "/audit/?q=foo"):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 422)
            self.assertEqual(response.json(), {"detail": [
                {"type": "missing", "loc": ["query", "k"], "msg": "Field required", "input": None},
            ]})
        self.assertEqual(self.client.get("/items/?k=bar").json(), {"in": "items", "params": {"k": "bar"}})
        self.assertEqual(self.client.get("/audit/?k=bar").json(), {"in": "audit"})

    def test_override_a_sub_dependency(self):
        self.assertEqual(self.client.get("/users/me", headers={"x-token": "secret"}).json(),
                         {"username": "rick", "profile": True})
        app.dependency_overrides[deps_overrides.get_current_user] = override_user
        response = self.client.get("/users/me")
        self.assertEqual((response.status_code, response.json()), (200, {"username": "test-user", "profile": True}))

    def test_clearing_restores_the_original(self):
        app.dependency_overrides[deps_overrides.get_current_user] = override_user
        self.assertEqual(self.client.get("/users/me").status_code, 200)
        app.dependency_overrides.clear()
        response = self.client.get("/users/me", headers={"x-token": "wrong"})
        self.assertEqual((response.status_code, response.json()), (401, {"detail": "Invalid token"}))

    def test_openapi_lists_the_original_parameters(self):
        app.dependency_overrides[deps_overrides.common_parameters] = override_with_sub
        responses = {
            "200": RESPONSE_200,
            "422": RESPONSE_422,
        }
        common = [
            {"name": "q", "in": "query", "required": True, "schema": {"type": "string", "title": "Q"}},
            {"name": "skip", "in": "query", "required": False, "schema": {"type": "integer", "default": 0, "title": "Skip"}},
            {"name": "limit", "in": "query", "required": False,
             "schema": {"type": "integer", "default": 100, "title": "Limit"}},
        ]
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {
                "/items/": {"get": {"summary": "Read Items", "operationId": "read_items_items__get",
                                    "parameters": common, "responses": responses}},
                "/audit/": {"get": {"summary": "Audit", "operationId": "audit_audit__get",
                                    "parameters": common, "responses": responses}},
                "/users/me": {"get": {
                    "summary": "Read Me",
                    "operationId": "read_me_users_me_get",
                    "parameters": [{"name": "x-token", "in": "header", "required": True,
                                    "schema": {"type": "string", "title": "X-Token"}}],
                    "responses": responses,
                }},
            },
            "components": {"schemas": VALIDATION_SCHEMAS},
        })
