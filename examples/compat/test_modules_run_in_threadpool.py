"""``run_in_threadpool`` and the ``concurrency`` module (FastAPI's fastapi/concurrency.py, which re-exports
Starlette's ``run_in_threadpool`` (``anyio.to_thread.run_sync`` of ``functools.partial(func, *args,
**kwargs)``, copying the context), ``iterate_in_threadpool`` and ``run_until_first_complete``, and defines
``contextmanager_in_threadpool``; it also re-exports ``asynccontextmanager``)."""
import asyncio
import contextlib
import threading
import unittest

from examples.compat import modules_run_in_threadpool
from tachyon import concurrency
from tachyon.concurrency import run_in_threadpool
from tests.client_case import AppTestCase


class RunInThreadpoolTest(AppTestCase):
    app = modules_run_in_threadpool.app

    def test_result_comes_back(self) -> None:
        response = self.client.get("/books/978-0441172719")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {
            "isbn": "978-0441172719", "title": "Dune", "label": "book:978-0441172719",
            "ran_on_event_loop_thread": False,
        })

    def test_keyword_arguments_pass_through(self) -> None:
        response = self.client.get("/books/978-0141439518", params={"uppercase": "true"})
        self.assertEqual(response.json()["title"], "PRIDE AND PREJUDICE")

    def test_exception_propagates(self) -> None:
        response = self.client.get("/books/000")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json(), {"detail": "No book with ISBN 000"})

    def test_outside_an_app(self) -> None:
        async def main() -> str:
            return await run_in_threadpool("-".join, ["a", "b"])

        self.assertEqual(asyncio.run(main()), "a-b")

    def test_module_exports(self) -> None:
        for name in ("run_in_threadpool", "iterate_in_threadpool", "contextmanager_in_threadpool",
                     "run_until_first_complete", "asynccontextmanager"):
            with self.subTest(name=name):
                self.assertTrue(hasattr(concurrency, name), f"tachyon.concurrency has no {name}")

    def test_iterate_in_threadpool_runs_each_next_off_the_loop(self) -> None:
        def numbers():
            for n in range(3):
                yield n, threading.current_thread() is threading.main_thread()

        async def main() -> list:
            return [item async for item in concurrency.iterate_in_threadpool(numbers())]

        self.assertEqual(asyncio.run(main()), [(0, False), (1, False), (2, False)])

    def test_contextmanager_in_threadpool_enters_exits_and_can_suppress(self) -> None:
        events = []

        @contextlib.contextmanager
        def resource():
            events.append(("enter", threading.current_thread() is threading.main_thread()))
            try:
                yield "r"
            except KeyError:
                events.append("suppressed")
            events.append("exit")

        async def main() -> None:
            async with concurrency.contextmanager_in_threadpool(resource()) as value:
                events.append(value)
            async with concurrency.contextmanager_in_threadpool(resource()):
                raise KeyError("x")
            with self.assertRaises(ValueError):
                async with concurrency.contextmanager_in_threadpool(resource()):
                    raise ValueError("kept")

        asyncio.run(main())
        self.assertEqual(events, [("enter", False), "r", "exit", ("enter", False), "suppressed", "exit",
                                  ("enter", False)])

    def test_run_until_first_complete_cancels_the_rest(self) -> None:
        cancelled = []

        async def quick() -> None:
            await asyncio.sleep(0)

        async def slow(name: str) -> None:
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                cancelled.append(name)
                raise

        async def main() -> None:
            await concurrency.run_until_first_complete((slow, {"name": "a"}), (quick, {}), (slow, {"name": "b"}))

        asyncio.run(main())
        self.assertEqual(sorted(cancelled), ["a", "b"])


if __name__ == "__main__":
    unittest.main()
