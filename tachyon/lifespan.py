"""An app's lifespan: ``lifespan=`` (an async context manager factory) or on_startup/on_shutdown handlers,
run on the engine's event loop when serving starts and stops (TestClient: entering and leaving ``with``)."""
from __future__ import annotations

import asyncio
import contextlib
import inspect
from collections.abc import Callable
from typing import Any


class Lifespan:
    def __init__(self, app: Any, lifespan: Callable[[Any], Any] | None,
                 on_startup: list[Callable[[], Any]] | None, on_shutdown: list[Callable[[], Any]] | None) -> None:
        self.app = app
        self.factory = lifespan
        self.on_startup = list(on_startup or [])
        self.on_shutdown = list(on_shutdown or [])
        self.state: dict[str, Any] = {}  # what the lifespan yielded: each request's ``request.state`` starts from it
        self._context: Any = None

    def add_event_handler(self, event_type: str, func: Callable[..., Any]) -> None:
        if event_type not in ("startup", "shutdown"):
            raise AssertionError(f"unknown event type {event_type!r}: use 'startup' or 'shutdown'")
        (self.on_startup if event_type == "startup" else self.on_shutdown).append(func)

    def startup(self, loop: asyncio.AbstractEventLoop) -> None:
        asyncio.run_coroutine_threadsafe(self._enter(), loop).result()

    def shutdown(self, loop: asyncio.AbstractEventLoop) -> None:
        if self._context is not None:
            asyncio.run_coroutine_threadsafe(self._exit(), loop).result()

    async def _enter(self) -> None:
        if self.factory is not None:
            context = self.factory(self.app)
            if not hasattr(context, "__aenter__"):  # a plain async generator function
                context = contextlib.asynccontextmanager(self.factory)(self.app)
            self._context = context
            self.state = dict(await context.__aenter__() or {})
        else:
            self._context = True
            for handler in self.on_startup:
                await _call(handler)

    async def _exit(self) -> None:
        context, self._context = self._context, None
        if context is True:
            for handler in self.on_shutdown:
                await _call(handler)
        else:
            await context.__aexit__(None, None, None)


async def _call(handler: Callable[[], Any]) -> None:
    result = handler()
    if inspect.isawaitable(result):
        await result
