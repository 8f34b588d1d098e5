"""Proxy headers as uvicorn applies them by default: a request from a trusted peer (127.0.0.1 unless
told otherwise) takes its scheme from X-Forwarded-Proto and its client from X-Forwarded-For, so URLs
and the trailing-slash redirect are https behind a TLS-terminating proxy; TestClient(base_url="https://...")
gets https the same way (FastAPI's test_behind_a_proxy/test_tutorial001_01)."""
from __future__ import annotations

import http.client
import json
import unittest

from tachyon import FastAPI, Request
from tachyon.testclient import TestClient


def make_app() -> FastAPI:
    app = FastAPI()

    @app.get("/items/")
    def read_items(request: Request):
        return {"url": str(request.url), "client": request.client.host}

    return app


def fetch(port: int, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"host": "example.com", **headers})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


class ProxyHeadersTest(unittest.TestCase):
    def test_https_base_url_of_the_test_client(self) -> None:
        with TestClient(make_app(), base_url="https://example.com", follow_redirects=False) as client:
            redirect = client.get("/items")
            self.assertEqual((redirect.status_code, redirect.headers["location"]), (307, "https://example.com/items/"))
            self.assertEqual(client.get("/items/").json()["url"], "https://example.com/items/")

    def test_forwarded_headers_from_a_trusted_peer(self) -> None:
        app = make_app()
        port = app.start("127.0.0.1", 0).port
        self.addCleanup(app.stop)
        forwarded = {"x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.9"}
        status, _, body = fetch(port, "/items/", forwarded)
        self.assertEqual((status, json.loads(body)), (200, {"url": "https://example.com/items/", "client": "203.0.113.9"}))
        status, headers, _ = fetch(port, "/items", forwarded)
        self.assertEqual((status, headers["location"]), (307, "https://example.com/items/"))

    def test_untrusted_or_disabled_proxy_headers_are_ignored(self) -> None:
        app = make_app()
        port = app.start("127.0.0.1", 0, forwarded_allow_ips=[]).port
        self.addCleanup(app.stop)
        status, _, body = fetch(port, "/items/", {"x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.9"})
        self.assertEqual((status, json.loads(body)), (200, {"url": "http://example.com/items/", "client": "127.0.0.1"}))


if __name__ == "__main__":
    unittest.main()
