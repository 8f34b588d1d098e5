"""Mounts among the routes, as Starlette keeps them: app.routes lists the Mount where it was mounted, and a
request goes to the first of them that matches, so a route declared before a mount wins over the mounted
app's, and the mounted app's win over routes declared after the mount (fastapi-versioning adds docs
placeholders under its mounts' prefixes)."""
from __future__ import annotations

import unittest
from contextlib import asynccontextmanager

from tachyon import FastAPI, Request
from tachyon.routing import APIRoute, Mount, NoMatchFound
from tachyon.testclient import TestClient


def make_apps() -> tuple[FastAPI, FastAPI]:
    sub = FastAPI(title="sub")

    @sub.get("/ping")
    def sub_ping():
        return "sub"

    @sub.get("/early")
    def sub_early():
        return "sub"

    parent = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    @parent.get("/v1/early")
    def parent_early():
        return "parent"

    parent.mount("/v1", sub, name="v1")

    @parent.get("/v1/ping")
    def parent_ping():
        return "parent"

    @parent.get("/v1/openapi.json")
    def placeholder():
        return None

    return parent, sub


class MountOrderTest(unittest.TestCase):
    def test_the_mount_is_among_the_routes_where_it_was_mounted(self) -> None:
        parent, sub = make_apps()
        self.assertEqual([(type(r).__name__, r.path) for r in parent.routes],
                         [("APIRoute", "/v1/early"), ("Mount", "/v1"), ("APIRoute", "/v1/ping"),
                          ("APIRoute", "/v1/openapi.json")])
        mount = parent.routes[1]
        self.assertIsInstance(mount, Mount)
        self.assertIs(mount.app, sub)
        self.assertNotIsInstance(mount, APIRoute)

    def test_the_first_match_in_order_answers(self) -> None:
        parent, _ = make_apps()
        with TestClient(parent) as client:
            self.assertEqual(client.get("/v1/early").json(), "parent")    # declared before the mount
            self.assertEqual(client.get("/v1/ping").json(), "sub")        # the mount comes first
            self.assertEqual(client.get("/v1/openapi.json").json()["info"]["title"], "sub")

    def test_url_path_for_looks_in_order(self) -> None:
        parent, _ = make_apps()
        self.assertEqual(parent.url_path_for("v1:sub_ping"), "/v1/ping")
        self.assertEqual(parent.url_path_for("parent_ping"), "/v1/ping")

    def test_the_mounts_own_name_with_a_path(self) -> None:
        """Starlette's Mount.url_path_for: ``url_for("static", path=...)`` is that path under the mount."""
        parent, _ = make_apps()
        self.assertEqual(parent.url_path_for("v1", path="/guide/intro.html"), "/v1/guide/intro.html")
        mount = next(r for r in parent.routes if isinstance(r, Mount))
        self.assertEqual(mount.url_path_for("v1", path="a.css"), "/v1/a.css")
        with self.assertRaises(NoMatchFound):
            parent.url_path_for("v1", file="a.css")

    def test_a_mounted_apps_requests_see_the_lifespan_state(self) -> None:
        @asynccontextmanager
        async def lifespan(app):
            yield {"db": "connection"}

        sub = FastAPI()

        @sub.get("/state")
        def state(request: Request):
            return {"db": request.state.db, "scope": sorted(request.scope["state"])}

        parent = FastAPI(lifespan=lifespan)
        parent.mount("/sub", sub)
        with TestClient(parent) as client:
            self.assertEqual(client.get("/sub/state").json(), {"db": "connection", "scope": ["db"]})


    def test_each_apps_redirect_slashes_decides_for_its_own_routes(self) -> None:
        # Starlette redirects in the router that missed: under a mount, the mounted app's.
        parent = FastAPI(redirect_slashes=False)
        strict, lenient = FastAPI(redirect_slashes=False), FastAPI()
        for app in (parent, strict, lenient):
            app.add_api_route("/y/", lambda: "y")
        parent.mount("/strict", strict)
        parent.mount("/lenient", lenient)
        client = TestClient(parent)
        self.addCleanup(client.close)
        self.assertEqual(client.get("/y", follow_redirects=False).status_code, 404)
        self.assertEqual(client.get("/strict/y", follow_redirects=False).status_code, 404)
        r = client.get("/lenient/y", follow_redirects=False)
        self.assertEqual((r.status_code, r.headers["location"]), (307, "http://testserver/lenient/y/"))
        # a mount's bare prefix: the mounting app's flag decides (Starlette's Mount matches only "/prefix/...")
        self.assertEqual(client.get("/lenient", follow_redirects=False).status_code, 404)
        outer, inner = FastAPI(), FastAPI(redirect_slashes=False)
        outer.mount("/inner", inner)
        with TestClient(outer) as redirecting:
            r = redirecting.get("/inner", follow_redirects=False)
            self.assertEqual((r.status_code, r.headers["location"]), (307, "http://testserver/inner/"))


    def test_a_miss_under_a_mount_is_the_mounted_apps_to_answer(self) -> None:
        # Starlette's Mount hands /sub/... to the sub-app, whose own exception handlers answer its router's misses.
        from tachyon.exceptions import StarletteHTTPException
        from tachyon.responses import JSONResponse

        parent, plain, handling = FastAPI(), FastAPI(), FastAPI()
        parent.add_exception_handler(404, lambda request, exc: JSONResponse({"parent": True}, status_code=404))
        handling.add_exception_handler(StarletteHTTPException, lambda request, exc: JSONResponse(
            {"sub": exc.detail}, status_code=exc.status_code, headers=exc.headers))
        for app in (plain, handling):
            app.add_api_route("/a", lambda: "a")
        parent.mount("/plain", plain)
        parent.mount("/handling", handling)
        client = TestClient(parent)
        self.addCleanup(client.close)
        self.assertEqual(client.get("/missing").json(), {"parent": True})
        self.assertEqual(client.get("/plain/missing").json(), {"detail": "Not Found"})
        self.assertEqual(client.get("/handling/missing").json(), {"sub": "Not Found"})
        r = client.post("/handling/a")
        self.assertEqual((r.status_code, r.json(), r.headers["allow"]), (405, {"sub": "Method Not Allowed"}, "GET"))



