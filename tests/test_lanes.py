"""The Python lanes: asyncio handlers really await, blocking def handlers don't stall others,
coroutines that finish without suspending are stepped eagerly, and the queue into Python is bounded."""
from __future__ import annotations

import time
import unittest

from tachyon import FastAPI
from tachyon._boundary.engine import get_engine
from tachyon.testclient import TestClient
from tests.apps.slow import app as slow_app
from tests.concurrency import body_json, get, get_many


class AsyncLaneTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.client = TestClient(slow_app)
        cls.port = slow_app.start().port

    def test_awaiting_handlers_overlap(self) -> None:
        started = time.perf_counter()
        results = get_many(self.port, ["/sleep?seconds=0.5"] * 40)
        elapsed = time.perf_counter() - started
        self.assertTrue(all(r[0] == 200 for r in results), results[:3])
        self.assertEqual(body_json(results[0]), {"slept": 0.5})
        self.assertLess(elapsed, 2.5, "40 handlers awaiting asyncio.sleep(0.5) must run concurrently")

    def test_suspended_handler_runs_in_an_asyncio_task(self) -> None:
        self.assertEqual(self.client.get("/task").json(), {"in_task": True})

    def test_eager_handlers_do_not_reach_the_loop(self) -> None:
        before = get_engine().stats()["suspended_coroutines"]
        for _ in range(20):
            self.assertEqual(self.client.get("/sleep?seconds=0").status_code, 200)  # sleep(0) suspends once
        for _ in range(20):
            self.assertEqual(self.client.get("/fast").status_code, 200)
        after = get_engine().stats()["suspended_coroutines"]
        self.assertEqual(after - before, 20, "only the handlers that really suspend go to the event loop")


class SyncLaneTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.port = slow_app.start().port

    def test_blocked_def_handler_does_not_stall_others(self) -> None:
        paths = ["/block?seconds=1.5"] + ["/fast"] * 20
        started = time.perf_counter()
        results = get_many(self.port, paths)
        self.assertEqual(results[0][0], 200)
        self.assertGreaterEqual(results[0][3], 1.4)
        fast_times = [r[3] for r in results[1:]]
        self.assertTrue(all(r[0] == 200 for r in results[1:]))
        self.assertLess(max(fast_times), 0.8, f"fast requests waited behind a blocked handler: {max(fast_times):.2f}s")
        self.assertLess(time.perf_counter() - started, 3.0)

    def test_several_blocking_handlers_run_in_parallel(self) -> None:
        started = time.perf_counter()
        results = get_many(self.port, ["/block?seconds=0.5"] * 8)
        self.assertTrue(all(r[0] == 200 for r in results))
        self.assertLess(time.perf_counter() - started, 2.0, "blocking def handlers must not run one after another")


class BackpressureTest(unittest.TestCase):
    def test_full_queue_answers_503_with_retry_after(self) -> None:
        app = FastAPI(max_pending_requests=2)

        @app.get("/block")
        def block():
            time.sleep(0.5)
            return {"ok": True}

        port = app.start("127.0.0.1", 0).port
        try:
            before = get_engine().stats()["rejected_503"]
            results = get_many(port, ["/block"] * 10)
            statuses = sorted(r[0] for r in results)
            self.assertEqual(statuses.count(200), 2, statuses)
            self.assertEqual(statuses.count(503), 8, statuses)
            rejected = next(r for r in results if r[0] == 503)
            self.assertEqual(rejected[1].get("retry-after"), "1")
            self.assertEqual(body_json(rejected), {"detail": "Service Unavailable"})
            self.assertEqual(get_engine().stats()["rejected_503"] - before, 8)
            self.assertEqual(get(port, "/block")[0], 200, "the server recovers once the queue drains")
        finally:
            app.stop()


if __name__ == "__main__":
    unittest.main()
