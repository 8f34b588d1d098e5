"""A response model that refers to a model defined after the route is registered: pydantic builds its
validator and serializer only once ``model_rebuild()`` resolves the name, and the route serializes with
them then (never with the MockValSer stand-in pydantic gives the adapter at registration)."""
from __future__ import annotations

import unittest

from pydantic import BaseModel

from tachyon import FastAPI
from tachyon.testclient import TestClient

app = FastAPI()


class Node(BaseModel):
    name: str
    child: Leaf | None = None   # noqa: F821 - defined below, after the routes


@app.get("/node", response_model=Node)
def node_from_dict():
    return {"name": "a", "child": {"value": 1}}


@app.get("/node-model", response_model=Node)
def node_from_model():
    return Node(name="b", child=Leaf(value=2))


@app.get("/node-invalid", response_model=Node)
def invalid_node():
    return {"name": "c", "child": {"value": "x"}}


class Leaf(BaseModel):
    value: int


Node.model_rebuild()


class ResponseModelForwardRefsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.client = TestClient(app, raise_server_exceptions=False)

    def test_value_validated_then_serialized(self) -> None:
        self.assertEqual(self.client.get("/node").json(), {"name": "a", "child": {"value": 1}})

    def test_model_instance_serialized(self) -> None:
        self.assertEqual(self.client.get("/node-model").json(), {"name": "b", "child": {"value": 2}})

    def test_invalid_value_is_a_server_error(self) -> None:
        response = self.client.get("/node-invalid")
        self.assertEqual((response.status_code, response.text), (500, "Internal Server Error"))


if __name__ == "__main__":
    unittest.main()
