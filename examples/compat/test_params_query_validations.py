"""Query validations and metadata, as FastAPI documents them
(tests/test_tutorial/test_query_params_str_validations/test_tutorial006c, 009, 010 and 014, and
tests/test_schema_extra_examples.py in FastAPI's repository): each constraint fails with pydantic's
error and context, the alias is the only accepted key, and the OpenAPI document carries the
constraints, title, description, ``deprecated`` (also inside the schema with pydantic >= 2.10),
JSON Schema ``examples`` and the parameter's ``examples``, and omits hidden parameters."""
import unittest

from examples.compat import params_query_validations
from tests.client_case import AppTestCase
from examples.compat.openapi_shapes import RESPONSE_200 as OK, RESPONSE_422, VALIDATION_SCHEMAS

RESPONSES = {
    "200": OK,
    "422": RESPONSE_422,
}


class QueryValidationsTest(AppTestCase):
    app = params_query_validations.app

    def test_string_constraints_pass(self):
        self.assertEqual(self.client.get("/search/?q=abc").json(), {"q": "abc"})
        self.assertEqual(self.client.get("/search/").json(), {"q": None})

    def test_min_length(self):
        response = self.client.get("/search/?q=ab")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "string_too_short", "loc": ["query", "q"], "msg": "String should have at least 3 characters",
             "input": "ab", "ctx": {"min_length": 3}},
        ]})

    def test_max_length(self):
        response = self.client.get("/search/?q=abcdefghijklm")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "string_too_long", "loc": ["query", "q"], "msg": "String should have at most 12 characters",
             "input": "abcdefghijklm", "ctx": {"max_length": 12}},
        ]})

    def test_pattern(self):
        response = self.client.get("/search/?q=ABC")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "string_pattern_mismatch", "loc": ["query", "q"], "msg": "String should match pattern '^[a-z]+$'",
             "input": "ABC", "ctx": {"pattern": "^[a-z]+$"}},
        ]})

    def test_numeric_constraints_pass(self):
        self.assertEqual(self.client.get("/pages/").json(), {"page": 1, "ratio": 0.5})
        self.assertEqual(self.client.get("/pages/?page=100&ratio=0.25").json(), {"page": 100, "ratio": 0.25})

    def test_lower_bounds(self):
        response = self.client.get("/pages/?page=0&ratio=0")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "greater_than_equal", "loc": ["query", "page"], "msg": "Input should be greater than or equal to 1",
             "input": "0", "ctx": {"ge": 1}},
            {"type": "greater_than", "loc": ["query", "ratio"], "msg": "Input should be greater than 0",
             "input": "0", "ctx": {"gt": 0}},
        ]})

    def test_upper_bounds(self):
        response = self.client.get("/pages/?page=101&ratio=1")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "less_than_equal", "loc": ["query", "page"], "msg": "Input should be less than or equal to 100",
             "input": "101", "ctx": {"le": 100}},
            {"type": "less_than", "loc": ["query", "ratio"], "msg": "Input should be less than 1",
             "input": "1", "ctx": {"lt": 1}},
        ]})

    def test_alias_is_the_key(self):
        self.assertEqual(self.client.get("/aliased/?item-query=fixedquery").json(), {"item_query": "fixedquery"})
        self.assertEqual(self.client.get("/aliased/?item_query=fixedquery").json(), {"item_query": None})

    def test_deprecated_still_works(self):
        self.assertEqual(self.client.get("/legacy/?q=old").json(), {"q": "old"})

    def test_required_with_examples(self):
        self.assertEqual(self.client.get("/colors/?tag=green").json(), {"tag": "green"})
        response = self.client.get("/colors/")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json(), {"detail": [
            {"type": "missing", "loc": ["query", "tag"], "msg": "Field required", "input": None},
        ]})

    def test_hidden_parameter_is_still_read(self):
        self.assertEqual(self.client.get("/hidden/?hidden_query=somevalue").json(), {"hidden_query": "somevalue"})
        self.assertEqual(self.client.get("/hidden/").json(), {"hidden_query": "Not found"})

    def test_openapi(self):
        description = "Text to look for in the item names"
        self.assertEqual(self.client.get("/openapi.json").json(), {
            "openapi": "3.1.0",
            "info": {"title": "FastAPI", "version": "0.1.0"},
            "paths": {
                "/search/": {"get": {
                    "summary": "Search",
                    "operationId": "search_search__get",
                    "parameters": [{"name": "q", "in": "query", "required": False, "schema": {
                        "anyOf": [{"type": "string", "minLength": 3, "maxLength": 12, "pattern": "^[a-z]+$"},
                                  {"type": "null"}],
                        "title": "Q"}}],
                    "responses": RESPONSES,
                }},
                "/pages/": {"get": {
                    "summary": "Pages",
                    "operationId": "pages_pages__get",
                    "parameters": [
                        {"name": "page", "in": "query", "required": False,
                         "schema": {"type": "integer", "maximum": 100, "minimum": 1, "default": 1, "title": "Page"}},
                        {"name": "ratio", "in": "query", "required": False,
                         "schema": {"type": "number", "exclusiveMaximum": 1, "exclusiveMinimum": 0, "default": 0.5,
                                    "title": "Ratio"}},
                    ],
                    "responses": RESPONSES,
                }},
                "/aliased/": {"get": {
                    "summary": "Aliased",
                    "operationId": "aliased_aliased__get",
                    "parameters": [{"name": "item-query", "in": "query", "required": False,
                                    "schema": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Item-Query"}}],
                    "responses": RESPONSES,
                }},
                "/legacy/": {"get": {
                    "summary": "Legacy",
                    "operationId": "legacy_legacy__get",
                    "parameters": [{
                        "name": "q", "in": "query", "required": False, "description": description, "deprecated": True,
                        "schema": {"anyOf": [{"type": "string"}, {"type": "null"}], "title": "Query string",
                                   "description": description, "deprecated": True},
                    }],
                    "responses": RESPONSES,
                }},
                "/colors/": {"get": {
                    "summary": "Colors",
                    "operationId": "colors_colors__get",
                    "parameters": [{
                        "name": "tag", "in": "query", "required": True,
                        "schema": {"type": "string", "examples": ["red", "blue"], "title": "Tag"},
                        "examples": {"red": {"summary": "A warm color", "value": "red"}},
                    }],
                    "responses": RESPONSES,
                }},
                "/hidden/": {"get": {
                    "summary": "Hidden",
                    "operationId": "hidden_hidden__get",
                    "responses": RESPONSES,
                }},
            },
            "components": {"schemas": VALIDATION_SCHEMAS},
        })


class DeprecatedRegexTest(unittest.TestCase):
    """``regex=`` (before ``pattern=``) still validates, with FastAPI's FastAPIDeprecationWarning (a
    UserWarning) pointing at the app."""

    def test_regex_warns_and_validates(self):
        from typing import Annotated

        from tachyon import FastAPI, Query
        from tachyon.exceptions import FastAPIDeprecationWarning
        from tachyon.testclient import TestClient

        app = FastAPI()
        with self.assertWarnsRegex(FastAPIDeprecationWarning, "`regex` has been deprecated, please use `pattern` instead") as caught:
            @app.get("/items/")
            async def read_items(q: Annotated[str | None, Query(regex="^fixedquery$")] = None):
                return {"q": q}
        self.assertEqual(caught.filename, __file__)
        client = TestClient(app)
        self.assertEqual(client.get("/items/?q=fixedquery").json(), {"q": "fixedquery"})
        self.assertEqual(client.get("/items/?q=other").json()["detail"][0]["type"], "string_pattern_mismatch")
