"""``generate_unique_id_function``, ``openapi_extra`` and ``separate_input_output_schemas=False``
(FastAPI's tests/test_generate_unique_id_function.py, tests/test_tutorial/test_generate_clients/,
tests/test_tutorial/test_path_operation_advanced_configurations/, tests/test_openapi_separate_input_output_schemas.py).

Expected values are current FastAPI's:
- the app's ``generate_unique_id_function`` makes the operation ids, the ``Body_{id}`` model names and the
  ``Response {Id}`` titles of every path operation, including those of an included ``APIRouter`` that has
  none of its own; it is called only for ``APIRoute``s (FastAPI's docs routes are plain Starlette routes), and
  not when ``operation_id`` is given (fastapi/routing.py, ``APIRoute.__init__``:
  ``self.operation_id or generate_unique_id_function(self)``);
- ``openapi_extra`` is deep-merged into the operation last (fastapi/openapi/utils.py, ``deep_dict_update``:
  dicts merged, lists concatenated);
- with ``separate_input_output_schemas=False`` models are documented in validation mode, except a model
  with a computed field that is itself a response model (fastapi/_compat/v2.py, ``_has_computed_fields``):
  ``add_book``'s ``-> Book`` is serialized, so ``Book`` still gets a "-Output" schema with its
  ``computed_field`` next to the "-Input" one (which ``list[Book]``, not a model itself, uses);
- ``ValidationError`` lists ``input`` and ``ctx`` (fastapi/openapi/utils.py).
"""
import unittest

from examples.compat import openapi_operations
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import HTTP_VALIDATION_ERROR, RESPONSE_200, RESPONSE_422, VALIDATION_ERROR


class OpenAPIOperationsTest(AppTestCase):
    app = openapi_operations.app

    def test_routes(self) -> None:
        self.assertEqual(self.client.get("/books/").json(), [{"title": "Dune", "price": 9.5, "price_label": "9.50 EUR"}])
        response = self.client.post("/books/", json={"book": {"title": "Emma", "price": 7}, "shelf": "B2"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"title": "Emma", "price": 7.0, "price_label": "7.00 EUR"})
        self.assertEqual(self.client.get("/authors/3").json(), {"author_id": 3})
        self.assertEqual(self.client.get("/legacy/books").json(), [])

    def test_path_parameter_error(self) -> None:
        response = self.client.get("/authors/three")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [{
            "type": "int_parsing",
            "loc": ["path", "author_id"],
            "msg": "Input should be a valid integer, unable to parse string as an integer",
            "input": "three",
        }]})

    def test_unique_id_function_is_called_for_path_operations_only(self) -> None:
        self.assertEqual(sorted(set(openapi_operations.generated_for)), ["/authors/{author_id}", "/books/"])

    def test_operation_ids(self) -> None:
        paths = self.client.get("/openapi.json").json()["paths"]
        self.assertEqual(paths["/books/"]["get"]["operationId"], "books-list_books")
        self.assertEqual(paths["/books/"]["post"]["operationId"], "books-add_book")
        self.assertEqual(paths["/authors/{author_id}"]["get"]["operationId"], "authors-read_author")
        self.assertEqual(paths["/legacy/books"]["get"]["operationId"], "legacyListBooks")

    def test_openapi(self) -> None:
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {
                "/books/": {
                    "get": {
                        "tags": ["books"],
                        "summary": "List Books",
                        "operationId": "books-list_books",
                        "responses": {"200": {"description": "Successful Response", "content": {"application/json": {
                            "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Book-Input"},
                                       "title": "Response Books-List Books"}}}}},
                        "x-cache-seconds": 60,
                    },
                    "post": {
                        "tags": ["books"],
                        "summary": "Add Book",
                        "operationId": "books-add_book",
                        "requestBody": {
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Body_books-add_book"}}},
                            "required": True,
                        },
                        "responses": {
                            "200": {"description": "Successful Response",
                                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Book-Output"}}}},
                            "422": RESPONSE_422,
                        },
                    },
                },
                "/legacy/books": {"get": {
                    "tags": ["books"],
                    "summary": "Legacy List Books",
                    "operationId": "legacyListBooks",
                    "responses": {"200": RESPONSE_200},
                    "deprecated": True,
                }},
                "/authors/{author_id}": {"get": {
                    "tags": ["authors"],
                    "summary": "Read Author",
                    "operationId": "authors-read_author",
                    "parameters": [
                        {"name": "author_id", "in": "path", "required": True,
                         "schema": {"type": "integer", "title": "Author Id"}},
                        {"name": "X-Request-Id", "in": "header", "required": False, "schema": {"type": "string"}},
                    ],
                    "responses": {
                        "200": {"description": "The author", "content": {"application/json": {"schema": {}}}},
                        "422": RESPONSE_422,
                    },
                }},
            },
            "components": {"schemas": {
                "Body_books-add_book": {
                    "title": "Body_books-add_book",
                    "type": "object",
                    "properties": {
                        "book": {"$ref": "#/components/schemas/Book-Input"},
                        "shelf": {"type": "string", "title": "Shelf"},
                    },
                    "required": ["book", "shelf"],
                },
                "Book-Input": {
                    "title": "Book",
                    "type": "object",
                    "properties": {
                        "title": {"type": "string", "title": "Title"},
                        "price": {"type": "number", "title": "Price"},
                    },
                    "required": ["title", "price"],
                },
                "Book-Output": {
                    "title": "Book",
                    "type": "object",
                    "properties": {
                        "title": {"type": "string", "title": "Title"},
                        "price": {"type": "number", "title": "Price"},
                        "price_label": {"type": "string", "title": "Price Label", "readOnly": True},
                    },
                    "required": ["title", "price", "price_label"],
                },
                "HTTPValidationError": HTTP_VALIDATION_ERROR,
                "ValidationError": VALIDATION_ERROR,
            }},
        })


if __name__ == "__main__":
    unittest.main()
