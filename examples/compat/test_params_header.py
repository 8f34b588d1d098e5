"""Header parameters, as FastAPI documents them (tests/test_tutorial/test_header_params/test_tutorial001,
002 and 003 in FastAPI's repository): the header name is the parameter's with hyphens, matched without
regard to case; errors are located at ("header", <hyphenated name>); the OpenAPI document names the
parameters by their header names and titles them from those names."""
from examples.compat import params_header
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200, RESPONSE_422, VALIDATION_SCHEMAS

RESPONSES = {
    "200": RESPONSE_200,
    "422": RESPONSE_422,
}


class HeaderParamsTest(AppTestCase):
    app = params_header.app

    def test_defaults_and_the_test_clients_user_agent(self):
        response = self.client.get("/items/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"User-Agent": "testclient", "strange_header": None, "X-Token values": None})

    def test_underscores_become_hyphens(self):
        response = self.client.get("/items/", headers={"User-Agent": "FastAPI test", "X-Token": "foo"})
        self.assertEqual(response.json(), {"User-Agent": "FastAPI test", "strange_header": None,
                                           "X-Token values": ["foo"]})

    def test_convert_underscores_false_keeps_the_underscore(self):
        self.assertEqual(self.client.get("/items/", headers={"strange_header": "yes"}).json()["strange_header"], "yes")
        self.assertIsNone(self.client.get("/items/", headers={"strange-header": "no"}).json()["strange_header"])

    def test_repeated_header_fills_a_list(self):
        response = self.client.get("/items/", headers=[("x-token", "foo"), ("x-token", "bar")])
        self.assertEqual(response.json()["X-Token values"], ["foo", "bar"])

    def test_required_header(self):
        response = self.client.get("/secure/", headers={"X-API-KEY": "k1", "x-retries": "3"})
        self.assertEqual(response.json(), {"key": "k1", "retries": 3})

    def test_missing_and_invalid_headers(self):
        response = self.client.get("/secure/", headers={"x-retries": "often"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "missing", "loc": ["header", "x-api-key"], "msg": "Field required", "input": None},
            {"type": "int_parsing", "loc": ["header", "x-retries"],
             "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "often"},
        ]})

    def test_openapi(self):
        nullable_string = {"anyOf": [{"type": "string"}, {"type": "null"}]}
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {
                "/items/": {"get": {
                    "summary": "Read Items",
                    "operationId": "read_items_items__get",
                    "parameters": [
                        {"name": "user-agent", "in": "header", "required": False,
                         "schema": {**nullable_string, "title": "User-Agent"}},
                        {"name": "strange_header", "in": "header", "required": False,
                         "schema": {**nullable_string, "title": "Strange Header"}},
                        {"name": "x-token", "in": "header", "required": False,
                         "schema": {"anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "null"}],
                                    "title": "X-Token"}},
                    ],
                    "responses": RESPONSES,
                }},
                "/secure/": {"get": {
                    "summary": "Secure",
                    "operationId": "secure_secure__get",
                    "parameters": [
                        {"name": "x-api-key", "in": "header", "required": True,
                         "schema": {"type": "string", "title": "X-Api-Key"}},
                        {"name": "x-retries", "in": "header", "required": False,
                         "schema": {"type": "integer", "default": 0, "title": "X-Retries"}},
                    ],
                    "responses": RESPONSES,
                }},
            },
            "components": {"schemas": VALIDATION_SCHEMAS},
        })
