"""The servers TestClients start (tachyon/_testclient/serving.py): an app serves while a client of it is open, and
stays up idle after its last one closes while it is among the last released (a client per test for one app does not
restart it each test); older idle servers stop, so suites that build an app per test do not keep a listening socket
per app."""
from __future__ import annotations

import gc
import socket
import unittest

from tachyon import FastAPI
from tachyon._testclient import serving
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
    def push_out_idle_servers(self) -> None:
        """Releases as many other apps' servers as stay idle: what was idle before stops."""
        for _ in range(serving.IDLE_SERVERS):
            TestClient(make_app()).close()

    def test_the_last_client_closed_leaves_the_server_idle_until_newer_ones_push_it_out(self) -> None:
        app = make_app()
        first, second = TestClient(app), TestClient(app)
        port = first._transport._port
        self.assertEqual(second._transport._port, port)
        first.close()
        self.assertEqual(second.get("/ping").json(), "pong")   # still held by the second client
        with second:
            pass
        self.assertTrue(accepts(port))   # idle
        self.push_out_idle_servers()
        self.assertIsNone(app._server)
        self.assertFalse(accepts(port))

    def test_a_client_per_test_keeps_one_server(self) -> None:
        app = make_app()
        servers = set()
        for _ in range(5):
            with TestClient(app) as client:
                self.assertEqual(client.get("/ping").json(), "pong")
                servers.add(id(app._server))
        self.assertEqual(len(servers), 1)

    def test_a_client_after_its_with_block_still_works_a_closed_one_does_not(self) -> None:
        app = make_app()
        client = TestClient(app)
        with client:
            pass
        self.assertEqual(client.get("/ping").json(), "pong")   # as Starlette's client after ``with``
        client.close()
        with self.assertRaisesRegex(RuntimeError, "the client has been closed"):   # httpx's
            client.get("/ping")

    def test_a_dropped_client_releases_its_server_at_the_next_client(self) -> None:
        app = make_app()
        client = TestClient(app)
        port = client._transport._port
        del client
        gc.collect()
        self.assertTrue(accepts(port))   # not stopped by the collector itself
        self.push_out_idle_servers()   # the first of these counts the dropped client, then pushes the app out
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
