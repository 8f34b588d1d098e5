"""Routes compare as Starlette's do (path, endpoint and methods; a Mount by path and app) and are unhashable, as
Starlette's: code that copies a router with include_router then removes an original route from the copy's
routes takes the copy out, and the app no longer serves it."""
from __future__ import annotations

import unittest

from tachyon import APIRouter, FastAPI
from tachyon.routing import APIRoute, Mount
from tachyon.testclient import TestClient


def read_a():
    return "a"


def read_b():
    return "b"


class RouteEqualityTest(unittest.TestCase):
    def test_a_copied_route_equals_its_original_and_can_be_removed_by_it(self) -> None:
        base = APIRouter()
        base.get("/a")(read_a)
        base.get("/b")(read_b)
        copy = APIRouter()
        copy.include_router(base)
        self.assertIsNot(copy.routes[0], base.routes[0])
        self.assertEqual(copy.routes[0], base.routes[0])
        self.assertNotEqual(copy.routes[0], base.routes[1])
        copy.routes.remove(base.routes[0])
        app = FastAPI()
        app.include_router(copy)
        with TestClient(app) as client:
            self.assertEqual((client.get("/a").status_code, client.get("/b").json()), (404, "b"))

    def test_methods_and_endpoint_count_and_routes_are_unhashable(self) -> None:
        self.assertNotEqual(APIRoute("/a", read_a), APIRoute("/a", read_a, methods=["POST"]))
        self.assertNotEqual(APIRoute("/a", read_a), APIRoute("/a", read_b))
        self.assertEqual(APIRoute("/a", read_a, name="x"), APIRoute("/a", read_a))
        with self.assertRaises(TypeError):
            hash(APIRoute("/a", read_a))
        sub = FastAPI()
        self.assertEqual(Mount("/v1", sub), Mount("/v1", sub))
        self.assertNotEqual(Mount("/v1", sub), Mount("/v2", sub))


class AddApiRouteSignatureTest(unittest.TestCase):
    def test_every_option_is_named_in_fastapis_order(self) -> None:
        import inspect

        self.assertEqual(list(inspect.signature(APIRouter.add_api_route).parameters), [
            "self", "path", "endpoint", "response_model", "status_code", "tags", "dependencies", "summary",
            "description", "response_description", "responses", "deprecated", "methods", "operation_id",
            "response_model_include", "response_model_exclude", "response_model_by_alias",
            "response_model_exclude_unset", "response_model_exclude_defaults", "response_model_exclude_none",
            "include_in_schema", "response_class", "name", "route_class_override", "callbacks", "openapi_extra",
            "generate_unique_id_function", "strict_content_type"])

    def test_a_route_copied_by_the_signature_keeps_its_options(self) -> None:
        import inspect

        source = APIRouter()
        source.post("/items", status_code=201, name="create_item", summary="Create")(read_a)
        [original] = source.routes
        names = [p for p in inspect.signature(APIRouter.add_api_route).parameters
                 if p not in ("self", "route_class_override") and hasattr(original, p)]
        target = APIRouter(prefix="/v1")
        target.add_api_route(**{name: getattr(original, name) for name in names})
        [copied] = target.routes
        self.assertEqual((copied.path, copied.methods, copied.status_code, copied.name, copied.summary),
                         ("/v1/items", {"POST"}, 201, "create_item", "Create"))


if __name__ == "__main__":
    unittest.main()
