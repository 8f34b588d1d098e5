"""The app router's ``default`` ASGI app answers the paths no route matches, as Starlette's Router calls it (an
SPA's index page for client-side routes, say); a path some route matches with another method is still a 405, and
one that only lacks a trailing slash is still redirected."""
from __future__ import annotations

import asyncio
import unittest

from tachyon import APIRouter, FastAPI
from tachyon.responses import PlainTextResponse
from tachyon.routing import Router
from tachyon.testclient import TestClient

app = FastAPI()


@app.get("/api/ping")
def ping():
    return "pong"


async def spa_fallback(scope, receive, send):
    await asyncio.sleep(0.001)   # it may await
    body = (await receive()).get("body", b"")
    response = PlainTextResponse(f"index.html for {scope['method']} {scope['path']} {body.decode()}".rstrip(),
                                 headers={"x-fallback": "1"})
    await response(scope, receive, send)


app.router.default = spa_fallback


class RouterDefaultTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.client = TestClient(app)

    def test_unmatched_paths_go_to_the_default_app(self) -> None:
        r = self.client.get("/some/client/route")
        self.assertEqual((r.status_code, r.text, r.headers["x-fallback"]),
                         (200, "index.html for GET /some/client/route", "1"))
        r = self.client.post("/else", content=b"sent")
        self.assertEqual(r.text, "index.html for POST /else sent")

    def test_matched_paths_are_unaffected(self) -> None:
        self.assertEqual(self.client.get("/api/ping").json(), "pong")
        r = self.client.post("/api/ping")
        self.assertEqual((r.status_code, r.json(), r.headers["allow"]), (405, {"detail": "Method Not Allowed"}, "GET"))
        r = self.client.get("/api/ping/", follow_redirects=False)
        self.assertEqual((r.status_code, r.headers["location"]), (307, "http://testserver/api/ping"))

    def test_the_default_default_is_the_routers_not_found(self) -> None:
        router = Router()
        self.assertEqual(router.default, router.not_found)
        self.assertFalse(router.answers_misses_itself)
        self.assertIs(APIRouter(default=spa_fallback).default, spa_fallback)
        plain = FastAPI()
        r = TestClient(plain).get("/nothing")
        self.assertEqual((r.status_code, r.json()), (404, {"detail": "Not Found"}))


if __name__ == "__main__":
    unittest.main()
