"""``openapi_url=None`` (FastAPI's tests/test_tutorial/test_conditional_openapi/): the schema, Swagger UI, its
OAuth2 redirect page and ReDoc all answer 404 ``{"detail": "Not Found"}`` (fastapi/applications.py only adds
the docs routes ``if self.openapi_url``); the app's own routes still work, and ``app.openapi()`` still builds
the document in Python."""
import unittest

from examples.compat import openapi_disabled
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200


class OpenAPIDisabledTest(AppTestCase):
    app = openapi_disabled.app

    def test_root(self) -> None:
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"message": "Hello World"})

    def test_no_schema_and_no_docs(self) -> None:
        for path in ("/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"):
            response = self.client.get(path)
            self.assertEqual(response.status_code, 404, path)
            self.assertEqual(response.json(), {"detail": "Not Found"})

    def test_schema_still_available_in_python(self) -> None:
        self.assertEqual(self.app.openapi(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {"/": {"get": {
                "summary": "Root",
                "operationId": "root__get",
                "responses": {"200": RESPONSE_200},
            }}},
        })


if __name__ == "__main__":
    unittest.main()
