"""``url_path_for`` / ``url_for``: names, path parameters (also ``:path``), router prefixes, the
error for an unknown name or wrong parameters (Starlette's NoMatchFound), and the OpenAPI document.

Expected values follow current FastAPI (0.115+, pydantic v2, OpenAPI 3.1.0) and Starlette; the
ValidationError schema is the newest one, with the ``input`` and ``ctx`` properties."""
import unittest

from examples.compat import routing_url_path_for
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200 as JSON_200, RESPONSE_422 as VALIDATION_422, VALIDATION_SCHEMAS


OPENAPI = {
    "openapi": "3.1.0",
    "info": {"title": "FastAPI", "version": "0.1.0"},
    "paths": {
        "/items/{item_id}": {
            "get": {
                "summary": "Read Item",
                "operationId": "read_item_items__item_id__get",
                "parameters": [
                    {"name": "item_id", "in": "path", "required": True, "schema": {"type": "integer", "title": "Item Id"}},
                ],
                "responses": {"200": JSON_200, "422": VALIDATION_422},
            }
        },
        "/files/{file_path}": {
            "get": {
                "summary": "File",
                "operationId": "file_files__file_path__get",
                "parameters": [
                    {"name": "file_path", "in": "path", "required": True,
                     "schema": {"type": "string", "title": "File Path"}},
                ],
                "responses": {"200": JSON_200, "422": VALIDATION_422},
            }
        },
        "/shop/users/{user_id}/orders/{order_id}": {
            "get": {
                "summary": "Read Order",
                "operationId": "read_order_shop_users__user_id__orders__order_id__get",
                "parameters": [
                    {"name": "user_id", "in": "path", "required": True, "schema": {"type": "string", "title": "User Id"}},
                    {"name": "order_id", "in": "path", "required": True,
                     "schema": {"type": "integer", "title": "Order Id"}},
                ],
                "responses": {"200": JSON_200, "422": VALIDATION_422},
            }
        },
        "/links": {
            "get": {"summary": "Links", "operationId": "links_links_get", "responses": {"200": JSON_200}},
        },
    },
    "components": {"schemas": VALIDATION_SCHEMAS},
}


class URLPathForTest(AppTestCase):
    app = routing_url_path_for.app

    def test_url_path_for_function_names_and_prefixes(self) -> None:
        self.assertEqual(self.app.url_path_for("read_item", item_id=7), "/items/7")
        self.assertEqual(self.app.url_path_for("read_order", user_id="bob", order_id=12), "/shop/users/bob/orders/12")

    def test_url_path_for_route_name_and_path_convertor(self) -> None:
        self.assertEqual(self.app.url_path_for("file", file_path="a/b/c.txt"), "/files/a/b/c.txt")

    def test_docs_routes_have_names(self) -> None:
        # FastAPI's setup() adds them as functions named openapi, swagger_ui_html, swagger_ui_redirect, redoc_html.
        for name, path in (("openapi", "/openapi.json"), ("swagger_ui_html", "/docs"),
                           ("swagger_ui_redirect", "/docs/oauth2-redirect"), ("redoc_html", "/redoc")):
            with self.subTest(name=name):
                try:
                    found = self.app.url_path_for(name)
                except Exception as exc:  # report a missing name as a failure, not an error
                    found = repr(exc)
                self.assertEqual(found, path)

    def test_no_match_message(self) -> None:
        cases = [
            ("read_file", {"file_path": "x"}, 'No route exists for name "read_file" and params "file_path".'),
            ("read_item", {}, 'No route exists for name "read_item" and params "".'),
            ("read_item", {"item_id": 1, "page": 2}, 'No route exists for name "read_item" and params "item_id, page".'),
        ]
        for name, params, message in cases:
            with self.subTest(name=name, params=params):
                with self.assertRaises(Exception) as caught:
                    self.app.url_path_for(name, **params)
                self.assertEqual(str(caught.exception), message)

    def test_no_match_is_starlettes_no_match_found(self) -> None:
        with self.assertRaises(Exception) as caught:
            self.app.url_path_for("nowhere")
        self.assertEqual(type(caught.exception).__name__, "NoMatchFound")

    def test_request_url_for_is_absolute(self) -> None:
        self.assertEqual(self.client.get("/items/5").json(), {"item_id": 5, "url": "http://testserver/items/5"})

    def test_reverse_routing_inside_a_handler(self) -> None:
        self.assertEqual(self.client.get("/links").json(), {
            "item": "/items/7",
            "file": "/files/docs/readme.md",
            "order": "http://testserver/shop/users/ann/orders/3",
            "openapi": "/openapi.json",
        })

    def test_path_convertor_route_serves(self) -> None:
        self.assertEqual(self.client.get("/files/docs/readme.md").json(), {"file_path": "docs/readme.md"})

    def test_openapi_paths(self) -> None:
        self.assertEqual(self.app.openapi()["paths"], OPENAPI["paths"])

    def test_openapi_document(self) -> None:
        r = self.client.get("/openapi.json")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.json(), OPENAPI)


if __name__ == "__main__":
    unittest.main()
