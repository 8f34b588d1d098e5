"""Examples in OpenAPI as current FastAPI writes them: a model's ``json_schema_extra`` stays in its schema;
``examples=[...]`` is JSON Schema, inside the parameter's or body's schema; the deprecated ``example=``
warns and goes next to the schema (on the parameter, or on the body's media type), also when
``examples`` is given. (No ``from __future__ import annotations`` here: the models are local to the app
factories, and FastAPI resolves annotations in the module's globals.)"""
import unittest

from pydantic import BaseModel, ConfigDict

from tachyon import Body, Cookie, FastAPI, Header, Path, Query
from tachyon.exceptions import FastAPIDeprecationWarning
from tachyon.testclient import TestClient

NULLABLE_STR = [{"type": "string"}, {"type": "null"}]


def create_app() -> FastAPI:
    app = FastAPI()

    class Item(BaseModel):
        data: str
        model_config = ConfigDict(json_schema_extra={"example": {"data": "Data in schema_extra"}})

    @app.post("/schema_extra/")
    def schema_extra(item: Item):
        return item

    @app.post("/examples/")
    def examples(item: Item = Body(examples=[{"data": "example1"}, {"data": "example2"}])):
        return item

    @app.get("/path_examples/{item_id}")
    def path_examples(item_id: str = Path(examples=["item_1", "item_2"])):
        return item_id

    @app.get("/query_examples/")
    def query_examples(data: str | None = Query(default=None, examples=["query1", "query2"])):
        return data

    return app


def create_deprecated(case: unittest.TestCase) -> FastAPI:
    app = FastAPI()

    class Item(BaseModel):
        data: str

    with case.assertWarnsRegex(FastAPIDeprecationWarning, "`example` has been deprecated, please use `examples` instead"):
        @app.post("/example/")
        def example(item: Item = Body(example={"data": "Data in Body example"})):
            return item

    with case.assertWarns(FastAPIDeprecationWarning):
        @app.post("/example_examples/")
        def example_examples(item: Item = Body(example={"data": "Overridden example"},
                                               examples=[{"data": "examples 1"}, {"data": "examples 2"}])):
            return item

    with case.assertWarns(FastAPIDeprecationWarning):
        @app.get("/path_example_examples/{item_id}")
        def path_example_examples(item_id: str = Path(example="item_overridden", examples=["item_1", "item_2"])):
            return item_id

    with case.assertWarns(FastAPIDeprecationWarning):
        @app.get("/query_example/")
        def query_example(data: str | None = Query(default=None, example="query1")):
            return data

    with case.assertWarns(FastAPIDeprecationWarning):
        @app.get("/header_example/")
        def header_example(data: str | None = Header(default=None, example="header1")):
            return data

    with case.assertWarns(FastAPIDeprecationWarning):
        @app.get("/cookie_example/")
        def cookie_example(data: str | None = Cookie(default=None, example="cookie1")):
            return data

    return app


class OpenAPIExamplesTest(unittest.TestCase):
    def test_examples_inside_the_schema(self) -> None:
        app = create_app()
        client = TestClient(app)
        self.assertEqual(client.post("/examples/", json={"data": "Foo"}).json(), {"data": "Foo"})
        document = client.get("/openapi.json").json()
        paths = document["paths"]
        self.assertEqual(paths["/schema_extra/"]["post"]["requestBody"]["content"],
                         {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}})
        self.assertEqual(document["components"]["schemas"]["Item"]["example"], {"data": "Data in schema_extra"})
        self.assertEqual(paths["/examples/"]["post"]["requestBody"]["content"], {"application/json": {"schema": {
            "$ref": "#/components/schemas/Item", "examples": [{"data": "example1"}, {"data": "example2"}]}}})
        self.assertEqual(paths["/path_examples/{item_id}"]["get"]["parameters"], [{
            "required": True, "schema": {"title": "Item Id", "type": "string", "examples": ["item_1", "item_2"]},
            "name": "item_id", "in": "path"}])
        self.assertEqual(paths["/query_examples/"]["get"]["parameters"], [{
            "required": False, "schema": {"anyOf": NULLABLE_STR, "title": "Data", "examples": ["query1", "query2"]},
            "name": "data", "in": "query"}])

    def test_deprecated_example_next_to_the_schema(self) -> None:
        app = create_deprecated(self)
        client = TestClient(app)
        self.assertEqual(client.post("/example/", json={"data": "Foo"}).json(), {"data": "Foo"})
        self.assertEqual(client.get("/query_example/?data=x").json(), "x")
        paths = client.get("/openapi.json").json()["paths"]
        self.assertEqual(paths["/example/"]["post"]["requestBody"]["content"], {"application/json": {
            "schema": {"$ref": "#/components/schemas/Item"}, "example": {"data": "Data in Body example"}}})
        self.assertEqual(paths["/example_examples/"]["post"]["requestBody"]["content"], {"application/json": {
            "schema": {"$ref": "#/components/schemas/Item", "examples": [{"data": "examples 1"}, {"data": "examples 2"}]},
            "example": {"data": "Overridden example"}}})
        self.assertEqual(paths["/path_example_examples/{item_id}"]["get"]["parameters"], [{
            "required": True, "schema": {"title": "Item Id", "type": "string", "examples": ["item_1", "item_2"]},
            "example": "item_overridden", "name": "item_id", "in": "path"}])
        for path, name, source in (("/query_example/", "query1", "query"), ("/header_example/", "header1", "header"),
                                   ("/cookie_example/", "cookie1", "cookie")):
            with self.subTest(path=path):
                self.assertEqual(paths[path]["get"]["parameters"], [{
                    "required": False, "schema": {"anyOf": NULLABLE_STR, "title": "Data"},
                    "example": name, "name": "data", "in": source}])


if __name__ == "__main__":
    unittest.main()
