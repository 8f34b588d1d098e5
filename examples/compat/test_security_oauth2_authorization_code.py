"""``OAuth2AuthorizationCodeBearer`` (FastAPI's tests/test_security_oauth2_authorization_code_bearer.py and
..._description.py).

Expected values are current FastAPI's: a missing or non-Bearer Authorization header gives 401
``{"detail": "Not authenticated"}`` with ``WWW-Authenticate: Bearer`` (fastapi/security/oauth2.py,
``OAuth2.make_not_authenticated_error``); the scheme is documented as an ``authorizationCode`` flow with its
URLs and scopes, and each operation lists the scopes its ``Security(...)`` asks for.
"""
import unittest

from examples.compat import security_oauth2_authorization_code
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200

OK = {"200": RESPONSE_200}


class AuthorizationCodeBearerTest(AppTestCase):
    app = security_oauth2_authorization_code.app

    def test_token_is_read(self) -> None:
        headers = {"Authorization": "Bearer abc.def"}
        self.assertEqual(self.client.get("/status", headers=headers).json(), {"token": "abc.def"})
        self.assertEqual(self.client.get("/profile", headers=headers).json(), {"token": "abc.def", "section": "profile"})
        self.assertEqual(self.client.get("/repos", headers=headers).json(), {"token": "abc.def", "section": "repos"})

    def test_missing_token(self) -> None:
        for path in ("/status", "/profile", "/repos"):
            response = self.client.get(path)
            self.assertEqual(response.status_code, 401, path)
            self.assertEqual(response.json(), {"detail": "Not authenticated"})
            self.assertEqual(response.headers["www-authenticate"], "Bearer")

    def test_other_scheme(self) -> None:
        response = self.client.get("/profile", headers={"Authorization": "Token abc.def"})
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json(), {"detail": "Not authenticated"})
        self.assertEqual(response.headers["www-authenticate"], "Bearer")

    def test_openapi(self) -> None:
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {
                "/status": {"get": {"summary": "Read Status", "operationId": "read_status_status_get", "responses": OK,
                                    "security": [{"OAuth2AuthorizationCodeBearer": []}]}},
                "/profile": {"get": {"summary": "Read Profile", "operationId": "read_profile_profile_get",
                                     "responses": OK, "security": [{"OAuth2AuthorizationCodeBearer": ["profile"]}]}},
                "/repos": {"get": {"summary": "List Repos", "operationId": "list_repos_repos_get", "responses": OK,
                                   "security": [{"OAuth2AuthorizationCodeBearer": ["repos"]}]}},
            },
            "components": {"securitySchemes": {"OAuth2AuthorizationCodeBearer": {
                "type": "oauth2",
                "description": "Sign in with the example identity provider.",
                "flows": {"authorizationCode": {
                    "authorizationUrl": "https://id.example.com/oauth/authorize",
                    "tokenUrl": "https://id.example.com/oauth/token",
                    "refreshUrl": "https://id.example.com/oauth/refresh",
                    "scopes": {"profile": "Read your profile.", "repos": "Read your repositories."},
                }},
            }}},
        })


if __name__ == "__main__":
    unittest.main()
