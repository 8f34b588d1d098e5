"""Editing a route's dependant: FastAPI runs a path operation from ``route.dependant`` and documents it from there,
so code that inserts a guard into ``route.dependant.dependencies`` (made with get_parameterless_sub_dependant)
protects the route, and its security scheme shows in OpenAPI; a call replaced in the tree is what runs. Also
get_dependant, which describes a callable."""
from __future__ import annotations

import unittest

from tachyon import APIRouter, Depends, FastAPI, HTTPException, Request, Security
from tachyon.dependencies.utils import get_dependant, get_parameterless_sub_dependant
from tachyon.routing import APIRoute
from tachyon.security import OAuth2PasswordBearer
from tachyon.testclient import TestClient

oauth2 = OAuth2PasswordBearer("token", scopes={"users": "manage users"})
guard_calls: list[str] = []


def require_user_admin(request: Request) -> None:
    guard_calls.append(request.url.path)
    if request.headers.get("x-role") != "admin":
        raise HTTPException(403, "Not allowed to list users")


def build_app() -> FastAPI:
    router = APIRouter()

    @router.get("/users")
    def list_users():
        return ["alice", "bob"]

    @router.get("/health")
    def health():
        return {"ok": True}

    app = FastAPI()
    app.include_router(router)
    return app


def route_of(app: FastAPI, path: str) -> APIRoute:
    [route] = [r for r in app.routes if isinstance(r, APIRoute) and r.path == path]
    return route


class DependantEditsTest(unittest.TestCase):
    def setUp(self) -> None:
        guard_calls.clear()

    def test_a_guard_inserted_into_the_dependant_runs_first(self) -> None:
        app = build_app()
        route = route_of(app, "/users")
        dependency = Depends(require_user_admin)
        route.dependant.dependencies.insert(0, get_parameterless_sub_dependant(depends=dependency, path=route.path_format))
        with TestClient(app) as client:
            refused = client.get("/users")
            self.assertEqual((refused.status_code, refused.json()), (403, {"detail": "Not allowed to list users"}))
            allowed = client.get("/users", headers={"x-role": "admin"})
            self.assertEqual((allowed.status_code, allowed.json()), (200, ["alice", "bob"]))
            self.assertEqual(client.get("/health").status_code, 200)
        self.assertEqual(guard_calls, ["/users", "/users"], "the other route is not guarded")

    def test_editing_both_lists_as_projects_do_runs_the_guard_once(self) -> None:
        app = build_app()
        route = route_of(app, "/users")
        dependency = Depends(require_user_admin)
        route.dependencies.insert(0, dependency)   # what an include_router of this router would copy
        route.dependant.dependencies.insert(0, get_parameterless_sub_dependant(depends=dependency, path=route.path_format))
        with TestClient(app) as client:
            self.assertEqual(client.get("/users", headers={"x-role": "admin"}).status_code, 200)
        self.assertEqual(guard_calls, ["/users"])

    def test_a_route_level_dependency_removed_from_the_dependant_no_longer_runs(self) -> None:
        app = FastAPI()

        @app.get("/guarded", dependencies=[Depends(require_user_admin)])
        def guarded():
            return "in"

        route = route_of(app, "/guarded")
        with TestClient(app) as client:
            self.assertEqual(client.get("/guarded").status_code, 403)
        route.dependant.dependencies.clear()
        with TestClient(app) as client:   # served again: the edit is read when the app starts serving
            self.assertEqual(client.get("/guarded").json(), "in")

    def test_an_edit_by_a_startup_handler_or_while_serving_is_served_from_the_next_request(self) -> None:
        app = build_app()
        route = route_of(app, "/users")

        def guard_users() -> None:   # what fastapi-pagination's add_pagination does on startup
            route.dependant.dependencies.append(
                get_parameterless_sub_dependant(depends=Depends(require_user_admin), path=route.path_format))

        app.router.on_startup.append(guard_users)
        health = route_of(app, "/health")
        with TestClient(app) as client:   # the TestClient serves the app before its startup runs
            self.assertEqual(client.get("/users").status_code, 403)
            self.assertEqual(client.get("/health").status_code, 200)
            health.dependant.dependencies.append(
                get_parameterless_sub_dependant(depends=Depends(require_user_admin), path=health.path_format))
            self.assertEqual(client.get("/health").status_code, 403)
            self.assertEqual(client.get("/health", headers={"x-role": "admin"}).status_code, 200)

    def test_a_call_replaced_in_the_tree_is_what_runs(self) -> None:
        """FastAPI calls what ``route.dependant`` holds: a library that wraps every dependency in place (as
        fastapi-async-safe-dependencies does) changes what runs, also under the app's overrides."""
        app = FastAPI()

        def token() -> str:
            return "token"

        def user(t: str = Depends(token)) -> str:
            return f"user of {t}"

        @app.get("/me")
        def me(name: str = Depends(user)):
            return name

        def wrapped_token() -> str:
            return "wrapped token"

        route = route_of(app, "/me")
        with TestClient(app) as client:
            self.assertEqual(client.get("/me").json(), "user of token")
            [user_node] = route.dependant.dependencies
            user_node.dependencies[0].call = wrapped_token
            self.assertEqual(client.get("/me").json(), "user of wrapped token")
            app.dependency_overrides[wrapped_token] = lambda: "overridden"
            self.assertEqual(client.get("/me").json(), "user of overridden")
            user_node.dependencies[0].call = token
            app.dependency_overrides.clear()
            self.assertEqual(client.get("/me").json(), "user of token")

    def test_a_security_dependency_inserted_shows_in_openapi(self) -> None:
        app = build_app()
        route = route_of(app, "/users")
        self.assertNotIn("security", app.openapi()["paths"]["/users"]["get"])
        app.openapi_schema = None
        route.dependant.dependencies.append(
            get_parameterless_sub_dependant(depends=Security(oauth2, scopes=["users"]), path=route.path_format))
        schema = app.openapi()
        self.assertEqual(schema["paths"]["/users"]["get"]["security"], [{"OAuth2PasswordBearer": ["users"]}])
        self.assertEqual(schema["components"]["securitySchemes"]["OAuth2PasswordBearer"]["type"], "oauth2")
        with TestClient(app) as client:
            response = client.get("/users")
        self.assertEqual((response.status_code, response.json()), (401, {"detail": "Not authenticated"}))
        self.assertEqual(response.headers["www-authenticate"], "Bearer")

    def test_the_parameterless_sub_dependant_describes_the_dependency(self) -> None:
        sub = get_parameterless_sub_dependant(depends=Depends(require_user_admin, use_cache=False), path="/users")
        self.assertIs(sub.call, require_user_admin)
        self.assertIsNone(sub.name)
        self.assertFalse(sub.use_cache)
        self.assertEqual(sub.request_param_name, "request")
        with self.assertRaises(AssertionError):
            get_parameterless_sub_dependant(depends=Depends(), path="/users")

    def test_get_dependant_describes_a_callable(self) -> None:
        def read_item(item_id: int, q: str | None = None, user: str = Depends(oauth2)):
            return item_id

        dependant = get_dependant(path="/items/{item_id}", call=read_item)
        self.assertIs(dependant.call, read_item)
        self.assertEqual([f.name for f in dependant.path_params], ["item_id"])
        self.assertEqual([f.name for f in dependant.query_params], ["q"])
        [sub] = dependant.dependencies
        self.assertEqual((sub.name, sub.call), ("user", oauth2))
        self.assertEqual(sub.security_requirements[0].security_scheme, oauth2)


