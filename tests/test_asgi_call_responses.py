"""Responses whose class has its own ASGI __call__, as FastAPI sends them (it awaits the response as an ASGI
app): a lazily rendered template response, a response sending its own messages; the base Response's __call__
is Starlette's; a Request is a mapping of its scope."""
from __future__ import annotations

import unittest

import jinja2

from tachyon import BackgroundTasks, FastAPI, Request
from tachyon.responses import HTMLResponse, JSONResponse, Response
from tachyon.templating import Jinja2Templates, _TemplateResponse
from tachyon.testclient import TestClient


class LazyTemplateResponse(HTMLResponse):
    """Renders in __call__ (async Jinja responses do), and tells the TestClient what it rendered."""

    def __init__(self, template: jinja2.Template, context: dict) -> None:
        self.template, self.context = template, context
        super().__init__("")

    async def __call__(self, scope, receive, send) -> None:
        self.body = self.template.render(self.context).encode()
        self.headers["content-length"] = str(len(self.body))
        if "http.response.debug" in self.context["request"].get("extensions", {}):
            await send({"type": "http.response.debug", "info": {"template": self.template, "context": self.context}})
        await super().__call__(scope, receive, send)


class RawResponse(Response):
    async def __call__(self, scope, receive, send) -> None:
        await send({"type": "http.response.start", "status": 202, "headers": [(b"content-type", b"text/plain"), (b"x-raw", b"1")]})
        await send({"type": "http.response.body", "body": b"raw ", "more_body": True})
        await send({"type": "http.response.body", "body": b"body"})


class WaitingResponse(Response):
    async def __call__(self, scope, receive, send) -> None:
        import asyncio

        await asyncio.sleep(0)
        await super().__call__(scope, receive, send)


TEMPLATE = jinja2.Environment().from_string("Hello {{ name }}")
done: list[str] = []
app = FastAPI()


@app.get("/lazy")
def lazy(request: Request):
    return LazyTemplateResponse(TEMPLATE, {"request": request, "name": "lazy"})


@app.get("/raw")
async def raw(tasks: BackgroundTasks):
    tasks.add_task(done.append, "after")
    return RawResponse(background=tasks)


@app.get("/waits")
def waits():
    return WaitingResponse("never")


templates = Jinja2Templates(env=jinja2.Environment(loader=jinja2.DictLoader({"mail.txt": "Dear {{ name }}"})))


@app.get("/mail")
def mail(request: Request):
    page = templates.TemplateResponse(request, "mail.txt", {"name": "Ann"})   # rendered for an e-mail, not sent
    return {"sent": page.body.decode()}


@app.get("/direct")
def direct(request: Request):
    return _TemplateResponse(templates.get_template("mail.txt"), {"request": request, "name": "Bo"})


@app.get("/scope")
def scope(request: Request):
    return {"type": request["type"], "path": request.get("path"), "keys": "method" in request, "len": len(request) > 5}


class AsgiCallResponsesTest(unittest.TestCase):
    def test_what_the_call_renders_is_sent(self) -> None:
        with TestClient(app) as client:
            response = client.get("/lazy")
        self.assertEqual((response.status_code, response.text, response.headers["content-length"]), (200, "Hello lazy", "10"))
        self.assertIs(response.template, TEMPLATE)

    def test_its_messages_are_the_response_and_its_tasks_run_after(self) -> None:
        done.clear()
        with TestClient(app) as client:
            response = client.get("/raw")
        self.assertEqual((response.status_code, response.text, response.headers["x-raw"]), (202, "raw body", "1"))
        self.assertEqual(done, ["after"])

    def test_a_call_that_waits_for_io_is_a_clear_500(self) -> None:
        with TestClient(app) as client:
            with self.assertRaisesRegex(RuntimeError, "WaitingResponse.__call__ waited for I/O"):
                client.get("/waits")

    def test_the_base_call_is_starlettes(self) -> None:
        import asyncio

        sent: list[dict] = []

        async def send(message: dict) -> None:
            sent.append(message)

        asyncio.run(JSONResponse({"a": 1}, status_code=201)({"type": "http"}, None, send))
        self.assertEqual(sent, [
            {"type": "http.response.start", "status": 201,
             "headers": [(b"content-length", b"7"), (b"content-type", b"application/json")]},
            {"type": "http.response.body", "body": b'{"a":1}'}])

    def test_the_template_shown_is_the_one_sent(self) -> None:
        """As Starlette's TestClient: a template response reports its template when it is sent, not when made."""
        with TestClient(app) as client:
            mailed, direct = client.get("/mail"), client.get("/direct")
        self.assertEqual(mailed.json(), {"sent": "Dear Ann"})
        self.assertFalse(hasattr(mailed, "template"))
        self.assertEqual((direct.text, direct.template.name, direct.context["name"]), ("Dear Bo", "mail.txt", "Bo"))

    def test_a_request_is_a_mapping_of_its_scope(self) -> None:
        with TestClient(app) as client:
            self.assertEqual(client.get("/scope").json(), {"type": "http", "path": "/scope", "keys": True, "len": True})


if __name__ == "__main__":
    unittest.main()
