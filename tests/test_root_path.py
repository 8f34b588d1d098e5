"""root_path as FastAPI behind a proxy has it (FastAPI's docs "Behind a Proxy", test_behind_a_proxy):
a path under the app's root path is routed without it (Starlette's get_route_path), the request's
scope["root_path"] is the app's or else the TestClient's, /openapi.json lists it as a server and the docs
pages load the document from under it, and url_for/base_url resolve from the serving app's root (through
its mounts)."""
from __future__ import annotations

import unittest

from tachyon import FastAPI, Request
from tachyon.testclient import TestClient
from tests.client_case import AppTestCase

proxied = FastAPI(root_path="/api/v1")


@proxied.get("/app")
def read_main(request: Request):
    return {"path": request.url.path, "root_path": request.scope["root_path"],
            "url_for": str(request.url_for("read_main")), "base_url": str(request.base_url)}


@proxied.get("/items/")
def items():
    return ["a"]


plain = FastAPI()


@plain.get("/app")
def plain_main(request: Request):
    return {"root_path": request.scope["root_path"], "url_for": str(request.url_for("plain_main"))}


outer = FastAPI()
inner = FastAPI()
named = FastAPI()


@inner.get("/sub/{item_id}")
def read_sub(item_id: int, request: Request):
    return {"url_for": str(request.url_for("read_sub", item_id=item_id)), "root_path": request.scope["root_path"],
            "base_url": str(request.base_url)}


@named.get("/thing")
def thing():
    return "thing"


outer.mount("/subapi", inner)
outer.mount("/named", named, name="named")

# fastapi-versioning's pattern: each version's app has its root path set, and is mounted there.
versions = FastAPI()
version_one = FastAPI(root_path="/v1")


@version_one.get("/x")
def version_root(request: Request):
    return {"root_path": request.scope["root_path"]}


versions.mount("/v1", version_one)


class AppRootPathTest(AppTestCase):
    app = proxied

    def test_path_with_and_without_the_root_path(self) -> None:
        links = {"url_for": "http://testserver/api/v1/app", "base_url": "http://testserver/api/v1/"}
        self.assertEqual(self.client.get("/app").json(), {"path": "/app", "root_path": "/api/v1", **links})
        self.assertEqual(self.client.get("/api/v1/app").json(), {"path": "/api/v1/app", "root_path": "/api/v1", **links})
        self.assertEqual(self.client.get("/api/v1app").status_code, 404)   # only a whole segment is the root path

    def test_trailing_slash_redirect_under_the_root_path(self) -> None:
        response = self.client.get("/api/v1/items", follow_redirects=False)
        self.assertEqual((response.status_code, response.headers["location"]), (307, "http://testserver/api/v1/items/"))

    def test_openapi_lists_the_root_path_and_docs_load_from_under_it(self) -> None:
        self.assertEqual(self.client.get("/api/v1/openapi.json").json()["servers"], [{"url": "/api/v1"}])
        self.assertIn("url: '/api/v1/openapi.json'", self.client.get("/api/v1/docs").text)
        self.assertIn('spec-url="/api/v1/openapi.json"', self.client.get("/redoc").text)


