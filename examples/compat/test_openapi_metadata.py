"""OpenAPI metadata (FastAPI's tests/test_tutorial/test_metadata/test_tutorial001_1.py and
test_tutorial004.py): ``info`` has title, summary, description, termsOfService, contact, license (here with
an SPDX ``identifier``) and version; ``openapi_tags`` becomes the top-level ``tags`` list as given (with
``externalDocs``); each operation keeps its own ``tags``."""
import unittest

from examples.compat import openapi_metadata
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200

OK = {"200": RESPONSE_200}


class OpenAPIMetadataTest(AppTestCase):
    app = openapi_metadata.app

    def test_routes(self) -> None:
        self.assertEqual(self.client.get("/health").json(), {"status": "ok"})
        self.assertEqual(self.client.get("/books/").json(), [{"title": "Dune"}])

    def test_openapi_json_response(self) -> None:
        response = self.client.get("/openapi.json")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["content-type"], "application/json")

    def test_info(self) -> None:
        self.assertEqual(self.client.get("/openapi.json").json()["info"], {
            "title": "Bookshelf",
            "summary": "Your books, catalogued.",
            "description": "\nBookshelf keeps track of the books you own. 📚\n\n## Books\n\n"
                           "You can **list books** and **add books** (_soon_).\n",
            "termsOfService": "https://bookshelf.example.com/terms/",
            "contact": {
                "name": "Bookshelf team",
                "url": "https://bookshelf.example.com/contact/",
                "email": "team@bookshelf.example.com",
            },
            "license": {"name": "Apache 2.0", "identifier": "Apache-2.0"},
            "version": "2.1.0",
        })

    def test_openapi(self) -> None:
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {
                "title": "Bookshelf",
                "summary": "Your books, catalogued.",
                "description": openapi_metadata.description,
                "termsOfService": "https://bookshelf.example.com/terms/",
                "contact": {
                    "name": "Bookshelf team",
                    "url": "https://bookshelf.example.com/contact/",
                    "email": "team@bookshelf.example.com",
                },
                "license": {"name": "Apache 2.0", "identifier": "Apache-2.0"},
                "version": "2.1.0",
            },
            "paths": {
                "/health": {"get": {"tags": ["health"], "summary": "Health", "operationId": "health_health_get",
                                    "responses": OK}},
                "/books/": {"get": {"tags": ["books"], "summary": "List Books", "operationId": "list_books_books__get",
                                    "responses": OK}},
            },
            "tags": [
                {"name": "books", "description": "Operations on books. **Adding** needs a librarian."},
                {
                    "name": "health",
                    "description": "Liveness checks.",
                    "externalDocs": {"description": "Runbook", "url": "https://ops.example.com/runbooks/bookshelf"},
                },
            ],
        })


if __name__ == "__main__":
    unittest.main()
