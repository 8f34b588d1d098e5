"""Form models as FastAPI binds them (tests/test_tutorial/test_request_form_models in FastAPI's
repository): the model is validated from the form's fields plus its other keys, errors are located at
("body", field) with the gathered fields as input, and the OpenAPI request body is the model itself."""
from examples.compat import params_form_models
from examples.compat.openapi_shapes import RESPONSE_200, RESPONSE_422, VALIDATION_SCHEMAS
from tests.client_case import AppTestCase


class FormModelsTest(AppTestCase):
    app = params_form_models.app

    def test_form_model(self):
        response = self.client.post("/login/", data={"username": "Foo", "password": "secret"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"username": "Foo", "password": "secret"})

    def test_missing_field(self):
        response = self.client.post("/login/", data={"username": "Foo"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "missing", "loc": ["body", "password"], "msg": "Field required", "input": {"username": "Foo"}},
        ]})

    def test_no_body(self):
        response = self.client.post("/login/")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "missing", "loc": ["body", "username"], "msg": "Field required", "input": {}},
            {"type": "missing", "loc": ["body", "password"], "msg": "Field required", "input": {}},
        ]})

    def test_empty_text_is_a_value_in_a_form_model(self):
        response = self.client.post("/login/", data={"username": "", "password": "p"})
        self.assertEqual(response.json(), {"username": "", "password": "p"})

    def test_extra_fields_forbidden(self):
        response = self.client.post("/strict/", data={"username": "Foo", "extra": "x"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "extra_forbidden", "loc": ["body", "extra"], "msg": "Extra inputs are not permitted", "input": "x"},
        ]})

    def test_list_field_and_multipart(self):
        response = self.client.post("/strict/", data={"username": "Foo", "tags": ["a", "b"]})
        self.assertEqual(response.json(), {"username": "Foo", "tags": ["a", "b"]})
        response = self.client.post("/strict/", data={"username": "Foo", "tags": "a"}, files={"unused": ("f.txt", b"x")})
        self.assertEqual(response.status_code, 422)
        self.assertEqual([e["loc"] for e in response.json()["detail"]], [["body", "unused"]])

    def test_openapi(self):
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {
                "/login/": {"post": {
                    "summary": "Login",
                    "operationId": "login_login__post",
                    "requestBody": {
                        "content": {"application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/FormData"}}},
                        "required": True,
                    },
                    "responses": {"200": RESPONSE_200, "422": RESPONSE_422},
                }},
                "/strict/": {"post": {
                    "summary": "Strict",
                    "operationId": "strict_strict__post",
                    "requestBody": {
                        "content": {"application/x-www-form-urlencoded": {"schema": {"$ref": "#/components/schemas/StrictForm"}}},
                        "required": True,
                    },
                    "responses": {"200": RESPONSE_200, "422": RESPONSE_422},
                }},
            },
            "components": {"schemas": {
                "FormData": {
                    "properties": {"username": {"type": "string", "title": "Username"},
                                   "password": {"type": "string", "title": "Password"}},
                    "type": "object",
                    "required": ["username", "password"],
                    "title": "FormData",
                },
                "StrictForm": {
                    "properties": {"username": {"type": "string", "title": "Username"},
                                   "tags": {"items": {"type": "string"}, "type": "array", "title": "Tags", "default": []}},
                    "additionalProperties": False,
                    "type": "object",
                    "required": ["username"],
                    "title": "StrictForm",
                },
                **VALIDATION_SCHEMAS,
            }},
        })
