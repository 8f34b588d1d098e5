"""/openapi.json written as FastAPI writes it, key for key: FastAPI passes the document through its OpenAPI
models, so a component schema's keywords come in the Schema model's order (bounds as floats), URLs are
normalised and invalid metadata is refused; paths keep the order FastAPI builds them in. Snapshot files of
openapi.json compare this text."""
from __future__ import annotations

import json
import unittest
from typing import Annotated

from pydantic import BaseModel, Field, ValidationError

from tachyon import APIRouter, Depends, FastAPI, Header, Query
from tachyon.security import HTTPBearer


class Item(BaseModel):
    """An item."""
    name: str = Field(description="The name")
    price: float = Field(le=100)


class Page(BaseModel):
    page: int = Field(1, ge=1)
    save_data: bool = False


def build_app(**options) -> FastAPI:
    app = FastAPI(title="Shop", contact={"name": "Desk", "url": "https://example.com"}, **options)

    @app.post("/items")
    def create(item: Item, q: Annotated[str | None, Query(description="A query", deprecated=True)] = None) -> Item:
        return item

    return app


class OpenAPIDocumentOrderTest(unittest.TestCase):
    def test_component_schemas_in_the_schema_models_order(self) -> None:
        schemas = build_app().openapi()["components"]["schemas"]
        self.assertEqual(json.dumps(schemas["Item"]), json.dumps({
            "properties": {"name": {"type": "string", "title": "Name", "description": "The name"},
                           "price": {"type": "number", "maximum": 100.0, "title": "Price"}},
            "type": "object", "required": ["name", "price"], "title": "Item", "description": "An item."}))
        self.assertEqual(json.dumps(schemas["HTTPValidationError"]), json.dumps({
            "properties": {"detail": {"items": {"$ref": "#/components/schemas/ValidationError"}, "type": "array",
                                      "title": "Detail"}},
            "type": "object", "title": "HTTPValidationError"}))
        self.assertEqual(list(schemas["ValidationError"]), ["properties", "type", "required", "title"])
        self.assertEqual(list(schemas["ValidationError"]["properties"]["loc"]), ["items", "type", "title"])

    def test_a_parameter_in_fastapis_build_order(self) -> None:
        [parameter] = build_app().openapi()["paths"]["/items"]["post"]["parameters"]
        self.assertEqual(list(parameter), ["name", "in", "required", "schema", "description", "deprecated"])

    def test_an_operation_with_parameters_in_fastapis_build_order(self) -> None:
        # Path items with parameters stay the dicts FastAPI built (pydantic picks Any in the PathItem union):
        # deprecated and security before the parameters, "required" before a request body's content.
        app = FastAPI()

        @app.put("/items/{item_id}", deprecated=True, dependencies=[Depends(HTTPBearer())])
        def put_item(item_id: int, item: Item):
            return item

        @app.post("/plain", deprecated=True)
        def plain(item: Item):
            return item

        operation = app.openapi()["paths"]["/items/{item_id}"]["put"]
        self.assertEqual(list(operation), ["summary", "operationId", "deprecated", "security", "parameters",
                                           "requestBody", "responses"])
        self.assertEqual(list(operation["requestBody"]), ["required", "content"])
        operation = app.openapi()["paths"]["/plain"]["post"]   # no parameter: rebuilt in the models' order
        self.assertEqual(list(operation), ["summary", "operationId", "requestBody", "responses", "deprecated"])
        self.assertEqual(list(operation["requestBody"]), ["content", "required"])

    def test_nested_objects_typed_as_fastapis_models(self) -> None:
        # Which path items pydantic rebuilds depends on the models' types: a response header is a Header model,
        # a callback a map of PathItems (one with parameters leaves its operation as built).
        app = FastAPI()
        callbacks = APIRouter()

        @callbacks.post("{$url}/done")
        def done(q: int = 0):
            return None

        @app.get("/rated", responses={200: {"headers": {"X-Rate": {"schema": {"type": "integer"}, "description": "Left"}}}})
        def rated():
            return None

        @app.post("/jobs", callbacks=callbacks.routes)
        def jobs():
            return None

        paths = app.openapi()["paths"]
        self.assertEqual(list(paths["/rated"]["get"]["responses"]["200"]["headers"]["X-Rate"]), ["description", "schema"])
        self.assertEqual(list(paths["/jobs"]["post"]), ["summary", "operationId", "callbacks", "responses"])

    def test_a_parameter_models_fields_titled_last_as_plain_parameters(self) -> None:
        """FastAPI documents each field of a parameter model as a parameter of its own, the title set after
        pydantic's keywords (a header field titled by its unconverted name)."""
        app = FastAPI()

        @app.get("/model")
        def model(q: Annotated[Page, Query()]):
            return q

        @app.get("/plain")
        def plain(page: int = Query(1, ge=1)):
            return page

        @app.get("/headers")
        def headers(h: Annotated[Page, Header()]):
            return h

        paths = app.openapi()["paths"]
        plain_schema = paths["/plain"]["get"]["parameters"][0]["schema"]
        self.assertEqual(json.dumps(plain_schema), '{"type": "integer", "minimum": 1, "default": 1, "title": "Page"}')
        self.assertEqual(json.dumps(paths["/model"]["get"]["parameters"][0]["schema"]), json.dumps(plain_schema))
        header = paths["/headers"]["get"]["parameters"][1]
        self.assertEqual((header["name"], json.dumps(header["schema"])),
                         ("save-data", '{"type": "boolean", "default": false, "title": "Save Data"}'))

    def test_metadata_through_the_models(self) -> None:
        document = build_app().openapi()
        self.assertEqual(document["info"], {"title": "Shop", "contact": {"name": "Desk", "url": "https://example.com/"},
                                            "version": "0.1.0"})
        self.assertEqual(list(document), ["openapi", "info", "paths", "components"])
        with self.assertRaises(ValidationError):
            build_app(openapi_tags=[{"description": "a tag without a name"}]).openapi()


if __name__ == "__main__":
    unittest.main()