class RoutedPathsTest(unittest.TestCase):
    """Starlette's rule for its routes and mounts (FastAPI's docs URLs are such routes): a path starts with "/";
    a mount may have the empty path, which hands it every path the app's own routes do not take."""

    def test_docs_urls_and_mount_paths_must_start_with_a_slash(self) -> None:
        for options in ({"openapi_url": "openapi.json"}, {"docs_url": "docs"}, {"redoc_url": "redoc"}):
            with self.assertRaisesRegex(AssertionError, "^Routed paths must start with '/'$"):
                FastAPI(**options)
        with self.assertRaisesRegex(AssertionError, "^Routed paths must start with '/'$"):
            FastAPI().mount("sub", FastAPI())

    def test_a_mount_at_the_empty_path_takes_what_the_app_does_not(self) -> None:
        sub, app = FastAPI(), FastAPI()
        sub.get("/x")(lambda: "sub x")
        app.get("/a")(lambda: "a")
        app.mount("", sub)
        client = TestClient(app)
        self.assertEqual((client.get("/a").json(), client.get("/x").json(), client.get("/nope").status_code),
                         ("a", "sub x", 404))


class RouterMountTest(unittest.TestCase):
    """Starlette's Router.mount: on an APIRouter, served under the prefix the router is included with (also when
    mounted after the include, as FastAPI 0.137+ keeps included routers whole); on app.router, as app.mount."""

    @staticmethod
    def sub_app() -> FastAPI:
        sub = FastAPI()

        @sub.get("/hi", name="hi")
        def hi(request: Request):
            return {"root_path": request.scope["root_path"], "url": str(request.url)}

        return sub

    def test_a_routers_mount_is_served_under_its_include_prefix(self) -> None:
        from tachyon import APIRouter

        router, late = APIRouter(), APIRouter()
        router.mount("/m", self.sub_app(), name="m")
        app = FastAPI()
        app.include_router(router, prefix="/api")
        app.include_router(late, prefix="/late")
        late.mount("/n", self.sub_app(), name="n")
        client = TestClient(app)
        self.assertEqual(client.get("/api/m/hi").json(), {"root_path": "/api/m", "url": "http://testserver/api/m/hi"})
        self.assertEqual(client.get("/late/n/hi").json()["root_path"], "/late/n")
        self.assertEqual(app.url_path_for("m:hi"), "/api/m/hi")

    def test_app_router_mount_is_app_mount(self) -> None:
        app = FastAPI()
        app.router.mount("/m", self.sub_app())
        self.assertEqual(TestClient(app).get("/m/hi").json()["root_path"], "/m")

if __name__ == "__main__":
    unittest.main()
