"""Lifespans as FastAPI composes them. Every router has a lifespan context: its ``lifespan=`` (an async
context manager factory, or an async or plain generator function), or by default one that runs its
``on_startup``/``on_shutdown`` handlers. ``include_router`` nests the included router's context inside
the includer's, and their states merge (the outer one wins a key). The app runs its router's context
on the engine's event loop when serving starts and stops (TestClient: entering and leaving ``with``), or on
the caller's loop when an ASGI server drives it (its ``lifespan`` messages)."""
from __future__ import annotations

import asyncio
import contextlib
import inspect
from collections.abc import AsyncIterator, Callable
from typing import Any

from ._starlette.utils import is_async_callable

LifespanContext = Callable[[Any], contextlib.AbstractAsyncContextManager[Any]]


def lifespan_context(lifespan: Callable[[Any], Any]) -> LifespanContext:
    """``lifespan`` as a factory of async context managers, whatever form it was written in."""
    if inspect.isasyncgenfunction(lifespan):
        return contextlib.asynccontextmanager(lifespan)
    if inspect.isgeneratorfunction(lifespan):
        plain = contextlib.contextmanager(lifespan)

        @contextlib.asynccontextmanager
        async def lifted(app: Any) -> AsyncIterator[Any]:
            with plain(app) as state:
                yield state
        return lifted
    return lifespan


class DefaultLifespan:
    """A router's context when it has no ``lifespan=``: runs its startup and shutdown handlers."""

    def __init__(self, router: Any) -> None:
        self._router = router

    def __call__(self, app: Any) -> DefaultLifespan:
        return self

    async def __aenter__(self) -> None:
        for handler in self._router.on_startup:
            await _call(handler)

    async def __aexit__(self, *exc_info: Any) -> None:
        for handler in self._router.on_shutdown:
            await _call(handler)


def merge_lifespans(outer: LifespanContext, nested: LifespanContext) -> LifespanContext:
    @contextlib.asynccontextmanager
    async def merged(app: Any) -> AsyncIterator[dict[str, Any] | None]:
        async with outer(app) as outer_state:
            async with nested(app) as nested_state:
                if outer_state is None and nested_state is None:
                    yield None
                else:
                    yield {**(nested_state or {}), **(outer_state or {})}
    return merged


class Lifespan:
    """Runs an app's lifespan (its router's context) and keeps what it yielded: each request's
    ``request.state`` starts from it. ``startup``/``shutdown`` run it on a loop from another thread (the
    engine's); ``enter``/``exit`` on the running loop (an ASGI server's). As Starlette's TestClient, each client
    entering ``with`` runs a lifespan of its own, and leaving ends that one: ``enter`` returns a token for ``exit``."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.state: dict[str, Any] = {}   # what the lifespan started last yielded
        self._running: list[tuple[Any, dict[str, Any]]] = []   # (context, state) of each, in the order they started
        self._held: dict[Any, tuple[asyncio.Future[None], asyncio.Task[None]]] = {}   # startup's: token -> (stop, task)

    def startup(self, loop: asyncio.AbstractEventLoop) -> Any:
        """Starts a lifespan on ``loop`` (from another thread) in a task of its own that lives until ``shutdown``,
        as Starlette's TestClient and uvicorn run it: a task group or cancel scope the lifespan holds across its
        ``yield`` must be left in the task that entered it."""
        return asyncio.run_coroutine_threadsafe(self._start_held(), loop).result()

    def shutdown(self, loop: asyncio.AbstractEventLoop, token: Any = None) -> None:
        if self._running:
            token = token if token is not None else self._running[-1][0]
            asyncio.run_coroutine_threadsafe(self._end_held(token), loop).result()

    async def _start_held(self) -> Any:
        loop = asyncio.get_running_loop()
        started: asyncio.Future[Any] = loop.create_future()
        stop: asyncio.Future[None] = loop.create_future()

        async def held() -> None:
            try:
                token = await self.enter()
            except BaseException as exc:
                started.set_exception(exc)
                return
            started.set_result(token)
            await stop
            await self.exit(token=token)

        task = loop.create_task(held())
        token = await started
        self._held[token] = (stop, task)
        return token

    async def _end_held(self, token: Any) -> None:
        if token not in self._held:   # entered on a running loop (``enter``): left the same way
            await self.exit(token=token)
            return
        stop, task = self._held.pop(token)
        stop.set_result(None)
        await task

    async def enter(self) -> Any:
        context = self.app.router.lifespan_context(self.app)
        self.state = dict(await context.__aenter__() or {})
        self._running.append((context, self.state))
        return context

    async def exit(self, error: BaseException | None = None, token: Any = None) -> None:
        """Leaves the lifespan ``token`` started (the last one started if None), with ``error`` raised at its
        ``yield`` if given (as an ``async with`` block that raised)."""
        running = [entry for entry in self._running if token is None or entry[0] is token]
        if not running:
            return
        entry = running[-1]
        self._running.remove(entry)
        try:
            await entry[0].__aexit__(type(error) if error else None, error, error.__traceback__ if error else None)
        finally:
            # over with the lifespan: later requests (a client used without ``with``) see none, or the one still running
            self.state = self._running[-1][1] if self._running else {}


async def _call(handler: Callable[[], Any]) -> None:
    """As Starlette's router: a handler is awaited when it is an async callable; what a plain one returns is dropped
    (a sync decorator's wrapper of an async function, or ``lambda: client.aclose()``, starts a coroutine that never
    runs, with Python's "never awaited" warning)."""
    if is_async_callable(handler):
        await handler()
    else:
        handler()
