"""Starlette's plain routes on FastAPI apps and routers (FastAPI's test_include_route.py; the
``app.add_route("/metrics", handle_metrics)`` of Prometheus exporters): the endpoint takes the Request
and returns a Response; GET routes answer HEAD; they are not in the OpenAPI document. An endpoint that is no
function or method is an ASGI app (``app.add_route("/graphql", GraphQL(schema))``), as in Starlette."""
from __future__ import annotations

import unittest

from tachyon import APIRouter, FastAPI, Request
from tachyon.responses import JSONResponse, PlainTextResponse
from tachyon.routing import APIRoute, BaseRoute, Match, Mount, NoMatchFound, Route, Router
from tests.client_case import AppTestCase

app = FastAPI()
router = APIRouter()


def handle_metrics(request: Request):
    assert "route" not in request.scope and request.scope["endpoint"] is handle_metrics   # as Starlette's Route
    return PlainTextResponse(f"requests_total 1\n# {request.method} {request.url.path}\n")


@router.route("/items/", methods=["POST"])
async def create_item(request: Request):
    return JSONResponse({"received": await request.json()}, status_code=201)


@app.route("/hello")
async def hello(request):   # Starlette style: no annotation
    return JSONResponse({"hello": request.query_params.get("name", "world")})


class GraphQLLikeApp:
    """An ASGI application object, as Ariadne's GraphQL(schema) is."""

    async def __call__(self, scope, receive, send):
        body = (await receive())["body"]
        await PlainTextResponse(f"{scope['method']} {scope['path']} {body.decode()}")(scope, receive, send)


class RequestStyle:
    async def __call__(self, request):
        return PlainTextResponse("not an ASGI app")


app.add_route("/metrics", handle_metrics)
app.add_route("/graphql", GraphQLLikeApp())
app.add_route("/request-style", RequestStyle())
app.include_router(router, prefix="/api")


class PlainRoutesTest(AppTestCase):
    app = app

    def test_sync_endpoint_and_head(self) -> None:
        response = self.client.get("/metrics")
        self.assertEqual((response.status_code, response.text), (200, "requests_total 1\n# GET /metrics\n"))
        head = self.client.head("/metrics")
        self.assertEqual((head.status_code, head.content), (200, b""))
        self.assertEqual(self.client.post("/metrics").status_code, 405)

    def test_async_endpoints_through_a_router_prefix(self) -> None:
        response = self.client.post("/api/items/", json={"name": "pen"})
        self.assertEqual((response.status_code, response.json()), (201, {"received": {"name": "pen"}}))
        self.assertEqual(self.client.get("/hello?name=rick").json(), {"hello": "rick"})

    def test_an_instance_is_an_asgi_app_taking_every_method(self) -> None:
        self.assertEqual(self.client.post("/graphql", content=b"{ q }").text, "POST /graphql { q }")
        self.assertEqual(self.client.put("/graphql").text, "PUT /graphql ")
        graphql = next(route for route in app.routes if route.path == "/graphql")
        self.assertIsNone(graphql.methods)   # as Starlette's: the app answers every method itself
        with self.assertRaises(TypeError):   # called as an ASGI app, it fails
            self.client.get("/request-style")

    def test_names_and_openapi(self) -> None:
        self.assertEqual(app.url_path_for("handle_metrics"), "/metrics")
        self.assertEqual(set(self.client.get("/openapi.json").json()["paths"]), set())

    def test_route_classes_as_fastapis(self) -> None:
        """APIRoute is a Route (FastAPI's subclasses Starlette's), a plain route is no APIRoute, and the docs
        pages are plain routes: code that walks app.routes tells them apart as with FastAPI (class-based-view
        helpers pick Route instances; the operation-id recipe picks APIRoute ones)."""
        other = FastAPI()

        @other.get("/items")
        def items() -> list[int]:
            return []

        other.add_route("/metrics", handle_metrics)
        self.assertEqual([(type(r).__name__, r.path) for r in other.routes], [
            ("Route", "/openapi.json"), ("Route", "/docs"), ("Route", "/docs/oauth2-redirect"), ("Route", "/redoc"),
            ("APIRoute", "/items"), ("Route", "/metrics")])
        self.assertTrue(all(isinstance(r, Route) and isinstance(r, BaseRoute) for r in other.routes))
        self.assertEqual([r.path for r in other.routes if isinstance(r, APIRoute)], ["/items"])
        self.assertEqual(APIRoute.__mro__[1:3], (Route, BaseRoute))
        self.assertTrue(issubclass(Mount, BaseRoute))


