"""Cookie parameters, as FastAPI documents them (tests/test_tutorial/test_cookie_params/test_tutorial001.py
in FastAPI's repository): a cookie is read by its exact name, other cookies are ignored, errors are
located at ("cookie", <name>), and the OpenAPI document lists ``in: cookie`` parameters."""
from examples.compat import params_cookie
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200, RESPONSE_422, VALIDATION_SCHEMAS

RESPONSES = {
    "200": RESPONSE_200,
    "422": RESPONSE_422,
}


class CookieParamsTest(AppTestCase):
    app = params_cookie.app

    def test_no_cookie(self):
        response = self.client.get("/items/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"ads_id": None})

    def test_cookie_among_others(self):
        response = self.client.get("/items/", cookies={"ads_id": "ads_track", "session": "cookiesession"})
        self.assertEqual(response.json(), {"ads_id": "ads_track"})

    def test_other_cookie_only(self):
        self.assertEqual(self.client.get("/items/", cookies={"session": "cookiesession"}).json(), {"ads_id": None})

    def test_required_and_typed_cookies(self):
        response = self.client.get("/session/", cookies={"session_id": "abc123", "visits": "7"})
        self.assertEqual(response.json(), {"session_id": "abc123", "visits": 7})

    def test_missing_and_invalid_cookies(self):
        response = self.client.get("/session/", cookies={"visits": "many"})
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "missing", "loc": ["cookie", "session_id"], "msg": "Field required", "input": None},
            {"type": "int_parsing", "loc": ["cookie", "visits"],
             "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "many"},
        ]})

    def test_openapi(self):
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {
                "/items/": {"get": {
                    "summary": "Read Items",
                    "operationId": "read_items_items__get",
                    "parameters": [{"name": "ads_id", "in": "cookie", "required": False,
                                    "schema": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Ads Id"}}],
                    "responses": RESPONSES,
                }},
                "/session/": {"get": {
                    "summary": "Read Session",
                    "operationId": "read_session_session__get",
                    "parameters": [
                        {"name": "session_id", "in": "cookie", "required": True,
                         "schema": {"type": "string", "title": "Session Id"}},
                        {"name": "visits", "in": "cookie", "required": False,
                         "schema": {"type": "integer", "default": 0, "title": "Visits"}},
                    ],
                    "responses": RESPONSES,
                }},
            },
            "components": {"schemas": VALIDATION_SCHEMAS},
        })
