"""Default response classes: which class renders each route (content type and body), and the
media types FastAPI documents for them.

Expected values follow FastAPI 0.115+: the route's ``response_class`` is resolved as the first
explicitly given of route, router ``default_response_class``, ``include_router(default_response_class=)``
and the app's ``default_response_class``. Non-JSON classes document ``{"type": "string"}``. The
ValidationError schema is the newest one, with the ``input`` and ``ctx`` properties."""
import unittest

from examples.compat import reqresp_default_response_class
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200, RESPONSE_422 as VALIDATION_422, VALIDATION_SCHEMAS

HTML_200 = {"200": {"description": "Successful Response", "content": {"text/html": {"schema": {"type": "string"}}}}}
TEXT_200 = {"200": {"description": "Successful Response", "content": {"text/plain": {"schema": {"type": "string"}}}}}
JSON_200 = {"200": RESPONSE_200}

OPENAPI = {
    "openapi": "3.1.0",
    "info": {"title": "FastAPI", "version": "0.1.0"},
    "paths": {
        "/": {"get": {"summary": "Home", "operationId": "home__get", "responses": HTML_200}},
        "/api/status": {"get": {"summary": "Api Status", "operationId": "api_status_api_status_get", "responses": JSON_200}},
        "/text/hello": {"get": {"summary": "Hello", "operationId": "hello_text_hello_get", "responses": TEXT_200}},
        "/text/data": {"get": {"summary": "Data", "operationId": "data_text_data_get", "responses": JSON_200}},
        "/pages/about": {"get": {"summary": "About", "operationId": "about_pages_about_get", "responses": HTML_200}},
        "/pages/{name}": {
            "get": {
                "summary": "Page",
                "operationId": "page_pages__name__get",
                "parameters": [{"name": "name", "in": "path", "required": True, "schema": {"type": "string", "title": "Name"}}],
                "responses": {**HTML_200, "422": VALIDATION_422},
            }
        },
        "/feeds/latest": {"get": {"summary": "Latest Feed", "operationId": "latest_feed_feeds_latest_get",
                                  "responses": TEXT_200}},
    },
    "components": {"schemas": VALIDATION_SCHEMAS},
}


class DefaultResponseClassTest(AppTestCase):
    app = reqresp_default_response_class.app

    def assert_response(self, path: str, content_type: str, body: bytes) -> None:
        r = self.client.get(path)
        self.assertEqual(r.status_code, 200, path)
        self.assertEqual(r.headers["content-type"], content_type, path)
        self.assertEqual(r.content, body, path)

    def test_app_default(self) -> None:
        self.assert_response("/", "text/html; charset=utf-8", b"<h1>Home</h1>")

    def test_route_class_beats_app_default(self) -> None:
        self.assert_response("/api/status", "application/json", b'{"ok":true}')

    def test_router_default_beats_app_default(self) -> None:
        self.assert_response("/text/hello", "text/plain; charset=utf-8", b"hello")

    def test_route_class_beats_router_default(self) -> None:
        self.assert_response("/text/data", "application/json", b'{"numbers":[1,2,3]}')

    def test_router_without_default_uses_app_default(self) -> None:
        self.assert_response("/pages/about", "text/html; charset=utf-8", b"<p>About us</p>")
        self.assert_response("/pages/contact", "text/html; charset=utf-8", b"<h1>contact</h1>")

    def test_include_router_default_beats_app_default(self) -> None:
        self.assert_response("/feeds/latest", "text/plain; charset=utf-8", b"latest news")

    def test_errors_stay_json(self) -> None:
        r = self.client.get("/nowhere")
        self.assertEqual(r.status_code, 404)
        self.assertEqual(r.headers["content-type"], "application/json")
        self.assertEqual(r.json(), {"detail": "Not Found"})

    def test_openapi_document(self) -> None:
        r = self.client.get("/openapi.json")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.json(), OPENAPI)

    def test_openapi_paths(self) -> None:
        self.assertEqual(self.app.openapi()["paths"], OPENAPI["paths"])


if __name__ == "__main__":
    unittest.main()
