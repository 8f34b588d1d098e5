"""The docs pages (FastAPI's fastapi/openapi/docs.py and tests/test_application.py, test_swagger_ui_init_oauth.py,
tests/test_tutorial/test_configure_swagger_ui/).

FastAPI's Swagger UI page has ``<title>{title} - Swagger UI</title>``, ``url: '{openapi_url}',``, one
``"key": json,`` line per Swagger UI parameter (defaults ``dom_id``, ``layout``, ``deepLinking``,
``showExtensions``, ``showCommonExtensions``, overridden by ``swagger_ui_parameters``),
``oauth2RedirectUrl: window.location.origin + '/docs/oauth2-redirect',`` and ``ui.initOAuth({...})``; ReDoc
has ``<title>{title} - ReDoc</title>`` and ``<redoc spec-url="{openapi_url}"></redoc>``. The asset URLs are
Tachyon's own (served locally; FastAPI links a CDN). None of these routes is in the OpenAPI document.
"""
import unittest

from examples.compat import openapi_docs_pages
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200


class DocsPagesTest(AppTestCase):
    app = openapi_docs_pages.app

    def test_swagger_ui(self) -> None:
        response = self.client.get("/docs")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["content-type"], "text/html; charset=utf-8")
        page = response.text
        for line in (
            "<title>Observatory - Swagger UI</title>",
            "url: '/openapi.json',",
            "oauth2RedirectUrl: window.location.origin + '/docs/oauth2-redirect',",
            '<link type="text/css" rel="stylesheet" href="/_tachyon/docs/swagger-ui.css">',
            '<script src="/_tachyon/docs/swagger-ui-bundle.js"></script>',
        ):
            self.assertIn(line, page)

    def test_swagger_ui_parameters(self) -> None:
        page = self.client.get("/docs").text
        for line in ('"dom_id": "#swagger-ui",', '"layout": "BaseLayout",', '"showExtensions": true,',
                     '"showCommonExtensions": true,', '"syntaxHighlight": false,', '"deepLinking": false,',
                     '"defaultModelsExpandDepth": -1,'):
            self.assertIn(line, page)
        self.assertNotIn('"deepLinking": true', page)

    def test_swagger_ui_init_oauth(self) -> None:
        page = self.client.get("/docs").text
        self.assertIn('ui.initOAuth({"clientId": "observatory-docs", "appName": "Observatory", '
                      '"usePkceWithAuthorizationCodeGrant": true})', page)

    def test_oauth2_redirect_page(self) -> None:
        response = self.client.get("/docs/oauth2-redirect")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["content-type"], "text/html; charset=utf-8")
        self.assertIn("<title>Swagger UI: OAuth2 Redirect</title>", response.text)
        self.assertIn("window.opener.swaggerUIRedirectOauth2", response.text)

    def test_redoc(self) -> None:
        response = self.client.get("/redoc")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["content-type"], "text/html; charset=utf-8")
        self.assertIn("<title>Observatory - ReDoc</title>", response.text)
        self.assertIn('<redoc spec-url="/openapi.json"></redoc>', response.text)
        self.assertIn('<script src="/_tachyon/docs/redoc.standalone.js"> </script>', response.text)

    def test_local_assets(self) -> None:
        for asset, media_type in (("swagger-ui-bundle.js", "text/javascript"), ("swagger-ui.css", "text/css"),
                                  ("redoc.standalone.js", "text/javascript")):
            response = self.client.get(f"/_tachyon/docs/{asset}")
            self.assertEqual(response.status_code, 200, asset)
            self.assertTrue(response.headers["content-type"].startswith(media_type), response.headers["content-type"])

    def test_docs_routes_are_not_documented(self) -> None:
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "Observatory", "version": "0.1.0"},
            "paths": {"/stars/": {"get": {
                "summary": "List Stars",
                "operationId": "list_stars_stars__get",
                "responses": {"200": RESPONSE_200},
            }}},
        })
        self.assertEqual(self.client.get("/stars/").json(), [{"name": "Vega"}, {"name": "Deneb"}])


if __name__ == "__main__":
    unittest.main()