class StarletteRouterTest(unittest.TestCase):
    def test_apirouter_is_a_starlette_router(self) -> None:
        """As in FastAPI (APIRouter subclasses Starlette's Router): code checks app.router against it."""
        self.assertIsInstance(FastAPI().router, Router)
        self.assertTrue(issubclass(APIRouter, Router))

    def test_a_plain_router_holds_routes_and_their_names(self) -> None:
        started: list[str] = []
        plain = Router(routes=[Route("/", handle_metrics, name="metrics")], on_startup=[lambda: started.append("up")])
        plain.add_route("/other", handle_metrics, name="other")
        self.assertEqual([r.path for r in plain.routes], ["/", "/other"])
        self.assertEqual(plain.url_path_for("other"), "/other")
        self.assertEqual(len(plain.on_startup), 1)
        with self.assertRaises(NoMatchFound):
            plain.url_path_for("missing")

    def test_what_tachyon_cannot_serve_is_refused(self) -> None:
        with self.assertRaises(NotImplementedError):
            Router(middleware=[object()])
        with self.assertRaises(TypeError):
            Router(routes=[object()])


class StarletteRouteAttributesTest(unittest.TestCase):
    """path_regex, param_convertors, matches(scope) and url_path_for, as Starlette's Route has them (code that
    looks routes up by path, like metrics labels, reads them)."""

    def setUp(self) -> None:
        self.app = FastAPI()

        @self.app.get("/items/{item_id:int}/files/{name:path}")
        def item_file(item_id: int, name: str):
            return name

        self.route = self.app.routes[-1]

    def test_the_compiled_path(self) -> None:
        from tachyon.convertors import IntegerConvertor, PathConvertor

        self.assertEqual(self.route.path_format, "/items/{item_id}/files/{name}")
        self.assertEqual(self.route.path_regex.pattern, "^/items/(?P<item_id>[0-9]+)/files/(?P<name>.*)$")
        self.assertEqual({k: type(v) for k, v in self.route.param_convertors.items()},
                         {"item_id": IntegerConvertor, "name": PathConvertor})

    def test_matches_a_scope(self) -> None:
        scope = {"type": "http", "path": "/items/3/files/a/b.txt", "method": "GET", "root_path": ""}
        match, child = self.route.matches(scope)
        self.assertEqual((match, child["path_params"], child["endpoint"]),
                         (Match.FULL, {"item_id": 3, "name": "a/b.txt"}, self.route.endpoint))
        self.assertEqual(self.route.matches({**scope, "method": "POST"})[0], Match.PARTIAL)
        self.assertEqual(self.route.matches({**scope, "path": "/items/x/files/a"}), (Match.NONE, {}))

    def test_url_path_for_gives_starlettes_url_path(self) -> None:
        from tachyon.datastructures import URL, URLPath

        path = self.app.url_path_for("item_file", item_id=7, name="x")
        self.assertIsInstance(path, URLPath)
        self.assertEqual(str(path.make_absolute_url("https://api.example.com/base/")), "https://api.example.com/base/items/7/files/x")
        self.assertEqual(str(path.make_absolute_url(URL("http://testserver"))), "http://testserver/items/7/files/x")
        self.assertEqual(URL("http://h:8/p?q=1").components[:3], ("http", "h:8", "/p"))

    def test_url_path_for_writes_each_value_with_its_convertor(self) -> None:
        self.assertEqual(self.route.url_path_for("item_file", item_id=7, name="a/b.txt"), "/items/7/files/a/b.txt")
        self.assertEqual(self.app.url_path_for("item_file", item_id=7, name="x"), "/items/7/files/x")
        with self.assertRaises(NoMatchFound):
            self.route.url_path_for("item_file", item_id=7)

    def test_a_parameter_named_twice_is_refused(self) -> None:
        with self.assertRaisesRegex(ValueError, "Duplicated param name id at path /a/{id}/b/{id}"):
            Route("/a/{id}/b/{id}", handle_metrics)


if __name__ == "__main__":
    unittest.main()
