"""Inline steps (opt-in, TACHYON_INLINE_ASYNC=1): ``async def`` handlers stepped on the request's own thread while
the event loop waits. test_inline_steps.py runs these in a process with the opt-in set.

What a handler sees must not depend on where its first step ran: the engine's loop as the running loop,
tasks and timers it starts running on that loop, and routes that always suspend handed back to the loop.
"""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
import threading
import time
import unittest
from pathlib import Path

from tachyon import FastAPI
from tachyon._boundary.engine import get_engine
from tachyon.testclient import TestClient
from tests.concurrency import body_json, get_many

ROOT = Path(__file__).resolve().parent.parent

app = FastAPI()
started_tasks: list[str] = []


@app.get("/loop")
async def which_loop():
    return {"loop_id": id(asyncio.get_running_loop()), "thread": threading.current_thread().name}


@app.get("/sync-loop")
def sync_loop():
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return {"running_loop": False}
    return {"running_loop": True}


@app.get("/fire/{tag}")
async def fire_and_forget(tag: str):
    async def record() -> None:
        started_tasks.append(tag)

    asyncio.get_running_loop().create_task(record())  # nobody awaits it: the loop must still run it
    return {"fired": tag}


@app.get("/timeout")
async def timeout():
    try:
        await asyncio.wait_for(asyncio.sleep(5), timeout=0.05)
    except asyncio.TimeoutError:
        return {"timed_out": True}
    return {"timed_out": False}


@app.get("/suspends")
async def suspends():
    await asyncio.sleep(0)
    return {"suspended": True}


@app.get("/finishes")
async def finishes():
    return {"suspended": False}


def inline_steps() -> int:
    return get_engine().stats()["inline_steps"]


class InlineStepsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.client = TestClient(app)
        cls.client.get("/finishes")  # starts the server and its loop
        cls.port = app.start().port

    def test_async_handlers_are_stepped_inline(self) -> None:
        before = inline_steps()
        for _ in range(30):
            self.assertEqual(self.client.get("/finishes").json(), {"suspended": False})
        # The loop waits in epoll between these sequential requests, so nearly all run inline.
        self.assertGreaterEqual(inline_steps() - before, 25)

    def test_the_running_loop_is_the_engine_loop_wherever_the_step_ran(self) -> None:
        loop_ids = {body_json(r)["loop_id"] for r in get_many(self.port, ["/loop"] * 40)}
        loop_ids.add(self.client.get("/loop").json()["loop_id"])
        self.assertEqual(loop_ids, {id(get_engine().lanes.loop)})

    def test_def_handlers_see_no_running_loop(self) -> None:
        get_many(self.port, ["/loop"] * 20)  # inline steps on the transport threads first
        results = get_many(self.port, ["/sync-loop"] * 20)
        self.assertEqual({body_json(r)["running_loop"] for r in results}, {False})

    def test_fire_and_forget_task_runs(self) -> None:
        for i in range(10):
            self.assertEqual(self.client.get(f"/fire/t{i}").status_code, 200)
        deadline = time.monotonic() + 2
        while len([t for t in started_tasks if t.startswith("t")]) < 10 and time.monotonic() < deadline:
            time.sleep(0.01)
        self.assertEqual(sorted(t for t in started_tasks if t.startswith("t")), sorted(f"t{i}" for i in range(10)))

    def test_timer_started_inline_fires(self) -> None:
        started = time.perf_counter()
        self.assertEqual(self.client.get("/timeout").json(), {"timed_out": True})
        self.assertLess(time.perf_counter() - started, 2)

    def test_route_that_always_suspends_goes_to_the_loop(self) -> None:
        for _ in range(10):  # enough suspensions to decide
            self.client.get("/suspends")
        before = inline_steps()
        for _ in range(40):
            self.assertEqual(self.client.get("/suspends").json(), {"suspended": True})
        self.assertLessEqual(inline_steps() - before, 2, "only the occasional probe is stepped inline")

    def test_mixed_concurrent_load_answers_everything(self) -> None:
        paths = ["/finishes", "/suspends", "/sync-loop", "/timeout", "/fire/mixed"] * 20
        results = get_many(self.port, paths)
        self.assertEqual([r[0] for r in results], [200] * len(paths))


class InlineStepsSwitchTest(unittest.TestCase):
    def test_disabled_by_environment(self) -> None:
        script = textwrap.dedent("""
            from tachyon import FastAPI
            from tachyon._boundary.engine import get_engine
            from tachyon.testclient import TestClient
            app = FastAPI()
            @app.get("/")
            async def root():
                return {"ok": True}
            client = TestClient(app)
            assert all(client.get("/").json() == {"ok": True} for _ in range(20))
            stats = get_engine().stats()
            print(stats["inline_steps"], stats["requests"])
        """)
        env = {**os.environ, "PYTHONPATH": str(ROOT), "TACHYON_INLINE_STEPS": "0"}
        done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=60)
        self.assertEqual(done.returncode, 0, done.stderr)
        inline, requests = map(int, done.stdout.split())
        self.assertEqual((inline, requests), (0, 20))


if __name__ == "__main__":
    unittest.main()
