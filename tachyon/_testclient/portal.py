"""The TestClient's ``portal`` (Starlette's is an anyio BlockingPortal): runs code on the engine's event loop,
where the app's async code runs, from the test's thread, and waits for it. A test uses it to call the app's
async functions (a database pool the lifespan opened, say) or to start a task there."""
from __future__ import annotations

import asyncio
import concurrent.futures
import inspect
from collections.abc import Callable
from typing import Any


class LoopPortal:
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def call(self, func: Callable[..., Any], *args: Any) -> Any:
        """``func(*args)`` on the loop (awaited when it gives an awaitable): its result, or its exception raised here."""
        return self.start_task_soon(func, *args).result()

    def start_task_soon(self, func: Callable[..., Any], *args: Any, name: object = None) -> concurrent.futures.Future:
        """Starts ``func(*args)`` on the loop (a coroutine as a task named ``name``); the future of its outcome."""
        if _running_loop() is self._loop:
            raise RuntimeError("This method cannot be called from the event loop thread")   # it would wait for itself
        future: concurrent.futures.Future = concurrent.futures.Future()

        def start() -> None:
            try:
                result = func(*args)
            except BaseException as error:  # noqa: BLE001 (handed to the caller, as anyio's portal does)
                future.set_exception(error)
                return
            if not inspect.isawaitable(result):
                future.set_result(result)
                return
            task = asyncio.ensure_future(result)
            if name is not None:
                task.set_name(str(name))
            task.add_done_callback(lambda done: _settle(future, done))
        self._loop.call_soon_threadsafe(start)
        return future


def _settle(future: concurrent.futures.Future, task: asyncio.Future) -> None:
    if task.cancelled():
        future.cancel()
    elif task.exception() is not None:
        future.set_exception(task.exception())
    else:
        future.set_result(task.result())


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None
