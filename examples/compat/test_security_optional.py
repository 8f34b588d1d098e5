"""``auto_error=False`` (FastAPI's tests/test_security_api_key_header_optional.py,
tests/test_security_http_bearer_optional.py, tests/test_security_oauth2_optional.py,
tests/test_security_http_basic_optional.py).

Expected values are current FastAPI's (fastapi/security/*.py): with ``auto_error=False`` a missing key, a
missing header or a header of another scheme gives ``None``; but ``HTTPBasic`` still raises for a Basic header
it cannot decode (that check ignores ``auto_error``): 401 ``{"detail": "Not authenticated"}`` with
``WWW-Authenticate: Basic`` (``HTTPBasic.__call__`` raises ``make_not_authenticated_error()`` for a
decoding failure whatever ``auto_error`` is). Optional schemes are documented
like required ones, in the order of the route's dependencies.
"""
import base64
import unittest

from examples.compat import security_optional
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200


class OptionalSecurityTest(AppTestCase):
    app = security_optional.app

    def test_api_key_or_bearer(self) -> None:
        self.assertEqual(self.client.get("/whoami", headers={"X-Token": "k1"}).json(),
                         {"via": "api-key", "identity": "k1"})
        self.assertEqual(self.client.get("/whoami", headers={"Authorization": "Bearer t1"}).json(),
                         {"via": "bearer", "identity": "t1"})
        self.assertEqual(self.client.get("/whoami", headers={"X-Token": "k1", "Authorization": "Bearer t1"}).json(),
                         {"via": "api-key", "identity": "k1"})

    def test_neither(self) -> None:
        for headers in ({}, {"Authorization": "Basic dTpw"}, {"X-Token": ""}):
            response = self.client.get("/whoami", headers=headers)
            self.assertEqual(response.status_code, 401, headers)
            self.assertEqual(response.json(), {"detail": "Send an X-Token header or a bearer token"})
            self.assertEqual(response.headers["www-authenticate"], "Bearer")

    def test_optional_oauth2_token(self) -> None:
        self.assertEqual(self.client.get("/items/").json(), {"items": ["public"]})
        self.assertEqual(self.client.get("/items/", headers={"Authorization": "Token t1"}).json(), {"items": ["public"]})
        self.assertEqual(self.client.get("/items/", headers={"Authorization": "Bearer t1"}).json(),
                         {"items": ["public", "private"], "token": "t1"})

    def test_optional_basic(self) -> None:
        self.assertEqual(self.client.get("/greeting").json(), {"hello": "stranger"})
        self.assertEqual(self.client.get("/greeting", headers={"Authorization": "Bearer t1"}).json(),
                         {"hello": "stranger"})
        header = "Basic " + base64.b64encode(b"marie:curie").decode("ascii")
        self.assertEqual(self.client.get("/greeting", headers={"Authorization": header}).json(), {"hello": "marie"})

    def test_optional_basic_still_rejects_undecodable_credentials(self) -> None:
        response = self.client.get("/greeting", headers={"Authorization": "Basic notabase64token"})
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json(), {"detail": "Not authenticated"})
        self.assertEqual(response.headers["www-authenticate"], "Basic")

    def test_openapi(self) -> None:
        ok = {"200": RESPONSE_200}
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {
                "/whoami": {"get": {"summary": "Whoami", "operationId": "whoami_whoami_get", "responses": ok,
                                    "security": [{"APIKeyHeader": []}, {"HTTPBearer": []}]}},
                "/items/": {"get": {"summary": "Read Items", "operationId": "read_items_items__get", "responses": ok,
                                    "security": [{"OAuth2PasswordBearer": []}]}},
                "/greeting": {"get": {"summary": "Greet", "operationId": "greet_greeting_get", "responses": ok,
                                      "security": [{"HTTPBasic": []}]}},
            },
            "components": {"securitySchemes": {
                "APIKeyHeader": {"type": "apiKey", "in": "header", "name": "X-Token"},
                "HTTPBearer": {"type": "http", "scheme": "bearer"},
                "OAuth2PasswordBearer": {"type": "oauth2", "flows": {"password": {"scopes": {}, "tokenUrl": "token"}}},
                "HTTPBasic": {"type": "http", "scheme": "basic"},
            }},
        })


if __name__ == "__main__":
    unittest.main()
