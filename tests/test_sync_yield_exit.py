"""The exit code of a ``def`` route's plain ``yield`` dependencies runs after the response on a sync lane, in
practice the one that ran the setup, as FastAPI's thread pool does: a ``sqlite3`` connection made with
``check_same_thread`` (the default) can be closed there. It never runs on the event loop's thread, so an exit
that blocks does not hold up async requests; and such routes never run inline on a socket thread."""
from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
import unittest
from typing import Annotated

from tachyon import Depends, FastAPI
from tachyon._boundary.engine import get_engine
from tachyon.testclient import TestClient
from tests.concurrency import get, get_many, wait_for

app = FastAPI()
closed: list[tuple[str, str]] = []        # (thread of the setup, thread of the exit)
close_errors: list[BaseException] = []
slow_exit = {"seconds": 0.0, "started": threading.Event(), "done": threading.Event()}


def get_db():
    entered = threading.current_thread().name
    db = sqlite3.connect(":memory:")   # check_same_thread=True: only its own thread may use or close it
    try:
        yield db
    finally:
        try:
            db.close()
        except sqlite3.ProgrammingError as error:
            close_errors.append(error)
        closed.append((entered, threading.current_thread().name))


def slow_session():
    yield "session"
    slow_exit["started"].set()
    time.sleep(slow_exit["seconds"])
    slow_exit["done"].set()


@app.get("/sum")
def sum_in_sqlite(a: int, b: int, db: Annotated[sqlite3.Connection, Depends(get_db)]):
    (total,) = db.execute("SELECT ? + ?", (a, b)).fetchone()
    return {"sum": total, "thread": threading.current_thread().name}


@app.get("/slow-exit")
def with_slow_exit(session: Annotated[str, Depends(slow_session)]):
    return {"session": session}


@app.get("/fast")
async def fast():
    await asyncio.sleep(0)   # served by the loop
    return {"fast": True}


class SyncYieldExitTest(unittest.TestCase):
    def test_a_sqlite_connection_closes_on_the_thread_that_opened_it(self) -> None:
        closed.clear()
        close_errors.clear()
        inline_before = get_engine().stats()["inline_calls"]
        with TestClient(app) as client:
            for n in range(60):   # well past the trial after which a def route would run inline
                response = client.get("/sum", params={"a": n, "b": 1})
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.json()["sum"], n + 1)
                self.assertTrue(response.json()["thread"].startswith("tachyon-sync-lane-"), response.json())
        wait_for(lambda: len(closed) == 60)
        self.assertEqual(close_errors, [])
        self.assertEqual(len(closed), 60)
        self.assertEqual([entered for entered, exited in closed if entered != exited], [])
        self.assertEqual(get_engine().stats()["inline_calls"], inline_before, "a route with def yield dependencies stays on the lanes")

    def test_an_exit_that_blocks_does_not_hold_up_async_requests(self) -> None:
        port = app.start(port=0).port
        try:
            slow_exit.update(seconds=0.6, started=threading.Event(), done=threading.Event())
            status, _, body, _ = get(port, "/slow-exit")
            self.assertEqual((status, body), (200, b'{"session":"session"}'))
            self.assertTrue(slow_exit["started"].wait(2), "the exit code runs after the response")
            results = get_many(port, ["/fast"] * 4)
            self.assertFalse(slow_exit["done"].is_set(), "the exit code was still running")
            self.assertEqual([r[0] for r in results], [200] * 4)
            self.assertLess(max(r[3] for r in results), 0.3, [r[3] for r in results])
            self.assertTrue(slow_exit["done"].wait(2))
        finally:
            app.stop()


if __name__ == "__main__":
    unittest.main()
