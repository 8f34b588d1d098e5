"""The app as an ASGI callable (FastAPI's "Async Tests" drive it with httpx's ASGITransport): requests go
through the engine's pipeline; the ASGI client and scheme reach the app; the call returns after background
work and raises what the app did not handle after sending the 500; lifespan runs startup and shutdown."""
from __future__ import annotations

import asyncio
import json
import unittest
from contextlib import asynccontextmanager
from typing import Any

from tachyon import BackgroundTasks, Depends, FastAPI, Request, Response

events: list[str] = []


@asynccontextmanager
async def lifespan(app):
    events.append("startup")
    yield {"db": "ready"}
    events.append("shutdown")


app = FastAPI(lifespan=lifespan)


@app.post("/items/{item_id}")
async def create(item_id: int, request: Request, background: BackgroundTasks, q: str | None = None):
    background.add_task(events.append, f"saved {item_id}")
    return {"item_id": item_id, "q": q, "body": await request.json(), "client": request.client.host,
            "url": str(request.url)}


@app.get("/root")
def root(request: Request):
    return {"root_path": request.scope["root_path"], "url": str(request.url)}


@app.get("/state-keys")
def state_keys(request: Request):
    return sorted(request.scope["state"])


@app.get("/boom")
def boom():
    raise RuntimeError("boom")


def call(scope: dict[str, Any], body_chunks: list[bytes] = (b"",)) -> tuple[list[dict], BaseException | None]:
    messages = [{"type": "http.request", "body": chunk, "more_body": i < len(body_chunks) - 1}
                for i, chunk in enumerate(body_chunks)]
    sent: list[dict] = []

    async def receive() -> dict:
        return messages.pop(0)

    async def send(message: dict) -> None:
        sent.append(message)

    async def run() -> BaseException | None:
        try:
            await app({"type": "http", "http_version": "1.1", "root_path": "", "client": ("10.1.2.3", 123),
                       "server": ("testserver", 80), **scope}, receive, send)
        except Exception as exc:
            return exc
        return None

    return sent, asyncio.run(run())


def run_lifespan(target: Any, scope: dict[str, Any], messages: list[str], sent: list[dict]) -> None:
    """Drives ``target``'s lifespan with ``messages`` ("startup", "shutdown"), appending what it sends to ``sent``
    (filled as it goes, also when the call raises)."""
    received = [{"type": f"lifespan.{m}"} for m in messages]

    async def receive() -> dict:
        return received.pop(0)

    async def send(message: dict) -> None:
        sent.append(message)

    asyncio.run(target(scope, receive, send))

