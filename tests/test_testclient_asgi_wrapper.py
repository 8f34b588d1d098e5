"""A TestClient of an ASGI callable wrapping a Tachyon app (asgi-lifespan's ``LifespanManager(app).app``, a function
that adds to the scope) calls it as Starlette's TestClient calls any ASGI app: requests with Starlette's scope, and
inside ``with`` the lifespan through ASGI messages, whose state reaches the requests."""
from __future__ import annotations

import unittest
from contextlib import asynccontextmanager

from tachyon import FastAPI, Request
from tachyon.testclient import TestClient

events: list[str] = []


@asynccontextmanager
async def lifespan(app: FastAPI):
    events.append("startup")
    yield {"pool": "from the lifespan"}
    events.append("shutdown")


app = FastAPI(lifespan=lifespan)


@app.get("/state")
def read_state(request: Request):
    return {"pool": getattr(request.state, "pool", None), "tenant": getattr(request.state, "tenant", None)}


@app.post("/echo/{name}")
async def echo(name: str, request: Request, q: str = ""):
    return {"name": name, "q": q, "body": (await request.body()).decode(), "agent": request.headers["user-agent"],
            "host": request.headers["host"], "client": list(request.client)}


@app.get("/boom")
def boom():
    raise KeyError("boom")


def with_tenant(inner, tenant: str):
    async def wrapped(scope, receive, send):
        if scope["type"] == "http":
            scope["state"] = {**scope.get("state", {}), "tenant": tenant}
        await inner(scope, receive, send)
    return wrapped


class AsgiWrapperTest(unittest.TestCase):
    def test_requests_are_asgi_calls_of_the_wrapper(self) -> None:
        client = TestClient(with_tenant(app, "t1"))
        self.assertEqual(client.get("/state").json(), {"pool": None, "tenant": "t1"})
        r = client.post("/echo/ann?q=x", content=b"sent")
        self.assertEqual(r.json(), {"name": "ann", "q": "x", "body": "sent", "agent": "testclient",
                                    "host": "testserver", "client": ["testclient", 50000]})

    def test_with_runs_the_lifespan_through_the_wrapper(self) -> None:
        events.clear()
        with TestClient(with_tenant(app, "t2")) as client:
            self.assertEqual(events, ["startup"])
            self.assertEqual(client.get("/state").json(), {"pool": "from the lifespan", "tenant": "t2"})
        self.assertEqual(events, ["startup", "shutdown"])

    def test_server_exceptions(self) -> None:
        with self.assertRaises(KeyError):
            TestClient(with_tenant(app, "t3")).get("/boom")
        r = TestClient(with_tenant(app, "t3"), raise_server_exceptions=False).get("/boom")
        self.assertEqual((r.status_code, r.text), (500, "Internal Server Error"))


if __name__ == "__main__":
    unittest.main()
