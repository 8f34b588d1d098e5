"""Parameter annotations that name something not defined when the route is registered (FastAPI issue
#13056): ``Annotated[X, Depends(...)]`` still declares a dependency when ``X`` is defined further down
(``from __future__ import annotations``) or only imported under ``TYPE_CHECKING``; the other parameters
of the same endpoint resolve as usual. A wrapper's ``__signature__`` (signature-rewriting decorators) keeps its
return annotation as text under that import: it is evaluated in the wrapped function's module, as FastAPI does.
The route and its OpenAPI document agree."""
from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from tachyon import Depends, FastAPI
from tests.client_case import AppTestCase

if TYPE_CHECKING:
    from decimal import Context as NeverImported   # not defined at run time

app = FastAPI()


def get_potato() -> Potato:
    return Potato(color="red", size=10)


def get_context() -> NeverImported:
    return "context"


@app.get("/")
async def read_root(potato: Annotated[Potato, Depends(get_potato)]):
    return {"color": potato.color, "size": potato.size}


@app.get("/checked")
def read_checked(context: Annotated[NeverImported, Depends(get_context)], limit: int = 10):
    return {"context": context, "limit": limit}


def with_signature_of(func):
    @functools.wraps(func)
    async def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    wrapper.__signature__ = inspect.signature(func)   # its return annotation is the text "list[Potato]"
    return wrapper


@dataclass
class Potato:
    color: str
    size: int


@app.get("/potatoes")
@with_signature_of
def list_potatoes() -> list[Potato]:
    return [{"color": "white", "size": 3, "secret": "dropped"}]


class ForwardAnnotationsTest(AppTestCase):
    app = app

    def test_a_dependency_whose_type_is_defined_later(self) -> None:
        self.assertEqual(self.client.get("/").json(), {"color": "red", "size": 10})
        self.assertNotIn("parameters", self.client.get("/openapi.json").json()["paths"]["/"]["get"])

    def test_a_dependency_whose_type_exists_only_for_type_checkers(self) -> None:
        self.assertEqual(self.client.get("/checked?limit=3").json(), {"context": "context", "limit": 3})
        self.assertEqual(self.client.get("/checked?limit=x").json()["detail"][0]["loc"], ["query", "limit"])
        parameters = self.client.get("/openapi.json").json()["paths"]["/checked"]["get"]["parameters"]
        self.assertEqual([p["name"] for p in parameters], ["limit"])

    def test_a_wrappers_signature_return_annotation_is_the_response_model(self) -> None:
        self.assertEqual(self.client.get("/potatoes").json(), [{"color": "white", "size": 3}])
        schema = self.client.get("/openapi.json").json()["paths"]["/potatoes"]["get"]["responses"]["200"]
        self.assertEqual(schema["content"]["application/json"]["schema"],
                         {"type": "array", "items": {"$ref": "#/components/schemas/Potato"},
                          "title": "Response List Potatoes Potatoes Get"})