class ASGIAppTest(unittest.TestCase):
    def test_request_through_the_engine(self) -> None:
        events.clear()
        sent, error = call({"method": "POST", "scheme": "https", "path": "/items/5", "query_string": b"q=x",
                            "headers": [(b"host", b"example.com"), (b"content-type", b"application/json")]},
                           [b'{"name":', b' "pen"}'])
        self.assertIsNone(error)
        start, body = sent
        self.assertEqual((start["status"], dict(start["headers"])[b"content-type"]), (200, b"application/json"))
        self.assertEqual(json.loads(body["body"]), {"item_id": 5, "q": "x", "body": {"name": "pen"},
                                                    "client": "10.1.2.3", "url": "https://example.com/items/5?q=x"})
        self.assertEqual(events, ["saved 5"])   # the background task ran before the call returned

    def test_root_path_of_the_scope(self) -> None:
        """The scope's root_path reaches the app, and a path under it is routed without it (servers send the
        path with it, raw_path too; older ones sent it apart)."""
        for path, raw_path, url in (("/api/root", b"/api/root", "http://testserver/api/root"),
                                    ("/root", b"/root", "http://testserver/root"),
                                    ("/root", None, "http://testserver/api/root")):
            scope = {"method": "GET", "scheme": "http", "path": path, "root_path": "/api", "query_string": b"",
                     "headers": [(b"host", b"testserver")]}
            if raw_path is not None:
                scope["raw_path"] = raw_path
            sent, error = call(scope)
            self.assertIsNone(error)
            self.assertEqual(json.loads(sent[1]["body"]), {"root_path": "/api", "url": url})

    def test_unhandled_error_is_raised_after_the_500(self) -> None:
        sent, error = call({"method": "GET", "scheme": "http", "path": "/boom", "query_string": b"", "headers": []})
        self.assertEqual((sent[0]["status"], sent[1]["body"]), (500, b"Internal Server Error"))
        self.assertEqual(repr(error), "RuntimeError('boom')")

    def test_lifespan(self) -> None:
        events.clear()
        scope, sent = {"type": "lifespan", "state": {}}, []
        run_lifespan(app, scope, ["startup", "shutdown"], sent)
        self.assertEqual([m["type"] for m in sent], ["lifespan.startup.complete", "lifespan.shutdown.complete"])
        self.assertEqual(events, ["startup", "shutdown"])
        self.assertEqual(scope["state"], {"db": "ready"})   # as Starlette's lifespan shares it with the server

    def test_a_lifespan_state_needs_a_server_state(self) -> None:
        events.clear()
        sent: list[dict] = []
        with self.assertRaisesRegex(RuntimeError, 'does not support "state"'):   # answered, then raised
            run_lifespan(app, {"type": "lifespan"}, ["startup"], sent)
        [failed] = sent
        self.assertEqual(failed["type"], "lifespan.startup.failed")
        self.assertTrue(failed["message"].startswith("Traceback (most recent call last):"))   # Starlette's
        self.assertTrue(failed["message"].endswith('RuntimeError: The server does not support "state" in the lifespan scope.\n'))
        # The lifespan exited with the error raised at its yield, as Starlette's `async with` block: no "shutdown".
        self.assertEqual(events, ["startup"])

    def test_a_failing_lifespan_is_answered_then_raised(self) -> None:
        for fails_at, answer in (("startup", "lifespan.startup.failed"), ("shutdown", "lifespan.shutdown.failed")):
            @asynccontextmanager
            async def failing(app):
                if fails_at == "startup":
                    raise LookupError("no database")
                yield
                raise LookupError("no database")

            sent = []
            with self.assertRaisesRegex(LookupError, "no database"):
                run_lifespan(FastAPI(lifespan=failing), {"type": "lifespan", "state": {}}, ["startup", "shutdown"], sent)
            self.assertEqual(sent[-1]["type"], answer)
            self.assertIn("LookupError: no database", sent[-1]["message"])


headers_app = FastAPI()


@headers_app.api_route("/echo", methods=["GET", "POST"])
async def echo(request: Request):
    return {"headers": [[k, v] for k, v in request.headers.items()], "client": list(request.client),
            "state": sorted(vars(request.state)["_state"]), "body": (await request.body()).decode()}


def real_user() -> str:
    return "real"


@headers_app.get("/user")
def user(name: str = Depends(real_user)):
    return {"user": name}


@headers_app.get("/padded")
def padded():
    return Response("x", headers={"x-padded": " padded "})


@headers_app.get("/late")
def late(background: BackgroundTasks):
    def fail() -> None:
        raise LookupError("after the response")
    background.add_task(fail)
    return "sent"


