"""What a custom route class hands FastAPI's handler counts, as in FastAPI: the handler reads the Request it is
given (its scope, ``body()``, ``json()``, ``form()`` and the ``_body``/``_json`` caches), and the yield
dependencies' exit stacks wrap the route class's whole handler. Expected values are FastAPI 0.143's for the
same apps."""
from __future__ import annotations

import base64
import json
import unittest
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import BaseModel

from tachyon import APIRouter, Depends, FastAPI, File, Form, Header, HTTPException, Request, Response
from tachyon.datastructures import FormData
from tachyon.responses import JSONResponse
from tachyon.routing import APIRoute
from tachyon.testclient import TestClient


class Item(BaseModel):
    name: str


class Shout(BaseModel):
    NAME: str


class Strict(BaseModel):
    model_config = {"extra": "forbid"}
    name: str


class Open(BaseModel):
    model_config = {"extra": "allow"}
    name: str


def route_class(wrap: Callable[[Request], Request | Any]) -> type[APIRoute]:
    """A route class whose handler calls ``wrap(request)`` (or awaits it) and passes its result on."""
    class Wrapping(APIRoute):
        def get_route_handler(self) -> Callable:
            original = super().get_route_handler()

            async def handler(request: Request) -> Response:
                changed = wrap(request)
                if not isinstance(changed, Request):
                    changed = await changed
                return await original(changed)
            return handler
    return Wrapping


def app_with(route_cls: type[APIRoute]) -> FastAPI:
    app = FastAPI()
    app.router.route_class = route_cls
    return app


