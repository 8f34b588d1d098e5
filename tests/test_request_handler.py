"""fastapi.routing.get_request_handler for route classes that build their handler themselves (FastAPI's
get_route_handler, with an argument changed), and the APIRoute attributes it is built from: body_field,
_embed_body_fields, secure_cloned_response_field. A route whose ``app`` code replaced with
``request_response(handler)`` is served through that handler, as Starlette's Route.handle awaits route.app. Served through the engine by the TestClient; every answer
is compared with the one the same route gives as a plain APIRoute (FastAPI's own handler)."""
from __future__ import annotations

import unittest
from typing import Annotated

from pydantic import BaseModel

from tachyon import APIRouter, Body, Depends, FastAPI, Form, Response
from tachyon.dependencies.utils import _should_embed_body_fields, get_body_field, get_dependant, get_flat_dependant
from tachyon.params import Form as FormInfo
from tachyon.responses import PlainTextResponse
from tachyon.responses import JSONResponse
from tachyon.routing import APIRoute, get_request_handler, request_response
from tachyon.testclient import TestClient

events: list[str] = []


class RebuiltRoute(APIRoute):
    """Builds FastAPI's handler from the route's attributes, as route classes of extensions do."""

    def get_route_handler(self):
        return get_request_handler(
            dependant=self.dependant, body_field=self.body_field, status_code=self.status_code,
            response_class=self.response_class, response_field=self.secure_cloned_response_field,
            response_model_include=self.response_model_include, response_model_exclude=self.response_model_exclude,
            response_model_by_alias=self.response_model_by_alias,
            response_model_exclude_unset=self.response_model_exclude_unset,
            response_model_exclude_defaults=self.response_model_exclude_defaults,
            response_model_exclude_none=self.response_model_exclude_none,
            dependency_overrides_provider=self.dependency_overrides_provider,
            embed_body_fields=self._embed_body_fields,
        )


class TextRoute(APIRoute):
    """Changes one argument: every response of its routes is plain text."""

    def get_route_handler(self):
        return get_request_handler(dependant=self.dependant, body_field=self.body_field, status_code=self.status_code,
                                   response_class=PlainTextResponse, embed_body_fields=self._embed_body_fields)


class User(BaseModel):
    name: str
    age: int


class UserOut(BaseModel):
    name: str


def session():
    events.append("session opened")
    try:
        yield "db"
    except ValueError:
        events.append("session saw ValueError")
        raise
    finally:
        events.append("session closed")


def add_routes(router: APIRouter) -> None:
    @router.get("/items/{item_id}")
    def read_item(item_id: int, q: str | None = None, db: Annotated[str, Depends(session)] = ""):
        events.append("endpoint")
        return {"item_id": item_id, "q": q, "db": db}

    @router.post("/users", status_code=201, response_model=UserOut)
    async def create_user(user: User):
        return user

    @router.post("/pair")
    async def pair(user: User, note: Annotated[str, Body()]):
        return {"user": user.name, "note": note}

    @router.post("/login")
    def login(username: Annotated[str, Form()], password: Annotated[str, Form()]):
        return {"username": username, "length": len(password)}

    @router.get("/teapot")
    def teapot(response: Response):
        response.status_code = 418
        response.headers["x-pot"] = "tea"
        return {"short": "stout"}

    @router.get("/hello")
    def hello():
        return "hi"

    @router.get("/fail")
    def fail(db: Annotated[str, Depends(session)]):
        raise ValueError("boom")


def make_app(route_class: type[APIRoute]) -> FastAPI:
    app = FastAPI()
    router = APIRouter(route_class=route_class)
    add_routes(router)
    app.include_router(router)
    return app


class GetRequestHandlerTests(unittest.TestCase):
    def setUp(self) -> None:
        events.clear()
        self.rebuilt = TestClient(make_app(RebuiltRoute))
        self.plain = TestClient(make_app(APIRoute))

    def both(self, method: str, url: str, **kwargs):
        rebuilt = self.rebuilt.request(method, url, **kwargs)
        plain = self.plain.request(method, url, **kwargs)
        self.assertEqual((rebuilt.status_code, rebuilt.json()), (plain.status_code, plain.json()))
        return rebuilt

    def test_parameters_and_yield_dependency(self):
        response = self.both("GET", "/items/3?q=x")
        self.assertEqual(response.json(), {"item_id": 3, "q": "x", "db": "db"})
        self.assertEqual(events[:3], ["session opened", "endpoint", "session closed"])

    def test_invalid_parameter_is_fastapis_422(self):
        response = self.both("GET", "/items/abc")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["detail"][0]["loc"], ["path", "item_id"])

    def test_body_with_status_code_and_response_model(self):
        response = self.both("POST", "/users", json={"name": "ann", "age": 3})
        self.assertEqual((response.status_code, response.json()), (201, {"name": "ann"}))

    def test_invalid_body_and_invalid_json(self):
        self.assertEqual(self.both("POST", "/users", json={"name": "ann"}).json()["detail"][0]["loc"], ["body", "age"])
        invalid = self.both("POST", "/users", content=b"{oops", headers={"content-type": "application/json"})
        self.assertEqual(invalid.json()["detail"][0]["type"], "json_invalid")

    def test_embedded_body_of_two_parameters(self):
        response = self.both("POST", "/pair", json={"user": {"name": "bo", "age": 1}, "note": "hi"})
        self.assertEqual(response.json(), {"user": "bo", "note": "hi"})

    def test_form_body(self):
        response = self.both("POST", "/login", data={"username": "al", "password": "secret"})
        self.assertEqual(response.json(), {"username": "al", "length": 6})

    def test_response_parameter_sets_status_and_headers(self):
        response = self.both("GET", "/teapot")
        self.assertEqual(response.status_code, 418)
        self.assertEqual(response.headers["x-pot"], "tea")

    def test_endpoint_error_reaches_yield_dependency_and_gives_500(self):
        for client in (TestClient(self.rebuilt.app, raise_server_exceptions=False),
                       TestClient(self.plain.app, raise_server_exceptions=False)):
            events.clear()
            self.assertEqual(client.get("/fail").status_code, 500)
            self.assertEqual(events, ["session opened", "session saw ValueError", "session closed"])

    def test_changed_response_class(self):
        response = TestClient(make_app(TextRoute)).get("/hello")
        self.assertEqual((response.headers["content-type"], response.text), ("text/plain; charset=utf-8", "hi"))
        self.assertEqual(self.plain.get("/hello").text, '"hi"')


