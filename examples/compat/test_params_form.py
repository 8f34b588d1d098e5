"""Form fields, as FastAPI documents them (tests/test_tutorial/test_request_forms/test_tutorial001.py in
FastAPI's repository, and the 0.123.2 fix that reads an empty form value as missing): fields come from
the urlencoded body, errors are located at ("body", <field>), a JSON body does not fill form fields,
and the OpenAPI document describes a ``Body_<operation id>`` schema under
``application/x-www-form-urlencoded``."""
from examples.compat import params_form
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200, RESPONSE_422, VALIDATION_SCHEMAS

RESPONSES = {
    "200": RESPONSE_200,
    "422": RESPONSE_422,
}
MISSING_BOTH = {"detail": [
    {"type": "missing", "loc": ["body", "username"], "msg": "Field required", "input": None},
    {"type": "missing", "loc": ["body", "password"], "msg": "Field required", "input": None},
]}


class FormParamsTest(AppTestCase):
    app = params_form.app

    def test_fields_and_defaults(self):
        response = self.client.post("/login/", data={"username": "ann", "password": "correct horse"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"username": "ann", "password_length": 13, "remember": False, "scope": None})

    def test_checkbox_and_optional_field(self):
        response = self.client.post("/login/", data={"username": "ann", "password": "correct horse",
                                                     "remember": "on", "scope": "admin"})
        self.assertEqual(response.json(), {"username": "ann", "password_length": 13, "remember": True, "scope": "admin"})

    def test_empty_optional_value_means_default(self):
        response = self.client.post("/login/", data={"username": "ann", "password": "correct horse", "scope": ""})
        self.assertEqual(response.json(), {"username": "ann", "password_length": 13, "remember": False, "scope": None})

    def test_constraint(self):
        response = self.client.post("/login/", data={"username": "ann", "password": "short"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "string_too_short", "loc": ["body", "password"], "msg": "String should have at least 8 characters",
             "input": "short", "ctx": {"min_length": 8}},
        ]})

    def test_no_body(self):
        response = self.client.post("/login/")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), MISSING_BOTH)

    def test_empty_required_value_is_missing(self):
        response = self.client.post("/login/", data={"username": "", "password": ""})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), MISSING_BOTH)

    def test_json_body_does_not_fill_form_fields(self):
        response = self.client.post("/login/", json={"username": "ann", "password": "correct horse"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), MISSING_BOTH)

    def test_list_field(self):
        response = self.client.post("/tags/", data={"tag": ["a", "b"]})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"tags": ["a", "b"]})

    def test_openapi(self):
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {
                "/login/": {"post": {
                    "summary": "Login",
                    "operationId": "login_login__post",
                    "requestBody": {
                        "content": {"application/x-www-form-urlencoded": {"schema": {
                            "$ref": "#/components/schemas/Body_login_login__post"}}},
                        "required": True,
                    },
                    "responses": RESPONSES,
                }},
                "/tags/": {"post": {
                    "summary": "Save Tags",
                    "operationId": "save_tags_tags__post",
                    "requestBody": {
                        "content": {"application/x-www-form-urlencoded": {"schema": {
                            "$ref": "#/components/schemas/Body_save_tags_tags__post"}}},
                        "required": True,
                    },
                    "responses": RESPONSES,
                }},
            },
            "components": {"schemas": {
                "Body_login_login__post": {
                    "title": "Body_login_login__post",
                    "type": "object",
                    "properties": {
                        "username": {"type": "string", "title": "Username"},
                        "password": {"type": "string", "minLength": 8, "title": "Password"},
                        "remember": {"type": "boolean", "default": False, "title": "Remember"},
                        "scope": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Scope"},
                    },
                    "required": ["username", "password"],
                },
                "Body_save_tags_tags__post": {
                    "title": "Body_save_tags_tags__post",
                    "type": "object",
                    "properties": {"tag": {"type": "array", "items": {"type": "string"}, "title": "Tag"}},
                    "required": ["tag"],
                },
                **VALIDATION_SCHEMAS,
            }},
        })
