"""``OAuth2PasswordRequestFormStrict`` (FastAPI's tests/test_security_oauth2.py, which uses the strict form).

Expected values are current FastAPI's: every missing form field is one ``missing`` error with
``"input": null``, in the order grant_type, username, password; a wrong ``grant_type`` fails the pattern
``^password$``; the strict form's OpenAPI body requires ``grant_type`` and, unlike the permissive form,
documents ``password`` and ``client_secret`` as plain strings (no ``"format": "password"``: see the
``Body_login_login_post`` snapshot in tests/test_security_oauth2.py); ``ValidationError`` lists ``input`` and
``ctx`` (fastapi/openapi/utils.py).
"""
import unittest

from examples.compat import security_oauth2_strict_form
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import HTTP_VALIDATION_ERROR, RESPONSE_200, RESPONSE_422, VALIDATION_ERROR


def missing(field: str) -> dict:
    return {"type": "missing", "loc": ["body", field], "msg": "Field required", "input": None}


class StrictFormTest(AppTestCase):
    app = security_oauth2_strict_form.app

    def test_token(self) -> None:
        response = self.client.post("/token", data={"grant_type": "password", "username": "grace", "password": "cobol"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {
            "access_token": "token-grace", "token_type": "bearer", "grant_type": "password",
            "scopes": [], "client_id": None, "client_secret": None,
        })

    def test_scopes_and_client_credentials(self) -> None:
        response = self.client.post("/token", data={
            "grant_type": "password", "username": "linus", "password": "kernel",
            "scope": "repos:read  repos:write", "client_id": "git", "client_secret": "hunter2",
        })
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {
            "access_token": "token-linus", "token_type": "bearer", "grant_type": "password",
            "scopes": ["repos:read", "repos:write"], "client_id": "git", "client_secret": "hunter2",
        })

    def test_grant_type_is_required(self) -> None:
        response = self.client.post("/token", data={"username": "grace", "password": "cobol"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [missing("grant_type")]})

    def test_empty_form(self) -> None:
        response = self.client.post("/token", data={})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [missing("grant_type"), missing("username"), missing("password")]})

    def test_grant_type_must_be_exactly_password(self) -> None:
        for grant_type in ("refresh_token", "passwordx", "xpassword"):
            response = self.client.post("/token", data={"grant_type": grant_type, "username": "grace", "password": "cobol"})
            self.assertEqual(response.status_code, 422, grant_type)
            self.assertEqual(response.json(), {"detail": [{
                "type": "string_pattern_mismatch",
                "loc": ["body", "grant_type"],
                "msg": "String should match pattern '^password$'",
                "input": grant_type,
                "ctx": {"pattern": "^password$"},
            }]})

    def test_wrong_password(self) -> None:
        response = self.client.post("/token", data={"grant_type": "password", "username": "grace", "password": "java"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json(), {"detail": "Incorrect username or password"})

    def test_session_needs_bearer_token(self) -> None:
        self.assertEqual(self.client.get("/session", headers={"Authorization": "Bearer token-grace"}).json(),
                         {"token": "token-grace"})
        response = self.client.get("/session")
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.json(), {"detail": "Not authenticated"})
        self.assertEqual(response.headers["www-authenticate"], "Bearer")

    def test_openapi(self) -> None:
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {
                "/token": {"post": {
                    "summary": "Issue Token",
                    "operationId": "issue_token_token_post",
                    "requestBody": {
                        "content": {"application/x-www-form-urlencoded": {
                            "schema": {"$ref": "#/components/schemas/Body_issue_token_token_post"}}},
                        "required": True,
                    },
                    "responses": {
                        "200": RESPONSE_200,
                        "422": RESPONSE_422,
                    },
                }},
                "/session": {"get": {
                    "summary": "Read Session",
                    "operationId": "read_session_session_get",
                    "responses": {
                        "200": RESPONSE_200,
                    },
                    "security": [{"OAuth2PasswordBearer": []}],
                }},
            },
            "components": {
                "schemas": {
                    "Body_issue_token_token_post": {
                        "title": "Body_issue_token_token_post",
                        "type": "object",
                        "properties": {
                            "grant_type": {"title": "Grant Type", "type": "string", "pattern": "^password$"},
                            "username": {"title": "Username", "type": "string"},
                            "password": {"title": "Password", "type": "string"},
                            "scope": {"title": "Scope", "type": "string", "default": ""},
                            "client_id": {"title": "Client Id", "anyOf": [{"type": "string"}, {"type": "null"}]},
                            "client_secret": {"title": "Client Secret", "anyOf": [{"type": "string"}, {"type": "null"}]},
                        },
                        "required": ["grant_type", "username", "password"],
                    },
                    "HTTPValidationError": HTTP_VALIDATION_ERROR,
                    "ValidationError": VALIDATION_ERROR,
                },
                "securitySchemes": {"OAuth2PasswordBearer": {
                    "type": "oauth2",
                    "description": "Tokens come from POST /token.",
                    "flows": {"password": {"scopes": {}, "tokenUrl": "token"}},
                }},
            },
        })


if __name__ == "__main__":
    unittest.main()
