"""All of an app's async code runs on one thread, the event loop's, as in FastAPI: its lifespan, async
dependencies before and after their ``yield``, async handlers before and after they suspend, and background
tasks. Apps rely on it for objects bound to their thread, like a sqlite3 connection (check_same_thread)."""
from __future__ import annotations

import asyncio
import sqlite3
import threading
import unittest
from contextlib import asynccontextmanager

from tachyon import BackgroundTasks, Depends, FastAPI, Request
from tachyon.testclient import TestClient

seen: list[tuple[str, int]] = []


def note(where: str) -> None:
    seen.append((where, threading.get_ident()))


@asynccontextmanager
async def lifespan(app: FastAPI):
    note("lifespan")
    app.state.db = sqlite3.connect(":memory:")   # check_same_thread: usable on this thread only
    yield
    app.state.db.close()


app = FastAPI(lifespan=lifespan)


async def get_conn():
    note("dependency")
    conn = sqlite3.connect(":memory:")
    try:
        yield conn
    finally:
        note("dependency exit")
        conn.close()


@app.get("/count")
async def count(conn: sqlite3.Connection = Depends(get_conn)):
    note("handler")
    return {"n": conn.execute("select 41 + 1").fetchone()[0]}


@app.get("/ping-db")
async def ping_db(request: Request, tasks: BackgroundTasks):
    note("handler")
    await asyncio.sleep(0)
    note("handler resumed")

    async def later() -> None:
        note("background")

    tasks.add_task(later)
    return {"v": request.app.state.db.execute("select 1").fetchone()[0]}


class AsyncThreadAffinityTest(unittest.TestCase):
    def test_async_code_of_a_request_and_the_lifespan_share_the_loops_thread(self) -> None:
        seen.clear()
        with TestClient(app) as client:
            for _ in range(5):
                self.assertEqual(client.get("/count").json(), {"n": 42})
                self.assertEqual(client.get("/ping-db").json(), {"v": 1})
        places = {where for where, _ in seen}
        self.assertEqual(places, {"lifespan", "dependency", "dependency exit", "handler", "handler resumed", "background"})
        self.assertEqual(len({thread for _, thread in seen}), 1, seen)


if __name__ == "__main__":
    unittest.main()
