"""Nested routers ("Bigger Applications"): prefixes, tags, dependencies and responses combined
from the app, each inclusion and each router, and the OpenAPI document FastAPI writes for them.

Expected values follow current FastAPI (0.115+, pydantic v2, OpenAPI 3.1.0); the ValidationError
schema is the newest one, with the ``input`` and ``ctx`` properties."""
import unittest

from examples.compat import routing_bigger_app
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200, VALIDATION_SCHEMAS
from examples.compat.openapi_shapes import RESPONSE_200 as JSON_200, RESPONSE_422 as VALIDATION_422

TENANT = {"tenant": "acme"}
KEY = {"X-API-Key": "library-key"}

TENANT_PARAM = {"name": "tenant", "in": "query", "required": True, "schema": {"type": "string", "title": "Tenant"}}
KEY_PARAM = {"name": "x-api-key", "in": "header", "required": True, "schema": {"type": "string", "title": "X-Api-Key"}}
ADMIN_PARAM = {"name": "x-admin", "in": "header", "required": True, "schema": {"type": "string", "title": "X-Admin"}}
UNAUTHORIZED = {"description": "Missing or invalid API key"}

OPENAPI = {
    "openapi": "3.1.0",
    "info": {"title": "FastAPI", "version": "0.1.0"},
    "paths": {
        "/api/v1/authors/": {
            "get": {
                "tags": ["v1", "authors"],
                "summary": "List Authors",
                "operationId": "list_authors_api_v1_authors__get",
                "parameters": [TENANT_PARAM, KEY_PARAM],
                "responses": {"200": JSON_200, "401": UNAUTHORIZED, "422": VALIDATION_422},
            }
        },
        "/api/v1/authors/{author_id}": {
            "get": {
                "tags": ["v1", "authors"],
                "summary": "Read Author",
                "operationId": "read_author_api_v1_authors__author_id__get",
                "parameters": [
                    {"name": "author_id", "in": "path", "required": True,
                     "schema": {"type": "integer", "title": "Author Id"}},
                    TENANT_PARAM,
                    KEY_PARAM,
                ],
                "responses": {"200": JSON_200, "401": UNAUTHORIZED, "422": VALIDATION_422},
            }
        },
        "/api/v1/books/": {
            "get": {
                "tags": ["v1", "books"],
                "summary": "List Books",
                "operationId": "list_books_api_v1_books__get",
                "parameters": [TENANT_PARAM, KEY_PARAM],
                "responses": {"200": JSON_200, "401": UNAUTHORIZED, "404": {"description": "Book not found"},
                              "422": VALIDATION_422},
            }
        },
        "/api/v1/books/{book_id}": {
            "get": {
                "tags": ["v1", "books", "catalogue"],
                "summary": "Read Book",
                "operationId": "read_book_api_v1_books__book_id__get",
                "parameters": [
                    {"name": "book_id", "in": "path", "required": True, "schema": {"type": "integer", "title": "Book Id"}},
                    TENANT_PARAM,
                    KEY_PARAM,
                ],
                "responses": {"200": JSON_200, "401": UNAUTHORIZED, "403": {"description": "Restricted book"},
                              "404": {"description": "Book not found"}, "422": VALIDATION_422},
            }
        },
        "/admin/reindex": {
            "post": {
                "tags": ["admin"],
                "summary": "Reindex",
                "operationId": "reindex_admin_reindex_post",
                "parameters": [TENANT_PARAM, ADMIN_PARAM],
                "responses": {
                    "202": RESPONSE_200,
                    "418": {"description": "I'm a teapot"},
                    "422": VALIDATION_422,
                },
            }
        },
        "/": {
            "get": {
                "summary": "Root",
                "operationId": "root__get",
                "parameters": [TENANT_PARAM],
                "responses": {"200": JSON_200, "422": VALIDATION_422},
            }
        },
    },
    "components": {"schemas": VALIDATION_SCHEMAS},
}


