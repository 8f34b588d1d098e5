"""Statuses sent without a body (204, 205, 304), as FastAPI decides them: on the response's final status,
the route's or the one a Response parameter set (FastAPI's test_reponse_set_reponse_code_empty.py and
test_response_code_no_body.py). A Response an endpoint returns with such a status keeps its body where FastAPI's
does: the TestClient (and an ASGI call) shows it, as Starlette's TestClient shows what the app sent; over HTTP it is
dropped (Kestrel refuses to write one). A final 1xx status cannot be sent: it is a 500."""
from __future__ import annotations

import asyncio
import http.client
import json
import unittest
from typing import Any

import httpx

from tachyon import FastAPI, Response
from tachyon.responses import JSONResponse, PlainTextResponse
from tests.client_case import AppTestCase

app = FastAPI()


@app.get("/reset", status_code=205)
async def reset():
    return {"message": "never sent"}


@app.get("/not-modified", status_code=304)
def not_modified():
    return {"message": "never sent"}


@app.delete("/{item_id}", status_code=204, response_model=None)
async def delete(item_id: int, response: Response) -> Any:
    if item_id == 0:
        response.status_code = 400
        return {"msg": "Status overwritten", "id": item_id}
    return {"msg": "deleted"}


@app.get("/parameter-sets-204")
def parameter_sets_204(response: Response):
    response.status_code = 204
    return {"message": "never sent"}


@app.delete("/plain/{item_id}", status_code=204, response_class=Response)
def delete_plain(item_id: int):
    return None


@app.get("/returned-205")
def returned_205():
    return PlainTextResponse("never sent", status_code=205)


@app.get("/returned-json/{code}")
def returned_json(code: int):
    return JSONResponse({"deleted": True}, status_code=code)


@app.get("/etag")
def etag():
    return Response(status_code=304, headers={"etag": 'W/"v1"'})   # fastapi-etag's answer to If-None-Match


@app.get("/cached-etag")
def cached_etag():   # fastapi-caching-route's cached 304
    return Response(b"", status_code=304, headers={"etag": '"abc"', "content-length": "0"})


class StatusAware(JSONResponse):
    def render(self, content: Any) -> bytes:
        return super().render({"content": content, "status_at_render": self.status_code})


@app.get("/aware", response_class=StatusAware, status_code=201)
def aware(response: Response):
    response.status_code = 202
    return {"a": 1}


@app.get("/status/{code}")
def any_status(code: int, response: Response):
    response.status_code = code
    return {"code": code}