class ASGITransportTest(unittest.TestCase):
    """What httpx's ASGITransport ("Async Tests") sends reaches the app as sent: the headers (no hop's own), the
    scope's client with its port, a streamed body chunked; what fails after the response is raised by the call."""

    @staticmethod
    def drive(coroutine_function) -> Any:
        import httpx

        async def main() -> Any:
            transport = httpx.ASGITransport(app=headers_app, client=("10.0.0.1", 5555))
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                return await coroutine_function(client)
        return asyncio.run(main())

    def test_the_request_as_the_client_sent_it(self) -> None:
        async def requests(client):
            plain = (await client.get("/echo", headers={"x-token": "t"})).json()

            async def chunks():
                yield b"a"
                yield b"b"
            streamed = (await client.post("/echo", content=chunks())).json()
            return plain, streamed

        plain, streamed = self.drive(requests)
        headers = dict(plain["headers"])   # (Kestrel hands them over in its own order)
        self.assertEqual(headers, {"host": "test", "accept": "*/*", "accept-encoding": "gzip, deflate",
                                   "connection": "keep-alive", "user-agent": headers["user-agent"], "x-token": "t"})
        self.assertEqual(plain["client"], ["10.0.0.1", 5555])
        forwarded = self.drive(lambda client: client.get("/echo", headers={"x-forwarded-for": "1.2.3.4"}))
        self.assertEqual((dict(forwarded.json()["headers"])["x-forwarded-for"], forwarded.json()["client"]),
                         ("1.2.3.4", ["10.0.0.1", 5555]))   # a plain header, as without a proxy
        self.assertEqual((dict(streamed["headers"])["transfer-encoding"], streamed["body"]), ("chunked", "ab"))
        self.assertNotIn("content-length", dict(streamed["headers"]))

    def test_overrides_and_header_values_as_the_app_has_them(self) -> None:
        async def requests(client):
            headers_app.dependency_overrides = {}   # a teardown's reset, then edits of the new dict
            headers_app.dependency_overrides[real_user] = lambda: "fake"
            overridden = (await client.get("/user")).json()
            headers_app.dependency_overrides.clear()
            return overridden, (await client.get("/user")).json(), (await client.get("/padded")).headers["x-padded"]

        self.assertEqual(self.drive(requests), ({"user": "fake"}, {"user": "real"}, " padded "))

    def test_an_error_after_the_response_is_raised(self) -> None:
        async def request(client):
            return await client.get("/late")

        with self.assertRaisesRegex(LookupError, "after the response"):
            self.drive(request)

    def test_the_scope_state_is_where_request_state_starts(self) -> None:
        sent: list[dict] = []

        async def receive() -> dict:
            return {"type": "http.request", "body": b""}

        async def send(message: dict) -> None:
            sent.append(message)

        scope = {"type": "http", "http_version": "1.1", "method": "GET", "scheme": "http", "path": "/echo",
                 "root_path": "", "query_string": b"", "headers": [(b"host", b"test")], "client": ("1.2.3.4", 9),
                 "server": ("test", 80), "state": {"db": "from a wrapper"}}
        asyncio.run(headers_app(scope, receive, send))
        self.assertEqual(json.loads(sent[1]["body"])["state"], ["db"])

    def test_without_a_scope_state_a_request_has_none(self) -> None:
        # ASGITransport's scope has no "state": the lifespan's (run by hand here) does not reach the request.
        import httpx

        async def main() -> list[str]:
            messages: asyncio.Queue = asyncio.Queue()
            sent: asyncio.Queue = asyncio.Queue()
            lifespan_task = asyncio.create_task(app({"type": "lifespan", "state": {}}, messages.get, sent.put))
            await messages.put({"type": "lifespan.startup"})
            self.assertEqual((await sent.get())["type"], "lifespan.startup.complete")
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
                state = (await client.get("/state-keys")).json()
            await messages.put({"type": "lifespan.shutdown"})
            await lifespan_task
            return state

        self.assertEqual(asyncio.run(main()), [])

if __name__ == "__main__":
    unittest.main()


try:
    import trio
except ImportError:   # not every Python has trio; the call from trio needs it
    trio = None


@unittest.skipIf(trio is None, "trio is not installed")
class CalledFromTrioTest(unittest.TestCase):
    """Called from a trio event loop (an anyio test parametrized over its backends): the call runs on an asyncio
    loop of its own, its receive and send going back to the trio task."""

    def test_request_error_and_lifespan(self) -> None:
        events.clear()

        async def main() -> tuple:
            received = [{"type": "http.request", "body": b'{"name": "pen"}', "more_body": False}]
            sent: list[dict] = []

            async def receive() -> dict:
                await trio.sleep(0)   # trio's own: this runs in the trio task
                return received.pop(0)

            async def send(message: dict) -> None:
                await trio.sleep(0)
                sent.append(message)

            scope = {"type": "http", "http_version": "1.1", "method": "POST", "scheme": "http", "path": "/items/7",
                     "root_path": "", "query_string": b"", "client": ("10.1.2.3", 123), "server": ("testserver", 80),
                     "headers": [(b"host", b"t"), (b"content-type", b"application/json")]}
            await app(scope, receive, send)
            received.append({"type": "http.request", "body": b"", "more_body": False})
            try:
                await app({**scope, "method": "GET", "path": "/boom", "headers": []}, receive, send)
            except RuntimeError as error:
                raised = error
            lifespan_sent: list[dict] = []
            messages = [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}]

            async def lifespan_receive() -> dict:
                return messages.pop(0)

            async def lifespan_send(message: dict) -> None:
                lifespan_sent.append(message["type"])
            await app({"type": "lifespan", "state": {}}, lifespan_receive, lifespan_send)
            return sent, raised, lifespan_sent

        sent, raised, lifespan_sent = trio.run(main)
        self.assertEqual((sent[0]["status"], json.loads(sent[1]["body"])["body"]), (200, {"name": "pen"}))
        self.assertEqual((sent[2]["status"], sent[3]["body"]), (500, b"Internal Server Error"))
        self.assertEqual(repr(raised), "RuntimeError('boom')")
        self.assertEqual(lifespan_sent, ["lifespan.startup.complete", "lifespan.shutdown.complete"])
        self.assertEqual(events, ["saved 7", "startup", "shutdown"])
