"""API keys in a header, a query parameter and a cookie (FastAPI's tests/test_security_api_key_header.py,
..._query.py, ..._cookie.py and their ``_description`` variants).

Expected values are current FastAPI's (fastapi/security/api_key.py, ``APIKeyBase.make_not_authenticated_error``
and ``check_api_key``): a missing or empty key gives 401 ``{"detail": "Not authenticated"}`` with the custom
challenge ``WWW-Authenticate: APIKey`` (FastAPI before 0.122 answered 403 without a header). The key is not an
OpenAPI parameter of the operation: it is only a security scheme.
"""
import unittest

from examples.compat import security_api_keys
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200


class APIKeysTest(AppTestCase):
    app = security_api_keys.app

    def assert_not_authenticated(self, response) -> None:
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json(), {"detail": "Not authenticated"})
        self.assertEqual(response.headers["www-authenticate"], "APIKey")

    def test_header_key(self) -> None:
        self.assertEqual(self.client.get("/metrics", headers={"X-API-Key": "k-123"}).json(), {"client": "metrics-bot"})
        self.assertEqual(self.client.get("/metrics", headers={"x-api-key": "k-456"}).json(), {"client": "billing"})

    def test_header_key_checked_by_the_app(self) -> None:
        response = self.client.get("/metrics", headers={"X-API-Key": "k-999"})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.json(), {"detail": "Unknown API key"})

    def test_header_key_missing_or_empty(self) -> None:
        self.assert_not_authenticated(self.client.get("/metrics"))
        self.assert_not_authenticated(self.client.get("/metrics", headers={"X-API-Key": ""}))

    def test_query_key(self) -> None:
        self.assertEqual(self.client.get("/export", params={"api_key": "k-123"}).json(), {"key": "k-123"})

    def test_query_key_missing_or_empty(self) -> None:
        self.assert_not_authenticated(self.client.get("/export"))
        self.assert_not_authenticated(self.client.get("/export?api_key="))
        self.assert_not_authenticated(self.client.get("/export", params={"API_KEY": "k-123"}))

    def test_cookie_key(self) -> None:
        self.assertEqual(self.client.get("/me", cookies={"session": "s-1"}).json(), {"session": "s-1"})

    def test_cookie_key_missing(self) -> None:
        self.assert_not_authenticated(self.client.get("/me"))
        self.assert_not_authenticated(self.client.get("/me", cookies={"other": "s-1"}))

    def test_openapi(self) -> None:
        ok = {"200": RESPONSE_200}
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {
                "/metrics": {"get": {"summary": "Read Metrics", "operationId": "read_metrics_metrics_get",
                                     "responses": ok, "security": [{"APIKeyHeader": []}]}},
                "/export": {"get": {"summary": "Export", "operationId": "export_export_get",
                                    "responses": ok, "security": [{"APIKeyQuery": []}]}},
                "/me": {"get": {"summary": "Read Me", "operationId": "read_me_me_get",
                                "responses": ok, "security": [{"SessionCookie": []}]}},
            },
            "components": {"securitySchemes": {
                "APIKeyHeader": {"type": "apiKey", "in": "header", "name": "X-API-Key",
                                 "description": "Issued in the dashboard."},
                "APIKeyQuery": {"type": "apiKey", "in": "query", "name": "api_key"},
                "SessionCookie": {"type": "apiKey", "in": "cookie", "name": "session"},
            }},
        })


if __name__ == "__main__":
    unittest.main()