class ClientRootPathTest(unittest.TestCase):
    def test_testclient_root_path_is_the_scopes(self) -> None:
        app = FastAPI()

        @app.get("/app")
        def main(request: Request):
            return {"root_path": request.scope["root_path"], "url_for": str(request.url_for("main"))}

        with TestClient(app, root_path="/api/v1") as client:
            self.assertEqual(client.get("/app").json(), {"root_path": "/api/v1", "url_for": "http://testserver/api/v1/app"})
            self.assertEqual(client.get("/openapi.json").json()["servers"], [{"url": "/api/v1"}])

    def test_a_path_under_the_clients_root_path_is_routed_without_it(self) -> None:
        """FastAPI's test_custom_docs_ui "[With /api path prefix]": Starlette routes a path under the scope's
        root path without it, so a client with root_path="/api" reaches the app's routes with and without it;
        another client's connection is not routed under it."""
        app = FastAPI()

        @app.get("/users/{username}")
        def read_user(username: str, request: Request):
            return {"username": username, "path": request.url.path, "root_path": request.scope["root_path"]}

        with TestClient(app, root_path="/api", base_url="http://server") as client, TestClient(app) as other:
            self.assertEqual(client.get("/api/users/john").json(),
                             {"username": "john", "path": "/api/users/john", "root_path": "/api"})
            self.assertEqual(client.get("/users/john").json(),
                             {"username": "john", "path": "/users/john", "root_path": "/api"})
            self.assertEqual(client.get("/api/openapi.json").json()["servers"], [{"url": "/api"}])
            self.assertEqual(client.get("/apiusers/john").status_code, 404)
            response = other.get("/api/users/john")
            self.assertEqual((response.status_code, response.json()), (404, {"detail": "Not Found"}))

    def test_a_requests_root_path_is_listed_for_that_request_only(self) -> None:
        """FastAPI's test_openapi_cache_root_path.py: a root path a proxy sent is not kept in the app's servers
        or its cached document, and several do not accumulate; configured servers follow it."""
        app = FastAPI(servers=[{"url": "https://example.com"}])

        @app.get("/app")
        def main():
            return 1

        configured = [{"url": "https://example.com"}]
        for root_path in ("/evil", "/other"):
            with TestClient(app, root_path=root_path) as client:
                self.assertEqual(client.get("/openapi.json").json()["servers"], [{"url": root_path}, *configured])
        with TestClient(app) as client:
            self.assertEqual(client.get("/openapi.json").json()["servers"], configured)
        self.assertEqual(app.servers, configured)
        self.assertEqual(app.openapi()["servers"], configured)

    def test_no_root_path_no_servers(self) -> None:
        with TestClient(plain) as client:
            self.assertEqual(client.get("/app").json(), {"root_path": "", "url_for": "http://testserver/app"})
            self.assertNotIn("servers", client.get("/openapi.json").json())

    def test_root_path_not_in_servers_when_asked(self) -> None:
        app = FastAPI(root_path="/api/v1", root_path_in_servers=False)
        with TestClient(app) as client:
            self.assertNotIn("servers", client.get("/openapi.json").json())


class MountedAppLinksTest(unittest.TestCase):
    def test_url_for_in_a_mounted_app_goes_through_the_mount(self) -> None:
        with TestClient(outer) as client:
            self.assertEqual(client.get("/subapi/sub/3").json(), {
                "url_for": "http://testserver/subapi/sub/3", "root_path": "/subapi", "base_url": "http://testserver/"})

    def test_a_mounted_apps_own_root_path_replaces_the_passed_one(self) -> None:
        # Starlette's Mount passes the parent's root path plus the mount path; the sub-app's FastAPI.__call__
        # then sets its own root_path, when it has one.
        client = TestClient(versions)
        self.assertEqual(client.get("/v1/x").json(), {"root_path": "/v1"})
        self.assertEqual(client.get("/v1/openapi.json").json()["servers"], [{"url": "/v1"}])
        self.assertEqual(version_one.root_path, "/v1")

    def test_mounting_leaves_the_apps_root_path_alone(self) -> None:
        self.assertEqual(inner.root_path, "")

    def test_the_clients_root_path_reaches_a_mounted_app_with_the_mount_path(self) -> None:
        client = TestClient(outer, root_path="/api")
        self.assertEqual(client.get("/api/subapi/sub/3").json()["root_path"], "/api/subapi")

    def test_url_path_for_through_mounts(self) -> None:
        self.assertEqual(outer.url_path_for("read_sub", item_id=1), "/subapi/sub/1")
        self.assertEqual(outer.url_path_for("named:thing"), "/named/thing")
        with self.assertRaises(Exception) as caught:
            outer.url_path_for("thing")   # a named mount's routes are "name:route"
        self.assertEqual(type(caught.exception).__name__, "NoMatchFound")


if __name__ == "__main__":
    unittest.main()
