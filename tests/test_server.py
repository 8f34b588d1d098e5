"""The server as a user runs it: `python -m tachyon run`, keep-alive, and graceful stop on SIGTERM/SIGINT."""
from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import unittest
from pathlib import Path

from tests.concurrency import get

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServedProcess:
    """`python3 -m tachyon run APP` in a subprocess, waited on until it listens."""

    def __init__(self, app: str) -> None:
        self.port = free_port()
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tachyon", "run", app, "--host", "127.0.0.1", "--port", str(self.port)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        self.first_line = self.proc.stdout.readline()

    def stop(self, sig: int) -> tuple[int, str]:
        self.proc.send_signal(sig)
        out, _ = self.proc.communicate(timeout=30)
        return self.proc.returncode, out


class CommandLineServerTest(unittest.TestCase):
    def test_serves_the_example_and_stops_on_sigterm_after_requests_in_flight(self) -> None:
        served = ServedProcess("tests.apps.slow:app")
        try:
            self.assertIn(f"serving on http://127.0.0.1:{served.port}", served.first_line)
            self.assertEqual(get(served.port, "/fast")[0], 200)
            in_flight: list = []
            t = threading.Thread(target=lambda: in_flight.append(get(served.port, "/block?seconds=1")))
            t.start()
            time.sleep(0.3)  # the slow request is inside its handler now
            code, out = served.stop(signal.SIGTERM)
            t.join()
            self.assertEqual(code, 0, out)
            self.assertEqual(in_flight[0][0], 200, "the request in flight finished before the server exited")
            self.assertIn("stopped", out)
            with self.assertRaises(OSError):
                get(served.port, "/fast", timeout=2)
        finally:
            if served.proc.poll() is None:
                served.proc.kill()

    def test_ctrl_c_stops_gracefully(self) -> None:
        for reference in ("examples.hello:app", "examples/hello.py"):   # as uvicorn names an app, and as the fastapi command
            served = ServedProcess(reference)
            try:
                self.assertEqual(get(served.port, "/health")[2], b'{"status":"ok"}', reference)
                code, out = served.stop(signal.SIGINT)
                self.assertEqual(code, 0, out)
            finally:
                if served.proc.poll() is None:
                    served.proc.kill()

    def test_the_lifespan_starts_before_the_server_listens_and_what_it_changes_is_served(self) -> None:
        served = ServedProcess("tests.apps.startup_edits:app")
        try:
            self.assertEqual(served.first_line.strip(), "lifespan: started")
            self.assertIn("serving on", served.proc.stdout.readline())
            status, headers, body, _ = get(served.port, "/x")
            self.assertEqual((status, body, headers.get("x-added-at-startup")), (200, b'{"x":true}', "yes"))
            code, out = served.stop(signal.SIGTERM)
            self.assertEqual(code, 0, out)
            self.assertIn("lifespan: shut down", out)
        finally:
            if served.proc.poll() is None:
                served.proc.kill()

    def test_a_port_in_use_is_a_clear_error_after_the_lifespan_shut_down_again(self) -> None:
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = taken.getsockname()[1]
            result = subprocess.run([sys.executable, "-m", "tachyon", "run", "tests.apps.startup_edits:app", "--port", str(port)],
                                    cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                                    timeout=60)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("lifespan: shut down", result.stdout)
        self.assertIn(f"error: cannot listen on 127.0.0.1:{port}", result.stderr)
        self.assertIn("address already in use", result.stderr)
        self.assertNotIn("Traceback", result.stderr)

    def test_bad_app_reference_is_a_clear_error(self) -> None:
        result = subprocess.run([sys.executable, "-m", "tachyon", "run", "no_such_module:app"], cwd=ROOT,
                                env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=30)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("cannot import module 'no_such_module'", result.stderr)
        self.assertNotIn("Traceback", result.stderr)


class KeepAliveTest(unittest.TestCase):
    def test_many_requests_on_one_connection(self) -> None:
        from tests.apps.slow import app

        port = app.start().port
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            for _ in range(50):
                conn.request("GET", "/fast")
                r = conn.getresponse()
                self.assertEqual(r.read(), b'{"fast":true}')
                self.assertNotEqual(r.getheader("connection"), "close")
        finally:
            conn.close()


class MalformedRequestTest(unittest.TestCase):
    def test_malformed_http_gets_400_from_the_engine(self) -> None:
        from tests.apps.slow import app

        port = app.start().port
        cases = {
            b"GARBAGE\r\n\r\n": b"400",
            b"GET /fast HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n": b"400",
            b"GET /fast HTTP/1.1\r\n\r\n": b"400",  # HTTP/1.1 without Host
            b"GET /fast HTTP/9.9\r\nHost: x\r\n\r\n": b"505",
        }
        for raw, status in cases.items():
            with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
                s.sendall(raw)
                reply = s.recv(4096)
            self.assertTrue(reply.startswith(b"HTTP/1.1 " + status + b" "), (raw, reply[:60]))
        self.assertEqual(get(port, "/fast")[0], 200, "the server keeps serving")


if __name__ == "__main__":
    unittest.main()
