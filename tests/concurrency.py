"""Concurrent raw HTTP requests for the lane and server tests (TestClient is one connection), and waiting
for what the server does after a response (background tasks, dependency exits)."""
from __future__ import annotations

import http.client
import json
import threading
import time


def get(port: int, path: str, timeout: float = 30) -> tuple[int, dict, bytes, float]:
    """One GET on its own connection: (status, headers, body, seconds taken)."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        r = conn.getresponse()
        body = r.read()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, body, time.perf_counter() - started
    finally:
        conn.close()


def get_many(port: int, paths: list[str], timeout: float = 30) -> list[tuple[int, dict, bytes, float]]:
    """GETs on parallel connections, all started at once; results in the order of ``paths``."""
    results: list = [None] * len(paths)

    def run(i: int, path: str) -> None:
        try:
            results[i] = get(port, path, timeout)
        except Exception as exc:  # recorded, so the test fails with the reason
            results[i] = (0, {}, repr(exc).encode(), 0.0)

    threads = [threading.Thread(target=run, args=(i, p)) for i, p in enumerate(paths)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def body_json(result: tuple) -> object:
    return json.loads(result[2])


def wait_for(predicate, seconds: float = 2.0) -> None:
    """Polls ``predicate`` until it holds or ``seconds`` pass; the caller then asserts what it expects."""
    deadline = time.monotonic() + seconds
    while not predicate() and time.monotonic() < deadline:
        time.sleep(0.005)