def renamed(q: int = 0, extra: str = "e"):
    return {"new": q, "extra": extra}


class RouteRewriteTest(unittest.TestCase):
    """Extensions rewrite a declared route (fastapi-pagination, versioning helpers): a new endpoint and a dependant
    assigned whole, then ``route.app = request_response(route.get_route_handler())``, as FastAPI needs."""

    def test_endpoint_and_dependant_assigned_whole(self) -> None:
        from tachyon.routing import request_response

        for read_first in (False, True):
            app = FastAPI()

            @app.get("/x", dependencies=[Depends(require_user_admin)])
            def old(q: int = 0):
                return {"old": q}

            route = next(r for r in app.routes if isinstance(r, APIRoute))
            if read_first:
                route.dependant
            route.endpoint = renamed
            route.dependant = get_dependant(path=route.path_format, call=renamed)
            route.app = request_response(route.get_route_handler())
            guard_calls.clear()
            response = TestClient(app).get("/x?q=2&extra=z")
            self.assertEqual((response.status_code, response.json()), (200, {"new": 2, "extra": "z"}), read_first)
            self.assertEqual(guard_calls, [])   # as in FastAPI, the dependant assigned whole is all that runs

    def test_request_response_serves_a_handler(self) -> None:
        from tachyon.responses import PlainTextResponse
        from tachyon.routing import request_response

        sent: list[dict] = []

        async def collect(message: dict) -> None:
            sent.append(message)

        app = FastAPI()

        @app.get("/outer")
        async def outer(request: Request):
            inner = request_response(lambda r: PlainTextResponse(f"inner saw {r.url.path}"))   # a sync handler
            await inner(request.scope, request.receive, collect)
            return {"status": sent[0]["status"], "body": sent[1]["body"].decode()}

        self.assertEqual(TestClient(app).get("/outer").json(), {"status": 200, "body": "inner saw /outer"})

if __name__ == "__main__":
    unittest.main()
