"""``Request`` reads its body as Starlette's: ``body()`` keeps it, ``stream()`` after ``body()`` gives the kept
body, and a body read through ``stream()`` alone is gone: ``body()``, ``json()``, ``form()`` and ``stream()``
then raise ``RuntimeError("Stream consumed")``. FastAPI reads a form route's body through ``form()`` before the
route's code runs, so there ``body()`` raises too, also in an exception handler, while ``form()`` gives that form."""
from __future__ import annotations

import unittest

from tachyon import BackgroundTasks, FastAPI, Form, Request
from tachyon.exceptions import RequestValidationError
from tachyon.responses import JSONResponse, Response
from tachyon.testclient import TestClient

app = FastAPI()


async def streamed(request: Request) -> list[str]:
    return [chunk.decode() async for chunk in request.stream()]


@app.post("/stream-then/{reader}")
async def stream_then(reader: str, request: Request):
    chunks = await streamed(request)
    try:
        after = {"body": request.body, "json": request.json, "form": request.form, "stream": lambda: streamed(request)}[reader]
        await after()
    except RuntimeError as e:
        return {"chunks": chunks, "error": str(e)}
    return {"chunks": chunks, "error": None}


@app.post("/body-then-stream")
async def body_then_stream(request: Request):
    body = await request.body()
    return {"body": body.decode(), "chunks": await streamed(request), "again": (await request.body()).decode()}


@app.post("/form-route")
async def form_route(request: Request, name: str = Form()):
    form = await request.form()
    try:
        body = (await request.body()).decode()
    except RuntimeError as e:
        body = f"error: {e}"
    return {"name": name, "form": dict(form), "body": body}


form_errors = FastAPI()


@form_errors.exception_handler(RequestValidationError)
async def body_of_invalid(request: Request, exc: RequestValidationError):
    return JSONResponse({"body": (await request.body()).decode()}, status_code=422)


@form_errors.post("/qty")
async def qty(qty: int = Form()):
    return {"qty": qty}


class FormRouteBodyTest(unittest.TestCase):
    def test_body_after_the_route_read_the_form(self) -> None:
        client = TestClient(app)
        for files in (None, {"f": ("a.txt", b"x")}):
            with self.subTest(multipart=files is not None):
                r = client.post("/form-route", data={"name": "a"}, files=files)
                self.assertEqual(r.json()["body"], "error: Stream consumed")
                self.assertEqual(r.json()["form"]["name"], "a")

    def test_body_of_a_form_route_called_with_another_content_type(self) -> None:
        r = TestClient(app).post("/form-route", content=b"name=a", headers={"content-type": "text/plain"})
        self.assertEqual(r.status_code, 422)   # FastAPI reads no form from it: the field is missing

    def test_validation_handler_reading_the_body_of_a_form_route(self) -> None:
        with self.assertRaisesRegex(RuntimeError, "^Stream consumed$"):
            TestClient(form_errors).post("/qty", data={"qty": "x"})
        r = TestClient(form_errors, raise_server_exceptions=False).post("/qty", data={"qty": "x"})
        self.assertEqual((r.status_code, r.text), (500, "Internal Server Error"))


class StreamConsumedTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.client = TestClient(app)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.client.close()

    def test_every_read_after_the_stream_raises(self) -> None:
        for reader in ("body", "json", "stream"):
            with self.subTest(reader=reader):
                r = self.client.post(f"/stream-then/{reader}", json={"a": 1})
                self.assertEqual(r.json(), {"chunks": ['{"a":1}', ""], "error": "Stream consumed"})
        r = self.client.post("/stream-then/form", data={"a": "1"})
        self.assertEqual(r.json(), {"chunks": ["a=1", ""], "error": "Stream consumed"})

    def test_form_reads_no_stream_for_other_content_types(self) -> None:
        self.assertEqual(self.client.post("/stream-then/form", json={"a": 1}).json(),
                         {"chunks": ['{"a":1}', ""], "error": None})

    def test_an_empty_body_streams_as_the_end_alone(self) -> None:
        self.assertEqual(self.client.post("/stream-then/body").json(), {"chunks": [""], "error": "Stream consumed"})

    def test_the_kept_body_streams_again(self) -> None:
        self.assertEqual(self.client.post("/body-then-stream", content=b"abc").json(),
                         {"body": "abc", "chunks": ["abc", ""], "again": "abc"})
        self.assertEqual(self.client.post("/body-then-stream").json(), {"body": "", "chunks": ["", ""], "again": ""})


if __name__ == "__main__":
    unittest.main()


after_response_events: list = []


@app.post("/receive-after-response")
async def receive_after_response(request: Request, background: BackgroundTasks):
    after_response_events.append(("in route", (await request.receive())["type"], await request.is_disconnected()))

    async def after() -> None:
        after_response_events.append(("after", (await request.receive())["type"], await request.is_disconnected()))

    background.add_task(after)
    return Response(b"")


class ReceiveAfterResponseTest(unittest.TestCase):
    """ASGI servers answer ``receive()`` with http.disconnect once the response is complete: background work
    asking the request then sees the client gone (httpx's test_asgi_disconnect_after_response_complete)."""

    def test_background_work_sees_the_disconnect(self) -> None:
        after_response_events.clear()
        with TestClient(app) as client:
            self.assertEqual(client.post("/receive-after-response", content=b"x").status_code, 200)
        self.assertEqual(after_response_events,
                         [("in route", "http.request", False), ("after", "http.disconnect", True)])
