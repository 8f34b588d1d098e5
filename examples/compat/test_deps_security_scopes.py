"""``Security`` and ``SecurityScopes`` (FastAPI's tests/test_tutorial/test_security/test_tutorial005.py,
and FastAPI's Dependant.oauth_scopes: the scopes of the ``Security`` above a dependency, then its own):
the scopes reach ``SecurityScopes`` and the operation's OpenAPI ``security``; OAuth2PasswordBearer answers
401 ``Not authenticated`` without a bearer token."""
from examples.compat import deps_security_scopes
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


class SecurityScopesTest(AppTestCase):
    maxDiff = None
    app = deps_security_scopes.app

    def test_scopes_accumulate_down_the_chain(self):
        response = self.client.get("/users/me/items/", headers=bearer("rick-token"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"items": [{"item_id": "Foo", "owner": "rick"}], "required": ["items", "me"]})
        self.assertEqual(self.client.get("/users/me/", headers=bearer("morty-token")).json(),
                         {"username": "morty", "required": ["me"]})
        self.assertEqual(self.client.get("/status/", headers=bearer("morty-token")).json(),
                         {"status": "ok", "required": []})

    def test_missing_scope(self):
        response = self.client.get("/users/me/items/", headers=bearer("morty-token"))
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json(), {"detail": "Not enough permissions"})
        self.assertEqual(response.headers["www-authenticate"], 'Bearer scope="items me"')

    def test_invalid_token(self):
        response = self.client.get("/users/me/", headers=bearer("nonexistent"))
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json(), {"detail": "Could not validate credentials"})
        self.assertEqual(response.headers["www-authenticate"], 'Bearer scope="me"')
        response = self.client.get("/status/", headers=bearer("nonexistent"))
        self.assertEqual(response.headers["www-authenticate"], "Bearer")

    def test_not_authenticated(self):
        for headers in ({}, {"Authorization": "Basic cmljazpwaWNrbGU="}):
            response = self.client.get("/users/me/", headers=headers)
            self.assertEqual(response.status_code, 401)
            self.assertEqual(response.json(), {"detail": "Not authenticated"})
            self.assertEqual(response.headers["www-authenticate"], "Bearer")

    def test_inactive_user(self):
        response = self.client.get("/users/me/", headers=bearer("jerry-token"))
        self.assertEqual((response.status_code, response.json()), (400, {"detail": "Inactive user"}))

    def test_openapi(self):
        ok = {"200": RESPONSE_200}
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {
                "/users/me/": {"get": {"summary": "Read Users Me", "operationId": "read_users_me_users_me__get",
                                       "responses": ok, "security": [{"OAuth2PasswordBearer": ["me"]}]}},
                "/users/me/items/": {"get": {"summary": "Read Own Items",
                                             "operationId": "read_own_items_users_me_items__get",
                                             "responses": ok, "security": [{"OAuth2PasswordBearer": ["items", "me"]}]}},
                "/status/": {"get": {"summary": "Read System Status", "operationId": "read_system_status_status__get",
                                     "responses": ok, "security": [{"OAuth2PasswordBearer": []}]}},
            },
            "components": {"securitySchemes": {"OAuth2PasswordBearer": {
                "type": "oauth2",
                "flows": {"password": {"scopes": {"me": "Read information about the current user.",
                                                  "items": "Read items."},
                                       "tokenUrl": "token"}},
            }}},
        })