class RequestContentTest(unittest.TestCase):
    def test_scope_edits_are_what_the_handler_reads(self) -> None:
        def force_json(request: Request) -> Request:
            headers = [(k, v) for k, v in request.scope["headers"] if k != b"content-type"]
            request.scope["headers"] = [*headers, (b"content-type", b"application/json")]
            request.scope["query_string"] += b"&injected=1"
            return Request(request.scope, request.receive)

        def append_header(request: Request) -> Request:
            request.scope["headers"].append((b"x-extra", b"appended"))   # in place, the same Request
            return request

        app = FastAPI()
        forced, appended = APIRouter(route_class=route_class(force_json)), APIRouter(route_class=route_class(append_header))

        @forced.post("/fj")
        def fj(d: dict[str, int], injected: int | None = None):
            return {"d": d, "injected": injected}

        @appended.get("/ap")
        def ap(x_extra: str | None = Header(None)):
            return {"x_extra": x_extra}

        app.include_router(forced)
        app.include_router(appended)
        client = TestClient(app)
        response = client.post("/fj?x=1", content=b'{"a": 1}', headers={"content-type": "text/plain"})
        self.assertEqual((response.status_code, response.json()), (200, {"d": {"a": 1}, "injected": 1}))
        self.assertEqual(client.get("/ap").json(), {"x_extra": "appended"})

    def test_a_request_over_a_receive_of_its_own_has_its_body(self) -> None:
        async def decode(request: Request) -> Request:
            decoded = base64.b64decode(await request.body())

            async def receive() -> dict:
                return {"type": "http.request", "body": decoded, "more_body": False}
            return Request(request.scope, receive)

        app = app_with(route_class(decode))

        @app.post("/dec")
        def dec(d: dict[str, int]):
            return d

        @app.post("/raw")
        async def raw(request: Request):
            return {"b": (await request.body()).decode()}

        client = TestClient(app)
        response = client.post("/dec", content=base64.b64encode(b'{"a": 5}'), headers={"content-type": "application/json"})
        self.assertEqual((response.status_code, response.json()), (200, {"a": 5}))
        self.assertEqual(client.post("/raw", content=base64.b64encode(b"hello")).json(), {"b": "hello"})

    def test_set_body_and_json_caches_are_read(self) -> None:
        async def set_body(request: Request) -> Request:
            request._body = (await request.body()).replace(b"OLD", b"NEW")
            return request

        async def wrap_json(request: Request) -> Request:
            request._json = {"wrapped": await request.json()}
            return request

        app = FastAPI()
        setting, wrapping = APIRouter(route_class=route_class(set_body)), APIRouter(route_class=route_class(wrap_json))

        @setting.post("/set")
        async def set_(d: dict[str, str], request: Request):
            return {"d": d, "raw": (await request.body()).decode()}

        @wrapping.post("/wrap")
        def wrap(d: dict[str, dict[str, int]]):
            return d

        app.include_router(setting)
        app.include_router(wrapping)
        client = TestClient(app)
        self.assertEqual(client.post("/set", json={"k": "OLD"}).json(), {"d": {"k": "NEW"}, "raw": '{"k":"NEW"}'})
        response = client.post("/wrap", json={"a": 1})
        self.assertEqual((response.status_code, response.json()), (200, {"wrapped": {"a": 1}}))

    def test_a_request_class_overriding_json_and_form(self) -> None:
        class LowerKeysRequest(Request):
            async def json(self) -> Any:
                data = json.loads(await self.body())
                return {k.lower(): v for k, v in data.items()}

        class UpperFormRequest(Request):
            async def form(self, **limits: Any) -> FormData:
                form = await super().form(**limits)
                return FormData([(k, v.upper()) for k, v in form.multi_items()])

        app = FastAPI()
        lower = APIRouter(route_class=route_class(lambda r: LowerKeysRequest(r.scope, r.receive)))
        upper = APIRouter(route_class=route_class(lambda r: UpperFormRequest(r.scope, r.receive)))

        @lower.post("/item")
        def item(it: Item):
            return it

        @upper.post("/form")
        def form(a: str = Form()):
            return {"a": a}

        app.include_router(lower)
        app.include_router(upper)
        client = TestClient(app)
        self.assertEqual(client.post("/item", json={"NAME": "x"}).json(), {"name": "x"})
        self.assertEqual(client.post("/form", data={"a": "low"}).json(), {"a": "LOW"})

    def test_body_is_read_only_for_a_body_and_its_errors_are_a_400(self) -> None:
        class StrictBodyRequest(Request):
            async def body(self) -> bytes:
                body = await super().body()
                if body == b"boom":
                    raise ValueError("boom")
                return body

        app = app_with(route_class(lambda r: StrictBodyRequest(r.scope, r.receive)))

        @app.get("/nobody")
        def nobody():
            return {"ok": True}

        @app.post("/withbody")
        def withbody(d: dict[str, int]):
            return d

        client = TestClient(app)
        self.assertEqual(client.request("GET", "/nobody", content=b"boom").json(), {"ok": True})
        response = client.post("/withbody", content=b"boom", headers={"content-type": "application/json"})
        self.assertEqual((response.status_code, response.json()), (400, {"detail": "There was an error parsing the body"}))

    def test_a_missing_body_through_a_route_class_is_fastapis_422(self) -> None:
        app = app_with(route_class(lambda r: r))

        @app.post("/")
        def total(numbers: list[int]):
            return sum(numbers)

        response = TestClient(app).post("/")
        self.assertEqual((response.status_code, response.json()),
                         (422, {"detail": [{"type": "missing", "loc": ["body"], "msg": "Field required", "input": None}]}))


    def test_a_request_class_overriding_stream_changes_body_json_and_form(self) -> None:
        class UpperStreamRequest(Request):
            async def stream(self):
                async for chunk in super().stream():
                    yield chunk.upper()

        app = app_with(route_class(lambda r: UpperStreamRequest(r.scope, r.receive)))

        @app.post("/item")
        def item(item: Shout):
            return item

        @app.post("/raw")
        async def raw(request: Request):
            return {"body": (await request.body()).decode()}

        @app.post("/form")
        def form(A: str = Form()):
            return {"A": A}

        client = TestClient(app)
        self.assertEqual(client.post("/item", content=b'{"name": "x"}', headers={"content-type": "application/json"}).json(),
                         {"NAME": "X"})
        self.assertEqual(client.post("/raw", content=b"abc").json(), {"body": "ABC"})
        self.assertEqual(client.post("/form", data={"a": "low"}).json(), {"A": "LOW"})

    def test_form_bodies_as_fastapi_extracts_them(self) -> None:
        app = app_with(route_class(lambda r: r))

        @app.post("/bytes")
        def upload(data: Annotated[bytes, File()], more: Annotated[list[bytes], File()]):
            return {"len": len(data), "more": [m.decode() for m in more]}

        @app.post("/strict")
        def strict(form: Annotated[Strict, Form()]):
            return form

        @app.post("/open")
        def open_(form: Annotated[Open, Form()]):
            return form.model_dump()

        client = TestClient(app)
        response = client.post("/bytes", files=[("data", ("a.bin", b"12345")), ("more", ("b", b"x")), ("more", ("c", b"y"))])
        self.assertEqual(response.json(), {"len": 5, "more": ["x", "y"]})
        response = client.post("/strict", data={"name": "a", "other": "b"})
        self.assertEqual((response.status_code, response.json()["detail"]), (422, [
            {"type": "extra_forbidden", "loc": ["body", "other"], "msg": "Extra inputs are not permitted", "input": "b"}]))
        self.assertEqual(client.post("/open", data={"name": "a", "tag": ["x", "y"]}).json(), {"name": "a", "tag": ["x", "y"]})

    def test_a_handler_object_with_an_async_call(self) -> None:
        class Handler:
            def __init__(self, original: Callable) -> None:
                self.original = original

            async def __call__(self, request: Request) -> Response:
                response = await self.original(request)
                response.headers["x-wrapped"] = "yes"
                return response

        class ObjectRoute(APIRoute):
            def get_route_handler(self) -> Callable:
                return Handler(super().get_route_handler())

        app = app_with(ObjectRoute)

        @app.get("/")
        def root():
            return {"ok": True}

        response = TestClient(app).get("/")
        self.assertEqual((response.status_code, response.json(), response.headers["x-wrapped"]), (200, {"ok": True}, "yes"))