class ReplacedAppRoute(APIRoute):
    """fastapi-jsonrpc's pattern: the endpoint only documents the route; its app does the work."""

    def __init__(self, path, endpoint, **kwargs):
        super().__init__(path, endpoint, **kwargs)
        self.app = request_response(self.handle)

    async def handle(self, request):
        return JSONResponse({"handled": await request.json()})


class AssignedAppTests(unittest.TestCase):
    def test_a_route_is_served_through_an_app_assigned_to_it(self):
        def documented_only(x: int):
            return {"endpoint": x}
        app = FastAPI()
        app.routes.append(ReplacedAppRoute("/a", documented_only, methods=["POST"]))
        router = APIRouter(route_class=ReplacedAppRoute)
        router.add_api_route("/b", documented_only, methods=["POST"])
        app.include_router(router)
        client = TestClient(app)
        self.assertEqual(client.post("/a", json={"k": 1}).json(), {"handled": {"k": 1}})
        self.assertEqual(client.post("/b", json={"k": 2}).json(), {"handled": {"k": 2}})

    def test_rebuilding_a_routes_own_app_keeps_its_plan(self):
        # fastapi-pagination's add_pagination: route.app = request_response(route.get_route_handler())
        app = make_app(APIRoute)
        route = next(r for r in app.routes if getattr(r, "path", "") == "/items/{item_id}")
        route.app = request_response(route.get_route_handler())
        self.assertFalse(route.serves_through_handler)
        self.assertEqual(TestClient(app).get("/items/4").json(), {"item_id": 4, "q": None, "db": "db"})


class BodyFieldTests(unittest.TestCase):
    def route(self, endpoint) -> APIRoute:
        return APIRoute("/x", endpoint, methods=["POST"])

    def test_single_body_is_the_parameter(self):
        async def create(user: User): ...
        route = self.route(create)
        self.assertFalse(route._embed_body_fields)
        self.assertEqual((route.body_field.name, route.body_field.type_), ("user", User))

    def test_embedded_body_is_a_model_named_after_the_route(self):
        async def create(user: User, note: Annotated[str, Body()]): ...
        route = self.route(create)
        self.assertTrue(route._embed_body_fields)
        field = route.body_field
        self.assertEqual((field.name, field.alias), ("body", "body"))
        self.assertEqual(field.type_.__name__, f"Body_{route.unique_id}")
        self.assertEqual(list(field.type_.model_fields), ["user", "note"])
        self.assertTrue(field.required)

    def test_form_fields_give_a_form_body(self):
        async def login(username: Annotated[str, Form()], remember: Annotated[bool, Form()] = False): ...
        field = self.route(login).body_field
        self.assertIsInstance(field.field_info, FormInfo)
        self.assertEqual(field.type_.model_json_schema()["required"], ["username"])

    def test_no_body(self):
        def read(q: str): ...
        self.assertIsNone(self.route(read).body_field)

    def test_should_embed_body_fields(self):
        def flat_bodies(endpoint):
            return get_flat_dependant(get_dependant(path="/", call=endpoint)).body_params

        async def one(user: User): ...
        async def embedded(user: Annotated[User, Body(embed=True)]): ...
        async def form_value(name: Annotated[str, Form()]): ...
        self.assertFalse(_should_embed_body_fields(flat_bodies(one)))
        self.assertTrue(_should_embed_body_fields(flat_bodies(embedded)))
        self.assertTrue(_should_embed_body_fields(flat_bodies(form_value)))
        self.assertFalse(_should_embed_body_fields([]))

        async def form_union(login: Annotated[User | UserOut, Form()]): ...
        self.assertFalse(_should_embed_body_fields(flat_bodies(form_union)))   # a union of form models: the whole form
        self.assertIsNone(get_body_field(flat_dependant=get_flat_dependant(get_dependant(path="/", call=lambda: None)),
                                         name="x", embed_body_fields=False))

    def test_secure_cloned_response_field_is_the_response_field(self):
        async def create(user: User) -> UserOut: ...
        route = self.route(create)
        self.assertIs(route.secure_cloned_response_field, route.response_field)


if __name__ == "__main__":
    unittest.main()
