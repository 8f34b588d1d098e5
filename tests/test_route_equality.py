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


if __name__ == "__main__":
    unittest.main()
