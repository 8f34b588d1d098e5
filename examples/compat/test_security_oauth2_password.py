"""Simple OAuth2 with Password and Bearer (FastAPI's docs_src/security/tutorial003 and its test,
tests/test_tutorial/test_security/test_tutorial003.py).

Expected values are current FastAPI's (pydantic v2):
- OAuth2PasswordBearer answers 401 ``{"detail": "Not authenticated"}`` with ``WWW-Authenticate: Bearer`` when
  the Authorization header is missing or not a Bearer one (fastapi/security/oauth2.py,
  ``make_not_authenticated_error``);
- the credentials after the scheme are stripped of surrounding whitespace (fastapi/security/utils.py,
  ``return scheme, param.strip()``, fastapi PR #14786);
- OAuth2PasswordRequestForm documents ``password`` and ``client_secret`` with ``"format": "password"``, and
  ``grant_type`` with the pattern ``^password$``; a missing form field is reported with ``"input": null``;
- the ``ValidationError`` component lists ``input`` and ``ctx`` (fastapi/openapi/utils.py, fastapi PR #14791).
"""
import unittest

from examples.compat import security_oauth2_password
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import HTTP_VALIDATION_ERROR, RESPONSE_200, RESPONSE_422, VALIDATION_ERROR


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


class OAuth2PasswordFlowTest(AppTestCase):
    app = security_oauth2_password.app

    def test_login(self) -> None:
        response = self.client.post("/token", data={"username": "ada", "password": "analytical"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"access_token": "ada", "token_type": "bearer"})

    def test_login_with_all_form_fields(self) -> None:
        response = self.client.post("/token", data={
            "grant_type": "password", "username": "ada", "password": "analytical", "scope": "me items",
            "client_id": "cli", "client_secret": "s3cret",
        })
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"access_token": "ada", "token_type": "bearer"})

    def test_login_wrong_password_or_user(self) -> None:
        for form in ({"username": "ada", "password": "wrong"}, {"username": "nobody", "password": "analytical"}):
            response = self.client.post("/token", data=form)
            self.assertEqual(response.status_code, 400)
            self.assertEqual(response.json(), {"detail": "Incorrect username or password"})

    def test_login_missing_password(self) -> None:
        response = self.client.post("/token", data={"username": "ada"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "missing", "loc": ["body", "password"], "msg": "Field required", "input": None},
        ]})

    def test_login_wrong_grant_type(self) -> None:
        response = self.client.post("/token", data={"username": "ada", "password": "analytical",
                                                     "grant_type": "client_credentials"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [{
            "type": "string_pattern_mismatch",
            "loc": ["body", "grant_type"],
            "msg": "String should match pattern '^password$'",
            "input": "client_credentials",
            "ctx": {"pattern": "^password$"},
        }]})

    def test_read_me_with_token(self) -> None:
        response = self.client.get("/users/me", headers=bearer("ada"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {
            "username": "ada", "email": "ada@example.com", "full_name": "Ada Lovelace", "disabled": False,
        })

    def test_scheme_is_case_insensitive(self) -> None:
        response = self.client.get("/users/me", headers={"Authorization": "bearer ada"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["username"], "ada")

    def test_token_is_stripped(self) -> None:
        response = self.client.get("/users/me", headers={"Authorization": "Bearer    ada"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["username"], "ada")

    def test_no_token(self) -> None:
        response = self.client.get("/users/me")
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json(), {"detail": "Not authenticated"})
        self.assertEqual(response.headers["www-authenticate"], "Bearer")

    def test_not_a_bearer_token(self) -> None:
        response = self.client.get("/users/me", headers={"Authorization": "Basic YWRhOmFuYWx5dGljYWw="})
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json(), {"detail": "Not authenticated"})
        self.assertEqual(response.headers["www-authenticate"], "Bearer")

    def test_unknown_token(self) -> None:
        response = self.client.get("/users/me", headers=bearer("grace"))
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json(), {"detail": "Invalid authentication credentials"})
        self.assertEqual(response.headers["www-authenticate"], "Bearer")

    def test_inactive_user(self) -> None:
        response = self.client.get("/users/me", headers=bearer("charles"))
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json(), {"detail": "Inactive user"})

    def test_openapi(self) -> None:
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {
                "/token": {"post": {
                    "summary": "Login",
                    "operationId": "login_token_post",
                    "requestBody": {
                        "content": {"application/x-www-form-urlencoded": {
                            "schema": {"$ref": "#/components/schemas/Body_login_token_post"}}},
                        "required": True,
                    },
                    "responses": {
                        "200": RESPONSE_200,
                        "422": RESPONSE_422,
                    },
                }},
                "/users/me": {"get": {
                    "summary": "Read Users Me",
                    "operationId": "read_users_me_users_me_get",
                    "responses": {"200": {"description": "Successful Response", "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/User"}}}}},
                    "security": [{"OAuth2PasswordBearer": []}],
                }},
            },
            "components": {
                "schemas": {
                    "Body_login_token_post": {
                        "title": "Body_login_token_post",
                        "type": "object",
                        "properties": {
                            "grant_type": {"title": "Grant Type",
                                           "anyOf": [{"type": "string", "pattern": "^password$"}, {"type": "null"}]},
                            "username": {"title": "Username", "type": "string"},
                            "password": {"title": "Password", "type": "string", "format": "password"},
                            "scope": {"title": "Scope", "type": "string", "default": ""},
                            "client_id": {"title": "Client Id", "anyOf": [{"type": "string"}, {"type": "null"}]},
                            "client_secret": {"title": "Client Secret", "anyOf": [{"type": "string"}, {"type": "null"}],
                                              "format": "password"},
                        },
                        "required": ["username", "password"],
                    },
                    "HTTPValidationError": HTTP_VALIDATION_ERROR,
                    "User": {
                        "title": "User",
                        "type": "object",
                        "properties": {
                            "username": {"title": "Username", "type": "string"},
                            "email": {"title": "Email", "anyOf": [{"type": "string"}, {"type": "null"}]},
                            "full_name": {"title": "Full Name", "anyOf": [{"type": "string"}, {"type": "null"}]},
                            "disabled": {"title": "Disabled", "anyOf": [{"type": "boolean"}, {"type": "null"}]},
                        },
                        "required": ["username"],
                    },
                    "ValidationError": VALIDATION_ERROR,
                },
                "securitySchemes": {"OAuth2PasswordBearer": {
                    "type": "oauth2", "flows": {"password": {"scopes": {}, "tokenUrl": "token"}}}},
            },
        })


if __name__ == "__main__":
    unittest.main()