class BiggerApplicationTest(AppTestCase):
    app = routing_bigger_app.app

    def test_app_dependency_applies_to_app_routes(self) -> None:
        self.assertEqual(self.client.get("/", params=TENANT).json(), {"library": "open"})
        r = self.client.get("/", params={"tenant": "globex"})
        self.assertEqual(r.status_code, 400)
        self.assertEqual(r.json(), {"detail": "Unknown tenant"})
        r = self.client.get("/")
        self.assertEqual(r.status_code, 422)
        self.assertEqual(r.json(), {"detail": [
            {"type": "missing", "loc": ["query", "tenant"], "msg": "Field required", "input": None},
        ]})

    def test_nested_prefixes(self) -> None:
        r = self.client.get("/api/v1/authors/", params=TENANT, headers=KEY)
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.json(), [{"id": 1, "name": "Ursula K. Le Guin"}, {"id": 2, "name": "Iain M. Banks"}])
        self.assertEqual(self.client.get("/api/v1/authors/2", params=TENANT, headers=KEY).json(),
                         {"id": 2, "name": "Iain M. Banks"})
        self.assertEqual(self.client.get("/api/v1/books/", params=TENANT, headers=KEY).json(),
                         [{"id": 1, "title": "The Dispossessed"}, {"id": 2, "title": "Excession"}])
        self.assertEqual(self.client.get("/api/v1/books/1", params=TENANT, headers=KEY).json(),
                         {"id": 1, "title": "The Dispossessed", "author_id": 1})
        for path in ("/authors/", "/v1/authors/", "/books/1", "/api/books/1"):
            self.assertEqual(self.client.get(path, params=TENANT, headers=KEY).status_code, 404, path)

    def test_handler_errors_under_nested_routers(self) -> None:
        r = self.client.get("/api/v1/books/3", params=TENANT, headers=KEY)
        self.assertEqual(r.status_code, 403)
        self.assertEqual(r.json(), {"detail": "Restricted book"})
        r = self.client.get("/api/v1/authors/9", params=TENANT, headers=KEY)
        self.assertEqual(r.status_code, 404)
        self.assertEqual(r.json(), {"detail": "Author not found"})

    def test_router_dependency_applies_to_included_routers(self) -> None:
        for path in ("/api/v1/authors/", "/api/v1/books/1"):
            r = self.client.get(path, params=TENANT, headers={"X-API-Key": "stolen"})
            self.assertEqual(r.status_code, 401, path)
            self.assertEqual(r.json(), {"detail": "Invalid API key"})

    def test_missing_values_of_app_and_router_dependencies(self) -> None:
        r = self.client.get("/api/v1/books/x")
        self.assertEqual(r.status_code, 422)
        self.assertEqual(r.json(), {"detail": [
            {"type": "missing", "loc": ["query", "tenant"], "msg": "Field required", "input": None},
            {"type": "missing", "loc": ["header", "x-api-key"], "msg": "Field required", "input": None},
            {"type": "int_parsing", "loc": ["path", "book_id"],
             "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "x"},
        ]})

    def test_include_router_dependencies_and_status_code(self) -> None:
        r = self.client.post("/admin/reindex", params=TENANT, headers={"X-Admin": "yes"})
        self.assertEqual(r.status_code, 202)
        self.assertEqual(r.json(), {"status": "reindexing"})
        r = self.client.post("/admin/reindex", params=TENANT, headers={"X-Admin": "no"})
        self.assertEqual(r.status_code, 403)
        self.assertEqual(r.json(), {"detail": "Admins only"})

    def test_docs_routes_do_not_get_app_dependencies(self) -> None:
        # FastAPI adds /openapi.json and /docs as plain Starlette routes: the app's dependencies
        # (here a required ?tenant=) do not apply to them.
        self.assertEqual(self.client.get("/openapi.json").status_code, 200)
        self.assertEqual(self.client.get("/docs").status_code, 200)

    def test_openapi_paths(self) -> None:
        self.assertEqual(self.app.openapi()["paths"], OPENAPI["paths"])

    def test_openapi_document(self) -> None:
        r = self.client.get("/openapi.json")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.json(), OPENAPI)


if __name__ == "__main__":
    unittest.main()