class ExitStacksTest(unittest.TestCase):
    def test_yield_dependencies_exit_around_the_route_class(self) -> None:
        events: list[str] = []

        class OrderRoute(APIRoute):
            def get_route_handler(self) -> Callable:
                original = super().get_route_handler()

                async def handler(request: Request) -> Response:
                    events.append("route-pre")
                    response = await original(request)
                    events.append("route-post")
                    if request.query_params.get("raise"):
                        raise HTTPException(409, "post-raise")
                    return response
                return handler

        def dependency(name: str) -> Callable:
            async def dep():
                events.append(f"{name}-enter")
                try:
                    yield name
                except Exception as error:
                    events.append(f"{name}-exc:{type(error).__name__}")
                    raise
                finally:
                    events.append(f"{name}-exit")
            return dep

        app = FastAPI()
        router = APIRouter(route_class=OrderRoute)

        @router.get("/a")
        def a(x=Depends(dependency("req")), y=Depends(dependency("fn"), scope="function")):
            events.append("endpoint")
            return {"x": x, "y": y}

        app.include_router(router)
        with TestClient(app) as client:
            self.assertEqual(client.get("/a").json(), {"x": "req", "y": "fn"})
            self.assertEqual(events, ["route-pre", "req-enter", "fn-enter", "endpoint", "route-post", "fn-exit", "req-exit"])
            events.clear()
            response = client.get("/a?raise=1")
        self.assertEqual((response.status_code, response.json()), (409, {"detail": "post-raise"}))
        self.assertEqual(events, ["route-pre", "req-enter", "fn-enter", "endpoint", "route-post", "fn-exc:HTTPException",
                                  "fn-exit", "req-exc:HTTPException", "req-exit"])

    def test_an_exception_the_route_class_catches_never_reaches_the_dependency(self) -> None:
        events: list[str] = []

        class CatchAllRoute(APIRoute):
            def get_route_handler(self) -> Callable:
                original = super().get_route_handler()

                async def handler(request: Request) -> Response:
                    try:
                        return await original(request)
                    except RuntimeError as error:
                        return JSONResponse({"error": str(error)}, status_code=500)
                return handler

        async def session():
            try:
                yield 1
                events.append("commit")
            except Exception as error:
                events.append(f"rollback:{type(error).__name__}")
                raise

        app = app_with(CatchAllRoute)

        @app.get("/fail")
        def fail(s=Depends(session)):
            raise RuntimeError("in endpoint")

        with TestClient(app) as client:
            response = client.get("/fail")
        self.assertEqual((response.status_code, response.json()), (500, {"error": "in endpoint"}))
        self.assertEqual(events, ["commit"])


if __name__ == "__main__":
    unittest.main()
