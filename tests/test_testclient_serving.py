"""The servers TestClients start (tachyon/_testclient/serving.py): an app serves while a client of it is open,
so suites that build an app per test do not keep a listening socket per app."""
from __future__ import annotations

import gc
import socket
import unittest

from tachyon import FastAPI
from tachyon.testclient import TestClient


def make_app() -> FastAPI:
    app = FastAPI()

    @app.get("/ping")
    def ping():
        return "pong"

    return app


def accepts(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


class TestClientServingTest(unittest.TestCase):
    def test_the_last_client_closed_stops_the_server(self) -> None:
        app = make_app()
        first, second = TestClient(app), TestClient(app)
        port = first._transport._port
        self.assertEqual(second._transport._port, port)
        first.close()
        self.assertEqual(second.get("/ping").json(), "pong")   # still held by the second client
        with second:
            pass
        self.assertIsNone(app._server)
        self.assertFalse(accepts(port))

    def test_a_client_after_its_with_block_still_works_a_closed_one_does_not(self) -> None:
        app = make_app()
        client = TestClient(app)
        with client:
            pass
        self.assertIsNone(app._server)
        self.assertEqual(client.get("/ping").json(), "pong")   # served again, as Starlette's client after ``with``
        client.close()
        self.assertIsNone(app._server)
        with self.assertRaisesRegex(RuntimeError, "the client has been closed"):   # httpx's
            client.get("/ping")

    def test_a_dropped_client_releases_its_server_at_the_next_client(self) -> None:
        app = make_app()
        client = TestClient(app)
        port = client._transport._port
        del client
        gc.collect()
        self.assertTrue(accepts(port))   # not stopped by the collector itself
        TestClient(make_app()).close()
        self.assertIsNone(app._server)
        self.assertFalse(accepts(port))

    def test_a_server_started_otherwise_keeps_serving(self) -> None:
        app = make_app()
        port = app.start("127.0.0.1", 0).port
        self.addCleanup(app.stop)
        with TestClient(app) as client:
            self.assertEqual(client.get("/ping").json(), "pong")
        self.assertTrue(accepts(port))


if __name__ == "__main__":
    unittest.main()
