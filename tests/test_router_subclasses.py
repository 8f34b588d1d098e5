"""Router subclasses that override ``add_api_route``: FastAPI 0.137+ keeps an included router in place, so the
including router's override never runs for the routes it includes (expected values are FastAPI 0.143's)."""
from __future__ import annotations

import unittest
from typing import Any, Callable

from tachyon import APIRouter, FastAPI
from tachyon.routing import get_typed_return_annotation
from tachyon.testclient import TestClient


class SlashlessRouter(APIRouter):
    """The "no 307" router of FastAPI issue #2060: each path also answers with the other trailing slash."""

    def add_api_route(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        alternate = path[:-1] if path.endswith("/") else path + "/"
        super().add_api_route(path, endpoint, **kwargs)
        super().add_api_route(alternate, endpoint, **{**kwargs, "include_in_schema": False})


items = APIRouter(prefix="/items")


@items.get("/")
def list_items():
    return ["a"]


root = SlashlessRouter(prefix="/v1")


@root.get("/own")
def own():
    return "own"


root.include_router(items)
app = FastAPI()
app.include_router(root)


class IncludedIntoARouterSubclassTest(unittest.TestCase):
    def test_the_override_runs_for_its_own_routes_only(self) -> None:
        client = TestClient(app)
        self.addCleanup(client.close)
        self.assertEqual((client.get("/v1/own").json(), client.get("/v1/own/").json()), ("own", "own"))
        redirected = client.get("/v1/items", follow_redirects=False)
        self.assertEqual((redirected.status_code, redirected.headers["location"]), (307, "http://testserver/v1/items/"))
        self.assertEqual(sorted(app.openapi()["paths"]), ["/v1/items/", "/v1/own"])

    def test_fastapi_routing_has_get_typed_return_annotation(self) -> None:
        def endpoint() -> list[int]:
            return []

        self.assertEqual(get_typed_return_annotation(endpoint), list[int])


if __name__ == "__main__":
    unittest.main()
