"""/openapi.json written as FastAPI writes it, key for key: FastAPI passes the document through its OpenAPI
models, so a component schema's keywords come in the Schema model's order (bounds as floats), URLs are
normalised and invalid metadata is refused; paths keep the order FastAPI builds them in. Snapshot files of
openapi.json compare this text."""
from __future__ import annotations

import json
import unittest
from typing import Annotated

from pydantic import BaseModel, Field, ValidationError

from tachyon import FastAPI, Query


class Item(BaseModel):
    """An item."""
    name: str = Field(description="The name")
    price: float = Field(le=100)


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

    def test_metadata_through_the_models(self) -> None:
        document = build_app().openapi()
        self.assertEqual(document["info"], {"title": "Shop", "contact": {"name": "Desk", "url": "https://example.com/"},
                                            "version": "0.1.0"})
        self.assertEqual(list(document), ["openapi", "info", "paths", "components"])
        with self.assertRaises(ValidationError):
            build_app(openapi_tags=[{"description": "a tag without a name"}]).openapi()


if __name__ == "__main__":
    unittest.main()
