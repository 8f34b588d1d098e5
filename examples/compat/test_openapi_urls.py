"""Custom schema and docs URLs, ``root_path`` and ``servers`` (FastAPI's
tests/test_tutorial/test_behind_a_proxy/test_tutorial003.py, tests/test_tutorial/test_extending_openapi/,
tests/test_application.py).

Expected values are current FastAPI's (fastapi/applications.py, ``FastAPI.setup``): the schema is served
at ``openapi_url`` only; the docs page loads ``root_path + openapi_url`` and redirects OAuth2 to
``root_path + swagger_ui_oauth2_redirect_url`` (still ``/docs/oauth2-redirect``: it does not follow
``docs_url``); ``redoc_url=None`` removes ReDoc; and when the request's ``root_path`` is not one of the
``servers`` (and ``root_path_in_servers`` is true) the schema lists ``{"url": root_path}`` first, before the
servers given (behind_a_proxy tutorial003: ``[{"url": "/api/v1"}, staging, production]``).
"""
import unittest

from examples.compat import openapi_urls
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200


class OpenAPIUrlsTest(AppTestCase):
    app = openapi_urls.app

    def test_route(self) -> None:
        self.assertEqual(self.client.get("/items/").json(), [{"sku": "A-1"}])

    def test_schema_url(self) -> None:
        self.assertEqual(self.client.get("/api/v1/openapi.json").status_code, 200)
        response = self.client.get("/openapi.json")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json(), {"detail": "Not Found"})

    def test_docs_url(self) -> None:
        response = self.client.get("/api/v1/docs")
        self.assertEqual(response.status_code, 200)
        self.assertIn("<title>Inventory - Swagger UI</title>", response.text)
        self.assertIn("url: '/inventory/api/v1/openapi.json',", response.text)
        self.assertIn("oauth2RedirectUrl: window.location.origin + '/inventory/docs/oauth2-redirect',", response.text)
        self.assertEqual(self.client.get("/docs").status_code, 404)

    def test_oauth2_redirect_keeps_its_own_url(self) -> None:
        response = self.client.get("/docs/oauth2-redirect")
        self.assertEqual(response.status_code, 200)
        self.assertIn("window.opener.swaggerUIRedirectOauth2", response.text)
        self.assertEqual(self.client.get("/api/v1/docs/oauth2-redirect").status_code, 404)

    def test_no_redoc(self) -> None:
        self.assertEqual(self.client.get("/redoc").status_code, 404)
        self.assertEqual(self.client.get("/api/v1/redoc").status_code, 404)

    def test_openapi(self) -> None:
        self.assertEqual(self.client.get("/api/v1/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "Inventory", "version": "0.1.0"},
            "servers": [
                {"url": "/inventory"},
                {"url": "https://eu.example.com/inventory", "description": "EU region"},
                {"url": "https://us.example.com/inventory", "description": "US region"},
            ],
            "paths": {"/items/": {"get": {
                "summary": "List Items",
                "operationId": "list_items_items__get",
                "responses": {"200": RESPONSE_200},
            }}},
        })


if __name__ == "__main__":
    unittest.main()