class NoBodyStatusesTest(AppTestCase):
    app = app

    def assert_empty(self, path: str, status: int, method: str = "GET") -> None:
        response = self.client.request(method, path)
        self.assertEqual((response.status_code, response.content), (status, b""))

    def test_route_status_without_body(self) -> None:
        self.assert_empty("/reset", 205)
        self.assert_empty("/not-modified", 304)
        self.assert_empty("/1", 204, "DELETE")

    def test_content_type_is_the_response_classes(self) -> None:
        self.assertEqual(self.client.delete("/1").headers["content-type"], "application/json")
        self.assertNotIn("content-type", self.client.delete("/plain/1").headers)   # Response has no media type

    def test_response_parameter_status_decides(self) -> None:
        response = self.client.delete("/0")
        self.assertEqual((response.status_code, response.json()), (400, {"msg": "Status overwritten", "id": 0}))
        self.assert_empty("/parameter-sets-204", 204)

    def test_a_returned_response_keeps_its_body_and_length_under_the_testclient(self) -> None:
        # Real suites do `return JSONResponse({}, status_code=204)`, then `assert response.json() == {}`.
        for code in (204, 205, 304):
            response = self.client.get(f"/returned-json/{code}")
            self.assertEqual((response.status_code, response.json()), (code, {"deleted": True}))
            self.assertEqual(response.headers.get("content-length"), "16" if code == 205 else None)
        response = self.client.get("/returned-205")
        self.assertEqual((response.status_code, response.text, response.headers["content-length"]), (205, "never sent", "10"))
        self.assertFalse(any(name.startswith("x-tachyon") for name in response.headers))

    def test_a_returned_response_keeps_its_body_under_an_asgi_call(self) -> None:
        async def call() -> httpx.Response:
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
                return await client.get("/returned-json/204")

        response = asyncio.run(call())
        self.assertEqual((response.status_code, response.content), (204, b'{"deleted":true}'))
        self.assertNotIn("x-tachyon-test-body", response.headers)

    def test_over_http_the_body_is_not_sent(self) -> None:
        served = FastAPI()
        served.get("/gone")(lambda: JSONResponse({"deleted": True}, status_code=204))
        served.get("/ok")(lambda: {"ok": True})
        port = served.start("127.0.0.1", 0).port
        self.addCleanup(served.stop)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        self.addCleanup(connection.close)
        connection.request("GET", "/gone")
        response = connection.getresponse()
        self.assertEqual((response.status, response.read(), response.getheader("x-tachyon-test-body")), (204, b"", None))
        connection.request("GET", "/ok")   # the connection is still in step
        self.assertEqual(json.loads(connection.getresponse().read()), {"ok": True})

    def test_content_length_as_starlette_sets_it(self) -> None:
        """None with 204 and 304 (no body can follow); with 205, the length of the body FastAPI rendered before
        emptying it, as its TestClient shows."""
        headers = {code: self.client.get(f"/status/{code}").headers for code in (204, 205, 304)}
        self.assertEqual({code: h.get("content-length") for code, h in headers.items()}, {204: None, 205: "12", 304: None})

    def test_the_response_class_is_built_with_the_parameters_status(self) -> None:
        response = self.client.get("/aware")
        self.assertEqual((response.status_code, response.json()), (202, {"content": {"a": 1}, "status_at_render": 202}))

    def test_a_304_sends_the_content_length_it_declares(self) -> None:
        response = self.client.get("/cached-etag")
        self.assertEqual((response.status_code, response.headers["content-length"], response.headers["etag"], response.content),
                         (304, "0", '"abc"', b""))
        etag = self.client.get("/etag")
        self.assertEqual(dict(etag.headers.items()), {"etag": 'W/"v1"'})   # as Starlette's TestClient shows it

    def test_an_informational_final_status_is_a_500_not_a_hang(self) -> None:
        """HTTP/1.1 has no final 1xx response: Kestrel would send one the client waits after forever."""
        self.assertEqual(self.client.get("/status/100").status_code, 500)
        self.assertEqual(self.client.get("/status/200").json(), {"code": 200})   # still serving


if __name__ == "__main__":
    unittest.main()


class BodylessStatusWithResponseModelTest(unittest.TestCase):
    """FastAPI refuses, when the route is declared, a response model on a status sent without a body."""

    def test_a_response_model_or_return_annotation_is_refused(self) -> None:
        from pydantic import BaseModel

        from tachyon import APIRouter
        from tachyon.routing import APIRoute

        class User(BaseModel):
            id: int

        def returns_user() -> User:
            return User(id=1)

        cases = [(lambda: FastAPI().delete("/r", status_code=204, response_model=User)(lambda: None), 204),
                 (lambda: APIRouter().delete("/r", status_code=205)(returns_user), 205),
                 (lambda: APIRoute("/r", lambda: None, status_code=304, response_model=User), 304),
                 (lambda: APIRoute("/r", lambda: None, status_code=101, response_model=dict), 101)]
        for declare, status in cases:
            with self.assertRaises(AssertionError) as caught:
                declare()
            self.assertEqual(str(caught.exception), f"Status code {status} must not have a response body")

    def test_returning_none_is_no_response_model(self) -> None:
        def gone() -> None:
            return None

        route_app = FastAPI()
        route_app.delete("/r", status_code=204)(gone)
        self.assertIsNone(route_app.routes[-1].response_model)

    def test_the_return_annotation_is_the_signatures(self) -> None:
        """Class-based-view libraries wrap each method in a generic function and set its ``__signature__``: that
        signature's return annotation is the one FastAPI reads (an empty one is no response model)."""
        import inspect

        async def endpoint(**kwargs: Any) -> Any:
            return None

        endpoint.__signature__ = inspect.Signature([], return_annotation=inspect.Signature.empty)
        route_app = FastAPI()
        route_app.add_api_route("/r", endpoint, methods=["DELETE"], status_code=204)
        self.assertIsNone(route_app.routes[-1].response_model)
        from tachyon.testclient import TestClient
        self.assertEqual(TestClient(route_app).delete("/r").status_code, 204)
